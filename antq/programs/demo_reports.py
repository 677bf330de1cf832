"""Demo monthly reports (called by `antq demo`): six months from the three communes and the
province — Phường Tân Ninh always on time, Xã Hoà Hội late and missing last month, Xã Tân Biên
missing two months."""

import datetime
import random

from django.utils import timezone

from antq.programs import selectors
from antq.programs.models import Report, ReportForm
from antq.programs.services import reports

LATE = {"25606": {1, 2}}  # months back that arrived after the deadline
MISSING = {"25606": {1}, "25486": {2, 4}}


def build_reports(context: dict) -> None:
    admin, province, communes = context["admin"], context["province"], context["communes"]
    form = ReportForm.objects.get(code="bao-cao-thang-antq")
    if Report.objects.filter(form=form).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - demo figures, reproducible
    start, _end = selectors.period_bounds(form, timezone.localdate())
    periods = []
    for _ in range(6):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
        periods.append(start)
    for back, period in enumerate(periods, start=1):
        due = selectors.deadline(form, period)
        for unit in [*communes, province]:
            if back in MISSING.get(unit.code, set()):
                continue
            values = {"giao-ban": 1, "kiem-tra": rng.randint(0, 3), "tin-bao": rng.randint(2, 25),
                      "vu-viec": rng.randint(0, 4), "hoa-giai": rng.randint(0, 5),
                      "tuyen-truyen": rng.randint(2, 12), "mo-hinh": rng.randint(3, 9),
                      "ty-le-ho": rng.randint(82, 100), "tuan-tra-max": rng.randint(8, 40),
                      "danh-gia": "Tình hình an ninh, trật tự ổn định; phong trào được duy trì."}
            draft = reports.report_save(actor=admin, form=form, unit=unit, period_start=period, values=values)
            late = back in LATE.get(unit.code, set())
            received = due + datetime.timedelta(days=3) if late else due - datetime.timedelta(days=rng.randint(1, 4))
            reports.report_submit(actor=admin, report=draft, received_at=min(received, timezone.now()))


def build_national(context: dict) -> None:
    """The rest of the country, in bulk and clearly synthetic (the assessment reads "Số liệu minh họa"):
    the last three months' reports of every other commune and province, most on time, some late, some
    missing, so that the national roll-up and completeness show a country. No audit rows, on purpose:
    nobody submitted them."""
    from antq.geo.models import AdminUnit
    from antq.programs.choices import IndicatorKind, ReportStatus
    from antq.programs.models import ReportValue

    form = ReportForm.objects.get(code="bao-cao-thang-antq")
    detailed = {u.pk for u in [*context["communes"], context["province"]]}
    units = list(AdminUnit.objects.current().filter(level__code__in=["province", "commune"])
                 .exclude(pk__in=detailed).only("pk", "parent_id", "level_id").order_by("pk"))
    if Report.objects.filter(form=form, unit=units[0]).exists():
        return
    indicators = list(form.indicators.all())
    start, _end = selectors.period_bounds(form, timezone.localdate())
    periods = []
    for _ in range(3):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
        periods.append(start)
    now = timezone.now()
    reports_, values = [], []
    for period in periods:
        _start, end = selectors.period_bounds(form, period)
        due = selectors.deadline(form, period)
        for unit in units:
            rng = random.Random(unit.pk * 100 + period.month)  # noqa: S311 - demo figures, reproducible
            province_rate = random.Random(unit.parent_id or unit.pk).uniform(0.78, 0.99)  # noqa: S311
            if rng.random() > province_rate:
                continue  # not reported
            late = rng.random() < 0.08
            at = min(due + datetime.timedelta(days=rng.randint(1, 6)) if late
                     else due - datetime.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 20)), now)
            report = Report(form=form, unit_id=unit.pk, period_start=period, period_end=end,
                            status=ReportStatus.SUBMITTED, is_current=True, submitted_at=at, first_submitted_at=at)
            reports_.append(report)
            figures = {"giao-ban": 1, "kiem-tra": rng.randint(0, 3), "tin-bao": rng.randint(1, 30),
                       "vu-viec": rng.randint(0, 5), "hoa-giai": rng.randint(0, 6), "tuyen-truyen": rng.randint(1, 12),
                       "mo-hinh": rng.randint(1, 9), "ty-le-ho": rng.randint(78, 100),
                       "tuan-tra-max": rng.randint(5, 45)}
            for indicator in indicators:
                if indicator.kind == IndicatorKind.TEXT:
                    values.append((report, ReportValue(indicator=indicator, text="Số liệu minh họa (demo).")))
                elif indicator.code in figures:
                    values.append((report, ReportValue(indicator=indicator, number=figures[indicator.code])))
    Report.objects.bulk_create(reports_, batch_size=2000)
    for report, value in values:
        value.report = report
    ReportValue.objects.bulk_create([value for _report, value in values], batch_size=5000)
    context["log"](f"  national picture: {len(reports_)} synthetic monthly reports from {len(units)} units")
