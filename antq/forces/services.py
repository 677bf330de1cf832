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
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.dates import add_months
from antq.core.text import citizen_id_problem, clean, fold
from antq.forces import permissions as perms
from antq.forces import selectors
from antq.forces.choices import (
    GRADE_RANK,
    AssignmentState,
    DisciplineForm,
    Education,
    Grade,
    IncidentKind,
    MemberState,
    ParticipationKind,
    PrestigeKind,
    RatingState,
    Role,
    ShiftKind,
    TaskKind,
    TaskOutcome,
    TrainingResult,
)
from antq.forces.models import (
    AllowancePayment,
    Assignment,
    Attendance,
    Course,
    Discipline,
    EquipmentIssue,
    Incident,
    Member,
    Participation,
    PrestigePerson,
    Rating,
    Schedule,
    SecurityTeam,
    SelfManagedGroup,
    Shift,
    Task,
    TrainingPlan,
)
from antq.geo import choices as geo

TEAM_FIELDS = ["name", "decision_number", "decided_on", "dissolved_on"]
MEMBER_FIELDS = ["team", "full_name", "birth_date", "area", "education", "clean_record", "healthy", "role", "state",
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
                   education: str, clean_record: bool, role: str = Role.MEMBER, healthy: bool = True,
                   proposed_on: datetime.date | None = None) -> Member:
    """The commune police propose a person for the team: checked against the eligibility rule in force (age,
    schooling, record, health, residence), the failing rule named on its field; one leader and one deputy per
    team."""
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
            healthy=healthy,
            commune=team.commune, on=proposed_on).items():
        errors.setdefault(field, []).extend(messages)
    active = Member.objects.filter(commune=team.commune, state__in=[MemberState.PROPOSED, MemberState.RECOGNISED])
    if id_number and any(m.id_number == id_number for m in active.only("id_number")):  # sealed: compared decrypted
        errors.setdefault("id_number", []).append(_("This person is a member already."))
    if errors:
        raise ValidationError(errors)
    member = Member.objects.create(team=team, commune=team.commune, province_id=team.province_id,
                                   full_name=clean(full_name)[:200], birth_date=birth_date, id_number=id_number,
                                   area=area, education=education, clean_record=clean_record, healthy=healthy,
                                   role=role,
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
    """The member leaves; their shifts not yet begun are taken off the rota (those past stay as they were)."""
    member.state, member.left_on, member.leave_reason = MemberState.LEFT, left_on, reason[:300]
    member.save(update_fields=["state", "left_on", "leave_reason"])
    Assignment.objects.filter(member=member, shift__starts_at__gt=timezone.now(), signed_on_at__isnull=True).delete()


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


# --- Accounts, duty and incidents ----------------------------------------------------------------------------

SHIFT_FIELDS = ["kind", "title", "place", "starts_at", "ends_at", "cancelled_at", "cancel_reason"]
ASSIGNMENT_FIELDS = ["state", "answered_at", "decline_reason", "signed_on_at", "signed_off_at"]


@transaction.atomic
def member_account_link(*, actor, member: Member, username: str) -> Member:
    """Give a recognised member the phone page: their account must hold the team member's permission in the
    commune (an administrator grants the role; this only ties the account to the member)."""
    from antq.orgs.models import User

    member = _locked_member(actor, member)
    user = User.objects.filter(username=clean(username), is_active=True).first()
    if member.state != MemberState.RECOGNISED:
        raise ValidationError({"username": [_("Only a recognised member has an account here.")]})
    if user is None:
        raise ValidationError({"username": [_("No active account has this username.")]})
    if not has_permission(user, perms.DO_DUTY, member.commune):
        raise ValidationError({"username": [_("This account does not have the team member's role in the commune; "
                                              "ask the administrator to grant it first.")]})
    if Member.objects.filter(user=user, state=MemberState.RECOGNISED).exclude(pk=member.pk).exists():
        raise ValidationError({"username": [_("This account belongs to another member.")]})
    before = {"user": member.user_id}
    member.user = user
    member.save(update_fields=["user"])
    audit_record(actor=actor, action="forces.member_account_link", obj=member, unit_path=member.commune.path,
                 before=before, after={"user": user.pk})
    return member


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _duty_members(team: SecurityTeam, members) -> tuple[list[Member], list[str]]:
    members = list(members)
    if not members or any(m.team_id != team.pk or m.state != MemberState.RECOGNISED for m in members):
        return members, [_("Choose recognised members of the team.")]
    return members, []


def _lay_out(schedule: Schedule, until: datetime.date) -> int:
    """Create the schedule's shifts from where it stopped up to `until` (its last day at most), the members
    taking turns in name order; returns how many shifts were made. dateutil's rrule names the days."""
    from dateutil.rrule import WEEKLY, rrule

    start = max(schedule.first_day, (schedule.laid_out_until or schedule.first_day - datetime.timedelta(days=1))
                + datetime.timedelta(days=1))
    end = min(until, schedule.last_day or until, schedule.ended_on or until)
    if start > end:
        return 0
    rota = sorted(schedule.members.filter(state=MemberState.RECOGNISED), key=lambda m: m.full_name)
    days = [d.date() for d in rrule(WEEKLY, dtstart=datetime.datetime.combine(start, datetime.time()),
                                    until=datetime.datetime.combine(end, datetime.time()),
                                    byweekday=[int(c) - 1 for c in schedule.weekdays])]
    team = schedule.team
    made = 0
    for day in days:
        starts = _at(day, schedule.start_time)
        ends_day = day + datetime.timedelta(days=1) if schedule.end_time <= schedule.start_time else day
        shift = Shift.objects.create(team=team, commune_id=team.commune_id, province_id=team.province_id,
                                     schedule=schedule, kind=schedule.kind, title=schedule.title,
                                     place=schedule.place, starts_at=starts, ends_at=_at(ends_day, schedule.end_time))
        if rota:
            picked = {rota[(schedule.turn + k) % len(rota)].pk for k in range(min(schedule.per_shift, len(rota)))}
            Assignment.objects.bulk_create([Assignment(shift=shift, member_id=pk) for pk in sorted(picked)])
            schedule.turn += len(picked)
        made += 1
    schedule.laid_out_until = end
    schedule.save(update_fields=["laid_out_until", "turn"])
    return made


def _horizon(today: datetime.date) -> datetime.date:
    """The last day laid out: the duty rule's days, today the first."""
    return today + datetime.timedelta(days=selectors.duty_rule(today).plan_days - 1)


@transaction.atomic
def schedule_create(*, actor, team: SecurityTeam, kind: str, title: str, place: str, weekdays, start_time,
                    end_time, first_day: datetime.date, last_day: datetime.date | None, per_shift: int,
                    members) -> Schedule:
    """Recurring duty of a team (night patrols on chosen weekdays), laid out the duty rule's days ahead with
    the members taking turns; each member then confirms their shift from the phone (seed 004 §4.5)."""
    team = SecurityTeam.objects.select_for_update().select_related("commune").get(pk=team.pk)
    _require(actor, team.commune)
    errors = {}
    weekdays = "".join(sorted({str(int(d)) for d in weekdays or [] if 1 <= int(d) <= 7}))
    if kind not in ShiftKind.values:
        errors["kind"] = [_("Choose the kind.")]
    if not clean(title):
        errors["title"] = [_("Enter a title.")]
    if not weekdays:
        errors["weekdays"] = [_("Choose at least one weekday.")]
    if start_time is None or end_time is None or start_time == end_time:
        errors["end_time"] = [_("Enter when the shift starts and ends (an end before the start is the next "
                                "morning).")]
    today = timezone.localdate()
    if first_day is None or first_day < today:
        errors["first_day"] = [_("Enter today or a later day.")]
    elif last_day is not None and last_day < first_day:
        errors["last_day"] = [_("Enter a day from the first day on.")]
    members, problems = _duty_members(team, members)
    if problems:
        errors["members"] = problems
    if not per_shift or per_shift < 1:
        errors["per_shift"] = [_("At least one member per shift.")]
    elif members and per_shift > len(members):
        errors["per_shift"] = [_("More than the %(n)s members chosen.") % {"n": len(members)}]
    if errors:
        raise ValidationError(errors)
    schedule = Schedule.objects.create(team=team, kind=kind, title=clean(title)[:200], place=clean(place)[:300],
                                       weekdays=weekdays, start_time=start_time, end_time=end_time,
                                       first_day=first_day, last_day=last_day, per_shift=per_shift,
                                       created_by=actor)
    schedule.members.set(members)
    made = _lay_out(schedule, _horizon(today))
    audit_record(actor=actor, action="forces.schedule_create", obj=schedule, unit_path=team.commune.path,
                 after={"kind": kind, "weekdays": weekdays, "start_time": str(start_time), "end_time": str(end_time),
                        "first_day": first_day.isoformat(), "members": sorted(m.pk for m in members),
                        "shifts": made})
    return schedule


def schedules_lay_out(*, today: datetime.date | None = None) -> int:
    """The daily job: every running schedule laid out the duty rule's days ahead (each in its own
    transaction); returns the shifts made."""
    today = today or timezone.localdate()
    until = _horizon(today)
    made = 0
    for pk in (Schedule.objects.filter(ended_on__isnull=True)
               .filter(Q(last_day__isnull=True) | Q(last_day__gt=F("laid_out_until")))
               .filter(Q(laid_out_until__isnull=True) | Q(laid_out_until__lt=until)).values_list("pk", flat=True)):
        with transaction.atomic():
            made += _lay_out(Schedule.objects.select_for_update().select_related("team").get(pk=pk), until)
    return made


@transaction.atomic
def shift_create(*, actor, team: SecurityTeam, kind: str, title: str, place: str, starts_at: datetime.datetime,
                 ends_at: datetime.datetime, members) -> Shift:
    """A one-off shift (an event, a festival day) with the members on it."""
    team = SecurityTeam.objects.select_for_update().select_related("commune").get(pk=team.pk)
    _require(actor, team.commune)
    errors = {}
    if kind not in ShiftKind.values:
        errors["kind"] = [_("Choose the kind.")]
    if not clean(title):
        errors["title"] = [_("Enter a title.")]
    if starts_at is None or starts_at < timezone.now() - datetime.timedelta(hours=1):
        errors["starts_at"] = [_("Enter a time from now on.")]
    elif ends_at is None or ends_at <= starts_at:
        errors["ends_at"] = [_("The end comes after the start.")]
    elif ends_at - starts_at > datetime.timedelta(hours=24):
        errors["ends_at"] = [_("A shift lasts at most 24 hours.")]
    members, problems = _duty_members(team, members)
    if problems:
        errors["members"] = problems
    if errors:
        raise ValidationError(errors)
    shift = Shift.objects.create(team=team, commune_id=team.commune_id, province_id=team.province_id, kind=kind,
                                 title=clean(title)[:200], place=clean(place)[:300], starts_at=starts_at,
                                 ends_at=ends_at)
    Assignment.objects.bulk_create([Assignment(shift=shift, member=m) for m in members])
    audit_record(actor=actor, action="forces.shift_create", obj=shift, unit_path=team.commune.path,
                 after={**snapshot(shift, SHIFT_FIELDS), "members": sorted(m.pk for m in members)})
    return shift


@transaction.atomic
def schedule_end(*, actor, schedule: Schedule, ended_on: datetime.date) -> Schedule:
    """A recurring duty stops: no shift is laid out after the day, and the shifts already laid out after it
    are cancelled (their members are no longer asked to confirm)."""
    schedule = Schedule.objects.select_for_update().select_related("team__commune").get(pk=schedule.pk)
    _require(actor, schedule.team.commune)
    errors = {}
    if schedule.ended_on is not None:
        errors["ended_on"] = [_("This duty has ended already.")]
    if ended_on is None or ended_on < timezone.localdate():
        errors["ended_on"] = [_("Enter today or a later day.")]
    if errors:
        raise ValidationError(errors)
    schedule.ended_on = ended_on
    schedule.save(update_fields=["ended_on"])
    after = timezone.make_aware(datetime.datetime.combine(ended_on + datetime.timedelta(days=1), datetime.time()))
    cancelled = schedule.shifts.filter(starts_at__gte=after, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now(), cancel_reason="Lịch trực đã dừng")  # the record's words
    audit_record(actor=actor, action="forces.schedule_end", obj=schedule, unit_path=schedule.team.commune.path,
                 after={"ended_on": ended_on.isoformat(), "shifts_cancelled": cancelled})
    return schedule


@transaction.atomic
def shift_assign(*, actor, shift: Shift, member: Member) -> Assignment:
    """One more member on a shift not begun (a replacement for one who cannot come); they confirm it."""
    shift = Shift.objects.select_for_update().select_related("commune").get(pk=shift.pk)
    _require(actor, shift.commune)
    errors = {}
    if shift.cancelled_at is not None or shift.starts_at <= timezone.now():
        errors["member"] = [_("Only a shift not begun takes another member.")]
    elif member is None or member.team_id != shift.team_id or member.state != MemberState.RECOGNISED:
        errors["member"] = [_("Choose a recognised member of the team.")]
    elif shift.assignments.filter(member=member).exists():
        errors["member"] = [_("This member is on the shift already.")]
    if errors:
        raise ValidationError(errors)
    assignment = Assignment.objects.create(shift=shift, member=member)
    audit_record(actor=actor, action="forces.shift_assign", obj=shift, unit_path=shift.commune.path,
                 after={"member": member.pk})
    return assignment


@transaction.atomic
def shift_cancel(*, actor, shift: Shift, reason: str) -> Shift:
    shift = Shift.objects.select_for_update().select_related("commune").get(pk=shift.pk)
    _require(actor, shift.commune)
    if shift.cancelled_at is not None or shift.ends_at <= timezone.now():
        raise ValidationError({"reason": [_("Only a shift not over yet is cancelled.")]})
    if len(clean(reason)) < 3:
        raise ValidationError({"reason": [_("Say why.")]})
    before = snapshot(shift, SHIFT_FIELDS)
    shift.cancelled_at, shift.cancel_reason = timezone.now(), clean(reason)[:300]
    shift.save(update_fields=["cancelled_at", "cancel_reason"])
    audit_record(actor=actor, action="forces.shift_cancel", obj=shift, unit_path=shift.commune.path,
                 before=before, after=snapshot(shift, SHIFT_FIELDS))
    return shift


def _own(actor, assignment: Assignment) -> Assignment:
    """The member's own assignment, locked; anyone else's is not found (the page answers 404)."""
    found = (Assignment.objects.select_for_update(of=("self",))
             .select_related("shift__commune", "member").filter(pk=assignment.pk, member__user=actor,
                                                                member__state=MemberState.RECOGNISED).first())
    if found is None or not has_permission(actor, perms.DO_DUTY, found.shift.commune) \
            or found.shift.cancelled_at is not None:
        raise Assignment.DoesNotExist
    return found


def _assignment_audit(actor, action: str, assignment: Assignment, before: dict, **extra) -> None:
    audit_record(actor=actor, action=action, obj=assignment, unit_path=assignment.shift.commune.path,
                 before=before, after={**snapshot(assignment, ASSIGNMENT_FIELDS), **extra})


@transaction.atomic
def assignment_answer(*, actor, assignment: Assignment, confirm: bool, reason: str = "") -> Assignment:
    """The member confirms a shift, or says they cannot come (with why) — before it starts; asking for an
    explicit answer is what cuts no-shows."""
    assignment = _own(actor, assignment)
    if not selectors.can_answer(assignment, timezone.now()):
        raise ValidationError({"reason": [_("The shift has started: answer before it starts.")]})
    if not confirm and len(clean(reason)) < 3:
        raise ValidationError({"reason": [_("Say why you cannot come.")]})
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.state = AssignmentState.CONFIRMED if confirm else AssignmentState.DECLINED
    assignment.decline_reason = "" if confirm else clean(reason)[:300]
    assignment.answered_at = timezone.now()
    assignment.save(update_fields=["state", "decline_reason", "answered_at"])
    _assignment_audit(actor, "forces.assignment_answer", assignment, before)
    return assignment


@transaction.atomic
def assignment_sign_on(*, actor, assignment: Assignment) -> Assignment:
    """The member signs on duty from the phone, from the rule's minutes before the start until the end."""
    assignment = _own(actor, assignment)
    now = timezone.now()
    if not selectors.can_sign_on(assignment, selectors.duty_rule(timezone.localdate(now)), now):
        raise ValidationError({"signed_on_at": [_("Sign on from shortly before the start until the end.")]})
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.signed_on_at = now
    if assignment.state == AssignmentState.ASSIGNED:  # coming is confirming
        assignment.state, assignment.answered_at = AssignmentState.CONFIRMED, now
    assignment.save(update_fields=["signed_on_at", "state", "answered_at"])
    _assignment_audit(actor, "forces.assignment_sign_on", assignment, before)
    return assignment


@transaction.atomic
def assignment_sign_off(*, actor, assignment: Assignment, seen: str, done: str) -> Assignment:
    """The member signs off with what was seen and done on the shift."""
    assignment = _own(actor, assignment)
    now = timezone.now()
    errors = {}
    if not selectors.can_sign_off(assignment, selectors.duty_rule(timezone.localdate(now)), now):
        errors["seen"] = [_("Sign off after signing on, within hours of the end.")]
    if len(clean(seen)) < 2:
        errors["seen"] = [_("Say what you saw (\"nothing unusual\" is an answer).")]
    if len(seen or "") > 4000 or len(done or "") > 4000:
        errors["done"] = [_("At most %(n)s characters.") % {"n": 4000}]
    if errors:
        raise ValidationError(errors)
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.signed_off_at, assignment.seen, assignment.done = now, seen.strip(), (done or "").strip()
    assignment.save(update_fields=["signed_off_at", "seen", "done"])
    _assignment_audit(actor, "forces.assignment_sign_off", assignment, before)
    return assignment


def _sink(kind: str):
    """The app that takes an incident of this kind (antq.core.registry "forces.incident_sinks"): tips takes
    "tip", mediation "dispute". Each is called as fn(actor=, commune=, description=, occurred_on=, place=,
    reporter=, team=) inside this transaction and answers {"reference": str, "url": str}."""
    from antq.core import registry

    sink = registry.contributions("forces.incident_sinks").get(kind)
    if sink is None:
        raise ValidationError({"kind": [_("This kind of report cannot be sent on here.")]})
    return sink


@transaction.atomic
def incident_report(*, actor, assignment: Assignment, kind: str, description: str, place: str = "") -> Incident:
    """What a member saw on duty, reported from the phone while signed on (or just after): a crime or a sign
    of one goes to the commune police at once as a tip, through the tips app's service, in this
    transaction; a dispute waits for the commune police to record it; a note stays on the shift."""
    assignment = _own(actor, assignment)
    now = timezone.now()
    errors = {}
    if assignment.signed_on_at is None:
        errors["description"] = [_("Sign on first: a report comes from a shift.")]
    if kind not in IncidentKind.values:
        errors["kind"] = [_("Choose what it is.")]
    if len(clean(description)) < 10:
        errors["description"] = [_("Describe what happened (at least 10 characters).")]
    elif len(description) > 4000:
        errors["description"] = [_("At most %(n)s characters.") % {"n": 4000}]
    if errors:
        raise ValidationError(errors)
    shift = assignment.shift
    incident = Incident.objects.create(assignment=assignment, commune_id=shift.commune_id,
                                       province_id=shift.province_id, kind=kind, description=description.strip(),
                                       place=clean(place)[:300], reported_at=now)
    if kind == IncidentKind.TIP:
        sent = _sink("tip")(actor=actor, commune=shift.commune, description=incident.description,
                            occurred_on=timezone.localdate(now), place=incident.place,
                            reporter=assignment.member.full_name, team=shift.team.name)
        incident.sent_as, incident.reference, incident.url = "tip", sent["reference"][:60], sent["url"][:200]
        incident.save(update_fields=["sent_as", "reference", "url"])
    audit_record(actor=actor, action="forces.incident_report", obj=incident, unit_path=shift.commune.path,
                 after={"kind": kind, "assignment": assignment.pk, "sent_as": incident.sent_as,
                        "reference": incident.reference})
    return incident


@transaction.atomic
def incident_record_dispute(*, actor, incident: Incident) -> Incident:
    """The commune police record a dispute a member saw on duty, in one step, through the mediation app's
    service (which checks the officer may record disputes)."""
    incident = Incident.objects.select_for_update().select_related(
        "commune", "assignment__member", "assignment__shift__team").get(pk=incident.pk)
    _require(actor, incident.commune)
    if incident.kind != IncidentKind.DISPUTE or incident.sent_as:
        raise ValidationError(_("This report is not a dispute waiting to be recorded."))
    sent = _sink("dispute")(actor=actor, commune=incident.commune, description=incident.description,
                            occurred_on=timezone.localdate(incident.reported_at), place=incident.place,
                            reporter=incident.assignment.member.full_name, team=incident.assignment.shift.team.name)
    incident.sent_as, incident.reference, incident.url = "dispute", sent["reference"][:60], sent["url"][:200]
    incident.handled_by = actor
    incident.save(update_fields=["sent_as", "reference", "url", "handled_by"])
    audit_record(actor=actor, action="forces.incident_record_dispute", obj=incident, unit_path=incident.commune.path,
                 after={"sent_as": "dispute", "reference": incident.reference})
    return incident


# --- Tasks and yearly ratings (Guidance 01/HD-BCA-V05) --------------------------------------------------------

TASK_FIELDS = ["member", "kind", "description", "given_on", "due_on", "outcome", "outcome_note", "closed_on"]
RATING_FIELDS = ["tasks_done", "tasks_total", "disciplined", "draft_grade", "grade", "note", "state",
                 "decision_number", "decided_on"]


@transaction.atomic
def task_give(*, actor, team: SecurityTeam, member: Member | None, kind: str, description: str,
              given_on: datetime.date, due_on: datetime.date) -> Task:
    """A task the commune police give the team or one of its members (Law 30/2023/QH15: support in keeping
    order, checking information, fire fighting and rescue)."""
    team = SecurityTeam.objects.select_related("commune").get(pk=team.pk)
    _require(actor, team.commune)
    errors = {}
    if member is not None and (member.team_id != team.pk or member.state != MemberState.RECOGNISED
                               or (given_on and member.recognised_on > given_on)):
        errors["member"] = [_("Choose a recognised member of the team, or the whole team.")]
    if kind not in TaskKind.values:
        errors["kind"] = [_("Choose the kind.")]
    if len(clean(description)) < 5:
        errors["description"] = [_("Describe the task (at least 5 characters).")]
    _day_come(given_on, "given_on", errors)
    if given_on and given_on < team.decided_on:
        errors["given_on"] = [_("The team was set up on %(day)s.") % {"day": team.decided_on.strftime("%d/%m/%Y")}]
    if due_on is None or (given_on and due_on < given_on):
        errors["due_on"] = [_("Enter a day from the day given on.")]
    if errors:
        raise ValidationError(errors)
    task = Task.objects.create(team=team, member=member, commune_id=team.commune_id, province_id=team.province_id,
                               kind=kind, description=clean(description)[:500], given_on=given_on, due_on=due_on,
                               given_by=actor)
    audit_record(actor=actor, action="forces.task_give", obj=task, unit_path=team.commune.path,
                 after=snapshot(task, TASK_FIELDS))
    return task


@transaction.atomic
def task_close(*, actor, task: Task, outcome: str, outcome_note: str, closed_on: datetime.date) -> Task:
    """The task's outcome, done or not, with what came of it."""
    task = Task.objects.select_for_update().select_related("commune").get(pk=task.pk)
    _require(actor, task.commune)
    errors = {}
    if task.closed_on is not None:
        errors["outcome"] = [_("This task is closed already.")]
    if outcome not in TaskOutcome.values:
        errors["outcome"] = [_("Choose the outcome.")]
    if len(clean(outcome_note)) < 3:
        errors["outcome_note"] = [_("Say what came of it.")]
    _day_come(closed_on, "closed_on", errors)
    if closed_on and closed_on < task.given_on:
        errors["closed_on"] = [_("Enter a day from the day given on (%(day)s).") % {
            "day": task.given_on.strftime("%d/%m/%Y")}]
    if errors:
        raise ValidationError(errors)
    before = snapshot(task, TASK_FIELDS)
    task.outcome, task.outcome_note, task.closed_on = outcome, clean(outcome_note)[:500], closed_on
    task.save(update_fields=["outcome", "outcome_note", "closed_on"])
    audit_record(actor=actor, action="forces.task_close", obj=task, unit_path=task.commune.path, before=before,
                 after=snapshot(task, TASK_FIELDS))
    return task


@transaction.atomic
def ratings_draft(*, actor, commune, year: int) -> list[Rating]:
    """Draft the year's ratings of a commune's teams and members from the records (the share of tasks done,
    discipline) under the rating rule in force at the year's end; drafts not yet reviewed are refreshed,
    reviewed and decided ones are left as they are. Guidance 01/HD-BCA-V05."""
    _require(actor, commune)
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": [_("Enter a year that has begun.")]})
    rule = selectors.rating_rule(datetime.date(year, 12, 31))
    teams, members, by_team, by_member, disciplined = selectors.year_records(commune, year)
    existing = {(r.team_id, r.member_id): r for r in Rating.objects.select_for_update()
                .filter(commune=commune, year=year)}
    team_by_pk = {t.pk: t for t in teams}
    rows = [(t, None, *by_team.get(t.pk, (0, 0)), False) for t in teams] + \
        [(team_by_pk[m.team_id], m, *by_member.get(m.pk, (0, 0)), m.pk in disciplined) for m in members]
    new, changed = [], []
    for team, member, done, total, was_disciplined in rows:
        rating = existing.get((team.pk, member.pk if member else None))
        if rating is not None and rating.state != RatingState.DRAFT:
            continue
        if rating is None:
            rating = Rating(year=year, team=team, member=member, commune_id=commune.pk, province_id=commune.parent_id)
            new.append(rating)
        else:
            changed.append(rating)
        rating.tasks_done, rating.tasks_total, rating.disciplined = done, total, was_disciplined
        rating.draft_grade = selectors.grade_allowed(rule, done, total, was_disciplined)
    Rating.objects.bulk_create(new)  # a commune's year in two writes, however many members
    Rating.objects.bulk_update(changed, ["tasks_done", "tasks_total", "disciplined", "draft_grade"])
    drafted = new + changed
    audit_record(actor=actor, action="forces.ratings_draft", obj=commune, unit_path=commune.path,
                 after={"year": year, "drafted": len(drafted)})
    return drafted


@transaction.atomic
def rating_review(*, actor, rating: Rating, grade: str, note: str = "") -> Rating:
    """The commune police review a draft: the grade may not be better than the records allow (an
    "excellent" needs more than the rule's share of tasks done, exactly); a grade below the draft says why."""
    rating = Rating.objects.select_for_update().select_related("commune").get(pk=rating.pk)
    _require(actor, rating.commune)
    rule = selectors.rating_rule(datetime.date(rating.year, 12, 31))
    allowed = selectors.grade_allowed(rule, rating.tasks_done, rating.tasks_total, rating.disciplined)
    errors = {}
    if rating.state == RatingState.DECIDED:
        errors["grade"] = [_("This rating is decided.")]
    elif grade not in Grade.values:
        errors["grade"] = [_("Choose the rating.")]
    elif GRADE_RANK[grade] > GRADE_RANK[allowed]:
        errors["grade"] = [_refusal(rule, rating, grade)]
    elif GRADE_RANK[grade] < GRADE_RANK[allowed] and len(clean(note)) < 5:
        errors["note"] = [_("Say why the rating is below what the records allow (at least 5 characters).")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(rating, RATING_FIELDS)
    rating.grade, rating.note, rating.state = grade, clean(note)[:500], RatingState.REVIEWED
    rating.reviewed_by, rating.reviewed_at = actor, timezone.now()
    rating.save(update_fields=["grade", "note", "state", "reviewed_by", "reviewed_at"])
    audit_record(actor=actor, action="forces.rating_review", obj=rating, unit_path=rating.commune.path,
                 before=before, after=snapshot(rating, RATING_FIELDS))
    return rating


def _refusal(rule, rating: Rating, grade: str) -> str:
    share = selectors.share_done(rating.tasks_done, rating.tasks_total)
    done = _("%(done)s of %(total)s tasks done (%(share)s%%)") % {
        "done": rating.tasks_done, "total": rating.tasks_total,
        "share": f"{share:.2f}".rstrip("0").rstrip(".").replace(".", ",") if share is not None else "—"}
    if grade == Grade.EXCELLENT and not rating.disciplined:
        return _("“%(grade)s” needs more than %(threshold)s%% of tasks done; the records show %(done)s "
                 "(%(source)s).") % {"grade": Grade(grade).label, "threshold": _plain(rule.excellent_above),
                                     "done": done, "source": rule.source or _("the rule in force")}
    if rating.disciplined:
        return _("A member disciplined in the year is rated at most “%(grade)s” (%(source)s).") % {
            "grade": Grade(rule.disciplined_at_most).label.lower(), "source": rule.source or _("the rule in force")}
    return _("The records allow at most “%(grade)s”: %(done)s (%(source)s).") % {
        "grade": Grade(selectors.grade_allowed(rule, rating.tasks_done, rating.tasks_total)).label.lower(),
        "done": done, "source": rule.source or _("the rule in force")}


def _plain(number) -> str:
    return f"{number:f}".rstrip("0").rstrip(".").replace(".", ",") if "." in f"{number:f}" else f"{number:f}"


@transaction.atomic
def ratings_decide(*, actor, commune, year: int, decision_number: str, decided_on: datetime.date) -> int:
    """The commune chairman's decision on the year's ratings, as recorded by the commune police: every rating
    of the commune's year reviewed first."""
    _require(actor, commune)
    ratings = Rating.objects.select_for_update().filter(commune=commune, year=year)
    errors = {}
    waiting = [r for r in ratings if r.state == RatingState.DRAFT]
    to_decide = [r for r in ratings if r.state == RatingState.REVIEWED]
    if waiting:
        errors["decision_number"] = [_("%(n)s ratings are not reviewed yet.") % {"n": len(waiting)}]
    elif not to_decide:
        errors["decision_number"] = [_("No reviewed rating to decide.")]
    if len(clean(decision_number)) < 3:
        errors["decision_number"] = [_("Enter the decision's number.")]
    _day_come(decided_on, "decided_on", errors)
    if decided_on and decided_on.year < year:
        errors["decided_on"] = [_("The decision comes in the year rated or after it.")]
    if errors:
        raise ValidationError(errors)
    for rating in to_decide:
        rating.state, rating.decision_number, rating.decided_on = RatingState.DECIDED, clean(decision_number)[:60], \
            decided_on
    Rating.objects.bulk_update(to_decide, ["state", "decision_number", "decided_on"])
    audit_record(actor=actor, action="forces.ratings_decide", obj=commune, unit_path=commune.path,
                 after={"year": year, "decided": len(to_decide), "decision_number": clean(decision_number),
                        "decided_on": decided_on.isoformat()})
    return len(to_decide)


# --- Training (bồi dưỡng, huấn luyện) -------------------------------------------------------------------------

def _commune_check(actor, commune, permission: str = perms.MANAGE_TEAM) -> None:
    if commune is None or commune.level.code != geo.COMMUNE:
        raise ValidationError(_("Choose a commune."))
    if not has_permission(actor, permission, commune):
        raise PermissionDenied


@transaction.atomic
def training_plan_save(*, actor, commune, year: int, courses_planned: int, content: str,
                       approved_on: datetime.date) -> TrainingPlan:
    """The commune's training plan for the teams for a year (a new version replaces the old, audited)."""
    _commune_check(actor, commune)
    errors = {}
    today = timezone.localdate()
    if not today.year - 1 <= year <= today.year + 1:
        errors["year"] = [_("Plan last year, this year or next.")]
    if courses_planned is None or courses_planned < 1:
        errors["courses_planned"] = [_("At least one course.")]
    if len(clean(content)) < 10:
        errors["content"] = [_("Say what the plan covers (at least 10 characters).")]
    _day_come(approved_on, "approved_on", errors)
    if errors:
        raise ValidationError(errors)
    plan = TrainingPlan.objects.select_for_update().filter(commune=commune, year=year).first()
    before = snapshot(plan, ["courses_planned", "content", "approved_on"]) if plan else None
    plan = plan or TrainingPlan(commune=commune, province_id=commune.parent_id, year=year)
    plan.courses_planned, plan.content, plan.approved_on = courses_planned, content.strip(), approved_on
    plan.save()
    audit_record(actor=actor, action="forces.training_plan_save", obj=plan, unit_path=commune.path, before=before,
                 after=snapshot(plan, ["year", "courses_planned", "content", "approved_on"]))
    return plan


COURSE_FIELDS = ["title", "content", "trainer", "place", "starts_on", "ends_on", "required"]


@transaction.atomic
def course_create(*, actor, commune, title: str, content: str, trainer: str, place: str, starts_on: datetime.date,
                  ends_on: datetime.date, required: bool) -> Course:
    """A training course for the commune's team members (Law 30/2023/QH15: members are trained)."""
    _commune_check(actor, commune)
    errors = {}
    if not clean(title):
        errors["title"] = [_("Enter a title.")]
    if len(clean(content)) < 10:
        errors["content"] = [_("Say what is taught (at least 10 characters).")]
    if not clean(trainer):
        errors["trainer"] = [_("Enter who trains.")]
    if starts_on is None:
        errors["starts_on"] = [_("Enter the first day.")]
    elif ends_on is None or ends_on < starts_on:
        errors["ends_on"] = [_("Enter a day from the first day on.")]
    elif (ends_on - starts_on).days > 90:
        errors["ends_on"] = [_("A course lasts at most 90 days.")]
    if errors:
        raise ValidationError(errors)
    course = Course.objects.create(commune=commune, province_id=commune.parent_id, title=clean(title)[:200],
                                   content=content.strip(), trainer=clean(trainer)[:200], place=clean(place)[:300],
                                   starts_on=starts_on, ends_on=ends_on, required=required, created_by=actor)
    audit_record(actor=actor, action="forces.course_create", obj=course, unit_path=commune.path,
                 after=snapshot(course, COURSE_FIELDS))
    return course


@transaction.atomic
def attendance_record(*, actor, course: Course, results: dict) -> int:
    """Who attended a course and the result, once it has ended: `results` maps a recognised member of the
    commune to passed, failed or absent; a member left out is not recorded. Answers how many were."""
    course = Course.objects.select_for_update().select_related("commune").get(pk=course.pk)
    _commune_check(actor, course.commune)
    errors = {}
    if course.ends_on > timezone.localdate():
        errors["results"] = [_("Record the results once the course has ended (%(day)s).") % {
            "day": course.ends_on.strftime("%d/%m/%Y")}]
    members = {m.pk: m for m in Member.objects.filter(pk__in=[getattr(m, "pk", m) for m in results],
                                                      commune=course.commune, state=MemberState.RECOGNISED)}
    wanted = {getattr(m, "pk", m): r for m, r in results.items() if r}
    if not wanted:
        errors.setdefault("results", []).append(_("Give at least one member's result."))
    if any(pk not in members for pk in wanted) or any(r not in TrainingResult.values for r in wanted.values()):
        errors.setdefault("results", []).append(_("Give a result for recognised members of the commune only."))
    if errors:
        raise ValidationError(errors)
    before = dict(course.attendances.values_list("member_id", "result"))
    for pk, result in wanted.items():
        Attendance.objects.update_or_create(course=course, member_id=pk, defaults={"result": result})
    audit_record(actor=actor, action="forces.attendance_record", obj=course, unit_path=course.commune.path,
                 before={"results": {str(k): v for k, v in before.items()}},
                 after={"results": {str(k): v for k, v in wanted.items()}})
    return len(wanted)


# --- Allowances and equipment ---------------------------------------------------------------------------------

@transaction.atomic
def allowances_pay(*, actor, commune, month: datetime.date, paid_on: datetime.date) -> int:
    """A month's support paid to every member of the commune recognised in that month, at the rate in force in
    the province for their role on the month's first day (Law 30/2023/QH15, rates set by the province's
    People's Council: data, to verify). A member paid already for the month is left as is; a role without a
    rate refuses the whole month, naming it. Answers how many were paid."""
    _commune_check(actor, commune)
    errors = {}
    if month is None:
        errors["month"] = [_("Choose the month.")]
    else:
        month = month.replace(day=1)
        if month > timezone.localdate():
            errors["month"] = [_("Choose a month that has begun.")]
    _day_come(paid_on, "paid_on", errors)
    if errors:
        raise ValidationError(errors)
    month_end = add_months(month, 1) - datetime.timedelta(days=1)
    members = list(Member.objects.filter(commune=commune, recognised_on__lte=month_end)
                   .filter(Q(left_on__isnull=True) | Q(left_on__gte=month))
                   .exclude(payments__month=month).defer("id_number"))
    rates = {role: selectors.allowance_rate(commune.parent_id, role, month) for role in {m.role for m in members}}
    missing = [Role(role).label for role, rate in rates.items() if rate is None]
    if missing:
        raise ValidationError({"month": [_("The province has no allowance rate for %(roles)s in force on "
                                           "%(day)s; an administrator enters it on the rules page.") % {
            "roles": ", ".join(str(r).lower() for r in missing), "day": month.strftime("%d/%m/%Y")}]})
    if not members:
        raise ValidationError({"month": [_("Every member is paid for this month already.")]})
    AllowancePayment.objects.bulk_create([
        AllowancePayment(member=m, commune=commune, province_id=commune.parent_id, month=month,
                         amount=rates[m.role].monthly_amount, insurance_amount=rates[m.role].insurance_amount,
                         paid_on=paid_on, recorded_by=actor) for m in members])
    audit_record(actor=actor, action="forces.allowances_pay", obj=commune, unit_path=commune.path,
                 after={"month": month.isoformat(), "members": len(members), "paid_on": paid_on.isoformat(),
                        "total": str(sum(rates[m.role].monthly_amount + rates[m.role].insurance_amount
                                         for m in members))})
    return len(members)


@transaction.atomic
def equipment_issue(*, actor, member: Member, item: str, quantity: int, issued_on: datetime.date,
                    note: str = "") -> EquipmentIssue:
    member = _locked_member(actor, member)
    errors = {}
    if member.state != MemberState.RECOGNISED:
        errors["item"] = [_("Only a recognised member is issued equipment.")]
    if not clean(item):
        errors["item"] = [_("Enter the item.")]
    if not quantity or quantity < 1 or quantity > 100:
        errors["quantity"] = [_("Enter 1 to 100.")]
    _day_come(issued_on, "issued_on", errors)
    if errors:
        raise ValidationError(errors)
    row = EquipmentIssue.objects.create(member=member, item=clean(item)[:200], quantity=quantity,
                                        issued_on=issued_on, note=clean(note)[:300])
    audit_record(actor=actor, action="forces.equipment_issue", obj=member, unit_path=member.commune.path,
                 after={"equipment": row.pk, "item": row.item, "quantity": quantity,
                        "issued_on": issued_on.isoformat()})
    return row


@transaction.atomic
def equipment_return(*, actor, issue: EquipmentIssue, returned_on: datetime.date) -> EquipmentIssue:
    issue = EquipmentIssue.objects.select_for_update().select_related("member__commune").get(pk=issue.pk)
    _require(actor, issue.member.commune)
    errors = {}
    if issue.returned_on is not None:
        errors["returned_on"] = [_("Returned already.")]
    _day_come(returned_on, "returned_on", errors)
    if returned_on and returned_on < issue.issued_on:
        errors["returned_on"] = [_("Enter a day from the day issued (%(day)s).") % {
            "day": issue.issued_on.strftime("%d/%m/%Y")}]
    if errors:
        raise ValidationError(errors)
    issue.returned_on = returned_on
    issue.save(update_fields=["returned_on"])
    audit_record(actor=actor, action="forces.equipment_return", obj=issue.member,
                 unit_path=issue.member.commune.path,
                 after={"equipment": issue.pk, "returned_on": returned_on.isoformat()})
    return issue


# --- Self-managed groups and people of prestige -------------------------------------------------------------

def _area_of(commune, area, errors: dict) -> None:
    if area is None or area.parent_id != commune.pk or area.level.code != geo.RESIDENTIAL_AREA:
        errors["area"] = [_("Choose a residential area of the commune.")]


@transaction.atomic
def group_create(*, actor, commune, area, name: str, leader_name: str, households: int,
                 set_up_on: datetime.date) -> SelfManagedGroup:
    """A self-managed group on security and order of a residential area (seed 001 §II)."""
    _commune_check(actor, commune, perms.MANAGE_COMMUNITY)
    errors = {}
    _area_of(commune, area, errors)
    if not clean(name):
        errors["name"] = [_("Enter the group's name.")]
    if not clean(leader_name):
        errors["leader_name"] = [_("Enter the group leader's name.")]
    if households is None or households < 1:
        errors["households"] = [_("At least one household.")]
    _day_come(set_up_on, "set_up_on", errors)
    if errors:
        raise ValidationError(errors)
    group = SelfManagedGroup.objects.create(commune=commune, province_id=commune.parent_id, area=area,
                                            name=clean(name)[:200], leader_name=clean(leader_name)[:200],
                                            households=households, set_up_on=set_up_on)
    audit_record(actor=actor, action="forces.group_create", obj=group, unit_path=commune.path,
                 after=snapshot(group, ["area", "name", "leader_name", "households", "set_up_on"]))
    return group


@transaction.atomic
def prestige_introduce(*, actor, commune, area, full_name: str, kind: str, phone: str,
                       introduced_on: datetime.date, groups=()) -> PrestigePerson:
    """The Front introduces a person of prestige of the area (village elder, religious dignitary, head of a
    clan, veteran) to its self-managed groups, so that the Front can call on them (seed 001 §II; seed 002
    §II.5). The phone is sealed and never audited."""
    from antq.core.text import phone_ok

    _commune_check(actor, commune, perms.MANAGE_COMMUNITY)
    errors = {}
    _area_of(commune, area, errors)
    if not clean(full_name):
        errors["full_name"] = [_("Enter the full name.")]
    if kind not in PrestigeKind.values:
        errors["kind"] = [_("Choose their standing.")]
    if phone and not phone_ok(phone):
        errors["phone"] = [_("Enter a phone number of 9 to 12 digits.")]
    _day_come(introduced_on, "introduced_on", errors)
    groups = list(groups)
    if area is not None and any(g.area_id != area.pk for g in groups):
        errors["groups"] = [_("Choose groups of the person's residential area.")]
    if errors:
        raise ValidationError(errors)
    person = PrestigePerson.objects.create(commune=commune, province_id=commune.parent_id, area=area,
                                           full_name=clean(full_name)[:200], search_name=fold(clean(full_name)),
                                           kind=kind, phone=(phone or "").strip(), introduced_on=introduced_on)
    person.groups.set(groups)
    audit_record(actor=actor, action="forces.prestige_introduce", obj=person, unit_path=commune.path,
                 after={**snapshot(person, ["area", "full_name", "kind", "introduced_on"]),
                        "groups": sorted(g.pk for g in groups)})
    return person


@transaction.atomic
def participation_record(*, actor, person: PrestigePerson, kind: str, on: datetime.date,
                         note: str) -> Participation:
    """What a person of prestige took part in (a mediation, persuading people, a forum)."""
    person = PrestigePerson.objects.select_related("commune").get(pk=person.pk)
    _commune_check(actor, person.commune, perms.MANAGE_COMMUNITY)
    errors = {}
    if kind not in ParticipationKind.values:
        errors["kind"] = [_("Choose what they took part in.")]
    _day_come(on, "on", errors)
    if on and on < person.introduced_on - datetime.timedelta(days=3650):
        errors["on"] = [_("Enter a day of the last ten years.")]
    if len(clean(note)) < 5:
        errors["note"] = [_("Say what it was (at least 5 characters).")]
    if errors:
        raise ValidationError(errors)
    row = Participation.objects.create(person=person, kind=kind, on=on, note=clean(note)[:300])
    audit_record(actor=actor, action="forces.participation_record", obj=person, unit_path=person.commune.path,
                 after={"participation": row.pk, "kind": kind, "on": on.isoformat()})
    return row
