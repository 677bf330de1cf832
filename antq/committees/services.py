"""Writes to steering committees, their members and meetings (seed 000 §IV.3–4).

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the actor's
permission over the committee's unit and leaves one audit row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.committees import permissions as perms
from antq.committees.choices import Attendance, Group, Position
from antq.committees.models import CommitteeMember, Meeting, MeetingAttendance, MeetingDecision, SteeringCommittee
from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.uploads import EXTENSIONS, check_upload
from antq.geo.models import AdminUnit
from antq.orgs.models import Organisation

COMMITTEE_FIELDS = ["unit", "name", "established_on", "decision_number", "dissolved_on", "working_rules"]
MEMBER_FIELDS = ["committee", "full_name", "title", "organisation", "position", "group", "user",
                 "term_start", "term_end"]
MEETING_FIELDS = ["committee", "held_on", "place", "chair", "agenda", "minutes", "signed_minutes"]
# Seats that one person holds at a time.
SINGLE_SEATS = {Position.HEAD, Position.STANDING_DEPUTY}


def _require(actor, action: str, unit: AdminUnit) -> None:
    if not has_permission(actor, action, unit):
        raise PermissionDenied


@transaction.atomic
def committee_create(*, actor, unit: AdminUnit, name: str, established_on: datetime.date | None = None,
                     decision_number: str = "") -> SteeringCommittee:
    """One committee per unit and level (seed 000 §IV.3)."""
    _require(actor, perms.MANAGE_COMMITTEE, unit)
    if unit.level.code == "residential_area" or not unit.is_current:
        raise ValidationError(_("Steering committees exist at central, province and commune level only."))
    if SteeringCommittee.objects.active().filter(unit=unit).exists():
        raise ValidationError(_("%(unit)s already has a steering committee.") % {"unit": unit.display_name})
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Enter the committee's name.")})
    committee = SteeringCommittee.objects.create(unit=unit, name=name, established_on=established_on,
                                                 decision_number=decision_number.strip())
    audit_record(actor=actor, action="committees.committee_create", obj=committee, unit_path=unit.path,
                 after=snapshot(committee, COMMITTEE_FIELDS))
    return committee


@transaction.atomic
def committee_update(*, actor, committee: SteeringCommittee, name: str, established_on: datetime.date | None = None,
                     decision_number: str = "", working_rules=None) -> SteeringCommittee:
    """Rename the committee, record its founding decision, attach its working rules (seed 000 §IV.4)."""
    committee = SteeringCommittee.objects.select_for_update(of=("self",)).select_related("unit").get(pk=committee.pk)
    _require(actor, perms.MANAGE_COMMITTEE, committee.unit)
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = [_("Enter the committee's name.")]
    kind = None
    if working_rules:
        try:
            kind = check_upload(working_rules, allowed=("pdf",))
        except ValidationError as exc:
            errors["working_rules"] = exc.messages
    if errors:
        raise ValidationError(errors)
    before = snapshot(committee, COMMITTEE_FIELDS)
    committee.name, committee.established_on, committee.decision_number = name, established_on, decision_number.strip()
    if working_rules:
        committee.working_rules.save(f"quy-che-{committee.pk}.{EXTENSIONS[kind]}", working_rules, save=False)
    committee.save()
    audit_record(actor=actor, action="committees.committee_update", obj=committee, unit_path=committee.unit.path,
                 before=before, after=snapshot(committee, COMMITTEE_FIELDS))
    return committee


@transaction.atomic
def member_add(*, actor, committee: SteeringCommittee, full_name: str, organisation: Organisation, position: str,
               group: str = Group.COMMITTEE, title: str = "", term_start: datetime.date | None = None,
               user=None) -> CommitteeMember:
    """Seat a member. Head and standing deputy are single seats: end the holder's term first."""
    _require(actor, perms.MANAGE_COMMITTEE, committee.unit)
    errors = {}
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = _("Enter the member's full name.")
    if organisation.unit_id != committee.unit_id:
        errors["organisation"] = _("Choose an organisation of %(unit)s.") % {"unit": committee.unit.display_name}
    if position in SINGLE_SEATS and group == Group.COMMITTEE:
        holder = CommitteeMember.objects.current().filter(committee=committee, position=position,
                                                          group=Group.COMMITTEE).first()
        if holder:
            errors["position"] = _("%(name)s holds this seat; end their term first.") % {"name": holder.full_name}
    if errors:
        raise ValidationError(errors)
    member = CommitteeMember.objects.create(
        committee=committee, full_name=full_name, title=title.strip(), organisation=organisation,
        position=position, group=group, user=user, term_start=term_start or timezone.localdate())
    audit_record(actor=actor, action="committees.member_add", obj=member, unit_path=committee.unit.path,
                 after=snapshot(member, MEMBER_FIELDS))
    return member


@transaction.atomic
def member_end_term(*, actor, member: CommitteeMember, term_end: datetime.date) -> CommitteeMember:
    member = CommitteeMember.objects.select_for_update(of=("self",)).select_related("committee__unit").get(
        pk=member.pk)
    _require(actor, perms.MANAGE_COMMITTEE, member.committee.unit)
    if member.term_end is not None:
        raise ValidationError(_("This member's term has already ended."))
    if member.term_start and term_end < member.term_start:
        raise ValidationError({"term_end": _("The term cannot end before it began.")})
    before = snapshot(member, MEMBER_FIELDS)
    member.term_end = term_end
    member.save(update_fields=["term_end"])
    audit_record(actor=actor, action="committees.member_end_term", obj=member,
                 unit_path=member.committee.unit.path, before=before, after=snapshot(member, MEMBER_FIELDS))
    return member


@dataclass
class AttendanceLine:
    member: CommitteeMember
    status: str
    note: str = ""


@dataclass
class DecisionLine:
    text: str
    owner: Organisation | None = None
    due_on: datetime.date | None = None


@transaction.atomic
def meeting_record(*, actor, committee: SteeringCommittee, held_on: datetime.date, place: str = "",
                   chair: CommitteeMember | None = None, agenda: str = "", minutes: str = "",
                   signed_minutes=None, attendance: list[AttendanceLine] = (),
                   decisions: list[DecisionLine] = ()) -> Meeting:
    """Record a meeting held on the committee's cadence (seed 000 §IV.4).

    The record is visible at once to the committee above, which is how the meeting's report
    "goes up" (two-way information, seed 000 §IV.4).
    """
    _require(actor, perms.RECORD_MEETING, committee.unit)
    errors: dict[str, list[str]] = {}
    if held_on > timezone.localdate():
        errors.setdefault("held_on", []).append(_("A meeting cannot be recorded before it is held."))
    members = {m.pk: m for m in CommitteeMember.objects.filter(committee=committee)}
    if chair is not None and chair.pk not in members:
        errors.setdefault("chair", []).append(_("The chair must be a member of this committee."))
    seen = set()
    for line in attendance:
        if line.member.pk not in members or line.member.pk in seen:
            errors.setdefault("attendance", []).append(_("Each member of this committee may appear once."))
        seen.add(line.member.pk)
        if line.status not in Attendance.values:
            errors.setdefault("attendance", []).append(_("Unknown attendance status."))
        if line.status in (Attendance.ABSENT, Attendance.REPRESENTED) and not line.note.strip():
            errors.setdefault("attendance", []).append(
                _("Give the reason for %(name)s's absence or who represented them.") % {"name": line.member.full_name})
    for line in decisions:
        if not line.text.strip():
            errors.setdefault("decisions", []).append(_("A decision needs its text."))
        if line.owner is not None and not line.owner.unit.path.startswith(committee.unit.path):
            errors.setdefault("decisions", []).append(_("A decision's owner must be an organisation of this unit."))
    kind = None
    if signed_minutes:
        try:
            kind = check_upload(signed_minutes, allowed=("pdf", "jpeg", "png"))
        except ValidationError as exc:
            errors.setdefault("signed_minutes", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(committee=committee, held_on=held_on, place=place.strip(), chair=chair,
                      agenda=agenda.strip(), minutes=minutes.strip(), recorded_by=actor)
    if signed_minutes:
        meeting.signed_minutes.save(f"bien-ban-{held_on:%Y%m%d}.{EXTENSIONS[kind]}", signed_minutes, save=False)
    meeting.save()
    MeetingAttendance.objects.bulk_create(
        [MeetingAttendance(meeting=meeting, member=line.member, status=line.status, note=line.note.strip())
         for line in attendance])
    MeetingDecision.objects.bulk_create(
        [MeetingDecision(meeting=meeting, text=line.text.strip(), owner=line.owner, due_on=line.due_on)
         for line in decisions])
    after = snapshot(meeting, MEETING_FIELDS)
    after["attendance"] = [[line.member.pk, line.status] for line in attendance]
    after["decisions"] = len(decisions)
    audit_record(actor=actor, action="committees.meeting_record", obj=meeting, unit_path=committee.unit.path,
                 after=after)
    return meeting


@transaction.atomic
def meeting_attach_minutes(*, actor, meeting: Meeting, signed_minutes) -> Meeting:
    """Attach (or replace) the signed minutes after the meeting was recorded; checked by content."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee__unit").get(pk=meeting.pk)
    _require(actor, perms.RECORD_MEETING, meeting.committee.unit)
    try:
        kind = check_upload(signed_minutes, allowed=("pdf", "jpeg", "png"))
    except ValidationError as exc:
        raise ValidationError({"signed_minutes": exc.messages}) from exc
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.signed_minutes.save(f"bien-ban-{meeting.held_on:%Y%m%d}.{EXTENSIONS[kind]}", signed_minutes, save=False)
    meeting.save(update_fields=["signed_minutes"])
    audit_record(actor=actor, action="committees.meeting_attach_minutes", obj=meeting,
                 unit_path=meeting.committee.unit.path, before=before, after=snapshot(meeting, MEETING_FIELDS))
    return meeting


@transaction.atomic
def decision_mark_done(*, actor, decision: MeetingDecision, done_on: datetime.date) -> MeetingDecision:
    decision = MeetingDecision.objects.select_related("meeting__committee__unit").get(pk=decision.pk)
    unit = decision.meeting.committee.unit
    _require(actor, perms.RECORD_MEETING, unit)
    if decision.done_on is not None:
        raise ValidationError(_("This decision is already marked done."))
    decision.done_on = done_on
    decision.save(update_fields=["done_on"])
    audit_record(actor=actor, action="committees.decision_mark_done", obj=decision, unit_path=unit.path,
                 after={"done_on": done_on})
    return decision
