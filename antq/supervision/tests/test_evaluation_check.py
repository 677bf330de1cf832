"""Circular 124/2021 Art. 4 item 4 judged on the files: a plan issued late, a month signed late or missing and
an unhandled breach each fail the criterion with a fact naming the file (never the person); a unit whose files
are in order passes. The split of the old criterion reaches an install that had it."""

import datetime
import importlib

import pytest
from django.apps import apps

from antq.evaluations.checks import run_check
from antq.evaluations.models import CriteriaSet, Criterion
from antq.evaluations.tests.factories import register as register_evaluation
from antq.supervision import services
from antq.supervision.tests.conftest import NAME

pytestmark = pytest.mark.django_db


def _criterion(kind="commune"):
    return Criterion.objects.get(criteria_set__kind=kind, criteria_set__province__isnull=True,
                                 code="supervised_managed")


def test_files_in_order_pass_and_each_lapse_is_a_fact(tree, people, chief, register):
    evaluation = register_evaluation(people.officer_a, unit=tree.a, year=2026)
    criterion = _criterion()
    assert criterion.judgement == "automatic" and criterion.article == "Điều 4 khoản 4"
    outcome = run_check(evaluation, criterion)
    assert outcome.passed is True  # no one under supervision: nothing unmanaged
    measure = register()  # intake 28/04/2026: plan due 07/05/2026
    services.plan_issue(actor=chief, measure=measure, officer=people.officer_a, issued_on=datetime.date(2026, 5, 8))
    for month in range(4, 11):
        services.assessment_record(actor=people.officer_a, measure=measure, month=datetime.date(2026, month, 1),
                                   grade="good", roll_call="in_person",
                                   signed_on=services.assessment_due(datetime.date(2026, month, 1)))
    breach = services.breach_record(actor=people.officer_a, measure=measure, occurred_on=datetime.date(2026, 6, 2),
                                    what="Vắng mặt buổi trình diện")
    outcome = run_check(evaluation, criterion)
    facts = " ".join(outcome.facts)
    assert outcome.passed is False
    assert f"#{measure.person_id}" in facts and "07/05/2026" in facts and "02/06/2026" in facts
    assert NAME not in facts
    assert "nhận xét" not in facts.lower()  # every month due was signed on time
    services.breach_warn(actor=people.officer_a, breach=breach, warned_on=datetime.date(2026, 6, 3))
    facts = " ".join(run_check(evaluation, criterion).facts)
    assert "02/06/2026" not in facts and "07/05/2026" in facts  # the late plan remains


def test_a_residential_area_sees_its_own_files_only(tree, people, register):
    register()  # in Khu phố 1 (a1): plan due 07/05/2026, not issued
    own = register_evaluation(people.officer_a, unit=tree.a1, year=2026)
    assert run_check(own, _criterion("residential_area")).passed is False
    other = register_evaluation(people.officer_b, unit=tree.b1, year=2026)
    assert run_check(other, _criterion("residential_area")).passed is True


def test_the_split_reaches_an_install_that_had_the_old_criterion(tree, people):
    migration = importlib.import_module("antq.evaluations.migrations.0008_supervised_managed")
    national = CriteriaSet.objects.get(kind="commune", province__isnull=True)
    Criterion.objects.filter(criteria_set=national, code="supervised_managed").delete()
    Criterion.objects.filter(criteria_set=national, code="crime_lower").update(
        text="Tội phạm, tệ nạn xã hội giảm so với năm trước; người phải quản lý, giáo dục được quản lý theo quy định")
    register_evaluation(people.officer_a, unit=tree.a, year=2026)  # the set is in use: a new version starts
    migration.split(apps, None)
    newest = CriteriaSet.objects.filter(kind="commune", province__isnull=True).order_by("-version").first()
    assert newest.version == national.version + 1
    codes = list(newest.criteria.order_by("order").values_list("code", flat=True))
    assert codes.index("supervised_managed") == codes.index("crime_lower") + 1
    assert not CriteriaSet.objects.get(pk=national.pk).criteria.filter(code="supervised_managed").exists()
    migration.split(apps, None)  # safe twice
    assert CriteriaSet.objects.filter(kind="commune", province__isnull=True).count() == 2
