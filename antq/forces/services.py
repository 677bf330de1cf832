"""Writes of the grassroots forces (Law 30/2023/QH15 on the forces protecting security and order at the
grassroots; LAW.md §4): the commune chairman sets a team up and recognises its members on the commune police's
proposal; the commune police record both here.

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the unit scope and the
permission, and leaves one audit row named like the function — never a member's ID number.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import citizen_id_problem, clean
from antq.forces import permissions as perms
from antq.forces import selectors
from antq.forces.choices import DisciplineForm, Education, MemberState, Role
from antq.forces.models import Discipline, Member, SecurityTeam
from antq.geo import choices as geo

TEAM_FIELDS = ["name", "decision_number", "decided_on", "dissolved_on"]
MEMBER_FIELDS = ["team", "full_name", "birth_date", "area", "education", "clean_record", "role", "state",
                 "proposed_on", "recognised_on", "decision_number", "left_on", "leave_reason"]


def _require(actor, commune) -> None:
    if not has_permission(actor, perms.MANAGE_TEAM, commune):
        raise PermissionDenied


def _day_come(day, field: str, errors: dict) -> None:
    if day is None or day > timezone.localdate():
        errors[field] = [_("Enter a day that has come.")]


@transaction.atomic
def team_create(*, actor, commune, name: str, areas, decision_number: str, decided_on: datetime.date) -> SecurityTeam:
    """A team of one or more residential areas of the commune, set up by the commune chairman's decision on
    the commune police's proposal (Law 30/2023/QH15)."""
    if commune is None or commune.level.code != geo.COMMUNE:
        raise ValidationError({"areas": [_("Choose a commune.")]})
    _require(actor, commune)
    areas = list(areas)
    errors = {}
    if not clean(name):
        errors["name"] = [_("Enter the team's name.")]
    if not areas or any(a.parent_id != commune.pk or a.level.code != geo.RESIDENTIAL_AREA or not a.is_current
                        for a in areas):
        errors["areas"] = [_("Choose one or more residential areas of the commune.")]
    elif SecurityTeam.objects.current().filter(areas__in=areas).exists():
        errors["areas"] = [_("An area chosen already has a team.")]
    if len(clean(decision_number)) < 3:
        errors["decision_number"] = [_("Enter the decision's number.")]
    _day_come(decided_on, "decided_on", errors)
    if errors:
        raise ValidationError(errors)
    team = SecurityTeam.objects.create(commune=commune, province_id=commune.parent_id, name=clean(name)[:200],
                                       decision_number=clean(decision_number)[:60], decided_on=decided_on)
    team.areas.set(areas)
    audit_record(actor=actor, action="forces.team_create", obj=team, unit_path=commune.path,
                 after={**snapshot(team, TEAM_FIELDS), "areas": sorted(a.pk for a in areas)})
    return team


@transaction.atomic
def member_propose(*, actor, team: SecurityTeam, full_name: str, birth_date: datetime.date, id_number: str, area,
                   education: str, clean_record: bool, role: str = Role.MEMBER,
                   proposed_on: datetime.date | None = None) -> Member:
    """The commune police propose a person for the team: checked against the eligibility rule in force (age,
    schooling, record, residence), the failing rule named on its field; one leader and one deputy per team."""
    team = SecurityTeam.objects.select_for_update().select_related("commune").get(pk=team.pk)
    _require(actor, team.commune)
    proposed_on = proposed_on or timezone.localdate()
    id_number = (id_number or "").replace(" ", "")
    errors = {}
    if not clean(full_name):
        errors["full_name"] = [_("Enter the full name.")]
    if birth_date is None:
        errors["birth_date"] = [_("Enter the date of birth.")]
    problem = citizen_id_problem(id_number, birth_date)
    if problem:
        errors["id_number"] = [problem]
    if education not in Education.values:
        errors["education"] = [_("Choose the schooling completed.")]
    if role not in Role.values:
        errors["role"] = [_("Choose the role.")]
    elif role != Role.MEMBER and team.members.filter(role=role, state__in=[MemberState.PROPOSED,
                                                                          MemberState.RECOGNISED]).exists():
        errors["role"] = [_("The team has its %(role)s already.") % {"role": Role(role).label.lower()}]
    _day_come(proposed_on, "proposed_on", errors)
    lives_here = area is not None and area.parent_id == team.commune_id
    for field, messages in selectors.eligibility_problems(
            birth_date=birth_date, education=education, clean_record=clean_record, lives_in_commune=lives_here,
            commune=team.commune, on=proposed_on).items():
        errors.setdefault(field, []).extend(messages)
    active = Member.objects.filter(commune=team.commune, state__in=[MemberState.PROPOSED, MemberState.RECOGNISED])
    if id_number and any(m.id_number == id_number for m in active.only("id_number")):  # sealed: compared decrypted
        errors.setdefault("id_number", []).append(_("This person is a member already."))
    if errors:
        raise ValidationError(errors)
    member = Member.objects.create(team=team, commune=team.commune, province_id=team.province_id,
                                   full_name=clean(full_name)[:200], birth_date=birth_date, id_number=id_number,
                                   area=area, education=education, clean_record=clean_record, role=role,
                                   proposed_on=proposed_on)
    audit_record(actor=actor, action="forces.member_propose", obj=member, unit_path=team.commune.path,
                 after=snapshot(member, MEMBER_FIELDS))
    return member


def _locked_member(actor, member: Member) -> Member:
    member = Member.objects.select_for_update().select_related("commune").get(pk=member.pk)
    _require(actor, member.commune)
    return member


@transaction.atomic
def member_recognise(*, actor, member: Member, decision_number: str, recognised_on: datetime.date) -> Member:
    """The commune chairman's decision recognising a proposed member, as recorded by the commune police; the
    rule is checked again on the decision's day (a birthday may have passed)."""
    member = _locked_member(actor, member)
    errors = {}
    if member.state != MemberState.PROPOSED:
        errors["decision_number"] = [_("Only a proposed member is recognised.")]
    if len(clean(decision_number)) < 3:
        errors["decision_number"] = [_("Enter the decision's number.")]
    _day_come(recognised_on, "recognised_on", errors)
    if recognised_on and recognised_on < member.proposed_on:
        errors["recognised_on"] = [_("The decision comes after the proposal (%(day)s).") % {
            "day": member.proposed_on.strftime("%d/%m/%Y")}]
    if not errors:
        age = selectors.eligibility_problems(
            birth_date=member.birth_date, education=member.education, clean_record=member.clean_record,
            lives_in_commune=True, commune=member.commune, on=recognised_on).get("birth_date")
        if age:
            errors["recognised_on"] = age
    if errors:
        raise ValidationError(errors)
    before = snapshot(member, MEMBER_FIELDS)
    member.state, member.decision_number, member.recognised_on = MemberState.RECOGNISED, clean(decision_number), \
        recognised_on
    member.save(update_fields=["state", "decision_number", "recognised_on"])
    audit_record(actor=actor, action="forces.member_recognise", obj=member, unit_path=member.commune.path,
                 before=before, after=snapshot(member, MEMBER_FIELDS))
    return member


def _leave(member: Member, left_on: datetime.date, reason: str) -> None:
    member.state, member.left_on, member.leave_reason = MemberState.LEFT, left_on, reason[:300]
    member.save(update_fields=["state", "left_on", "leave_reason"])


@transaction.atomic
def member_leave(*, actor, member: Member, left_on: datetime.date, reason: str) -> Member:
    """A member leaves the team (asked to, moved away, aged out, health…), with the reason."""
    member = _locked_member(actor, member)
    errors = {}
    if member.state == MemberState.LEFT:
        errors["left_on"] = [_("This member has left already.")]
    _day_come(left_on, "left_on", errors)
    if left_on and left_on < member.proposed_on:
        errors["left_on"] = [_("Enter a day from the proposal (%(day)s).") % {
            "day": member.proposed_on.strftime("%d/%m/%Y")}]
    if len(clean(reason)) < 3:
        errors["reason"] = [_("Say why.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(member, MEMBER_FIELDS)
    _leave(member, left_on, clean(reason))
    audit_record(actor=actor, action="forces.member_leave", obj=member, unit_path=member.commune.path,
                 before=before, after=snapshot(member, MEMBER_FIELDS))
    return member


@transaction.atomic
def member_discipline(*, actor, member: Member, form: str, decided_on: datetime.date, decision_number: str,
                      reason: str) -> Discipline:
    """A disciplinary decision on a recognised member; a dismissal ends the membership that day."""
    member = _locked_member(actor, member)
    errors = {}
    if member.state != MemberState.RECOGNISED:
        errors["form"] = [_("Only a recognised member is disciplined.")]
    if form not in DisciplineForm.values:
        errors["form"] = [_("Choose the form.")]
    _day_come(decided_on, "decided_on", errors)
    if len(clean(decision_number)) < 3:
        errors["decision_number"] = [_("Enter the decision's number.")]
    if len(clean(reason)) < 5:
        errors["reason"] = [_("Say why (at least 5 characters).")]
    if errors:
        raise ValidationError(errors)
    row = Discipline.objects.create(member=member, form=form, decided_on=decided_on,
                                    decision_number=clean(decision_number)[:60], reason=clean(reason)[:300],
                                    recorded_by=actor)
    if form == DisciplineForm.DISMISSAL:
        _leave(member, decided_on, str(DisciplineForm.DISMISSAL.label))
    audit_record(actor=actor, action="forces.member_discipline", obj=member, unit_path=member.commune.path,
                 after={"discipline": row.pk, "form": form, "decided_on": decided_on.isoformat(),
                        "state": member.state})
    return row
