"""Writes to mediation teams and mediators (Law 35/2013/QH13, LAW.md §3).

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the actor's permission over
the team's residential area and leaves one audit row named like the function.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.mediation import permissions as perms
from antq.mediation import selectors
from antq.mediation.choices import Sex
from antq.mediation.models import MediationTeam, Mediator

TEAM_FIELDS = ["unit", "name", "minorities_live_here", "established_on", "dissolved_on"]
MEDIATOR_FIELDS = ["team", "full_name", "sex", "ethnicity", "ethnic_minority", "election_share",
                   "recognition_decision", "recognised_on", "is_leader", "trained", "term_start", "term_end"]


def _plain(number: Decimal) -> str:
    """50.00 → "50", 50.5 → "50,5" in the reader's format: a share as a person writes it."""
    from django.utils.formats import number_format

    normal = number.normalize()
    return number_format(normal, decimal_pos=max(0, -normal.as_tuple().exponent))


def _require(actor, unit: AdminUnit) -> None:
    if not has_permission(actor, perms.MANAGE_TEAM, unit):
        raise PermissionDenied


@transaction.atomic
def team_create(*, actor, unit: AdminUnit, name: str, minorities_live_here: bool = False,
                established_on: datetime.date | None = None) -> MediationTeam:
    """A mediation team of a residential area; an area may have several (Law 35/2013 Art. 12)."""
    _require(actor, unit)
    if unit.level.code != geo.RESIDENTIAL_AREA or not unit.is_current:
        raise ValidationError(_("A mediation team belongs to a current residential area."))
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Enter the team's name.")})
    if MediationTeam.objects.current().filter(unit=unit, name__iexact=name).exists():
        raise ValidationError({"name": _("%(unit)s already has a team of this name.") % {"unit": unit.display_name}})
    if established_on and established_on > timezone.localdate():
        raise ValidationError({"established_on": _("The date cannot be in the future.")})
    team = MediationTeam.objects.create(unit=unit, commune_id=unit.parent_id, name=name,
                                        minorities_live_here=minorities_live_here, established_on=established_on)
    audit_record(actor=actor, action="mediation.team_create", obj=team, unit_path=unit.path,
                 after=snapshot(team, TEAM_FIELDS))
    return team


@transaction.atomic
def mediator_add(*, actor, team: MediationTeam, full_name: str, sex: str, election_share: Decimal,
                 term_start: datetime.date, ethnicity: str = "Kinh", ethnic_minority: bool = False,
                 recognition_decision: str = "", recognised_on: datetime.date | None = None,
                 is_leader: bool = False, trained: bool = False) -> Mediator:
    """Record a mediator the area elected (Art. 8: by more than half of the household representatives, the
    share compared exactly with the rule in force) and the commune chairman recognised; the team leader is
    elected by the mediators, one at a time."""
    team = MediationTeam.objects.select_for_update().select_related("unit").get(pk=team.pk)
    _require(actor, team.unit)
    rule = selectors.rule_in_force(term_start)
    errors = {}
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = _("Enter the mediator's full name.")
    if sex not in Sex.values:
        errors["sex"] = _("Choose the mediator's sex.")
    if rule is not None and not election_share > rule.min_election_share:
        errors["election_share"] = _("A mediator is elected by more than %(min)s %% of the household "
                                     "representatives (Law 35/2013 Art. 8); %(share)s %% is not enough.") % {
            "min": _plain(rule.min_election_share), "share": _plain(election_share)}
    if election_share > 100:
        errors["election_share"] = _("A share cannot pass 100 %.")
    if term_start > timezone.localdate():
        errors["term_start"] = _("The date cannot be in the future.")
    if is_leader and Mediator.objects.current().filter(team=team, is_leader=True).exists():
        errors["is_leader"] = _("The team has a leader; end their term as leader first.")
    if errors:
        raise ValidationError(errors)
    mediator = Mediator.objects.create(
        team=team, full_name=full_name, sex=sex, ethnicity=" ".join(ethnicity.split()) or "Kinh",
        ethnic_minority=ethnic_minority, election_share=election_share,
        recognition_decision=recognition_decision.strip(), recognised_on=recognised_on, is_leader=is_leader,
        trained=trained, term_start=term_start)
    audit_record(actor=actor, action="mediation.mediator_add", obj=mediator, unit_path=team.unit.path,
                 after=snapshot(mediator, MEDIATOR_FIELDS))
    return mediator


@transaction.atomic
def mediator_end_term(*, actor, mediator: Mediator, term_end: datetime.date) -> Mediator:
    mediator = Mediator.objects.select_for_update(of=("self",)).select_related("team__unit").get(pk=mediator.pk)
    _require(actor, mediator.team.unit)
    if mediator.term_end is not None:
        raise ValidationError(_("This mediator's term has already ended."))
    if term_end < mediator.term_start:
        raise ValidationError({"term_end": _("The term cannot end before it began.")})
    before = snapshot(mediator, MEDIATOR_FIELDS)
    mediator.term_end = term_end
    mediator.save(update_fields=["term_end"])
    audit_record(actor=actor, action="mediation.mediator_end_term", obj=mediator, unit_path=mediator.team.unit.path,
                 before=before, after=snapshot(mediator, MEDIATOR_FIELDS))
    return mediator
