"""Circular 124/2021 Art. 4 item 5 judged on the records: a disciplined member of the area's security team fails
the criterion for that area, with a fact naming the team and the decision; an area without a team keeps its own
answer; a team with none disciplined passes."""

import datetime
import importlib

import pytest
from django.apps import apps

from antq.evaluations.checks import run_check
from antq.evaluations.models import CriteriaSet, Criterion
from antq.evaluations.tests.factories import register as register_evaluation
from antq.forces import services

pytestmark = pytest.mark.django_db


def _criterion():
    return Criterion.objects.get(criteria_set__kind="residential_area", criteria_set__province__isnull=True,
                                 code="security_force")


def test_a_disciplined_member_fails_criterion_5_of_their_area(tree, people):
    criterion = _criterion()
    assert (criterion.judgement, criterion.check_code, criterion.article) == ("automatic", "forces_rated",
                                                                               "Điều 4 khoản 5")
    evaluation = register_evaluation(people.officer_a, unit=tree.a1, year=2026)
    assert run_check(evaluation, criterion).passed is None  # no team: the area's own answer stands
    team = services.team_create(actor=people.officer_a, commune=tree.a, name="Tổ bảo vệ ANTT khu phố 1",
                                areas=[tree.a1], decision_number="25/QĐ-UBND", decided_on=datetime.date(2025, 9, 1))
    member = services.member_propose(actor=people.officer_a, team=team, full_name="Nguyễn Văn Tổ",
                                     birth_date=datetime.date(1980, 3, 1), id_number="072080001234", area=tree.a1,
                                     education="lower_secondary", clean_record=True,
                                     proposed_on=datetime.date(2025, 9, 5))
    services.member_recognise(actor=people.officer_a, member=member, decision_number="30/QĐ-UBND",
                              recognised_on=datetime.date(2025, 9, 10))
    assert run_check(evaluation, criterion).passed is True
    services.member_discipline(actor=people.officer_a, member=member, form="warning",
                               decided_on=datetime.date(2026, 6, 1), decision_number="41/QĐ-UBND",
                               reason="Bỏ ca trực đêm không báo")
    outcome = run_check(evaluation, criterion)
    assert outcome.passed is False
    assert "Nguyễn Văn Tổ" in outcome.facts[0] and "41/QĐ-UBND" in outcome.facts[0] and "01/06/2026" in outcome.facts[0]
    other = register_evaluation(people.officer_b, unit=tree.b1, year=2026)
    assert run_check(other, criterion).passed is None  # another area's team is not theirs


def test_the_criterion_turns_automatic_on_an_install_that_had_it_answered(tree, people):
    migration = importlib.import_module("antq.evaluations.migrations.0009_forces_rated")
    national = CriteriaSet.objects.get(kind="residential_area", province__isnull=True)
    Criterion.objects.filter(criteria_set=national, code="security_force").update(judgement="yes_no", check_code="")
    migration.automate(apps, None)  # unused: edited in place
    assert _criterion().check_code == "forces_rated"
    Criterion.objects.filter(criteria_set=national, code="security_force").update(judgement="yes_no", check_code="")
    register_evaluation(people.officer_a, unit=tree.a1, year=2026)
    migration.automate(apps, None)  # in use: a new version
    newest = CriteriaSet.objects.filter(kind="residential_area", province__isnull=True).order_by("-version").first()
    assert newest.version == national.version + 1
    assert newest.criteria.get(code="security_force").check_code == "forces_rated"
    assert CriteriaSet.objects.get(pk=national.pk).criteria.get(code="security_force").check_code == ""
