"""National set of monthly reports and the roll-up against the same aggregate in raw SQL.

3,321 communes × 12 months × 20 numeric indicators (797,040 values). For one month it times
the national roll-up (all communes) and the province roll-up (Tây Ninh) through
`antq.programs.selectors.rollup`, and the same aggregate written by hand in SQL, in the same
run. Target (issue 3): the ORM path within 1.5 × the raw SQL.

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench .venv/bin/python bench/reports_rollup.py
    .venv/bin/python bench/reports_rollup.py            # SQLite in var/bench/
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
from django.utils import timezone  # noqa: E402

INDICATORS = 20
MONTHS = 12
REPEAT = 30


def build(year: int):
    from antq.geo.models import AdminUnit, Level
    from antq.geo.services import official_units_load
    from antq.programs.models import Report, ReportForm, ReportIndicator, ReportValue

    official_units_load(actor=None)
    commune = Level.objects.get(code="commune")
    form = ReportForm.objects.create(code="bench-20", name="Bench", period_type="month")
    form.deadlines.create(amount=5, unit="days")
    form.submitting_levels.set([commune])
    indicators = ReportIndicator.objects.bulk_create(
        [ReportIndicator(form=form, order=i, code=f"i{i:02d}", label=f"Chỉ tiêu {i}",
                         aggregate=("sum", "avg", "max")[i % 3]) for i in range(INDICATORS)])
    communes = list(AdminUnit.objects.filter(level=commune).values_list("pk", flat=True))
    rng = random.Random(7)
    now = timezone.now()
    for month in range(1, MONTHS + 1):
        start = datetime.date(year, month, 1)
        end = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1))
        reports = Report.objects.bulk_create(
            [Report(form=form, unit_id=pk, period_start=start, period_end=end, status="submitted", is_current=True,
                    submitted_at=now, first_submitted_at=now) for pk in communes], batch_size=2000)
        ReportValue.objects.bulk_create(
            [ReportValue(report=r, indicator=i, number=rng.randint(0, 500)) for r in reports for i in indicators],
            batch_size=10000)
    return form, commune


RAW_SQL = {
    "postgresql": """
        SELECT v.indicator_id, SUM(v.number), AVG(v.number), MAX(v.number), COUNT(v.number)
        FROM programs_reportvalue v
        JOIN programs_report r ON r.id = v.report_id
        JOIN geo_adminunit u ON u.id = r.unit_id
        WHERE r.form_id = %s AND r.period_start = %s AND r.is_current AND r.status = 'submitted'
          AND u.level_id = %s AND u.path LIKE %s
        GROUP BY v.indicator_id""",
    "sqlite": """
        SELECT v.indicator_id, SUM(v.number), AVG(v.number), MAX(v.number), COUNT(v.number)
        FROM programs_reportvalue v
        JOIN programs_report r ON r.id = v.report_id
        JOIN geo_adminunit u ON u.id = r.unit_id
        WHERE r.form_id = %s AND r.period_start = %s AND r.is_current AND r.status = 'submitted'
          AND u.level_id = %s AND u.path >= %s AND u.path < %s
        GROUP BY v.indicator_id""",
}


def raw(form, period, unit, level):
    params = [form.pk, period, level.pk]
    params += [unit.path + "%"] if connection.vendor == "postgresql" else [unit.path, unit.path[:-1] + "0"]
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL[connection.vendor], params)
        return cursor.fetchall()


def median_ms(fn):
    fn()
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    from antq.geo.models import AdminUnit
    from antq.programs import selectors
    from antq.programs.models import ReportValue

    print(f"database: {connection.vendor}")
    prepare_database()
    year = timezone.localdate().year - 1
    start = time.perf_counter()
    form, level = build(year)
    print(f"built {ReportValue.objects.count():,} values in {time.perf_counter() - start:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    form = type(form).objects.prefetch_related("indicators").get(pk=form.pk)  # as the pages load it
    period = datetime.date(year, 10, 1)
    for label, unit in [("national", AdminUnit.objects.get(parent__isnull=True)),
                        ("province (Tây Ninh)", AdminUnit.objects.get(level__code="province", code="80"))]:
        orm_result = selectors.rollup(form, period, unit, level.pk)
        raw_result = raw(form, period, unit, level)
        if not len(raw_result) == len(orm_result) == INDICATORS:
            raise SystemExit("the ORM and the raw SQL disagree")
        orm_ms = median_ms(lambda u=unit: selectors.rollup(form, period, u, level.pk))
        raw_ms = median_ms(lambda u=unit: raw(form, period, u, level))
        reports = orm_result["i00"]["reports"]
        print(f"  {label:<22} reports {reports:>5}  ORM roll-up {orm_ms:8.2f} ms   raw SQL {raw_ms:8.2f} ms   "
              f"ratio {orm_ms / raw_ms:4.2f}")
        def cold(u=unit):
            selectors._rollup_query.cache_clear()  # the first ask of a roll-up builds its query
            selectors.rollup(form, period, u, level.pk)
        print(f"  {'':<22} first ask (query built) {median_ms(cold):8.2f} ms")
        rates_ms = median_ms(lambda u=unit: selectors.reporting_rates(form, period, u, level.pk))
        print(f"  {'':<22} completeness and timeliness {rates_ms:8.2f} ms")


if __name__ == "__main__":
    main()
