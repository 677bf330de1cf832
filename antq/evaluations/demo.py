"""Demo evaluations for Tây Ninh (called by `antq demo`): three years of cycles through the
services — most units recognised, some refused, Xã Hoà Hội under 70 % this year and so not
recognised, a serious crime excepted with its reason, establishments with exempt ones, and
a weak movement grade. Running it again creates nothing.
"""

import datetime

from django.utils import timezone

from antq.evaluations import services
from antq.evaluations.choices import Judgement, UnitKind
from antq.evaluations.models import Evaluation, ScoreSheet
from antq.geo.models import AdminUnit
from antq.orgs.models import Establishment

ESTABLISHMENTS = {
    # commune code: (kind, name, size class, tax code)
    "25459": [("agency", "Kho bạc Nhà nước khu vực Tân Ninh", "", ""),
              ("enterprise", "Công ty TNHH May mặc Tân Ninh", "medium", "3900100001"),
              ("enterprise", "Hộ kinh doanh Tạp hóa Tư Lan", "micro", ""),
              ("school", "Trường THPT Tây Ninh", "upper_secondary", ""),
              ("school", "Trường Tiểu học Tân Ninh", "primary", "")],
    "25606": [("enterprise", "Công ty CP Mía đường Hòa Hội", "large", "3900100002"),
              ("school", "Trường THCS Hòa Hội", "lower_secondary", ""),
              ("school", "Trường Mầm non Hòa Hội", "kindergarten", "")],
    "25486": [("agency", "Bưu điện xã Tân Biên", "", ""),
              ("enterprise", "Công ty TNHH Nông sản Tân Biên", "small", "3900100003")],
}
# (commune code, years back) -> how many of its units are refused; the rest are recognised.
REFUSED = {("25606", 0): 3, ("25459", 1): 1, ("25486", 2): 1}
# Units left in progress this year: (commune code, how many) — they show as late.
OPEN_THIS_YEAR = {"25486": 2}


def _answer_all(admin, evaluation):
    answers = {r.pk: {"met": True, "note": "Đã thực hiện, có hồ sơ lưu tại đơn vị",
                      "value": r.criterion.threshold if r.criterion.judgement == Judgement.THRESHOLD else None}
               for r in evaluation.results.select_related("criterion")}
    return services.evaluation_assess(actor=admin, evaluation=evaluation, answers=answers)


def _through(admin, evaluation, year: int, *, recognise: bool):
    evaluation = _answer_all(admin, evaluation)
    held = min(datetime.date(year, 10, 20), timezone.localdate())
    evaluation = services.evaluation_review(
        actor=admin, evaluation=evaluation, held_on=held, chair="Trưởng ban công tác Mặt trận",
        participants="Bí thư chi bộ, Trưởng khu, Ủy ban MTTQ, Công an, các đoàn thể",
        minutes="Hội nghị bình xét thống nhất đề nghị.", votes_for=25, votes_against=2)
    evaluation = services.evaluation_propose(actor=admin, evaluation=evaluation, number=f"{evaluation.pk}/TTr",
                                             proposed_on=held)
    for result in evaluation.results.select_related("criterion"):
        if result.auto_passed is False and result.criterion.allows_exception:
            services.result_record_exception(actor=admin, result=result, reason="Vụ việc được phát hiện, báo "
                                             "cáo kịp thời; đối tượng bị bắt giữ trong ngày")
    decided = min(datetime.date(year, 11, 10), timezone.localdate())
    services.refresh_checks(evaluation)
    if recognise and not services.unmet_criteria(evaluation):  # a commune under 70 % is refused
        return services.evaluation_decide(actor=admin, evaluation=evaluation, recognise=True, decided_on=decided,
                                          decision_number=f"{evaluation.pk}/QĐ-UBND")
    return services.evaluation_decide(actor=admin, evaluation=evaluation, recognise=False, decided_on=decided,
                                      reason="Chưa đạt tiêu chí: còn hộ gia đình chưa đăng ký, tội phạm chưa giảm.")


def build_establishments(context: dict) -> None:
    """The communes' agencies, enterprises and schools, left in the context for the models' step (their
    sites) and the evaluations' step."""
    admin, communes = context["admin"], context["communes"]
    establishments = {}
    for commune in communes:
        found = list(Establishment.objects.filter(commune=commune).order_by("pk"))
        establishments[commune.pk] = found or [
            services.establishment_create(actor=admin, kind=kind, name=name, commune=commune, size_class=size,
                                          tax_code=tax)
            for kind, name, size, tax in ESTABLISHMENTS.get(commune.code, [])]
    context["establishments"] = establishments


def build_evaluations(context: dict) -> None:
    admin, province, communes = context["admin"], context["province"], context["communes"]
    establishments = context["establishments"]
    if Evaluation.objects.filter(province=province).exists():
        return
    this_year = timezone.localdate().year
    first_area = AdminUnit.objects.current().filter(parent=communes[0]).order_by("search_name").first()
    services.incident_record(actor=admin, unit=first_area, kind="serious_crime",
                             occurred_on=datetime.date(this_year, 6, 14), detected_promptly=True,
                             description="Cướp giật tài sản tại chợ; đối tượng bị bắt quả tang")
    sheet = ScoreSheet.objects.filter(kind=UnitKind.COMMUNE).prefetch_related("items").first()
    for back in (2, 1, 0):
        year = this_year - back
        for commune in communes:
            areas = list(AdminUnit.objects.current().filter(parent=commune).order_by("search_name"))
            units = [("unit", a) for a in areas] + [("est", e) for e in establishments[commune.pk] if not e.is_exempt]
            refused = REFUSED.get((commune.code, back), 0)
            still_open = OPEN_THIS_YEAR.get(commune.code, 0) if back == 0 else 0
            for i, (what, subject) in enumerate(units):
                evaluation = services.evaluation_register(
                    actor=admin, kind=UnitKind.RESIDENTIAL_AREA if what == "unit" else subject.kind, year=year,
                    registered_on=datetime.date(year, 3, 10 + i), unit=subject if what == "unit" else None,
                    establishment=subject if what == "est" else None,
                    households=120 + 7 * i if what == "unit" else None,
                    households_registered=120 + 7 * i if what == "unit" else None)
                if i >= len(units) - still_open:  # still in progress: registered, or self-assessed
                    if i % 2:
                        _answer_all(admin, evaluation)
                    continue
                _through(admin, evaluation, year, recognise=i >= refused)
            own = services.evaluation_register(actor=admin, kind=UnitKind.COMMUNE, year=year, unit=commune,
                                               registered_on=datetime.date(year, 3, 5))
            _through(admin, own, year, recognise=True)
            weak = commune.code == "25606" and back == 0
            services.movement_grade(actor=admin, kind=UnitKind.COMMUNE, year=year, unit=commune, points={
                item.pk: item.max_points * (0.45 if weak else 0.85) for item in sheet.items.all()})


# The rest of the country: every other commune gets three years of commune evaluations, written in
# bulk as clearly synthetic aggregates (decision numbers "MH-…/QĐ (minh họa)") so that the national
# dashboard, the tile map and the roll-ups show a country. The detailed communes above keep their
# story, made through the services; these rows carry no criterion results and no audit, on purpose.
SYNTHETIC = "(minh họa)"


def build_national(context: dict) -> None:
    import random

    from antq.evaluations import selectors
    from antq.evaluations.choices import Status

    if Evaluation.objects.filter(decision_number__endswith=SYNTHETIC).exists():
        return
    detailed = {c.pk for c in context["communes"]}
    this_year = timezone.localdate().year
    rule = selectors.kind_rule(UnitKind.COMMUNE)
    rows = []
    provinces = AdminUnit.objects.current().filter(level__code="province").order_by("code")
    communes = (AdminUnit.objects.current().filter(level__code="commune").exclude(pk__in=detailed)
                .only("pk", "parent_id").order_by("pk"))
    by_province: dict[int, list] = {}
    for commune in communes:
        by_province.setdefault(commune.parent_id, []).append(commune)
    for province in provinces:
        rng = random.Random(int(province.code or province.pk))  # noqa: S311 - demo figures, reproducible
        rate = rng.uniform(0.52, 0.93)  # this year's share recognised in the province
        for back in (2, 1, 0):
            year = this_year - back
            start, end = rule.period(year)
            national, own = selectors.criteria_sets(UnitKind.COMMUNE, province, end)
            for n, commune in enumerate(by_province.get(province.pk, [])):
                draw = rng.random()
                common = {"year": year, "kind": UnitKind.COMMUNE, "unit_id": commune.pk, "commune_id": commune.pk,
                          "province_id": province.pk, "criteria_set": national, "province_set": own,
                          "period_start": start, "period_end": end, "registered_on": datetime.date(year, 3, 5)}
                if back == 0 and draw > rate + 0.05:  # this year's cycle still running in some communes
                    if draw > rate + 0.12:
                        continue  # not registered yet
                    rows.append(Evaluation(**common, status=Status.PROPOSED, proposed_on=datetime.date(year, 11, 20),
                                           proposal_number=f"MH-{n + 1}/TTr {SYNTHETIC}"))
                elif draw < rate - 0.04 * back:
                    rows.append(Evaluation(**common, status=Status.RECOGNISED, decided_on=datetime.date(year, 11, 28),
                                           decision_number=f"MH-{n + 1}/QĐ {SYNTHETIC}"))
                else:
                    rows.append(Evaluation(**common, status=Status.REFUSED, decided_on=datetime.date(year, 11, 28),
                                           decision_number=f"MH-{n + 1}/QĐ {SYNTHETIC}",
                                           refusal_reason="Chưa đạt tiêu chí (số liệu minh họa)."))
    Evaluation.objects.bulk_create(rows, batch_size=2000)
    context["log"](f"  national picture: {len(rows)} synthetic commune evaluations in {len(by_province)} provinces")
