"""Every threshold compares the exact share; only the display rounds (docs/architecture.md rule 4), and
who is evaluated follows the exempt classes of the rule in force (Circular 124/2021 Art. 1)."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from antq.core.numbers import share
from antq.evaluations import checks, selectors, services
from antq.evaluations.choices import UnitKind
from antq.evaluations.models import Evaluation, KindRule
from antq.evaluations.tests.factories import register, this_year
from antq.orgs.models import Establishment

pytestmark = pytest.mark.django_db


def _shown(value) -> str:
    return Template('{{ v|floatformat:2 }}').render(Context({"v": value}))


def test_a_share_is_exact_and_rounds_only_when_shown():
    assert share(13999, 20000) == Decimal("69.995")
    assert share(13999, 20000) < 70 and _shown(share(13999, 20000)) == "70,00"
    assert share(14000, 20000) >= 70
    assert share(1, 3) < Decimal("33.34") and share(1, 3) > Decimal("33.33")
    assert share(5, 0) is None


def _result(evaluation, code):
    return evaluation.results.select_related("criterion").get(criterion__check_code=code)


def test_99_995_percent_of_households_does_not_meet_100(tree, people):
    evaluation = register(people.officer_a, unit=tree.a1, households=(20000, 19999))
    criterion = _result(evaluation, "households_registered").criterion
    outcome = checks.CHECKS["households_registered"](evaluation, criterion)
    assert outcome.passed is False and _shown(outcome.value) == "100,00"
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    evaluation.households_registered = 20000
    assert checks.CHECKS["households_registered"](evaluation, criterion).passed is True


@pytest.mark.parametrize(("recognised", "passes"), [(13999, False), (14000, True)])
def test_a_commune_at_69_995_percent_recognised_misses_70(tree, people, recognised, passes):
    evaluation = register(people.officer_a, unit=tree.a)
    criterion = _result(evaluation, "units_recognised").criterion
    assert criterion.threshold == 70
    counts = {"expected": 20000, "registered": 20000, "recognised": recognised}
    with mock.patch("antq.evaluations.selectors.commune_units", return_value=counts):
        outcome = checks.CHECKS["units_recognised"](evaluation, criterion)
    assert outcome.passed is passes and _shown(outcome.value) == "70,00"


@pytest.mark.parametrize(("recognised", "meets"), [(14999, False), (15000, True)])
def test_a_province_at_74_995_percent_misses_the_75_percent_target(tree, recognised, meets):
    expected = {(None, UnitKind.RESIDENTIAL_AREA): 20000}
    counts = {(None, UnitKind.RESIDENTIAL_AREA): {"registered": 20000, "recognised": recognised, "refused": 0}}
    with mock.patch.object(selectors, "_expected", return_value=expected), \
            mock.patch.object(selectors, "_evaluation_counts", return_value=counts):
        summary = selectors.recognition_summary(tree.root, this_year())
    assert summary["target"] == 75
    assert summary["meets_target"] is meets and _shown(summary["total"]["share"]) == "75,00"


def test_a_typed_value_with_more_than_two_decimals_is_refused_not_rounded():
    """A value is stored with two decimals: 69,995 would be saved as 70,00 and then meet 70."""
    assert services._parse_value("69,99") == Decimal("69.99")
    with pytest.raises(ValueError):
        services._parse_value("69,995")


# --- Who is evaluated -------------------------------------------------------------------------

def test_an_armed_forces_unit_is_not_evaluated_as_an_agency(tree, people):
    army = services.establishment_create(actor=people.officer_a, kind=UnitKind.AGENCY, commune=tree.a,
                                         name="Ban Chỉ huy Quân sự phường", size_class="armed_forces")
    office = services.establishment_create(actor=people.officer_a, kind=UnitKind.AGENCY, commune=tree.a,
                                           name="Bưu điện phường Tân Ninh")
    assert (army.is_exempt, office.is_exempt) == (True, False)
    assert [row["name"] for row in selectors.commune_board(tree.a, this_year())
            if row["kind"] == UnitKind.AGENCY] == ["Bưu điện phường Tân Ninh"]
    assert selectors.commune_units(tree.a, this_year())["expected"] == 2  # Khu phố 1 and the post office
    with pytest.raises(ValidationError, match="Đơn vị lực lượng vũ trang"):
        register(people.officer_a, est=army)
    assert not Evaluation.objects.filter(establishment=army).exists()


def test_changing_the_exempt_classes_applies_to_lists_and_counts_from_today(tree, people):
    from antq.orgs.tests.factories import UserFactory, grant

    admin = UserFactory(home_unit=tree.root)
    grant(admin, "system_admin", tree.root)
    small = services.establishment_create(actor=people.officer_a, kind=UnitKind.ENTERPRISE, commune=tree.a,
                                          name="Công ty nhỏ Tân Ninh", size_class="small")
    assert small.is_exempt
    rule = selectors.kind_rule(UnitKind.ENTERPRISE)
    with pytest.raises(ValidationError, match="Chỉ"):
        services.kind_rule_change(actor=admin, kind=UnitKind.ENTERPRISE, valid_from=timezone.localdate(),
                                  approving_level=rule.approving_level, registration_due=(3, 31),
                                  decision_due=(11, 20), grading_due=(11, 30), remind_days_before=[7],
                                  exempt_classes=["primary"])
    assert Establishment.objects.get(pk=small.pk).is_exempt
    services.kind_rule_change(actor=admin, kind=UnitKind.ENTERPRISE, valid_from=timezone.localdate(),
                              approving_level=rule.approving_level, registration_due=(3, 31), decision_due=(11, 20),
                              grading_due=(11, 30), remind_days_before=[7], exempt_classes=["micro"])
    assert not Establishment.objects.get(pk=small.pk).is_exempt
    assert KindRule.objects.filter(kind=UnitKind.ENTERPRISE, exempt_classes=["micro"]).exists()
    assert "Công ty nhỏ Tân Ninh" in {row["name"] for row in selectors.commune_board(tree.a, this_year())}


def test_an_evaluation_left_open_last_year_is_still_late_in_january(tree, people):
    last_year = register(people.officer_a, unit=tree.a1, year=this_year() - 1)
    january = datetime.date(this_year(), 1, 5)
    late = list(selectors.late_evaluations(tree.province, this_year(), today=january))
    assert late == [last_year]
    services_decided = Evaluation.objects.filter(pk=last_year.pk).update(status="refused")
    assert services_decided == 1 and not selectors.late_evaluations(tree.province, this_year(), today=january)
