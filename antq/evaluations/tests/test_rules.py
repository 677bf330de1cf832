import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.evaluations import selectors, services
from antq.evaluations.choices import TargetKind, UnitKind
from antq.evaluations.models import CriteriaSet, ScoreSheet, Target
from antq.evaluations.tests.factories import register
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(tree):
    user = UserFactory(username="quantri.bo", home_unit=tree.root)
    grant(user, "system_admin", tree.root)
    return user


def _today():
    return timezone.localdate()


def test_a_province_adds_its_own_criterion_and_new_registrations_answer_it(tree, people):
    criterion = services.criterion_add(actor=people.province, kind=UnitKind.RESIDENTIAL_AREA, province=tree.province,
                                       text="Không có người vượt biên trái phép", article="Quyết định của tỉnh",
                                       valid_from=datetime.date(_today().year - 1, 11, 1))  # from this cycle on
    assert criterion.criteria_set.province == tree.province
    evaluation = register(people.officer_a, unit=tree.a1)
    assert evaluation.province_set == criterion.criteria_set
    assert evaluation.results.filter(criterion=criterion).exists()
    assert AuditEvent.objects.filter(action="evaluations.criterion_add").count() == 1


def test_a_commune_officer_cannot_change_criteria(tree, people):
    with pytest.raises(PermissionDenied):
        services.criterion_add(actor=people.officer_a, kind=UnitKind.RESIDENTIAL_AREA, province=tree.province,
                               text="Tiêu chí riêng")
    assert not CriteriaSet.objects.filter(province=tree.province).exists()


def test_editing_a_set_after_a_cycle_opened_makes_a_new_version_and_old_results_keep_theirs(tree, people, ministry):
    evaluation = register(people.officer_a, unit=tree.a1)
    old = evaluation.criteria_set
    policy = old.criteria.get(code="policy_rules")
    revised = services.criterion_update(actor=ministry, criterion=policy, text="Chấp hành tốt pháp luật (sửa đổi)",
                                        article=policy.article, valid_from=_today() + datetime.timedelta(days=1))
    old.refresh_from_db()
    assert revised.criteria_set.version == old.version + 1
    assert old.valid_to == _today()
    assert old.criteria.get(code="policy_rules").text == policy.text  # the old wording stays with the old set
    assert evaluation.results.get(criterion__code="policy_rules").criterion.text == policy.text
    assert selectors.criteria_sets(UnitKind.RESIDENTIAL_AREA, tree.province,
                                   _today() + datetime.timedelta(days=1))[0] == revised.criteria_set


def test_a_set_nobody_used_is_edited_in_place(tree, people, ministry):
    national = CriteriaSet.objects.get(kind=UnitKind.SCHOOL, province=None)
    criterion = national.criteria.order_by("order").first()
    services.criterion_update(actor=ministry, criterion=criterion, text="Nội dung mới", article="Điều 7")
    assert CriteriaSet.objects.filter(kind=UnitKind.SCHOOL, province=None).count() == 1
    criterion.refresh_from_db()
    assert criterion.text == "Nội dung mới"


def test_a_threshold_criterion_needs_its_number_and_nothing_is_saved(tree, people):
    with pytest.raises(ValidationError) as refused:
        services.criterion_add(actor=people.province, kind=UnitKind.COMMUNE, province=tree.province,
                               text="Tỷ lệ hộ lắp camera", judgement="threshold", threshold=None)
    assert "threshold" in refused.value.error_dict
    assert not CriteriaSet.objects.filter(province=tree.province).exists()


def test_confirming_score_sheet_thresholds(tree, ministry, people):
    sheet = ScoreSheet.objects.filter(kind=UnitKind.COMMUNE).first()
    assert not sheet.confirmed
    with pytest.raises(ValidationError):  # thresholds must go down with the grade
        services.score_sheet_confirm(actor=ministry, sheet=sheet, bands={"excellent": 80, "good": 85, "average": 50,
                                                                         "weak": 0})
    sheet.refresh_from_db()
    assert not sheet.confirmed
    with pytest.raises(PermissionDenied):
        services.score_sheet_confirm(actor=people.province, sheet=sheet, bands={"excellent": 90, "good": 70,
                                                                               "average": 50, "weak": 0})
    services.score_sheet_confirm(actor=ministry, sheet=sheet, bands={"excellent": 92, "good": 75, "average": 50,
                                                                     "weak": 0})
    sheet.refresh_from_db()
    assert sheet.confirmed
    assert dict(sheet.bands.values_list("grade", "min_points")) == {"excellent": 92, "good": 75, "average": 50,
                                                                    "weak": 0}


def test_a_province_may_raise_its_target_but_not_lower_it(tree, people):
    year = _today().year
    assert selectors.target(TargetKind.RECOGNISED_SHARE, year, tree.a) == Decimal(75)
    with pytest.raises(ValidationError) as refused:
        services.target_set(actor=people.province, kind=TargetKind.RECOGNISED_SHARE, value=Decimal(60),
                            year_from=year, unit=tree.province)
    assert "value" in refused.value.error_dict
    assert not Target.objects.filter(unit=tree.province).exists()
    services.target_set(actor=people.province, kind=TargetKind.RECOGNISED_SHARE, value=Decimal(85), year_from=year,
                        unit=tree.province)
    assert selectors.target(TargetKind.RECOGNISED_SHARE, year, tree.a) == Decimal(85)
    assert selectors.target(TargetKind.RECOGNISED_SHARE, year, tree.root) == Decimal(75)
    assert selectors.target(TargetKind.RECOGNISED_SHARE, year - 1, tree.a) == Decimal(75)


def test_the_rules_page_and_a_province_criterion_through_it(tree, people, login):
    from django.urls import reverse

    page = login(people.officer_a).get(reverse("evaluations:rules"))
    assert page.status_code == 200
    assert "Chấp hành tốt chủ trương, chính sách của Đảng" in page.content.decode()
    data = {"scope": "province", "kind": "residential_area", "text": "Không có người vượt biên trái phép",
            "article": "", "judgement": "yes_no", "valid_from": _today().isoformat()}
    refused = login(people.officer_a).post(reverse("evaluations:criterion_add"), data)
    assert refused.status_code == 403
    assert not CriteriaSet.objects.filter(province=tree.province).exists()
    done = login(people.province).post(reverse("evaluations:criterion_add"), data)
    assert done.status_code == 302
    assert CriteriaSet.objects.get(province=tree.province).criteria.get().text == data["text"]
    bad = login(people.province).post(reverse("evaluations:target_set"), {"scope": "province",
                                                                          "kind": "recognised_share", "value": "50",
                                                                          "year_from": _today().year}, follow=True)
    assert "không được thấp hơn" in bad.content.decode()
    assert not Target.objects.filter(unit=tree.province).exists()


def test_the_ministry_changes_who_approves_communes_from_a_date(tree, people, ministry):
    from antq.geo.models import Level

    commune_level = Level.objects.get(code="commune")
    before = selectors.kind_rule(UnitKind.COMMUNE, _today())
    assert before.approving_level.code == "province" and not before.approving_level_confirmed
    with pytest.raises(ValidationError) as refused:
        services.kind_rule_change(actor=ministry, kind=UnitKind.COMMUNE, valid_from=_today(),
                                  approving_level=commune_level, registration_due=(3, 31), decision_due=(11, 31),
                                  grading_due=(11, 30), remind_days_before=[14, 3])
    assert "decision_due" in refused.value.error_dict
    with pytest.raises(PermissionDenied):
        services.kind_rule_change(actor=people.province, kind=UnitKind.COMMUNE, valid_from=_today(),
                                  approving_level=commune_level, registration_due=(3, 31), decision_due=(11, 20),
                                  grading_due=(11, 30), remind_days_before=[7])
    rule = services.kind_rule_change(actor=ministry, kind=UnitKind.COMMUNE, valid_from=_today(),
                                     approving_level=Level.objects.get(code="province"), registration_due=(3, 31),
                                     decision_due=(11, 20), grading_due=(11, 30), remind_days_before=[3, 7])
    assert selectors.kind_rule(UnitKind.COMMUNE, _today()) == rule
    assert rule.approving_level_confirmed and rule.remind_days_before == [7, 3]
    yesterday = _today() - datetime.timedelta(days=1)
    assert selectors.kind_rule(UnitKind.COMMUNE, yesterday) == before  # earlier periods keep their rule
