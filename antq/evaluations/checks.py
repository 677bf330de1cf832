"""Automatic checks: criteria judged on facts the product holds, not on the unit's own word.

A criterion with `judgement="automatic"` names a check here. A check returns whether the
facts pass, the value it computed (a share, for thresholds) and the facts it found, so the
reviewer sees why. `passed=None` means the product holds no facts for it yet: the unit's
own answer stands.

The working-model criterion reads the models registry (`antq.initiatives`). Incidents come
from sources: the manual incident register now; the tips and mediation apps
add theirs to `INCIDENT_SOURCES` when they record serious crimes, hot spots and disputes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from antq.core.numbers import share
from antq.evaluations.choices import IncidentKind, UnitKind


@dataclass
class Outcome:
    passed: bool | None
    value: Decimal | None = None
    facts: list[str] = field(default_factory=list)


def _manual_incidents(evaluation, kinds: list[str]) -> list[str]:
    from antq.evaluations.models import Incident

    incidents = Incident.objects.filter(kind__in=kinds, occurred_on__range=(evaluation.period_start,
                                                                           evaluation.period_end))
    if evaluation.establishment_id:
        incidents = incidents.filter(establishment_id=evaluation.establishment_id)
    else:
        incidents = incidents.filter(unit__path__startswith=evaluation.unit.path)
    facts = []
    for incident in incidents.order_by("occurred_on"):
        flags = [label for flag, label in ((incident.detected_promptly, _("detected and reported promptly")),
                                           (incident.force_majeure, _("force majeure"))) if flag]
        text = f"{incident.occurred_on:%d/%m/%Y} — {incident.get_kind_display()}: {incident.description[:200]}"
        facts.append(f"{text} ({', '.join(flags)})" if flags else text)
    return facts


# Each source: (evaluation, incident kinds) -> facts found in the unit during the period.
INCIDENT_SOURCES: list[Callable] = [_manual_incidents]


def _incidents(kinds: list[str]):
    def check(evaluation, criterion) -> Outcome:
        facts = [fact for source in INCIDENT_SOURCES for fact in source(evaluation, kinds)]
        return Outcome(passed=not facts, facts=facts)
    return check


def _households(evaluation, criterion) -> Outcome:
    value = share(evaluation.households_registered or 0, evaluation.households or 0)
    if value is None:
        return Outcome(passed=None)
    return Outcome(passed=value >= (criterion.threshold or 100), value=value,
                   facts=[_("%(registered)s of %(households)s households registered") % {
                       "registered": evaluation.households_registered, "households": evaluation.households}])


def _commune_units(which: str):
    def check(evaluation, criterion) -> Outcome:
        from antq.evaluations.selectors import commune_units

        if evaluation.kind != UnitKind.COMMUNE:
            return Outcome(passed=None)
        counts = commune_units(evaluation.unit, evaluation.year)
        value = share(counts[which], counts["expected"])
        if value is None:
            return Outcome(passed=None)
        return Outcome(passed=value >= (criterion.threshold or 0), value=value, facts=[
            _("%(expected)s units to evaluate, %(registered)s registered, %(recognised)s recognised") % counts])
    return check


def _working_model(evaluation, criterion) -> Outcome:
    """At least one model working in the unit during the period, read from the models registry."""
    from antq.initiatives.selectors import working_models

    models = list(working_models(unit=evaluation.unit, establishment=evaluation.establishment,
                                 start=evaluation.period_start, end=evaluation.period_end)[:6])
    facts = [f"{m.name} ({m.get_kind_display().lower()}{', ' + _('exemplary') if m.is_exemplary else ''})"
             for m in models[:5]]
    if len(models) > 5:
        facts.append(_("and more"))
    if not models:
        facts = [_("No working model recorded in the registry of models for this unit during the period.")]
    needed = int(criterion.threshold or 1)
    return Outcome(passed=len(models) >= needed, value=Decimal(len(models)), facts=facts)


CHECKS: dict[str, Callable] = {
    "households_registered": _households,
    "no_security_activity": _incidents([IncidentKind.SECURITY_ACTIVITY, IncidentKind.UNSETTLED_DISPUTE,
                                        IncidentKind.ILLEGAL_STRIKE]),
    "no_serious_incident": _incidents([IncidentKind.SERIOUS_CRIME, IncidentKind.NEW_HOT_SPOT, IncidentKind.NEW_ADDICT,
                                       IncidentKind.SERIOUS_FIRE, IncidentKind.FATAL_ACCIDENT]),
    "no_school_violence": _incidents([IncidentKind.SCHOOL_VIOLENCE]),
    "units_registered": _commune_units("registered"),
    "units_recognised": _commune_units("recognised"),
    "working_model": _working_model,
}


def run_check(evaluation, criterion) -> Outcome:
    """The facts are stored with the result, so they are written in the official language
    (the default, Vietnamese) whoever's screen triggered the check."""
    check = CHECKS.get(criterion.check_code)
    if check is None:
        return Outcome(passed=None)
    with translation.override(settings.LANGUAGE_CODE):
        return check(evaluation, criterion)
