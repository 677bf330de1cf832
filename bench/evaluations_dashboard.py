"""National evaluations dataset and the dashboard's aggregates against the same SQL by hand.

The real 34 provinces and 3,321 communes, ~100,000 residential areas (30 per commune),
~400,000 agencies, enterprises and schools (120 per commune, a tenth of them exempt) and five
yearly cycles (an evaluation for nine units in ten each year, three in four recognised).
It times `antq.evaluations.selectors.recognition_summary` (what the dashboard page and the
API call) for the nation and for one province, against the same aggregates written in SQL,
in the same run; p50 and p95 of 30 runs. Target (issue 4): p95 within 1.5 x the raw SQL.

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench .venv/bin/python bench/evaluations_dashboard.py
    BENCH_PER_COMMUNE=3 .venv/bin/python bench/evaluations_dashboard.py   # a small run on SQLite

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

SCALE = int(os.environ.get("BENCH_PER_COMMUNE", 10))  # units per commune = 3 x SCALE areas + 12 x SCALE others
YEARS = 5
REPEAT = 30


def build(first_year: int):
    from antq.core.text import fold
    from antq.evaluations.models import CriteriaSet, Evaluation
    from antq.geo.models import AdminUnit, UnitType
    from antq.geo.services import official_units_load
    from antq.orgs.models import Establishment

    official_units_load(actor=None)
    ap = UnitType.objects.select_related("level").get(code="ap")
    communes = list(AdminUnit.objects.filter(level__code="commune").select_related("parent"))
    areas = [AdminUnit(name=f"Ấp {n} {c.name}", search_name=fold(f"Ấp {n} {c.name}"), unit_type=ap, level=ap.level,
                       parent=c, path="", depth=3) for c in communes for n in range(3 * SCALE)]
    AdminUnit.objects.bulk_create(areas, batch_size=5000)
    by_pk = {c.pk: c for c in communes}
    for area in areas:
        area.path = f"{by_pk[area.parent_id].path}{area.pk}/"
    AdminUnit.objects.bulk_update(areas, ["path"], batch_size=5000)
    rng = random.Random(11)
    kinds = [("agency", ""), ("enterprise", "medium"), ("enterprise", "micro"), ("school", "upper_secondary"),
             ("school", "primary")]
    establishments = []
    for c in communes:
        for n in range(12 * SCALE):
            kind, size = kinds[n % len(kinds)] if n % 10 else kinds[2]
            establishments.append(Establishment(kind=kind, name=f"Đơn vị {n} {c.name}", search_name=f"don vi {n}",
                                                commune=c, size_class=size, is_exempt=size in ("micro", "primary")))
    Establishment.objects.bulk_create(establishments, batch_size=5000)
    sets = {s.kind: s for s in CriteriaSet.objects.filter(province__isnull=True)}
    for year in range(first_year, first_year + YEARS):
        start, end = datetime.date(year - 1, 11, 16), datetime.date(year, 11, 15)
        rows = []

        def evaluation(kind, unit, commune, est=None, rows=rows, year=year, start=start, end=end):
            if rng.random() < 0.9:
                rows.append(Evaluation(
                    year=year, kind=kind, unit=unit, establishment=est, commune=commune, province_id=commune.parent_id,
                    criteria_set=sets[kind], period_start=start, period_end=end, registered_on=start,
                    status="recognised" if rng.random() < 0.75 else "refused"))
        for area in areas:
            evaluation("residential_area", area, by_pk[area.parent_id])
        for c in communes:
            evaluation("commune", c, c)
        for est in establishments:
            if not est.is_exempt:
                evaluation(est.kind, by_pk[est.commune_id], by_pk[est.commune_id], est)
        Evaluation.objects.bulk_create(rows, batch_size=10000)
    return len(areas), len(establishments)


RAW = """
SELECT 'ra', c.parent_id, 'residential_area', COUNT(*) FROM geo_adminunit a JOIN geo_adminunit c ON c.id = a.parent_id
 WHERE a.valid_to IS NULL AND a.level_id = %(ra)s AND a.path >= %(lo)s AND a.path < %(hi)s GROUP BY c.parent_id
UNION ALL
SELECT 'c', {commune_group}, 'commune', COUNT(*) FROM geo_adminunit c
 WHERE c.valid_to IS NULL AND c.level_id = %(commune)s AND c.path >= %(lo)s AND c.path < %(hi)s GROUP BY 2
UNION ALL
SELECT 'e', {est_group}, e.kind, COUNT(*) FROM evaluations_establishment e JOIN geo_adminunit c ON c.id = e.commune_id
 WHERE NOT e.is_exempt AND e.closed_on IS NULL AND c.path >= %(lo)s AND c.path < %(hi)s GROUP BY 2, 3
UNION ALL
SELECT 'v', {eval_group}, v.kind, COUNT(*) FILTER (WHERE v.status = 'recognised') FROM evaluations_evaluation v
 WHERE v.year = %(year)s {eval_scope} GROUP BY 2, 3
"""


def raw(unit, year, levels):
    national = unit.parent_id is None
    sql = RAW.format(
        commune_group="c.parent_id" if national else "c.id",
        est_group="c.parent_id" if national else "e.commune_id",
        eval_group="v.province_id" if national else "v.commune_id",
        eval_scope="" if national else "AND v.province_id = %(unit)s")
    if connection.vendor == "sqlite":
        sql = sql.replace("COUNT(*) FILTER (WHERE v.status = 'recognised')", "SUM(v.status = 'recognised')")
    with connection.cursor() as cursor:
        cursor.execute(sql, {"ra": levels["residential_area"], "commune": levels["commune"], "lo": unit.path,
                             "hi": unit.path[:-1] + "0", "year": year, "unit": unit.pk})
        return cursor.fetchall()


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
    from antq.evaluations import selectors
    from antq.evaluations.models import Evaluation
    from antq.geo.models import AdminUnit, Level

    print(f"database: {connection.vendor}")
    prepare_database()
    year = datetime.date.today().year
    start = time.perf_counter()
    areas, establishments = build(year - YEARS + 1)
    print(f"built {areas:,} residential areas, {establishments:,} establishments, "
          f"{Evaluation.objects.count():,} evaluations in {time.perf_counter() - start:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    levels = dict(Level.objects.values_list("code", "pk"))
    for label, unit in [("national", AdminUnit.objects.select_related("level").get(parent__isnull=True)),
                        ("province (Tây Ninh)", AdminUnit.objects.select_related("level").get(
                            level__code="province", code="80"))]:
        summary = selectors.recognition_summary(unit, year)
        recognised = sum(r[3] for r in raw(unit, year, levels) if r[0] == "v")
        if recognised != summary["total"]["recognised"]:
            raise SystemExit(f"the ORM and the raw SQL disagree: {summary['total']['recognised']} != {recognised}")
        orm50, orm95 = timings(lambda u=unit: selectors.recognition_summary(u, year))
        raw50, raw95 = timings(lambda u=unit: raw(u, year, levels))
        print(f"  {label:<20} units {summary['total']['expected']:>8,}  summary p50 {orm50:8.1f} p95 {orm95:8.1f} ms"
              f"   raw SQL p50 {raw50:8.1f} p95 {raw95:8.1f} ms   p95 ratio {orm95 / raw95:4.2f}")


if __name__ == "__main__":
    main()
