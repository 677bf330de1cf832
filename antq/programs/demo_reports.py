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
