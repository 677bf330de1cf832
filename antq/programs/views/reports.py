"""Pages of the periodic reports: the roll-up with reporting rates, and one unit's report."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.exports import xlsx_response
from antq.core.views import require_permission, run_service, service_action
from antq.geo.models import AdminUnit, Level
from antq.geo.selectors import top_units
from antq.programs import permissions as perms
from antq.programs import selectors
from antq.programs.choices import PERIOD_MONTHS, ReportStatus
from antq.programs.forms import ReportValuesForm
from antq.programs.models import Report, ReportForm
from antq.programs.services import reports

VIEW = perms.VIEW_REPORT


def _form(code: str) -> ReportForm:
    return get_object_or_404(ReportForm.objects.prefetch_related("indicators", "deadlines"), code=code,
                             is_active=True)


def _periods(form: ReportForm, count: int = 12) -> list[datetime.date]:
    """The latest periods, newest first, starting with the one in progress."""
    start, _end = selectors.period_bounds(form, timezone.localdate())
    months = PERIOD_MONTHS[form.period_type]
    periods = []
    for _i in range(count):
        periods.append(start)
        month = start.month - months
        start = datetime.date(start.year - (1 if month < 1 else 0), (month - 1) % 12 + 1, 1)
    return periods


def _period(request, form: ReportForm) -> datetime.date:
    periods = _periods(form)
    try:
        chosen = datetime.date.fromisoformat(request.GET.get("period", ""))
    except ValueError:
        return periods[1]  # the last finished period
    start, _end = selectors.period_bounds(form, chosen)
    return start if start in periods else periods[1]


def _base_level() -> Level:
    return Level.objects.get(code="commune")


@login_required
def report_form_list(request):
    require_permission(request.user, VIEW)
    return render(request, "programs/report_forms.html", {
        "forms": [(form, form.deadline_on(timezone.localdate())) for form in
                  ReportForm.objects.filter(is_active=True).prefetch_related("submitting_levels", "deadlines")],
        "units": top_units(request.user)})


def _rollup_context(request, code: str):
    form = _form(code)
    unit_pk = request.GET.get("unit") or next((u.pk for u in top_units(request.user)), None)
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, VIEW,
                              pk=unit_pk if str(unit_pk or "").isdigit() else 0)
    period = _period(request, form)
    base = _base_level()
    return form, unit, period, selectors.rollup(form, period, unit, base.pk), \
        selectors.reporting_rates(form, period, unit, base.pk)


@login_required
def report_rollup(request, code: str):
    require_permission(request.user, VIEW)
    form, unit, period, rolled, rates = _rollup_context(request, code)
    own = None
    if form.submitting_levels.filter(pk=unit.level_id).exists():
        own = Report.objects.filter(form=form, unit=unit, period_start=period).order_by("-version").first()
    only_missing = request.GET.get("missing") == "1"
    rows = [row for row in rates["rows"] if row["received"] < row["expected"]] if only_missing else rates["rows"]
    # Worst first: the least of their reports received, then the least on time; by name otherwise.
    rows = sorted(rows, key=lambda r: (r["received"] / r["expected"] if r["expected"] else 1,
                                       r["on_time"] / r["expected"] if r["expected"] else 1))
    return render(request, "programs/report_rollup.html", {
        "form": form, "unit": unit, "period": period, "periods": _periods(form), "rolled": rolled.values(),
        "rates": rates, "rows": rows, "only_missing": only_missing, "own": own,
        "ancestors": [a for a in unit.ancestors() if has_permission(request.user, VIEW, a)],
        "can_submit_own": own is None and has_permission(request.user, perms.SUBMIT_REPORT, unit)
        and form.submitting_levels.filter(pk=unit.level_id).exists()})


@login_required
def report_rollup_xlsx(request, code: str):
    require_permission(request.user, VIEW)
    form, unit, period, rolled, rates = _rollup_context(request, code)
    rows = [[item["indicator"].shown_label, item["indicator"].get_aggregate_display(),
             float(item["value"]) if item["value"] is not None else None, item["reports"]] for item in rolled.values()]
    rows.append([])
    rows.append([_("Unit"), _("Expected"), _("Received"), _("On time")])
    rows += [[r["unit"].display_name, r["expected"], r["received"], r["on_time"]] for r in rates["rows"]]
    def shown(share):  # exact for every comparison, rounded for the sheet as on the page
        return None if share is None else round(share, 2)

    rows.append([_("Completeness (%)"), shown(rates["completeness"]), _("Timeliness (%)"), shown(rates["timeliness"])])
    return xlsx_response(f"{form.code}-{unit.code or unit.pk}-{period:%Y-%m}.xlsx", title=form.shown_name,
                         subtitle=f"{unit.display_name} — {period:%m/%Y}",
                         headers=[_("Indicator"), _("Roll-up"), _("Value"), _("Reports")], rows=rows)


def _unit_report(request, code: str, unit_pk: int, period: str):
    form = _form(code)
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level", "parent"), request.user, VIEW,
                              pk=unit_pk)
    try:
        start, _end = selectors.period_bounds(form, datetime.date.fromisoformat(period))
    except ValueError as exc:
        raise Http404 from exc
    versions = list(Report.objects.filter(form=form, unit=unit, period_start=start).order_by("-version")
                    .prefetch_related("values__indicator").select_related("submitted_by"))
    return form, unit, start, versions


@login_required
@require_http_methods(["GET", "POST"])
def unit_report(request, code: str, unit_pk: int, period: str):
    form, unit, start, versions = _unit_report(request, code, unit_pk, period)
    latest = versions[0] if versions else None
    can_submit = has_permission(request.user, perms.SUBMIT_REPORT, unit)
    editable = can_submit and (latest is None or latest.status == ReportStatus.DRAFT)
    initial = {v.indicator.code: (v.number if v.number is not None else v.text) for v in latest.values.all()} \
        if latest else {}
    if request.method == "POST" and not can_submit:
        raise PermissionDenied
    values_form = ReportValuesForm(request.POST or None, initial=initial, report_form=form) if editable else None
    if request.method == "POST" and editable and values_form.is_valid():
        saved = run_service(values_form, lambda: reports.report_save(
            actor=request.user, form=form, unit=unit, period_start=start, values=values_form.cleaned_data))
        if saved and request.POST.get("action") == "submit":
            submitted = run_service(values_form, lambda: reports.report_submit(actor=request.user, report=saved))
            if submitted:
                messages.success(request, _("Report submitted; the level above sees it now."))
                return redirect(request.path)
        elif saved:
            messages.success(request, _("Draft saved."))
            return redirect(request.path)
    opens = selectors.submittable_from(form, start)
    return render(request, "programs/unit_report.html", {
        "form": form, "unit": unit, "period": start, "versions": versions, "latest": latest,
        "values_form": values_form, "deadline": selectors.deadline(form, start),
        "opens": opens, "open_now": timezone.localdate() >= opens,
        "can_submit": can_submit,
        "can_return": latest is not None and unit.parent is not None
        and has_permission(request.user, perms.REVIEW_REPORT, unit.parent)},
        status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def unit_report_correct(request, code: str, unit_pk: int, period: str):
    _report_form, unit, start, versions = _unit_report(request, code, unit_pk, period)
    require_permission(request.user, perms.SUBMIT_REPORT, unit)
    if not versions:
        raise Http404
    service_action(request, lambda: reports.report_correct(actor=request.user, report=versions[0]),
                   success=_("A new version was opened for correction."))
    return redirect("programs:unit_report", code=code, unit_pk=unit.pk, period=start.isoformat())


@login_required
@require_POST
def unit_report_return(request, code: str, unit_pk: int, period: str):
    _report_form, unit, start, versions = _unit_report(request, code, unit_pk, period)
    if not versions or unit.parent is None:
        raise Http404
    require_permission(request.user, perms.REVIEW_REPORT, unit.parent)
    service_action(request, lambda: reports.report_return(actor=request.user, report=versions[0],
                                                          reason=request.POST.get("reason", "")),
                   success=_("The report was returned for correction."))
    return redirect("programs:unit_report", code=code, unit_pk=unit.pk, period=start.isoformat())
