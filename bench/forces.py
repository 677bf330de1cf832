"""The grassroots forces at national scale: the province's and the nation's counts (teams, members, the share
trained, last year's ratings), the commune police's board counts and a member's phone page, against the same
reads written by hand in SQL in the same run.

The real 34 provinces and 3,321 communes, 30 residential areas per commune each with its team of 10 recognised
members (99,630 teams, 996,300 members); a required course per commune last spring that four members in five
passed; last year's decided team ratings; a schedule of night patrols for the phone page's member. Timed 30 times
after a warm-up:
- "board": `selectors.board_counts` for one commune's police;
- "province", "national": `selectors.counts`;
- "phone": `selectors.my_assignments` for the member (with the page itself, which must stay under 100 ms p95).

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench_forces .venv/bin/python bench/forces.py
    BENCH_REUSE=1 ...   # time again on the database the last run built

It creates (and, on PostgreSQL, drops) its own database; never point it at real data.
"""

import datetime
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings")

import django  # noqa: E402

django.setup()

import time  # noqa: E402

from access_layer import prepare_database  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from mediation import raw_sql, report_row  # noqa: E402

AREAS = int(os.environ.get("BENCH_AREAS", 30))
MEMBERS = int(os.environ.get("BENCH_MEMBERS", 10))


def build(today: datetime.date) -> None:
    from antq.core.text import fold
    from antq.forces.models import Attendance, Course, Member, Rating, SecurityTeam
    from antq.geo.models import AdminUnit, UnitType
    from antq.geo.services import official_units_load
    from antq.orgs.models import User

    official_units_load(actor=None)
    ap = UnitType.objects.select_related("level").get(code="ap")
    communes = list(AdminUnit.objects.of_level("commune"))
    areas = [AdminUnit(name=f"Ấp {n} {c.name}", search_name=fold(f"Ấp {n} {c.name}"), unit_type=ap, level=ap.level,
                       parent=c) for c in communes for n in range(1, AREAS + 1)]
    AdminUnit.objects.bulk_create(areas, batch_size=5000)
    by_pk = {c.pk: c for c in communes}
    for area in areas:
        area.path, area.depth = f"{by_pk[area.parent_id].path}{area.pk}/", 3
    AdminUnit.objects.bulk_update(areas, ["path", "depth"], batch_size=5000)
    officer = User.objects.create(username="bench.officer", full_name="Cán bộ thử tải")
    decided = datetime.date(today.year - 2, 9, 1)
    teams = SecurityTeam.objects.bulk_create([
        SecurityTeam(commune_id=a.parent_id, province_id=by_pk[a.parent_id].parent_id, name=f"Tổ {a.name}",
                     decision_number="1/QĐ-UBND", decided_on=decided) for a in areas], batch_size=5000)
    SecurityTeam.areas.through.objects.bulk_create([
        SecurityTeam.areas.through(securityteam_id=t.pk, adminunit_id=a.pk) for t, a in zip(teams, areas, strict=True)],
        batch_size=10000)
    rng = random.Random(18)
    roles = ["leader", "deputy"] + ["member"] * (MEMBERS - 2)
    members = []
    for team, area in zip(teams, areas, strict=True):
        members += [Member(team_id=team.pk, commune_id=team.commune_id, province_id=team.province_id,
                           full_name="Nguyễn Văn Thử", birth_date=datetime.date(1970 + rng.randrange(30), 1, 1),
                           id_number="", area_id=area.pk, education="lower_secondary", role=roles[n],
                           state="recognised", proposed_on=decided, recognised_on=decided, decision_number="2/QĐ")
                    for n in range(MEMBERS)]
    Member.objects.bulk_create(members, batch_size=10000)
    spring = datetime.date(today.year, 4, 1) if today.month > 4 else datetime.date(today.year - 1, 10, 1)
    courses = {c.commune_id: c for c in Course.objects.bulk_create([
        Course(commune_id=c.pk, province_id=c.parent_id, title="Nghiệp vụ", content="Tuần tra", trainer="Công an",
               starts_on=spring, ends_on=spring + datetime.timedelta(days=2), required=True, created_by=officer)
        for c in communes], batch_size=5000)}
    Attendance.objects.bulk_create([
        Attendance(course_id=courses[m.commune_id].pk, member_id=m.pk,
                   result="passed" if rng.random() < 0.8 else "absent") for m in members], batch_size=10000)
    grades = ["excellent", "good", "good", "completed", "completed", "not_completed"]
    Rating.objects.bulk_create([
        Rating(year=today.year - 1, team_id=t.pk, commune_id=t.commune_id, province_id=t.province_id, tasks_done=9,
               tasks_total=10, draft_grade="good", grade=rng.choice(grades), state="decided",
               decision_number="9/QĐ-UBND", decided_on=datetime.date(today.year - 1, 12, 20)) for t in teams],
        batch_size=10000)


def users():
    from antq.forces import services
    from antq.forces.models import Member, Schedule
    from antq.geo.models import AdminUnit
    from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User
    from antq.orgs.tests.factories import verified_login

    commune = AdminUnit.objects.get(level__code="commune", code="25459")
    found = {}
    for name, scope, role in [("commune", commune, "commune_police"),
                              ("province", AdminUnit.objects.get(level__code="province", code="80"), "province_police"),
                              ("national", AdminUnit.objects.get(parent__isnull=True), "central_leader"),
                              ("member", commune, "security_team_member")]:
        user, created = User.objects.get_or_create(username=f"bench.{name}",
                                                   defaults={"home_unit": scope, "full_name": f"Thử tải {name}"})
        if created:
            org = Organisation.objects.create(unit=scope, org_type=OrganisationType.objects.first(),
                                              name=f"Cơ quan {name}")
            RoleAssignment.objects.create(user=user, organisation=org, role=Role.objects.get(code=role), scope=scope)
        client = Client()
        verified_login(client, user)
        found[name] = (User.objects.get(pk=user.pk), client, scope)
    member_user = found["member"][0]
    if not Member.objects.filter(user=member_user).exists():
        leader = Member.objects.filter(commune=commune, role="leader").order_by("pk").first()
        services.member_account_link(actor=found["commune"][0], member=leader, username=member_user.username)
        if not Schedule.objects.filter(team_id=leader.team_id).exists():
            from django.utils import timezone

            services.schedule_create(
                actor=found["commune"][0], team=leader.team, kind="night_patrol", title="Tuần tra đêm", place="",
                weekdays=[1, 2, 3, 4, 5, 6, 7], start_time=datetime.time(22), end_time=datetime.time(2),
                first_day=timezone.localdate(), last_day=None, per_shift=3,
                members=list(leader.team.members.all()))
    return found


def raw_counts(scope_sql: str, group: str, params: dict):
    """The same figures by hand: teams, members, those trained, last year's ratings, the units' names."""
    teams = raw_sql(f"SELECT {group}, COUNT(*) FROM forces_securityteam WHERE {scope_sql} "  # noqa: S608 - bench
                    f"AND (dissolved_on IS NULL OR dissolved_on > %(today)s) GROUP BY {group}", params)
    members = raw_sql(f"SELECT {group}, COUNT(*) FROM forces_member WHERE {scope_sql} "  # noqa: S608 - bench
                      f"AND state = 'recognised' GROUP BY {group}", params)
    member_scope = scope_sql.replace("province_id", "m.province_id")
    trained = raw_sql(
        f"SELECT m.{group}, COUNT(DISTINCT a.member_id) FROM forces_attendance a "  # noqa: S608 - bench
        "JOIN forces_course c ON c.id = a.course_id JOIN forces_member m ON m.id = a.member_id "
        f"WHERE {member_scope} AND m.state = 'recognised' AND a.result = 'passed' AND c.required "
        f"AND c.ends_on > %(since)s AND c.ends_on <= %(today)s GROUP BY m.{group}", params)
    ratings = raw_sql(f"SELECT {group}, grade, COUNT(*) FROM forces_rating WHERE {scope_sql} "  # noqa: S608 - bench
                      f"AND year = %(year)s AND member_id IS NULL AND state = 'decided' GROUP BY {group}, grade",
                      params)
    names = raw_sql("SELECT id, name FROM geo_adminunit WHERE id = ANY(%(ids)s)", {"ids": [r[0] for r in members]})
    return teams, members, trained, ratings, names


def raw_board(params: dict):
    return raw_sql(
        "SELECT COUNT(*) FILTER (WHERE state = 'proposed'), "
        "COUNT(*) FILTER (WHERE state = 'recognised' AND birth_date <= %(born_by)s) FROM forces_member "
        "WHERE commune_id = %(unit)s", params), raw_sql(
        "SELECT COUNT(*) FILTER (WHERE a.state = 'assigned' AND s.ends_at > %(now)s), "
        "COUNT(*) FILTER (WHERE a.signed_on_at IS NULL AND s.ends_at < %(now)s AND a.state <> 'declined') "
        "FROM forces_assignment a JOIN forces_shift s ON s.id = a.shift_id WHERE s.commune_id = %(unit)s "
        "AND s.cancelled_at IS NULL AND s.starts_at <= %(horizon)s AND s.ends_at >= %(month_ago)s", params), raw_sql(
        "SELECT COUNT(*) FROM forces_incident WHERE commune_id = %(unit)s AND kind = 'dispute' AND sent_as = ''",
        params)


def raw_phone(params: dict):
    return raw_sql(
        "SELECT a.*, s.*, t.* FROM forces_assignment a JOIN forces_member m ON m.id = a.member_id "
        "JOIN forces_shift s ON s.id = a.shift_id JOIN forces_securityteam t ON t.id = s.team_id "
        "WHERE m.user_id = %(user)s AND m.state = 'recognised' AND s.cancelled_at IS NULL "
        "AND s.ends_at >= %(from)s AND s.starts_at <= %(to)s ORDER BY s.starts_at, a.id", params)


def main():
    from django.utils import timezone

    from antq.core.dates import add_months
    from antq.forces import selectors
    from antq.forces.models import Member

    print(f"database: {connection.vendor}")
    if connection.vendor != "postgresql":
        raise SystemExit("the raw SQL here is PostgreSQL's (FILTER, ANY): run with DATABASE_URL=postgres://…")
    today = timezone.localdate()
    start = time.perf_counter()
    if os.environ.get("BENCH_REUSE") != "1":
        prepare_database()
        build(today)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{Member.objects.count():,} members; built in {time.perf_counter() - start:.0f} s")
    found = users()
    print(f"{'read':<10} {'ORM p50':>8} {'p95':>7} {'queries':>8} {'raw p50':>8} {'p95':>7} {'ratio p95':>9} "
          f"{'page p50':>9} {'p95':>7}")
    now = timezone.now()
    user, client, commune = found["commune"]
    born_by = selectors._ageing_born_by(today)
    report_row("board", lambda: selectors.board_counts(user, today, now),
               lambda: raw_board({"unit": commune.pk, "born_by": born_by, "now": now,
                                  "horizon": now + datetime.timedelta(hours=24),
                                  "month_ago": now - datetime.timedelta(days=30)}), "/forces/", client)
    since = add_months(today, -selectors.training_rule(today).refresh_months)
    for name, scope_sql in (("province", "province_id = %(unit)s"), ("national", "TRUE")):
        user, client, unit = found[name]
        group = selectors.GROUPS[unit.level.code]
        report_row(name, lambda u=user, s=unit: selectors.counts(u, s, today),
                   lambda s=scope_sql, g=group, u=unit: raw_counts(s, g, {
                       "unit": u.pk, "today": today, "since": since, "year": today.year - 1}),
                   f"/forces/counts/?unit={unit.pk}", client)
    user, client, _unit = found["member"]
    rule = selectors.duty_rule(today)
    report_row("phone", lambda: list(selectors.my_assignments(user, now)),
               lambda: raw_phone({"user": user.pk, "from": now - datetime.timedelta(hours=rule.sign_off_late_hours),
                                  "to": now + datetime.timedelta(days=14)}), "/forces/me/", client)
    connection.close()


if __name__ == "__main__":
    main()
