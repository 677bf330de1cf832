"""Supervision statistics at national scale (forms HCD-12 and HCD-13): the province's and the nation's roll-up
for a year and the commune's board counts, against the same reads written by hand in SQL in the same run.

The real 34 provinces and 3,321 communes, one residential area per commune, 20 people per commune (66,420), each
under one measure of a kind drawn from the six (a quarter back from prison, helped), received over two years,
some ended (served or revoked); a breach for one in eight measures (half of them warned), a helper for the
people back, and help given to one in five. Timed 30 times after a warm-up:
- "board": the commune police's counts (plans late and due soon, assessments missing and due this month,
  breaches not handled);
- "province", "national": `selectors.statistics` for the year (totals, a level down, by kind);
and, for each, the whole page through the test client, for information.

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench_supervision .venv/bin/python bench/supervision.py
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

PER_COMMUNE = int(os.environ.get("BENCH_PEOPLE", 20))


def build(today: datetime.date) -> None:
    from antq.core.text import fold
    from antq.geo.models import AdminUnit, UnitType
    from antq.geo.services import official_units_load
    from antq.orgs.models import User
    from antq.supervision.models import Assessment, Breach, Helper, Measure, MeasureType, Person, Support

    official_units_load(actor=None)
    ap = UnitType.objects.select_related("level").get(code="ap")
    communes = list(AdminUnit.objects.of_level("commune"))
    areas = [AdminUnit(name=f"Ấp 1 {c.name}", search_name=fold(f"Ấp 1 {c.name}"), unit_type=ap, level=ap.level,
                       parent=c) for c in communes]
    AdminUnit.objects.bulk_create(areas, batch_size=5000)
    for area, commune in zip(areas, communes, strict=True):
        area.path, area.depth = f"{commune.path}{area.pk}/", 3
    AdminUnit.objects.bulk_update(areas, ["path", "depth"], batch_size=5000)
    officer = User.objects.create(username="bench.officer", full_name="Cán bộ thử tải")
    kinds = list(MeasureType.objects.all())
    rng = random.Random(17)
    people = Person.objects.bulk_create([
        Person(commune_id=c.pk, province_id=c.parent_id, unit_id=a.pk, full_name="Nguyễn Văn Thử",
               birth_date="1990-01-01", id_number="079090000000", address="Số 1")
        for c, a in zip(communes, areas, strict=True) for _n in range(PER_COMMUNE)], batch_size=5000)
    measures = []
    for person in people:
        kind = rng.choice(kinds)
        intake = today - datetime.timedelta(days=rng.randrange(700))
        ended = rng.random() < 0.2
        measures.append(Measure(
            person_id=person.pk, kind=kind, reference="", started_on=intake, intake_on=intake,
            ends_on=intake + datetime.timedelta(days=365),
            plan_due=intake + datetime.timedelta(days=7) if kind.police_supervised else None,
            plan_issued_on=intake + datetime.timedelta(days=5) if kind.police_supervised and rng.random() < 0.9
            else None, state="ended" if ended else "active",
            ended_on=min(today, intake + datetime.timedelta(days=300)) if ended else None,
            end_reason=rng.choice(["completed", "completed", "revoked"]) if ended else ""))
    Measure.objects.bulk_create(measures, batch_size=5000)
    Breach.objects.bulk_create([
        Breach(measure_id=m.pk, occurred_on=m.intake_on + datetime.timedelta(days=30), what="Vắng mặt",
               warned_on=m.intake_on + datetime.timedelta(days=31) if rng.random() < 0.5 else None,
               recorded_by=officer)
        for m in measures if m.kind.police_supervised and rng.random() < 0.125], batch_size=5000)
    Assessment.objects.bulk_create([
        Assessment(measure_id=m.pk, month=(today.replace(day=1) - datetime.timedelta(days=31 * n)).replace(day=1),
                   grade=rng.choice(["good", "good", "fair", "average", "poor"]), roll_call="in_person",
                   signed_on=today, due=today, recorded_by=officer)
        for m in measures if m.kind.police_supervised and m.state == "active" for n in (1, 2, 3)], batch_size=5000)
    back = [m for m in measures if not m.kind.police_supervised]
    Helper.objects.bulk_create([Helper(person_id=m.person_id, user=officer, decision="1/QĐ-UBND",
                                       decided_on=m.intake_on, assigned_by=officer) for m in back], batch_size=5000)
    Support.objects.bulk_create([
        Support(person_id=m.person_id, kind=rng.choice(["vocational", "loan", "job", "other"]),
                given_on=m.intake_on + datetime.timedelta(days=40), provider="Thử tải", amount=10_000_000,
                outcome="", recorded_by=officer)
        for m in measures if rng.random() < 0.2], batch_size=5000)


def users():
    from antq.geo.models import AdminUnit
    from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User
    from antq.orgs.tests.factories import verified_login

    found = {}
    for name, scope, role in [("commune", AdminUnit.objects.get(level__code="commune", code="25459"),
                               "commune_police"),
                              ("province", AdminUnit.objects.get(level__code="province", code="80"), "province_police"),
                              ("national", AdminUnit.objects.get(parent__isnull=True), "central_leader")]:
        user, created = User.objects.get_or_create(username=f"bench.{name}",
                                                   defaults={"home_unit": scope, "full_name": f"Thử tải {name}"})
        if created:
            org = Organisation.objects.create(unit=scope, org_type=OrganisationType.objects.first(),
                                              name=f"Cơ quan {name}")
            RoleAssignment.objects.create(user=user, organisation=org, role=Role.objects.get(code=role), scope=scope)
        client = Client()
        verified_login(client, user)
        found[name] = (User.objects.get(pk=user.pk), client, scope)
    return found


def raw_statistics(scope_sql: str, group: str, params: dict):
    """The same figures by hand: one grouped query per table, the units' names, the kinds."""
    people = f"SELECT id FROM supervision_person WHERE {scope_sql}"  # noqa: S608 - bench
    at_end = "m.started_on <= %(end)s AND (m.ended_on IS NULL OR m.ended_on > %(end)s)"
    measures = raw_sql(
        f"SELECT p.{group}, COUNT(*) FILTER (WHERE {at_end} AND k.police_supervised), "  # noqa: S608 - bench
        "COUNT(*) FILTER (WHERE m.intake_on BETWEEN %(start)s AND %(end)s), "
        "COUNT(*) FILTER (WHERE m.end_reason = 'completed' AND m.ended_on BETWEEN %(start)s AND %(end)s), "
        "COUNT(*) FILTER (WHERE m.end_reason = 'revoked' AND m.ended_on BETWEEN %(start)s AND %(end)s), "
        f"COUNT(DISTINCT m.person_id) FILTER (WHERE {at_end} AND NOT k.police_supervised) "
        "FROM supervision_measure m JOIN supervision_person p ON p.id = m.person_id "
        "JOIN supervision_measuretype k ON k.id = m.kind_id "
        f"WHERE m.person_id IN ({people}) GROUP BY p.{group}", params)
    breaches = raw_sql(
        f"SELECT p.{group}, COUNT(*) FROM supervision_breach b JOIN supervision_measure m ON m.id = b.measure_id "  # noqa: S608
        "JOIN supervision_person p ON p.id = m.person_id "
        f"WHERE m.person_id IN ({people}) AND b.occurred_on BETWEEN %(start)s AND %(end)s GROUP BY p.{group}", params)
    helped = raw_sql(
        f"SELECT p.{group}, COUNT(DISTINCT p.id) FROM supervision_person p JOIN supervision_helper h "  # noqa: S608
        "ON h.person_id = p.id WHERE p.id IN ({}) AND h.decided_on <= %(end)s AND (h.ended_on IS NULL OR "
        "h.ended_on > %(end)s) GROUP BY p.{}".format(people, group), params)
    support = raw_sql(
        f"SELECT p.{group}, COUNT(DISTINCT s.person_id), COUNT(*) FILTER (WHERE s.kind = 'vocational'), "  # noqa: S608
        "COUNT(*) FILTER (WHERE s.kind = 'job'), COUNT(*) FILTER (WHERE s.kind = 'loan'), "
        "SUM(s.amount) FILTER (WHERE s.kind = 'loan') FROM supervision_support s "
        f"JOIN supervision_person p ON p.id = s.person_id WHERE s.person_id IN ({people}) "
        f"AND s.given_on BETWEEN %(start)s AND %(end)s GROUP BY p.{group}", params)
    grades = raw_sql(
        f"SELECT p.{group}, COUNT(*) FILTER (WHERE a.grade = 'good'), COUNT(*) FILTER (WHERE a.grade = 'fair'), "  # noqa: S608
        "COUNT(*) FILTER (WHERE a.grade = 'average'), COUNT(*) FILTER (WHERE a.grade = 'poor') "
        "FROM supervision_assessment a JOIN supervision_measure m ON m.id = a.measure_id "
        f"JOIN supervision_person p ON p.id = m.person_id WHERE m.person_id IN ({people}) "
        f"AND a.month BETWEEN %(start)s AND %(end)s GROUP BY p.{group}", params)
    names = raw_sql("SELECT id, name FROM geo_adminunit WHERE id = ANY(%(ids)s)", {"ids": [r[0] for r in measures]})
    kinds = raw_sql("SELECT m.kind_id, COUNT(*) FROM supervision_measure m "  # noqa: S608
                    f"WHERE m.person_id IN ({people}) AND {at_end} GROUP BY m.kind_id", params)
    return measures, breaches, grades, helped, support, names, kinds


def raw_board(params: dict):
    return raw_sql(
        "SELECT COUNT(*) FILTER (WHERE m.plan_issued_on IS NULL AND m.plan_due < %(today)s), "
        "COUNT(*) FILTER (WHERE m.plan_issued_on IS NULL AND m.plan_due BETWEEN %(today)s AND %(soon)s), "
        "(SELECT COUNT(*) FROM supervision_breach b JOIN supervision_measure bm ON bm.id = b.measure_id "
        " JOIN supervision_person bp ON bp.id = bm.person_id WHERE bp.commune_id = %(unit)s "
        " AND bm.state = 'active' AND b.warned_on IS NULL) "
        "FROM supervision_measure m JOIN supervision_person p ON p.id = m.person_id "
        "WHERE p.commune_id = %(unit)s AND m.state = 'active'", params)


def main():
    from django.utils import timezone

    from antq.supervision import selectors
    from antq.supervision.models import Person

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
    print(f"{Person.objects.count():,} files; built in {time.perf_counter() - start:.0f} s")
    found = users()
    year = today.year
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    print(f"{'read':<10} {'ORM p50':>8} {'p95':>7} {'queries':>8} {'raw p50':>8} {'p95':>7} {'ratio p95':>9} "
          f"{'page p50':>9} {'p95':>7}")

    row = report_row

    user, client, commune = found["commune"]

    def board():
        return selectors.board_counts(user, today)

    row("board", board, lambda: raw_board({"unit": commune.pk, "today": today,
                                           "soon": today + datetime.timedelta(days=5)}), "/", client)
    for name, scope_sql in (("province", "province_id = %(unit)s"), ("national", "TRUE")):
        user, client, unit = found[name]
        group = selectors.GROUPS[unit.level.code]
        row(name, lambda u=user, s=unit: selectors.statistics(u, s, first, last, exact=False),
            lambda s=scope_sql, g=group, u=unit: raw_statistics(s, g, {"start": first, "end": last, "unit": u.pk}),
            f"/supervision/statistics/?period=year&year={year}&n=1", client)
    connection.close()


if __name__ == "__main__":
    main()
