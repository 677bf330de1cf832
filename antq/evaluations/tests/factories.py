"""Test helpers: register a unit and carry its evaluation through the cycle with the services."""

import datetime

from django.utils import timezone

from antq.core.text import fold
from antq.evaluations import services
from antq.evaluations.choices import Judgement, UnitKind
from antq.orgs.models import Establishment


def this_year() -> int:
    return timezone.localdate().year


def establishment(commune, kind=UnitKind.ENTERPRISE, size_class="medium", name=None, exempt=False):
    """A registry row made directly (the registry service has its own tests)."""
    name = name or f"Công ty {Establishment.objects.count() + 1}"
    return Establishment.objects.create(kind=kind, name=name, search_name=fold(name), commune=commune,
                                        size_class=size_class, is_exempt=exempt)


def register(actor, *, unit=None, est=None, year=None, households=(100, 100)):
    year = year or this_year()
    if est is not None:
        kind = est.kind
    else:
        kind = UnitKind.RESIDENTIAL_AREA if unit.level.code == "residential_area" else UnitKind.COMMUNE
    return services.evaluation_register(
        actor=actor, kind=kind, year=year, registered_on=datetime.date(year, 3, 1), unit=unit, establishment=est,
        households=households[0] if kind == UnitKind.RESIDENTIAL_AREA else None,
        households_registered=households[1] if kind == UnitKind.RESIDENTIAL_AREA else None)


def assess_all_yes(actor, evaluation):
    answers = {}
    for result in evaluation.results.select_related("criterion"):
        value = result.criterion.threshold if result.criterion.judgement == Judgement.THRESHOLD else None
        answers[result.pk] = {"met": True, "value": value, "note": "Đã thực hiện đầy đủ"}
    return services.evaluation_assess(actor=actor, evaluation=evaluation, answers=answers)


def to_proposal(actor, evaluation):
    today = timezone.localdate()
    evaluation = assess_all_yes(actor, evaluation)
    evaluation = services.evaluation_review(actor=actor, evaluation=evaluation, held_on=today, chair="Trưởng khu",
                                            participants="Bí thư chi bộ, MTTQ, Công an", minutes="Nhất trí",
                                            votes_for=20, votes_against=0)
    return services.evaluation_propose(actor=actor, evaluation=evaluation, number="01/TTr", proposed_on=today)


def recognise(actor, approver, evaluation):
    evaluation = to_proposal(actor, evaluation)
    return services.evaluation_decide(actor=approver, evaluation=evaluation, recognise=True,
                                      decided_on=timezone.localdate(), decision_number="12/QĐ-UBND")
