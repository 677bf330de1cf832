"""Writes to coordination programs, their content, assignments and review milestones.

Seed 000 §III–IV and seed 002 §III–IV: a program at one level is implemented by programs of
the level below; each gives duties to organisations and is reviewed yearly, at five years
and at its end. Each function takes `actor=`, runs in one transaction and leaves an audit row.
"""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.access import get_visible_or_404, has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.uploads import EXTENSIONS, check_upload
from antq.geo.models import AdminUnit
from antq.orgs.models import Organisation
from antq.programs import permissions as perms
from antq.programs.choices import AssignmentStatus, ProgramStatus, Recurrence
from antq.programs.models import Assignment, ContentItem, Program, ReviewMilestone, ReviewRule

PROGRAM_FIELDS = ["unit", "kind", "number", "code", "issued_on", "title", "start_year", "end_year", "parent",
                  "objectives", "status"]
ASSIGNMENT_FIELDS = ["program", "organisation", "task", "due_on", "recurrence", "status", "progress", "evidence",
                     "done_on"]


def _require(actor, action: str, unit: AdminUnit) -> None:
    if not has_permission(actor, action, unit):
        raise PermissionDenied


def _milestones(program: Program) -> list[ReviewMilestone]:
    """The reviews a program owes, from the review rules (data)."""
    due = {}
    for rule in ReviewRule.objects.all():
        if rule.every_year:
            years = range(program.start_year, program.end_year + 1)
        elif rule.years_after_start is not None:
            years = [program.start_year + rule.years_after_start]
        elif rule.in_last_year:
            years = [program.end_year]
        else:
            years = []
        for year in years:
            if program.start_year <= year <= program.end_year:
                last_day = calendar.monthrange(year, rule.due_month)[1]
                due[(rule.kind, year)] = datetime.date(year, rule.due_month, last_day)
    return [ReviewMilestone(program=program, kind=kind, year=year, due_on=on) for (kind, year), on in due.items()]


def _organisation_like(unit: AdminUnit, template: Organisation) -> Organisation | None:
    """This unit's organisation of the same type as `template` (the parent program's assignee)."""
    return (Organisation.objects.filter(unit=unit, org_type_id=template.org_type_id, is_active=True)
            .order_by("pk").first())


@transaction.atomic
def program_create(*, actor, unit: AdminUnit, title: str, start_year: int, end_year: int, kind: str = "program",
                   number: str = "", code: str = "", issued_on: datetime.date | None = None, objectives: str = "",
                   issuers: list[Organisation] = (), parent: Program | None = None) -> Program:
    """Create a program or plan as a draft; with `parent`, copy its content and assignments.

    Assignments are copied to this unit's organisation of the same type; those with no such
    organisation here are left out and listed in the audit row, for the user to assign.
    """
    _require(actor, perms.MANAGE_PROGRAM, unit)
    errors = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = _("Enter the title.")
    if end_year < start_year:
        errors["end_year"] = _("The period ends before it starts.")
    if parent is not None and (parent.unit_id == unit.pk or not unit.path.startswith(parent.unit.path)):
        errors["parent"] = _("A program implements one issued at a level above.")
    if any(org.unit_id != unit.pk for org in issuers):
        errors["issuers"] = _("The issuing organisations must belong to %(unit)s.") % {"unit": unit.display_name}
    if errors:
        raise ValidationError(errors)
    program = Program.objects.create(unit=unit, kind=kind, number=number.strip(), code=code.strip(),
                                     issued_on=issued_on, title=title, start_year=start_year, end_year=end_year,
                                     objectives=objectives.strip(), parent=parent, status=ProgramStatus.DRAFT)
    program.issuers.set(issuers)
    skipped = []
    if parent is not None:
        ContentItem.objects.bulk_create(ContentItem(program=program, order=item.order, text=item.text)
                                        for item in parent.content_items.all())
        copies = []
        for assignment in parent.assignments.select_related("organisation__org_type"):
            owner = _organisation_like(unit, assignment.organisation)
            if owner is None:
                skipped.append(assignment.organisation.org_type.name)
                continue
            copies.append(Assignment(program=program, organisation=owner, task=assignment.task,
                                     due_on=assignment.due_on, recurrence=assignment.recurrence))
        Assignment.objects.bulk_create(copies)
    ReviewMilestone.objects.bulk_create(_milestones(program))
    after = snapshot(program, PROGRAM_FIELDS)
    after["copied_from"] = parent.pk if parent else None
    after["not_copied_for"] = sorted(set(skipped))
    audit_record(actor=actor, action="programs.program_create", obj=program, unit_path=unit.path, after=after)
    return program


@transaction.atomic
def program_issue(*, actor, program: Program, issued_on: datetime.date | None = None) -> Program:
    program = Program.objects.select_for_update(of=("self",)).select_related("unit").get(pk=program.pk)
    _require(actor, perms.MANAGE_PROGRAM, program.unit)
    if program.status == ProgramStatus.ISSUED:
        raise ValidationError(_("This program is already issued."))
    if not program.assignments.exists():
        raise ValidationError(_("Assign at least one duty before issuing."))
    before = snapshot(program, PROGRAM_FIELDS)
    program.status = ProgramStatus.ISSUED
    program.issued_on = issued_on or program.issued_on or timezone.localdate()
    program.save(update_fields=["status", "issued_on"])
    audit_record(actor=actor, action="programs.program_issue", obj=program, unit_path=program.unit.path,
                 before=before, after=snapshot(program, PROGRAM_FIELDS))
    return program


@transaction.atomic
def content_item_add(*, actor, program: Program, text: str) -> ContentItem:
    _require(actor, perms.MANAGE_PROGRAM, program.unit)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the content item.")})
    order = (program.content_items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    item = ContentItem.objects.create(program=program, order=order, text=text)
    audit_record(actor=actor, action="programs.content_item_add", obj=item, unit_path=program.unit.path,
                 after={"program": program.pk, "order": order, "text": text})
    return item


@transaction.atomic
def assignment_add(*, actor, program: Program, organisation: Organisation, task: str,
                   due_on: datetime.date | None = None, recurrence: str = Recurrence.ONCE,
                   source_decision=None) -> Assignment:
    """Give a duty to an organisation of the program's unit (phân công)."""
    _require(actor, perms.MANAGE_PROGRAM, program.unit)
    errors = {}
    if not (task or "").strip():
        errors["task"] = _("Describe the task.")
    if organisation.unit_id != program.unit_id:
        errors["organisation"] = _("Choose an organisation of %(unit)s.") % {"unit": program.unit.display_name}
    if due_on and not (program.start_year <= due_on.year <= program.end_year):
        errors["due_on"] = _("The due date lies outside the program's period (%(start)s–%(end)s).") % {
            "start": program.start_year, "end": program.end_year}
    if errors:
        raise ValidationError(errors)
    assignment = Assignment.objects.create(program=program, organisation=organisation, task=task.strip(),
                                           due_on=due_on, recurrence=recurrence, source_decision=source_decision)
    audit_record(actor=actor, action="programs.assignment_add", obj=assignment, unit_path=program.unit.path,
                 after=snapshot(assignment, ASSIGNMENT_FIELDS))
    return assignment


@transaction.atomic
def review_milestone_done(*, actor, milestone: ReviewMilestone, done_on: datetime.date) -> ReviewMilestone:
    """Record that a review (sơ kết / tổng kết) was held."""
    program = milestone.program
    _require(actor, perms.MANAGE_PROGRAM, program.unit)
    if milestone.done_on is not None:
        raise ValidationError(_("This review is already recorded."))
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit_record(actor=actor, action="programs.review_milestone_done", obj=program, unit_path=program.unit.path,
                 after={"kind": milestone.kind, "year": milestone.year, "done_on": done_on})
    return milestone


@transaction.atomic
def decision_follow_up(*, actor, decision, program: Program) -> Assignment:
    """Turn a meeting's decision into an assignment of a program of the same unit (seed 000 §IV.4:
    each meeting sets the next coordination items)."""
    committee_unit = decision.meeting.committee.unit
    if program.unit_id != committee_unit.pk:
        raise ValidationError({"program": _("Choose a program of %(unit)s.") % {"unit": committee_unit.display_name}})
    if decision.owner is None:
        raise ValidationError(_("Give the decision an owner organisation first."))
    if decision.assignments.exists():
        raise ValidationError(_("This decision is already followed up as an assignment."))
    return assignment_add(actor=actor, program=program, organisation=decision.owner, task=decision.text,
                          due_on=decision.due_on, source_decision=decision)


def follow_up_programs(user, unit) -> list[Program]:
    """The programs of `unit` a meeting's decision may become an assignment of, for a user who manages
    them (contributed to the committees app under "committees.follow_up")."""
    if not has_permission(user, perms.MANAGE_PROGRAM, unit):
        return []
    return list(Program.objects.visible_to(user, perms.VIEW_PROGRAM).filter(unit=unit))


def decision_follow_up_by_id(*, actor, decision, program_id) -> Assignment:
    """The committees app's follow-up of a decision, naming the program by id: one outside the actor's
    scope does not exist (404); one they may read but not manage is refused (403)."""
    program = get_visible_or_404(Program.objects.select_related("unit"), actor, perms.VIEW_PROGRAM,
                                 pk=program_id if str(program_id or "").isdigit() else 0)
    _require(actor, perms.MANAGE_PROGRAM, program.unit)
    return decision_follow_up(actor=actor, decision=decision, program=program)


@transaction.atomic
def assignment_report(*, actor, assignment: Assignment, status: str, progress: str = "", evidence=None) -> Assignment:
    """The assigned organisation reports progress; "done" stamps the date."""
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related("program__unit").get(
        pk=assignment.pk)
    _require(actor, perms.UPDATE_ASSIGNMENT, assignment.program.unit)
    if status not in AssignmentStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    kind = None
    if evidence:
        try:
            kind = check_upload(evidence, allowed=("pdf", "jpeg", "png"))
        except ValidationError as exc:
            raise ValidationError({"evidence": exc.messages}) from exc
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.status = status
    if progress.strip():
        stamp = timezone.localtime().strftime("%d/%m/%Y")
        assignment.progress = f"{assignment.progress}\n[{stamp}] {progress.strip()}".strip()
    assignment.done_on = timezone.localdate() if status == AssignmentStatus.DONE else None
    if evidence:
        assignment.evidence.save(f"minh-chung-{assignment.pk}.{EXTENSIONS[kind]}", evidence, save=False)
    assignment.save()
    audit_record(actor=actor, action="programs.assignment_report", obj=assignment,
                 unit_path=assignment.program.unit.path, before=before, after=snapshot(assignment, ASSIGNMENT_FIELDS))
    return assignment
