"""Two-way information and inspections (seed 000 §IV.4, seed 002 §IV.3).

A level directs the units below it and tracks their replies; it sends inspection teams to
them, records findings and recommendations, and the inspected unit reports the follow-up.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.geo.models import AdminUnit
from antq.programs import permissions as perms
from antq.programs.choices import FollowUp
from antq.programs.models import Directive, DirectiveReply, InspectionPlan, InspectionVisit


def recipients(unit: AdminUnit):
    """The units a level directs and inspects: its current sub-units above residential areas."""
    return AdminUnit.objects.current().filter(parent=unit).exclude(level__code="residential_area")


@transaction.atomic
def directive_issue(*, actor, unit: AdminUnit, title: str, body: str, reply_by: datetime.date,
                    number: str = "") -> Directive:
    if not has_permission(actor, perms.MANAGE_PROGRAM, unit):
        raise PermissionDenied
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Enter the title.")
    if not (body or "").strip():
        errors["body"] = _("Write the directive.")
    if reply_by < timezone.localdate():
        errors["reply_by"] = _("The reply date has passed.")
    if not recipients(unit).exists():
        errors["title"] = _("%(unit)s has no units below it to direct.") % {"unit": unit.display_name}
    if errors:
        raise ValidationError(errors)
    directive = Directive.objects.create(unit=unit, number=number.strip(), title=title.strip(), body=body.strip(),
                                         issued_on=timezone.localdate(), reply_by=reply_by, issued_by=actor)
    audit_record(actor=actor, action="programs.directive_issue", obj=directive, unit_path=unit.path,
                 after=snapshot(directive, ["unit", "number", "title", "issued_on", "reply_by"]))
    return directive


@transaction.atomic
def directive_reply(*, actor, directive: Directive, unit: AdminUnit, text: str) -> DirectiveReply:
    """A unit below answers the directive (once; the reply date decides whether it is late)."""
    if not has_permission(actor, perms.SUBMIT_REPORT, unit):
        raise PermissionDenied
    if unit.parent_id != directive.unit_id:
        raise ValidationError(_("Only the units the directive was sent to reply to it."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the reply.")})
    if DirectiveReply.objects.filter(directive=directive, unit=unit).exists():
        raise ValidationError(_("%(unit)s has already replied.") % {"unit": unit.display_name})
    reply = DirectiveReply.objects.create(directive=directive, unit=unit, text=text.strip(),
                                          replied_at=timezone.now(), replied_by=actor)
    audit_record(actor=actor, action="programs.directive_reply", obj=reply, unit_path=unit.path,
                 after={"directive": directive.pk, "unit": unit.pk})
    return reply


def directive_status(directive: Directive) -> dict:
    """Per unit below: replied on time, late, or not yet (two queries)."""
    replies = {r.unit_id: r for r in directive.replies.all()}
    rows = []
    for unit in recipients(directive.unit).select_related("unit_type", "level").order_by("search_name"):
        reply = replies.get(unit.pk)
        late = reply is not None and timezone.localtime(reply.replied_at).date() > directive.reply_by
        rows.append({"unit": unit, "reply": reply, "late": late})
    missing = [row for row in rows if row["reply"] is None]
    return {"rows": rows, "replied": len(rows) - len(missing), "missing": missing,
            "overdue": directive.reply_by < timezone.localdate() and bool(missing)}


@transaction.atomic
def inspection_plan_create(*, actor, unit: AdminUnit, title: str, year: int, starts_on: datetime.date,
                           ends_on: datetime.date, team: str, targets: list[AdminUnit]) -> InspectionPlan:
    """Plan an inspection: the team and the units below to visit (seed 002 §IV.3: yearly)."""
    if not has_permission(actor, perms.MANAGE_PROGRAM, unit):
        raise PermissionDenied
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Enter the title.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The inspection ends before it starts.")
    if not [line for line in (team or "").splitlines() if line.strip()]:
        errors["team"] = _("Name at least one member of the team.")
    allowed = set(recipients(unit).values_list("pk", flat=True))
    if not targets:
        errors["targets"] = _("Choose the units to inspect.")
    elif any(target.pk not in allowed for target in targets):
        errors["targets"] = _("Only units directly below %(unit)s can be inspected by it.") % {
            "unit": unit.display_name}
    if errors:
        raise ValidationError(errors)
    plan = InspectionPlan.objects.create(unit=unit, title=title.strip(), year=year, starts_on=starts_on,
                                         ends_on=ends_on, team=team.strip())
    InspectionVisit.objects.bulk_create(InspectionVisit(plan=plan, unit=target) for target in targets)
    audit_record(actor=actor, action="programs.inspection_plan_create", obj=plan, unit_path=unit.path,
                 after={**snapshot(plan, ["unit", "title", "year", "starts_on", "ends_on", "team"]),
                        "targets": [t.pk for t in targets]})
    return plan


@transaction.atomic
def inspection_findings_record(*, actor, visit: InspectionVisit, visited_on: datetime.date, findings: str,
                               recommendations: str) -> InspectionVisit:
    visit = InspectionVisit.objects.select_related("plan__unit", "unit").get(pk=visit.pk)
    if not has_permission(actor, perms.MANAGE_PROGRAM, visit.plan.unit):
        raise PermissionDenied
    errors = {}
    if not (findings or "").strip():
        errors["findings"] = _("Write what the team found.")
    if visited_on > timezone.localdate():
        errors["visited_on"] = _("Findings are recorded after the visit.")
    if errors:
        raise ValidationError(errors)
    visit.visited_on, visit.findings, visit.recommendations = visited_on, findings.strip(), recommendations.strip()
    visit.save(update_fields=["visited_on", "findings", "recommendations"])
    audit_record(actor=actor, action="programs.inspection_findings_record", obj=visit, unit_path=visit.unit.path,
                 after=snapshot(visit, ["visited_on", "findings", "recommendations"]))
    return visit


@transaction.atomic
def inspection_follow_up(*, actor, visit: InspectionVisit, status: str, note: str = "") -> InspectionVisit:
    """The inspected unit reports how it acted on the recommendations."""
    visit = InspectionVisit.objects.select_for_update(of=("self",)).select_related("unit").get(pk=visit.pk)
    if not has_permission(actor, perms.SUBMIT_REPORT, visit.unit):
        raise PermissionDenied
    if not visit.findings:
        raise ValidationError(_("The findings have not been recorded yet."))
    if status not in FollowUp.values:
        raise ValidationError({"status": _("Unknown status.")})
    before = snapshot(visit, ["follow_up", "follow_up_note"])
    visit.follow_up = status
    if note.strip():
        stamp = timezone.localtime().strftime("%d/%m/%Y")
        visit.follow_up_note = f"{visit.follow_up_note}\n[{stamp}] {note.strip()}".strip()
    visit.save(update_fields=["follow_up", "follow_up_note"])
    audit_record(actor=actor, action="programs.inspection_follow_up", obj=visit, unit_path=visit.unit.path,
                 before=before, after=snapshot(visit, ["follow_up", "follow_up_note"]))
    return visit
