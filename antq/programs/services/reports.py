"""Periodic reports: writing, submitting, returning and correcting them (two-way information).

Seed 000 §IV.4: each level reports to the one above and information flows both ways. Forms,
indicators, periods and deadlines are data (`ReportForm`). A submitted version is locked; a
correction is a new version that replaces it in the roll-up when submitted.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.access import has_permission
from antq.core.audit import audit_record
from antq.geo.models import AdminUnit
from antq.programs import permissions as perms
from antq.programs import selectors
from antq.programs.choices import IndicatorKind, ReportStatus
from antq.programs.models import Report, ReportForm, ReportValue


def _clean_values(form: ReportForm, values: dict[str, object]) -> tuple[dict, dict]:
    """Parse the submitted values per indicator code; return (cleaned, errors)."""
    cleaned, errors = {}, {}
    indicators = {i.code: i for i in form.indicators.all()}
    unknown = set(values) - set(indicators)
    if unknown:
        errors["values"] = [_("Unknown indicators: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}]
    for code, indicator in indicators.items():
        raw = values.get(code)
        if indicator.kind == IndicatorKind.NUMBER:
            if raw in (None, ""):
                cleaned[code] = None
                continue
            try:
                number = Decimal(str(raw).replace(",", ".").strip())
            except InvalidOperation:
                errors[code] = [_("%(label)s: enter a number.") % {"label": indicator.label}]
                continue
            if number < 0 or number > Decimal("999999999999"):
                errors[code] = [_("%(label)s: the number is out of range.") % {"label": indicator.label}]
                continue
            if indicator.unit_label == "%" and number > 100:
                errors[code] = [_("%(label)s: a share cannot exceed 100 %%.") % {"label": indicator.label}]
                continue
            if indicator.whole_number and number != number.to_integral_value():
                errors[code] = [_("%(label)s: a count is a whole number.") % {"label": indicator.label}]
                continue
            cleaned[code] = number
        else:
            text = str(raw or "").strip()
            if len(text) > 10_000:
                errors[code] = [_("%(label)s: the text is too long.") % {"label": indicator.label}]
                continue
            cleaned[code] = text
    return cleaned, errors


def _require_submitter(actor, form: ReportForm, unit: AdminUnit) -> None:
    if not has_permission(actor, perms.SUBMIT_REPORT, unit):
        raise PermissionDenied
    if not form.submitting_levels.filter(pk=unit.level_id).exists():
        raise ValidationError(_("%(unit)s does not submit this report.") % {"unit": unit.display_name})


@transaction.atomic
def report_save(*, actor, form: ReportForm, unit: AdminUnit, period_start: datetime.date,
                values: dict[str, object]) -> Report:
    """Save the unit's working draft for the period (a new report, or the draft of a correction)."""
    _require_submitter(actor, form, unit)
    period_start, period_end = selectors.period_bounds(form, period_start)
    if period_start > timezone.localdate():
        raise ValidationError(_("A report cannot be written for a period that has not begun."))
    cleaned, errors = _clean_values(form, values)
    if errors:
        raise ValidationError(errors)
    versions = Report.objects.select_for_update().filter(form=form, unit=unit, period_start=period_start)
    draft = versions.filter(status=ReportStatus.DRAFT).first()
    if draft is None:
        if versions.exists():
            raise ValidationError(_("This period's report is already submitted; correct it to change it."))
        draft = Report.objects.create(form=form, unit=unit, period_start=period_start, period_end=period_end)
    indicators = {i.code: i for i in form.indicators.all()}
    ReportValue.objects.filter(report=draft).delete()
    ReportValue.objects.bulk_create([
        ReportValue(report=draft, indicator=indicators[code],
                    number=value if indicators[code].kind == IndicatorKind.NUMBER else None,
                    text=value if indicators[code].kind == IndicatorKind.TEXT else "")
        for code, value in cleaned.items() if value not in (None, "")])
    filled = {code: str(value) for code, value in cleaned.items() if value not in (None, "")}
    audit_record(actor=actor, action="programs.report_save", obj=draft, unit_path=unit.path,
                 after={"version": draft.version, "values": filled})
    return draft


@transaction.atomic
def report_submit(*, actor, report: Report, received_at: datetime.datetime | None = None) -> Report:
    """Submit and lock the draft; it counts in every roll-up above at once.

    `received_at` records when a report that arrived on paper was received, for timeliness.
    """
    report = Report.objects.select_for_update(of=("self",)).select_related("form", "unit").get(pk=report.pk)
    _require_submitter(actor, report.form, report.unit)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    if not report.values.exists():  # a report that carries nothing would count as received
        raise ValidationError(_("Every figure is blank: fill in what the period gives before submitting."))
    opens = selectors.submittable_from(report.form, report.period_start)
    if timezone.localdate() < opens:
        raise ValidationError(_("The period ends on %(end)s: its report can be submitted from %(opens)s (the "
                                "form's rule). Save it as a draft until then.") % {
            "end": report.period_end.strftime("%d/%m/%Y"), "opens": opens.strftime("%d/%m/%Y")})
    now = timezone.now()
    if received_at is not None:
        if received_at > now or received_at.date() < report.period_start:
            raise ValidationError({"received_at": _("The date received must lie between the period's start and now.")})
        now = received_at
    previous = report.supersedes
    if previous is not None:
        Report.objects.filter(pk=previous.pk).update(is_current=False)
    report.status = ReportStatus.SUBMITTED
    report.is_current = True
    report.submitted_at = now
    report.first_submitted_at = previous.first_submitted_at if previous else now
    report.submitted_by = actor
    report.save(update_fields=["status", "is_current", "submitted_at", "first_submitted_at", "submitted_by"])
    audit_record(actor=actor, action="programs.report_submit", obj=report, unit_path=report.unit.path,
                 after={"version": report.version, "submitted_at": now})
    return report


@transaction.atomic
def report_return(*, actor, report: Report, reason: str) -> Report:
    """The level above returns a submitted report for correction, saying why."""
    report = Report.objects.select_for_update(of=("self",)).select_related("unit__parent").get(pk=report.pk)
    if report.unit.parent is None or not has_permission(actor, perms.REVIEW_REPORT, report.unit.parent):
        raise PermissionDenied
    if report.status != ReportStatus.SUBMITTED or not report.is_current:
        raise ValidationError(_("Only the current submitted version can be returned."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what needs correcting.")})
    report.status = ReportStatus.RETURNED
    report.returned_reason = reason.strip()
    report.save(update_fields=["status", "returned_reason"])
    audit_record(actor=actor, action="programs.report_return", obj=report, unit_path=report.unit.path,
                 after={"version": report.version, "reason": report.returned_reason})
    return report


@transaction.atomic
def report_correct(*, actor, report: Report) -> Report:
    """Start a correction: a new draft version carrying the values of the submitted or returned one."""
    report = Report.objects.select_for_update(of=("self",)).select_related("form", "unit").get(pk=report.pk)
    _require_submitter(actor, report.form, report.unit)
    if report.status == ReportStatus.DRAFT or not report.is_current:
        raise ValidationError(_("Only the current submitted or returned version can be corrected."))
    if Report.objects.filter(supersedes=report).exists():
        raise ValidationError(_("A correction of this report is already in progress."))
    draft = Report.objects.create(form=report.form, unit=report.unit, period_start=report.period_start,
                                  period_end=report.period_end, version=report.version + 1, supersedes=report)
    ReportValue.objects.bulk_create(ReportValue(report=draft, indicator_id=v.indicator_id, number=v.number, text=v.text)
                                    for v in report.values.all())
    audit_record(actor=actor, action="programs.report_correct", obj=draft, unit_path=report.unit.path,
                 after={"version": draft.version, "corrects": report.pk})
    return draft
