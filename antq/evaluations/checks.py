"""Automatic checks: criteria judged on facts the product holds, not on the unit's own word.

A criterion with `judgement="automatic"` names a check here. A check returns whether the
facts pass, the value it computed (a share, for thresholds) and the facts it found, so the
reviewer sees why. `passed=None` means the product holds no facts for it yet: the unit's
own answer stands.

Other apps contribute through antq.core.registry, without importing this app:
- under "evaluations.checks", a check named by its code: `check(evaluation, criterion)` returns
  `(passed, value, facts)` — the models registry (initiatives) gives "working_model";
- under "evaluations.incidents", a source: `source(evaluation, kinds)` returns the facts it found in
  the unit during the period — the manual incident register here; tips and mediation later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from antq.core import registry
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


def _incidents(kinds: list[str]):
    def check(evaluation, criterion) -> Outcome:
        sources = [_manual_incidents, *registry.contributions("evaluations.incidents").values()]
        facts = [fact for source in sources for fact in source(evaluation, kinds)]
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


CHECKS: dict[str, Callable] = {
    "households_registered": _households,
    "no_security_activity": _incidents([IncidentKind.SECURITY_ACTIVITY, IncidentKind.UNSETTLED_DISPUTE,
                                        IncidentKind.ILLEGAL_STRIKE]),
    "no_serious_incident": _incidents([IncidentKind.SERIOUS_CRIME, IncidentKind.NEW_HOT_SPOT, IncidentKind.NEW_ADDICT,
                                       IncidentKind.SERIOUS_FIRE, IncidentKind.FATAL_ACCIDENT]),
    "no_school_violence": _incidents([IncidentKind.SCHOOL_VIOLENCE]),
    "units_registered": _commune_units("registered"),
    "units_recognised": _commune_units("recognised"),
}


def run_check(evaluation, criterion) -> Outcome:
    """The facts are stored with the result, so they are written in the official language
    (the default, Vietnamese) whoever's screen triggered the check."""
    check = CHECKS.get(criterion.check_code)
    contributed = registry.contributions("evaluations.checks").get(criterion.check_code)
    if check is None and contributed is None:
        return Outcome(passed=None)
    with translation.override(settings.LANGUAGE_CODE):
        if check is not None:
            return check(evaluation, criterion)
        passed, value, facts = contributed(evaluation, criterion)
        return Outcome(passed=passed, value=value, facts=list(facts))


def check_codes() -> list[str]:
    """Every check a criterion may name: this app's and the contributed ones."""
    return [*CHECKS, *registry.contributions("evaluations.checks")]
