"""Grassroots mediation at national scale: the commune's board, the province's statistics and the national
roll-up, against the same reads written by hand in SQL in the same run (issue 16: p95 <= 1.5 x raw SQL).

The real 34 provinces and 3,321 communes, one residential area and one mediation team per commune, and 30
matters per commune per year over two years (199,260 matters) in every state: waiting, late to start,
being mediated, agreed (followed, carried out, broken), no agreement, stopped, not mediable; and two
disputes per commune (6,642) in every state. Timed 30 times
after a warm-up:
- "board": the commune's board, the counts of what to act on — matters to assign, late to start, agreements
  to follow (`selectors.workload`), disputes at risk and hot spots (`selectors.dispute_counts`);
- "list": the commune's first page of matters (the rows and the bounded count), for information: the ORM
  builds a model per row and unit named where the raw SQL returns tuples;
- "province" and "national": `selectors.statistics` for the year (totals, by unit a level down, by subject
  and outcome);
and, for each, the whole page through the test client (middleware, access layer, template), for information.

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench_mediation .venv/bin/python bench/mediation.py
    BENCH_REUSE=1 ...   # time again on the database the last run built

It creates (and, on PostgreSQL, drops) its own database; never point it at real data.
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["ANTQ_VAR_DIR"] = str(ROOT / "var" / "bench")

import django  # noqa: E402

django.setup()

from access_layer import prepare_database  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PER_YEAR = int(os.environ.get("BENCH_CASES", 30))
REPEAT = 30
# (status, compliance, weight)
STATES = [("received", "", 8), ("assigned", "", 6), ("in_progress", "", 8), ("agreed", "following", 10),
          ("agreed", "complied", 28), ("agreed", "breached", 6), ("not_agreed", "", 16), ("stopped", "", 12),
          ("declined", "", 6)]


def build(this_year: int) -> None:
    from django.utils import timezone

    from antq.core.text import fold
    from antq.geo.models import AdminUnit, UnitType
    from antq.geo.services import official_units_load
    from antq.mediation.models import MediationCase, MediationTeam, Subject

    official_units_load(actor=None)
    ap = UnitType.objects.select_related("level").get(code="ap")
    communes = list(AdminUnit.objects.of_level("commune"))
    areas = [AdminUnit(name=f"Ấp 1 {c.name}", search_name=fold(f"Ấp 1 {c.name}"), unit_type=ap, level=ap.level,
                       parent=c) for c in communes]
    AdminUnit.objects.bulk_create(areas, batch_size=5000)
    for area, commune in zip(areas, communes, strict=True):
        area.path, area.depth = f"{commune.path}{area.pk}/", 3
    AdminUnit.objects.bulk_update(areas, ["path", "depth"], batch_size=5000)
    teams = MediationTeam.objects.bulk_create([MediationTeam(unit=a, commune=c, name=f"Tổ hòa giải {a.name}")
                                               for a, c in zip(areas, communes, strict=True)], batch_size=5000)
    subjects = list(Subject.objects.filter(mediable=True))
    declined_as = Subject.objects.get(code="criminal")
    states = [state for state in STATES for _ in range(state[2])]
    rng = random.Random(16)
    today = timezone.localdate()
    batch = []
    for year in (this_year - 1, this_year):
        for team, area, commune in zip(teams, areas, communes, strict=True):
            for number in range(1, PER_YEAR + 1):
                status, compliance, _weight = rng.choice(states)
                day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(
                    (today - datetime.date(year, 1, 1)).days if year == this_year else 365))
                received = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
                assigned = status != "received" and status != "declined"
                batch.append(MediationCase(
                    commune_id=commune.pk, province_id=commune.parent_id, unit_id=area.pk, team_id=team.pk,
                    register_year=year, register_number=number, source="request", subject=rng.choice(subjects),
                    description="Vụ việc thử tải", received_at=received, status=status,
                    assigned_at=received if assigned else None,
                    start_due=day + datetime.timedelta(days=3) if assigned else None,
                    declined_subject=declined_as if status == "declined" else None, compliance=compliance))
                if len(batch) == 10_000:
                    MediationCase.objects.bulk_create(batch)
                    batch = []
    MediationCase.objects.bulk_create(batch)
    from antq.mediation.models import Dispute
    from antq.orgs.models import User

    owner = User.objects.create(username="bench.owner", full_name="Cán bộ thử tải")
    disputes = []
    for commune, area in zip(communes, areas, strict=True):
        for _n in range(2):
            state = rng.choice(["watched", "watched", "risk", "hot_spot", "resolved", "resolved"])
            disputes.append(Dispute(commune_id=commune.pk, province_id=commune.parent_id, unit_id=area.pk,
                                    kind="dispute", subject=subjects[0], title="Tranh chấp thử tải",
                                    description="Thử tải", people_involved=rng.randrange(2, 80), began_on=today,
                                    owner=owner, state=state))
    Dispute.objects.bulk_create(disputes, batch_size=5000)


def people():
    from antq.geo.models import AdminUnit
    from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User
    from antq.orgs.tests.factories import verified_login

    commune = AdminUnit.objects.get(level__code="commune", code="25459")
    province = AdminUnit.objects.get(level__code="province", code="80")
    root = AdminUnit.objects.get(parent__isnull=True)
    org_type = OrganisationType.objects.first()
    users = {}
    for name, scope, role in [("commune", commune, "commune_front"), ("province", province, "province_leader"),
                              ("national", root, "central_leader")]:
        user, created = User.objects.get_or_create(username=f"bench.{name}",
                                                   defaults={"home_unit": scope, "full_name": f"Thử tải {name}"})
        if created:
            org = Organisation.objects.create(unit=scope, org_type=org_type, name=f"Cơ quan {name}")
            RoleAssignment.objects.create(user=user, organisation=org, role=Role.objects.get(code=role), scope=scope)
        client = Client()
        verified_login(client, user)
        users[name] = (User.objects.get(pk=user.pk), client, scope)
    return users


def raw_sql(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


COUNTS = ("COUNT(*), COUNT(*) FILTER (WHERE status = 'agreed'), COUNT(*) FILTER (WHERE status = 'not_agreed'), "
          "COUNT(*) FILTER (WHERE status = 'stopped'), COUNT(*) FILTER (WHERE status = 'declined'), "
          "COUNT(*) FILTER (WHERE status IN ('received', 'assigned', 'in_progress')), "
          "COUNT(*) FILTER (WHERE status = 'assigned' AND start_due < %(today)s), "
          "COUNT(*) FILTER (WHERE compliance = 'following'), COUNT(*) FILTER (WHERE compliance = 'breached')")
YEAR = "received_at >= %(start)s AND received_at < %(end)s"


def raw_statistics(scope: str, group: str, params: dict):
    where = f"{YEAR} AND {scope}"
    table = "mediation_mediationcase"
    rows = raw_sql(f"SELECT {group}, {COUNTS} FROM {table} WHERE {where} GROUP BY {group}", params)  # noqa: S608
    totals = [sum(row[i] for row in rows) for i in range(1, 10)]
    names = raw_sql("SELECT id, name FROM geo_adminunit WHERE id = ANY(%(ids)s)", {"ids": [r[0] for r in rows]})
    subjects = raw_sql(f"SELECT subject_id, status, COUNT(*) FROM {table} WHERE {where} "  # noqa: S608
                       "GROUP BY subject_id, status", params)
    return totals, rows, names, subjects


def raw_board(params: dict):
    table = "mediation_mediationcase"
    work = raw_sql(f"SELECT COUNT(*) FILTER (WHERE status = 'received'), "  # noqa: S608 - bench
                   "COUNT(*) FILTER (WHERE status = 'assigned' AND start_due < %(today)s), "
                   f"COUNT(*) FILTER (WHERE compliance = 'following') FROM {table} WHERE commune_id = %(unit)s",
                   params)
    live = raw_sql("SELECT COUNT(*) FILTER (WHERE state = 'watched'), COUNT(*) FILTER (WHERE state = 'risk'), "
                   "COUNT(*) FILTER (WHERE state = 'hot_spot') FROM mediation_dispute "
                   "WHERE commune_id = %(unit)s AND state IN ('watched', 'risk', 'hot_spot')", params)
    return work, live


def raw_list(params: dict):
    table = "mediation_mediationcase"
    page = raw_sql(f"SELECT m.id, m.register_number, m.register_year, m.received_at, m.status, m.start_due, "  # noqa: S608
                   f"s.name, u.name, c.name FROM {table} m JOIN mediation_subject s ON s.id = m.subject_id "
                   "LEFT JOIN geo_adminunit u ON u.id = m.unit_id JOIN geo_adminunit c ON c.id = m.commune_id "
                   "WHERE m.commune_id = %(unit)s ORDER BY m.received_at DESC LIMIT 50", params)
    count = raw_sql(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE commune_id = %(unit)s LIMIT 10001) x",  # noqa: S608
                    params)
    return page, count


def report_row(name, orm, raw, url, client):
    """One line of a national-scale bench: the ORM read (and its queries), the same read in raw SQL, their
    p95 ratio, and the whole page through the test client."""
    connection.queries_log.clear()  # a full log (the build's queries) would hide the ones counted here
    with CaptureQueriesContext(connection) as queries:
        orm()
    orm50, orm95 = timings(orm)
    raw50, raw95 = timings(raw)
    if client.get(url).status_code != 200:
        raise SystemExit(f"{url}: not 200")
    page50, page95 = timings(lambda: client.get(url))
    print(f"{name:<10} {orm50:8.1f} {orm95:7.1f} {len(queries):8d} {raw50:8.1f} {raw95:7.1f} "
          f"{orm95 / raw95:9.2f} {page50:9.1f} {page95:7.1f}")


def timings(fn):
    fn()
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main():
    from django.utils import timezone

    from antq.core.views import BoundedPaginator
    from antq.mediation import selectors
    from antq.mediation.models import Dispute, MediationCase
    from antq.mediation.tables import MediationCaseTable

    print(f"database: {connection.vendor}")
    if connection.vendor != "postgresql":
        raise SystemExit("the raw SQL here is PostgreSQL's (FILTER, ANY): run with DATABASE_URL=postgres://…")
    year = timezone.localdate().year
    start = time.perf_counter()
    if os.environ.get("BENCH_REUSE") != "1":
        prepare_database()
        build(year)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"{MediationCase.objects.count():,} matters; built in {time.perf_counter() - start:.0f} s")
    users = people()
    today = timezone.localdate()
    bounds = {"start": timezone.make_aware(datetime.datetime(year, 1, 1)),
              "end": timezone.make_aware(datetime.datetime(year + 1, 1, 1)), "today": today}
    print(f"{'read':<10} {'ORM p50':>8} {'p95':>7} {'queries':>8} {'raw p50':>8} {'p95':>7} {'ratio p95':>9} "
          f"{'page p50':>9} {'p95':>7}")

    row = report_row

    user, client, commune = users["commune"]

    def board():
        def cases():
            return MediationCase.objects.visible_to(user, selectors.perms.VIEW_CASE).filter(commune_id=commune.pk)

        def disputes():
            return Dispute.objects.visible_to(user, selectors.perms.VIEW_DISPUTE).filter(commune_id=commune.pk)

        return (selectors.workload(cases, today, key=(*selectors.scope_key(user, "mediation.view_case"), commune.pk)),
                selectors.dispute_counts(disputes, key=(*selectors.scope_key(user, "mediation.view_dispute"),
                                                        commune.pk)))

    def first_page():
        table = MediationCaseTable(selectors.cases_of(user, selectors.perms.VIEW_CASE), today=today)
        paginator = BoundedPaginator(table.rows, 50)
        return list(paginator.page(1)), paginator.count

    params = {**bounds, "unit": commune.pk}
    row("board", board, lambda: raw_board(params), "/", client)
    row("list", first_page, lambda: raw_list(params), "/mediation/cases/", client)
    for name, scope_sql in (("province", "province_id = %(unit)s"), ("national", "1 = 1")):
        user, client, unit = users[name]
        group = selectors.GROUPS[unit.level.code]
        row(name, lambda u=user, s=unit: selectors.statistics(selectors.scoped_cases(u, s), s, year, exact=False,
                                                              today=today,
                                                              key=selectors.scope_key(u, "mediation.view_case")),
            lambda s=scope_sql, g=group, u=unit: raw_statistics(s, g, {**bounds, "unit": u.pk}),
            f"/mediation/statistics/?year={year}", client)
    connection.close()


if __name__ == "__main__":
    main()
