"""Writes of supervision files (Law 127/2025/QH15 on the execution of criminal judgments; Decree 49/2020;
LAW.md §5).

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the unit scope and the
purpose, refuses a file restricted from the actor as if it did not exist, and leaves one audit row named
like the function — never the person's name, birth date, ID number, address or the court's reference.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core import limits
from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import citizen_id_problem, clean
from antq.geo import choices as geo
from antq.supervision import permissions as perms
from antq.supervision import selectors
from antq.supervision.choices import (
    EndReason,
    Grade,
    MeasureState,
    NeedKind,
    ProposalKind,
    ProposalState,
    RollCall,
    SupportKind,
    TransferState,
)
from antq.supervision.models import (
    Assessment,
    Breach,
    Helper,
    Measure,
    MeasureType,
    Need,
    Person,
    Proposal,
    Restriction,
    Support,
    Transfer,
    Visit,
)

PLAN, ASSESSMENT = "supervision.plan", "supervision.assessment"
FILE_PURPOSE = selectors.FILE_PURPOSE
MEASURE_FIELDS = ["kind", "started_on", "ends_on", "intake_on", "plan_due", "plan_issued_on", "officer", "state"]


def _require(actor, action: str, commune) -> None:
    if not has_permission(actor, action, commune):
        raise PermissionDenied


def _reachable(actor, person: Person) -> None:
    """A file restricted from the actor answers as one that does not exist."""
    if selectors.is_restricted(actor, person):
        raise Http404


def _photo(upload):
    """A JPEG or PNG of at most 5 MB, re-encoded from its pixels (no EXIF, no location)."""
    from antq.core.uploads import check_upload, clean_image

    kind = check_upload(upload, allowed=("jpeg", "png"), max_bytes=5 * 1024 * 1024)
    return clean_image(upload, kind, _("The photo"))


def id_number_problem(value: str, birth_date: datetime.date | None) -> str:
    """What is wrong with a person's citizen ID number (antq.core.text.citizen_id_problem), or ""."""
    return citizen_id_problem(value, birth_date)


@transaction.atomic
def person_register(*, actor, unit, full_name: str, birth_date: datetime.date, id_number: str, address: str,
                    kind: MeasureType, started_on: datetime.date, intake_on: datetime.date,
                    ends_on: datetime.date | None = None, reference: str = "", photo=None) -> Measure:
    """A person received by the commune under a measure (the court's or the decision's reference); for a
    measure the commune police supervise, the plan is due within the limit in force from the intake
    (5 working days, Law 127/2025 — counted per Art. 134 of the Criminal Procedure Code)."""
    commune = unit.parent if unit is not None else None
    if unit is None or unit.level.code != geo.RESIDENTIAL_AREA or not unit.is_current:
        raise ValidationError({"unit": [_("Choose the residential area where the person lives.")]})
    _require(actor, perms.MANAGE_FILE, commune)
    errors = {}
    full_name, id_number = clean(full_name), (id_number or "").replace(" ", "")
    today = timezone.localdate()
    if not full_name:
        errors["full_name"] = [_("Enter the full name.")]
    problem = citizen_id_problem(id_number, birth_date)
    if problem:
        errors["id_number"] = [problem]
    if birth_date is None or birth_date > today:
        errors["birth_date"] = [_("Enter a date of birth in the past.")]
    if not clean(address):
        errors["address"] = [_("Enter the address.")]
    if kind is None or not kind.is_active:
        errors["kind"] = [_("Choose the measure.")]
    if intake_on > today:
        errors["intake_on"] = [_("This date is in the future.")]
    if ends_on is not None and ends_on < started_on:
        errors["ends_on"] = [_("The measure cannot end before it starts.")]
    picture = None
    if photo is not None:
        try:
            picture = _photo(photo)
        except ValidationError as exc:
            errors["photo"] = exc.messages
    if errors:
        raise ValidationError(errors)
    person = Person.objects.create(commune=commune, province_id=commune.parent_id, unit=unit, full_name=full_name,
                                   birth_date=birth_date.isoformat(), id_number=id_number, address=clean(address))
    if picture is not None:
        extension, content, _size = picture
        person.photo.save(f"{uuid.uuid4().hex}.{extension}", content, save=True)
    measure = Measure.objects.create(
        person=person, kind=kind, reference=clean(reference), started_on=started_on, ends_on=ends_on,
        intake_on=intake_on,
        plan_due=limits.in_force(PLAN, intake_on).last_day(intake_on) if kind.police_supervised else None)
    audit_record(actor=actor, action="supervision.person_register", obj=person, unit_path=commune.path,
                 after={"person": person.pk, "photo": bool(person.photo), **snapshot(measure, MEASURE_FIELDS)})
    return measure


@transaction.atomic
def plan_issue(*, actor, measure: Measure, officer, issued_on: datetime.date) -> Measure:
    """The commune police head issues the supervision plan naming the officer in charge (Law 127/2025)."""
    measure = Measure.objects.select_for_update(of=("self",)).select_related("person__commune").get(pk=measure.pk)
    person = measure.person
    _reachable(actor, person)
    _require(actor, perms.ISSUE_PLAN, person.commune)
    errors = {}
    if measure.state != MeasureState.ACTIVE or measure.plan_due is None:
        errors["issued_on"] = [_("This measure takes no supervision plan.")]
    elif measure.plan_issued_on is not None:
        errors["issued_on"] = [_("The plan is already issued.")]
    elif issued_on > timezone.localdate() or issued_on < measure.intake_on:
        errors["issued_on"] = [_("Enter a day between the intake (%(day)s) and today.") % {
            "day": measure.intake_on.strftime("%d/%m/%Y")}]
    if officer is None or not has_permission(officer, perms.VIEW_FILE, person.commune) \
            or selectors.is_restricted(officer, person):
        errors["officer"] = [_("Choose an officer of the commune police who may see this file.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(measure, MEASURE_FIELDS)
    measure.plan_issued_on, measure.officer = issued_on, officer
    measure.save(update_fields=["plan_issued_on", "officer"])
    audit_record(actor=actor, action="supervision.plan_issue", obj=measure, unit_path=person.commune.path,
                 before=before, after=snapshot(measure, MEASURE_FIELDS))
    return measure


@transaction.atomic
def restriction_add(*, actor, person: Person, user, reason: str) -> Restriction:
    """Keep the file from a named user (a relative of the person works at the commune…): from then on it is
    absent from their lists, search, exports and API answers, whatever their roles."""
    person = Person.objects.select_for_update().select_related("commune").get(pk=person.pk)
    _reachable(actor, person)
    _require(actor, perms.RESTRICT_FILE, person.commune)
    errors = {}
    if user is None or user == actor:
        errors["user"] = [_("Choose another user.")]
    elif Restriction.objects.filter(person=person, user=user).exists():
        errors["user"] = [_("This user is already kept from the file.")]
    if len(clean(reason)) < 10:
        errors["reason"] = [_("Say why (at least 10 characters).")]
    if errors:
        raise ValidationError(errors)
    row = Restriction.objects.create(person=person, user=user, reason=clean(reason)[:300], added_by=actor)
    audit_record(actor=actor, action="supervision.restriction_add", obj=person, unit_path=person.commune.path,
                 after={"person": person.pk, "user": user.pk})
    return row


def file_read(*, actor, person: Person, fields=selectors.SEALED) -> dict[str, str]:
    """The sealed fields of a file, for whoever reaches it (selectors.reach): the police holding the purpose
    over its commune, an officer under a grant in force (asked and approved, or opened in an emergency) —
    the grant's number goes in the row — or a helper, who reads only what helping needs. Never for a user
    the file is kept from. Each read is an audit row naming the fields read (never their values)."""
    person = Person.objects.select_related("commune").get(pk=person.pk)
    _reachable(actor, person)
    reach = selectors.reach(actor, person)
    if reach is None:
        raise Http404
    if reach.kind == selectors.HELPER and not set(fields) <= set(selectors.HELPER_FIELDS):
        raise PermissionDenied
    if person.anonymised_at is not None:
        fields = ()
    with transaction.atomic():
        audit_record(actor=actor, action="supervision.file_read", obj=person, unit_path=person.commune.path,
                     after={"person": person.pk, "fields": list(fields), "reach": reach.kind,
                            **({"grant": reach.grant.pk} if reach.grant else {})})
    found = {field: getattr(person, field) for field in fields}
    if found.get("birth_date"):
        found["birth_date"] = datetime.date.fromisoformat(found["birth_date"])
    return found


def reintegration_read(*, actor, person: Person) -> dict:
    """The helping record of a person — visits (attitude, wishes), needs, help given — for the police keeping
    the file, an officer under a grant, or the person's helper; one audit row naming what was read."""
    person = Person.objects.select_related("commune").get(pk=person.pk)
    _reachable(actor, person)
    reach = selectors.reach(actor, person)
    if reach is None:
        raise Http404
    with transaction.atomic():
        audit_record(actor=actor, action="supervision.reintegration_read", obj=person, unit_path=person.commune.path,
                     after={"person": person.pk, "fields": ["visits", "needs", "supports"], "reach": reach.kind,
                            **({"grant": reach.grant.pk} if reach.grant else {})})
    return {"visits": list(person.visits.all()), "needs": list(person.needs.all()),
            "supports": list(person.supports.all())}


def names_read(*, actor, people) -> dict[int, str]:
    """The names of the people a helper is assigned (their page lists them): one audit row naming the files
    and the field read."""
    ids = [p.pk for p in people]
    if not ids:
        return {}
    found = dict(selectors.helping(actor).filter(pk__in=ids).values_list("pk", "full_name"))
    if len(found) != len(set(ids)):
        raise Http404
    with transaction.atomic():
        audit_record(actor=actor, action="supervision.names_read", object_repr=_("%(n)s files") % {"n": len(ids)},
                     after={"people": ids, "fields": ["full_name"], "reach": selectors.HELPER})
    return found


def assessment_due(month: datetime.date) -> datetime.date:
    """The day a month's assessment must be signed by: the limit in force counted from the month's last day
    (the 5th of the next month, moved past a day off)."""
    from antq.core.dates import add_months

    last = add_months(month.replace(day=1), 1) - datetime.timedelta(days=1)
    return limits.in_force(ASSESSMENT, last).last_day(last)


@transaction.atomic
def assessment_record(*, actor, measure: Measure, month: datetime.date, grade: str, roll_call: str,
                      signed_on: datetime.date, note: str = "") -> Assessment:
    """The month's assessment of a supervised person, graded Tốt / Khá / Trung bình / Kém, with the month's
    roll-call and how it was made (Law 127/2025); one a month; late ones are kept, and shown late."""
    measure = Measure.objects.select_for_update(of=("self",)).select_related("person__commune").get(pk=measure.pk)
    person = measure.person
    _reachable(actor, person)
    _require(actor, perms.ASSESS, person.commune)
    month = month.replace(day=1)
    errors = {}
    if measure.state != MeasureState.ACTIVE or not measure.kind.police_supervised:
        errors["month"] = [_("This measure takes no monthly assessment.")]
    elif month < measure.started_on.replace(day=1) or month >= timezone.localdate().replace(day=1):
        errors["month"] = [_("Choose a month of the measure that has ended.")]
    elif Assessment.objects.filter(measure=measure, month=month).exists():
        errors["month"] = [_("This month is already assessed.")]
    if grade not in Grade.values:
        errors["grade"] = [_("Choose the grade.")]
    if roll_call not in RollCall.values:
        errors["roll_call"] = [_("Choose how the person reported.")]
    if signed_on > timezone.localdate():
        errors["signed_on"] = [_("This date is in the future.")]
    if errors:
        raise ValidationError(errors)
    row = Assessment.objects.create(measure=measure, month=month, grade=grade, roll_call=roll_call,
                                    signed_on=signed_on, due=assessment_due(month), note=(note or "").strip(),
                                    recorded_by=actor)
    audit_record(actor=actor, action="supervision.assessment_record", obj=measure, unit_path=person.commune.path,
                 after={"month": month.isoformat(), "grade": grade, "roll_call": roll_call,
                        "late": signed_on > row.due})
    return row


# --- Opening a file outside the police -----------------------------------------------------------------

def _label(person: Person) -> str:
    """What the approver reads (stored, so in the official language): the file's number, never a name."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _("file #%(n)s") % {"n": person.pk}


def _openable(actor, person: Person) -> Person:
    person = Person.objects.select_related("commune").get(pk=person.pk)
    _reachable(actor, person)
    _require(actor, perms.REQUEST_FILE, person.commune)
    return person


def file_access_request(*, actor, person: Person, reason: str):
    """Ask the commune police head to open a file (the shared two-person grant, antq.core.grants): the
    approver reads the file's number and the reason, never who the person is."""
    from antq.core import services as core

    person = _openable(actor, person)
    return core.access_request(actor=actor, purpose=FILE_PURPOSE, obj=person, unit=person.commune, reason=reason,
                               label=_label(person))


def file_break_glass(*, actor, person: Person, reason: str):
    """Open a file at once in an emergency, on a stated reason: the opening lasts the emergency limit in
    force, the commune police head is told, every read under it is in the trail with its number, and the
    province's report lists it (antq.core.services.access_break_glass)."""
    from antq.core import services as core

    person = _openable(actor, person)
    return core.access_break_glass(actor=actor, purpose=FILE_PURPOSE, obj=person, unit=person.commune,
                                   reason=reason, label=_label(person))


# --- Moves between communes ----------------------------------------------------------------------------

def _locked_person(actor, person: Person, action: str) -> Person:
    person = Person.objects.select_for_update().select_related("commune").get(pk=person.pk)
    _reachable(actor, person)
    _require(actor, action, person.commune)
    return person


@transaction.atomic
def transfer_request(*, actor, person: Person, to_unit, reason: str) -> Transfer:
    """Hand the file to the commune the person moved to (their new residential area): it stays with this
    commune until the receiving commune's police accept it."""
    person = _locked_person(actor, person, perms.TRANSFER)
    errors = {}
    if to_unit is None or to_unit.level.code != geo.RESIDENTIAL_AREA or not to_unit.is_current:
        errors["to_unit"] = [_("Choose the residential area where the person now lives.")]
    elif to_unit.parent_id == person.commune_id:
        errors["to_unit"] = [_("This area is in the same commune: no hand-over is needed.")]
    if not person.measures.filter(state=MeasureState.ACTIVE).exists():
        errors["to_unit"] = [_("The file has no measure in progress: nothing to hand over.")]
    if Transfer.objects.filter(person=person, state=TransferState.PENDING).exists():
        errors["to_unit"] = [_("A hand-over of this file is already waiting.")]
    if len(clean(reason)) < 5:
        errors["reason"] = [_("Say why (at least 5 characters).")]
    if errors:
        raise ValidationError(errors)
    transfer = Transfer.objects.create(person=person, from_commune=person.commune, to_commune=to_unit.parent,
                                       to_unit=to_unit, reason=clean(reason)[:300], requested_by=actor)
    audit_record(actor=actor, action="supervision.transfer_request", obj=person, unit_path=person.commune.path,
                 after={"person": person.pk, "to": to_unit.parent_id, "transfer": transfer.pk})
    return transfer


@transaction.atomic
def transfer_decide(*, actor, transfer: Transfer, accept: bool, note: str = "") -> Transfer:
    """The receiving commune's police accept the file (it moves to them: a new plan is due within the
    limit from today, counted as an intake) or refuse it, saying why (it stays where it was)."""
    transfer = Transfer.objects.select_for_update().select_related("to_commune", "to_unit").get(pk=transfer.pk)
    person = Person.objects.select_for_update().select_related("commune").get(pk=transfer.person_id)
    _reachable(actor, person)
    _require(actor, perms.TRANSFER, transfer.to_commune)
    if transfer.state != TransferState.PENDING:
        raise ValidationError({"note": [_("This hand-over is decided already.")]})
    note = clean(note)
    if not accept and len(note) < 5:
        raise ValidationError({"note": [_("Say why you refuse (at least 5 characters).")]})
    today = timezone.localdate()
    transfer.state = TransferState.ACCEPTED if accept else TransferState.REFUSED
    transfer.decided_by, transfer.decided_at, transfer.note = actor, timezone.now(), note[:300]
    transfer.save(update_fields=["state", "decided_by", "decided_at", "note"])
    from_path = person.commune.path
    if accept:
        person.commune, person.province_id, person.unit = transfer.to_commune, transfer.to_commune.parent_id, \
            transfer.to_unit
        person.save(update_fields=["commune", "province", "unit"])
        for measure in person.measures.select_for_update().filter(state=MeasureState.ACTIVE).select_related("kind"):
            measure.intake_on = today
            if measure.kind.police_supervised:
                measure.plan_due, measure.plan_issued_on = limits.in_force(PLAN, today).last_day(today), None
            measure.officer = None
            measure.save(update_fields=["intake_on", "plan_due", "plan_issued_on", "officer"])
        Helper.objects.filter(person=person, ended_on__isnull=True).update(ended_on=today)  # the old commune's
    audit_record(actor=actor, action="supervision.transfer_decide", obj=person, unit_path=transfer.to_commune.path,
                 after={"person": person.pk, "transfer": transfer.pk, "state": transfer.state, "from": from_path})
    return transfer


# --- Breaches, proposals, the end of a measure -----------------------------------------------------------

def _locked_measure(actor, measure: Measure, action: str) -> Measure:
    measure = (Measure.objects.select_for_update(of=("self",)).select_related("person__commune", "kind")
               .get(pk=measure.pk))
    _reachable(actor, measure.person)
    _require(actor, action, measure.person.commune)
    return measure


def _day_in_measure(measure: Measure, day, field: str, errors: dict) -> None:
    if day is None or day > timezone.localdate():
        errors[field] = [_("Enter a day that has come.")]
    elif day < measure.started_on:
        errors[field] = [_("Enter a day from the start of the measure (%(day)s).") % {
            "day": measure.started_on.strftime("%d/%m/%Y")}]


@transaction.atomic
def breach_record(*, actor, measure: Measure, occurred_on: datetime.date, what: str,
                  warned_on: datetime.date | None = None) -> Breach:
    """A breach of the measure's duties (Law 127/2025), with the warning given if there was one; a breach
    neither warned nor proposed on stays unhandled (the evaluation's check counts it)."""
    measure = _locked_measure(actor, measure, perms.RECORD_BREACH)
    errors = {}
    if measure.state != MeasureState.ACTIVE or not measure.kind.police_supervised:
        errors["occurred_on"] = [_("This measure is not supervised now.")]
    else:
        _day_in_measure(measure, occurred_on, "occurred_on", errors)
    if len(clean(what)) < 5:
        errors["what"] = [_("Say what happened (at least 5 characters).")]
    if warned_on is not None and (warned_on > timezone.localdate() or (occurred_on and warned_on < occurred_on)):
        errors["warned_on"] = [_("Enter a day between the breach and today.")]
    if errors:
        raise ValidationError(errors)
    breach = Breach.objects.create(measure=measure, occurred_on=occurred_on, what=(what or "").strip(),
                                   warned_on=warned_on, recorded_by=actor)
    audit_record(actor=actor, action="supervision.breach_record", obj=measure,
                 unit_path=measure.person.commune.path,
                 after={"breach": breach.pk, "occurred_on": occurred_on.isoformat(), "warned": warned_on is not None})
    return breach


@transaction.atomic
def breach_warn(*, actor, breach: Breach, warned_on: datetime.date) -> Breach:
    """The warning given for a breach."""
    measure = _locked_measure(actor, breach.measure, perms.RECORD_BREACH)
    breach = Breach.objects.select_for_update().get(pk=breach.pk, measure=measure)
    if breach.warned_on is not None:
        raise ValidationError({"warned_on": [_("A warning is recorded already.")]})
    if warned_on is None or warned_on > timezone.localdate() or warned_on < breach.occurred_on:
        raise ValidationError({"warned_on": [_("Enter a day between the breach and today.")]})
    breach.warned_on = warned_on
    breach.save(update_fields=["warned_on"])
    audit_record(actor=actor, action="supervision.breach_warn", obj=measure, unit_path=measure.person.commune.path,
                 after={"breach": breach.pk, "warned_on": warned_on.isoformat()})
    return breach


@transaction.atomic
def proposal_make(*, actor, measure: Measure, kind: str, proposed_on: datetime.date, grounds: str,
                  breaches=()) -> Proposal:
    """The commune police head proposes to the competent body to revoke the measure (after breaches: name
    them) or to shorten it (Law 127/2025; Criminal Code Art. 65–66)."""
    measure = _locked_measure(actor, measure, perms.PROPOSE)
    errors = {}
    breaches = list(breaches)
    if measure.state != MeasureState.ACTIVE or not measure.kind.police_supervised:
        errors["kind"] = [_("This measure is not supervised now.")]
    elif kind not in ProposalKind.values:
        errors["kind"] = [_("Choose what you propose.")]
    elif measure.proposals.filter(state=ProposalState.PENDING).exists():
        errors["kind"] = [_("A proposal on this measure is waiting for its decision.")]
    elif kind == ProposalKind.REVOKE and not breaches:
        errors["breaches"] = [_("Name the breaches the proposal rests on.")]
    if any(b.measure_id != measure.pk for b in breaches):
        errors["breaches"] = [_("Choose breaches of this measure.")]
    _day_in_measure(measure, proposed_on, "proposed_on", errors)
    if len(clean(grounds)) < 10:
        errors["grounds"] = [_("Give the grounds (at least 10 characters).")]
    if errors:
        raise ValidationError(errors)
    proposal = Proposal.objects.create(measure=measure, kind=kind, proposed_on=proposed_on,
                                       grounds=(grounds or "").strip(), proposed_by=actor)
    proposal.breaches.set(breaches)
    audit_record(actor=actor, action="supervision.proposal_make", obj=measure, unit_path=measure.person.commune.path,
                 after={"proposal": proposal.pk, "kind": kind, "breaches": sorted(b.pk for b in breaches)})
    return proposal


def _close_if_done(person: Person, today: datetime.date) -> None:
    """The file closes when no measure is in progress; it is kept as long as the longest of its kinds says."""
    if person.measures.filter(state=MeasureState.ACTIVE).exists():
        return
    from antq.core.dates import add_months

    ended = [m for m in person.measures.select_related("kind")]
    closed = max((m.ended_on or today) for m in ended)
    years = max((m.kind.retention_years for m in ended), default=0)
    person.closed_on, person.keep_until = closed, add_months(closed, 12 * years)
    person.save(update_fields=["closed_on", "keep_until"])


def _end(measure: Measure, ended_on: datetime.date, reason: str, certificate: str = "") -> None:
    measure.state, measure.ended_on, measure.end_reason = MeasureState.ENDED, ended_on, reason
    measure.certificate_number = certificate
    measure.save(update_fields=["state", "ended_on", "end_reason", "certificate_number"])
    _close_if_done(measure.person, ended_on)


@transaction.atomic
def proposal_decide(*, actor, proposal: Proposal, granted: bool, decided_on: datetime.date, decision: str,
                    new_end: datetime.date | None = None) -> Proposal:
    """The competent body's decision on a proposal, as recorded by the commune police head: a granted
    revocation ends the measure here (the person serves the sentence elsewhere); a granted shortening moves
    its end."""
    measure = _locked_measure(actor, proposal.measure, perms.PROPOSE)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk, measure=measure)
    errors = {}
    if proposal.state != ProposalState.PENDING:
        errors["decision"] = [_("This proposal is decided already.")]
    if decided_on is None or decided_on > timezone.localdate() or decided_on < proposal.proposed_on:
        errors["decided_on"] = [_("Enter a day between the proposal and today.")]
    if len(clean(decision)) < 3:
        errors["decision"] = [_("Enter the decision's number and who took it.")]
    if granted and proposal.kind == ProposalKind.SHORTEN:
        if new_end is None or (decided_on and new_end < decided_on) or (measure.ends_on and new_end >= measure.ends_on):
            errors["new_end"] = [_("Enter the new end: from the decision, before the present end.")]
    if errors:
        raise ValidationError(errors)
    proposal.state = ProposalState.GRANTED if granted else ProposalState.REFUSED
    proposal.decided_on, proposal.decision = decided_on, clean(decision)[:200]
    proposal.new_end = new_end if granted and proposal.kind == ProposalKind.SHORTEN else None
    proposal.save(update_fields=["state", "decided_on", "decision", "new_end"])
    if granted and proposal.kind == ProposalKind.REVOKE:
        _end(measure, decided_on, EndReason.REVOKED)
    elif granted:
        measure.ends_on = new_end
        measure.save(update_fields=["ends_on"])
    audit_record(actor=actor, action="supervision.proposal_decide", obj=measure,
                 unit_path=measure.person.commune.path,
                 after={"proposal": proposal.pk, "state": proposal.state, "new_end": str(proposal.new_end or "")})
    return proposal


@transaction.atomic
def measure_complete(*, actor, measure: Measure, ended_on: datetime.date, certificate_number: str = "") -> Measure:
    """The measure is served: the commune police head certifies it (the certificate's number, and its DOCX);
    when nothing else is in progress the file closes and is kept as long as its kinds say, then anonymised."""
    measure = _locked_measure(actor, measure, perms.PROPOSE)
    errors = {}
    if measure.state != MeasureState.ACTIVE:
        errors["ended_on"] = [_("This measure has ended already.")]
    elif ended_on is None or ended_on > timezone.localdate() or ended_on < measure.started_on:
        errors["ended_on"] = [_("Enter a day between the start (%(day)s) and today.") % {
            "day": measure.started_on.strftime("%d/%m/%Y")}]
    elif Proposal.objects.filter(measure=measure, state=ProposalState.PENDING).exists():
        errors["ended_on"] = [_("A proposal on this measure is waiting for its decision.")]
    if measure.kind.police_supervised and not clean(certificate_number):
        errors["certificate_number"] = [_("Enter the certificate's number.")]
    if errors:
        raise ValidationError(errors)
    _end(measure, ended_on, EndReason.COMPLETED, clean(certificate_number)[:60])
    audit_record(actor=actor, action="supervision.measure_complete", obj=measure,
                 unit_path=measure.person.commune.path,
                 after={"ended_on": ended_on.isoformat(), "certificate_number": measure.certificate_number,
                        "closed": measure.person.closed_on is not None})
    return measure


# Every sealed column of a file: what anonymising blanks.
_SEALED_COLUMNS = [(Person, "pk", selectors.SEALED), (Measure, "person_id", ("reference",)),
                   (Assessment, "measure__person_id", ("note",)), (Breach, "measure__person_id", ("what",)),
                   (Proposal, "measure__person_id", ("grounds",)), (Visit, "person_id", ("attitude", "wishes", "note")),
                   (Need, "person_id", ("detail",)), (Support, "person_id", ("outcome",))]


def anonymise_due(*, today: datetime.date) -> int:
    """Daily job: files kept as long as their measures say are anonymised — every sealed field blanked, the
    restrictions dropped; kinds, dates, grades and help given stay for the statistics.
    One audit row says which files and how many fields of each kind were removed (never what). Safe twice."""
    people = list(Person.objects.filter(anonymised_at__isnull=True, keep_until__lt=today)
                  .values_list("pk", flat=True)[:1000])
    if not people:
        return 0
    removed: dict[str, int] = {}
    with transaction.atomic():
        for model, key, fields in _SEALED_COLUMNS:
            rows = model.objects.filter(**{f"{key}__in": people})
            removed[model._meta.model_name] = rows.count() * len(fields)
            for row in rows:  # the ORM seals each blank: an encrypted column holds no plain value, even empty
                for field in fields:
                    setattr(row, field, "")
                row.save(update_fields=list(fields))
        removed["photo"] = 0
        for person in Person.objects.filter(pk__in=people).exclude(photo=""):
            person.photo.delete(save=True)
            removed["photo"] += 1
        Restriction.objects.filter(person_id__in=people).delete()
        Person.objects.filter(pk__in=people).update(anonymised_at=timezone.now())
        audit_record(actor=None, action="supervision.anonymise_due", object_repr=_("%(n)s files") % {"n": len(people)},
                     after={"people": people, "removed": removed, "day": today.isoformat()})
    return len(people)


# --- Reintegration (Decree 49/2020, Circular 10/2024) ---------------------------------------------------

@transaction.atomic
def helper_assign(*, actor, person: Person, decision: str, decided_on: datetime.date, organisation=None,
                  user=None) -> Helper:
    """Record the commune People's Committee's decision assigning a helper — an organisation of the Front or
    a person with an account (the mentor) — proposed by the police with the Front (Decree 49/2020). The
    helper then sees this person, and only what helping needs."""
    from antq.orgs.models import Organisation

    person = _locked_person(actor, person, perms.ASSIGN_HELPER)
    errors = {}
    if (organisation is None) == (user is None):
        errors["helper"] = [_("Choose an organisation or a person.")]
    elif organisation is not None and not Organisation.objects.filter(
            pk=organisation.pk, unit=person.commune, is_active=True).exists():
        errors["helper"] = [_("Choose an organisation of this commune.")]
    elif user is not None and (not has_permission(user, perms.HELP, person.commune)
                               or selectors.is_restricted(user, person)):
        errors["helper"] = [_("Choose a person who may help at this commune.")]
    elif Helper.objects.filter(person=person, ended_on__isnull=True, organisation=organisation, user=user).exists():
        errors["helper"] = [_("This helper is assigned already.")]
    if len(clean(decision)) < 3:
        errors["decision"] = [_("Enter the decision's number.")]
    if decided_on is None or decided_on > timezone.localdate():
        errors["decided_on"] = [_("Enter a day that has come.")]
    if errors:
        raise ValidationError(errors)
    helper = Helper.objects.create(person=person, organisation=organisation, user=user, decision=clean(decision)[:100],
                                   decided_on=decided_on, assigned_by=actor)
    audit_record(actor=actor, action="supervision.helper_assign", obj=person, unit_path=person.commune.path,
                 after={"person": person.pk, "organisation": getattr(organisation, "pk", None),
                        "user": getattr(user, "pk", None), "decision": helper.decision})
    return helper


@transaction.atomic
def helper_end(*, actor, helper: Helper, ended_on: datetime.date) -> Helper:
    """The helper's assignment ends (a new decision, the person moved…): from then they see nothing."""
    person = _locked_person(actor, helper.person, perms.ASSIGN_HELPER)
    helper = Helper.objects.select_for_update().get(pk=helper.pk, person=person)
    if helper.ended_on is not None:
        raise ValidationError({"ended_on": [_("This assignment has ended already.")]})
    if ended_on is None or ended_on > timezone.localdate() or ended_on < helper.decided_on:
        raise ValidationError({"ended_on": [_("Enter a day between the decision and today.")]})
    helper.ended_on = ended_on
    helper.save(update_fields=["ended_on"])
    audit_record(actor=actor, action="supervision.helper_end", obj=person, unit_path=person.commune.path,
                 after={"helper": helper.pk, "ended_on": ended_on.isoformat()})
    return helper


def _helping(actor, person: Person) -> Person:
    """The person, for one who helps them or keeps their file; anyone else: it does not exist."""
    person = Person.objects.select_for_update().select_related("commune").get(pk=person.pk)
    _reachable(actor, person)
    reach = selectors.reach(actor, person)
    if reach is None or reach.kind not in (selectors.POLICE, selectors.HELPER) or person.anonymised_at:
        raise Http404
    return person


def _day_come(day, field: str, errors: dict) -> None:
    if day is None or day > timezone.localdate():
        errors[field] = [_("Enter a day that has come.")]


@transaction.atomic
def visit_record(*, actor, person: Person, visited_on: datetime.date, attitude: str = "", wishes: str = "",
                 note: str = "") -> Visit:
    """A helper's visit: how the person is doing, their attitude and their wishes (seed 000 §III.2)."""
    person = _helping(actor, person)
    errors = {}
    _day_come(visited_on, "visited_on", errors)
    if not (clean(attitude) or clean(wishes) or clean(note)):
        errors["attitude"] = [_("Write what you saw or heard.")]
    if errors:
        raise ValidationError(errors)
    visit = Visit.objects.create(person=person, visited_on=visited_on, attitude=(attitude or "").strip(),
                                 wishes=(wishes or "").strip(), note=(note or "").strip(), recorded_by=actor)
    audit_record(actor=actor, action="supervision.visit_record", obj=person, unit_path=person.commune.path,
                 after={"visit": visit.pk, "visited_on": visited_on.isoformat()})
    return visit


@transaction.atomic
def need_record(*, actor, person: Person, kind: str, noted_on: datetime.date, detail: str = "") -> Need:
    """What the person needs to settle back: work, schooling, housing, papers, health, treatment."""
    person = _helping(actor, person)
    errors = {}
    if kind not in NeedKind.values:
        errors["kind"] = [_("Choose the need.")]
    elif Need.objects.filter(person=person, kind=kind, met_on__isnull=True).exists():
        errors["kind"] = [_("This need is noted already and not yet met.")]
    _day_come(noted_on, "noted_on", errors)
    if errors:
        raise ValidationError(errors)
    need = Need.objects.create(person=person, kind=kind, noted_on=noted_on, detail=(detail or "").strip(),
                               recorded_by=actor)
    audit_record(actor=actor, action="supervision.need_record", obj=person, unit_path=person.commune.path,
                 after={"need": need.pk, "kind": kind})
    return need


@transaction.atomic
def support_record(*, actor, person: Person, kind: str, given_on: datetime.date, provider: str,
                   amount=None, outcome: str = "", need: Need | None = None, need_met: bool = False) -> Support:
    """Help given (vocational training, a loan, a job…), by whom, and what came of it; it may meet a need."""
    person = _helping(actor, person)
    errors = {}
    if kind not in SupportKind.values:
        errors["kind"] = [_("Choose the help given.")]
    _day_come(given_on, "given_on", errors)
    if not clean(provider):
        errors["provider"] = [_("Say who gave it.")]
    if amount is not None and amount < 0:
        errors["amount"] = [_("Enter an amount of zero or more.")]
    if need is not None and (need.person_id != person.pk or need.met_on is not None):
        errors["need"] = [_("Choose a need of this person not yet met.")]
    if errors:
        raise ValidationError(errors)
    support = Support.objects.create(person=person, kind=kind, given_on=given_on, provider=clean(provider)[:200],
                                     amount=amount, outcome=(outcome or "").strip(), need=need, recorded_by=actor)
    if need is not None and need_met:
        Need.objects.filter(pk=need.pk).update(met_on=given_on)
    audit_record(actor=actor, action="supervision.support_record", obj=person, unit_path=person.commune.path,
                 after={"support": support.pk, "kind": kind, "need": getattr(need, "pk", None), "met": need_met})
    return support
