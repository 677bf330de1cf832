"""Writes of supervision files (Law 127/2025/QH15 on the execution of criminal judgments; Decree 49/2020;
LAW.md §5).

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the unit scope and the
purpose, refuses a file restricted from the actor as if it did not exist, and leaves one audit row named
like the function — never the person's name, birth date, ID number, address or the court's reference.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core import limits
from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import clean
from antq.geo import choices as geo
from antq.supervision import permissions as perms
from antq.supervision import selectors
from antq.supervision.choices import Grade, MeasureState, RollCall
from antq.supervision.models import Assessment, Measure, MeasureType, Person, Restriction

PLAN, ASSESSMENT = "supervision.plan", "supervision.assessment"
MEASURE_FIELDS = ["kind", "started_on", "ends_on", "intake_on", "plan_due", "plan_issued_on", "officer", "state"]


def _require(actor, action: str, commune) -> None:
    if not has_permission(actor, action, commune):
        raise PermissionDenied


def _reachable(actor, person: Person) -> None:
    """A file restricted from the actor answers as one that does not exist."""
    if selectors.is_restricted(actor, person):
        raise Http404


def _id_number_ok(value: str) -> bool:
    return len(value) == 12 and value.isdigit()


@transaction.atomic
def person_register(*, actor, unit, full_name: str, birth_date: datetime.date, id_number: str, address: str,
                    kind: MeasureType, started_on: datetime.date, intake_on: datetime.date,
                    ends_on: datetime.date | None = None, reference: str = "") -> Measure:
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
    if not _id_number_ok(id_number):
        errors["id_number"] = [_("A citizen ID number has 12 digits.")]
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
    if errors:
        raise ValidationError(errors)
    person = Person.objects.create(commune=commune, province_id=commune.parent_id, unit=unit, full_name=full_name,
                                   birth_date=birth_date.isoformat(), id_number=id_number, address=clean(address))
    measure = Measure.objects.create(
        person=person, kind=kind, reference=clean(reference), started_on=started_on, ends_on=ends_on,
        intake_on=intake_on,
        plan_due=limits.in_force(PLAN, intake_on).last_day(intake_on) if kind.police_supervised else None)
    audit_record(actor=actor, action="supervision.person_register", obj=person, unit_path=commune.path,
                 after={"person": person.pk, **snapshot(measure, MEASURE_FIELDS)})
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
    """The sealed fields of a file, for those holding the purpose over its commune and not kept from it;
    each read is an audit row naming the fields read (never their values)."""
    person = Person.objects.select_related("commune").get(pk=person.pk)
    _reachable(actor, person)
    _require(actor, perms.VIEW_FILE, person.commune)
    with transaction.atomic():
        audit_record(actor=actor, action="supervision.file_read", obj=person, unit_path=person.commune.path,
                     after={"person": person.pk, "fields": list(fields)})
    found = {field: getattr(person, field) for field in fields}
    if found.get("birth_date"):
        found["birth_date"] = datetime.date.fromisoformat(found["birth_date"])
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
