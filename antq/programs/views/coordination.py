"""Pages of directives (two-way information) and inspections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.views import require_permission, run_service, service_form
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.programs import permissions as perms
from antq.programs import selectors
from antq.programs.forms import DirectiveForm, FindingsForm, FollowUpForm, InspectionPlanForm
from antq.programs.models import Directive, InspectionPlan, InspectionVisit
from antq.programs.services import coordination

VIEW = perms.VIEW_PROGRAM


@login_required
def coordination_home(request):
    require_permission(request.user, VIEW)
    directives = (Directive.objects.visible_to(request.user, VIEW)
                  .select_related("unit__unit_type", "unit__level")[:50])
    plans = (InspectionPlan.objects.visible_to(request.user, VIEW)
             .select_related("unit__unit_type", "unit__level")[:50])
    return render(request, "programs/coordination.html", {
        "directives": directives, "plans": plans, "units": selectors.units_to_issue_in(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def directive_create(request, unit_pk: int):
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, geo_perms.VIEW_UNIT,
                              pk=unit_pk)
    require_permission(request.user, perms.MANAGE_PROGRAM, unit)
    return service_form(
        request, DirectiveForm(request.POST or None),
        save=lambda data: coordination.directive_issue(actor=request.user, unit=unit, **data),
        success=lambda d: _("Directive sent to the units below."),
        redirect_to=lambda d: reverse("programs:directive_detail", args=[d.pk]),
        template="programs/directive_form.html", context={"unit": unit})


@login_required
def directive_detail(request, pk: int):
    return _directive_page(request, pk)


def _directive_page(request, pk: int, *, refused: dict | None = None, status_code: int = 200):
    """The directive's page; `refused` ({"unit": pk, "text": …, "errors": […]}) brings a refused reply back
    as it was typed, with why."""
    directive = get_visible_or_404(Directive.objects.select_related("unit__unit_type", "unit__level", "issued_by"),
                                   request.user, VIEW, pk=pk)
    status = coordination.directive_status(directive)
    may_reply = [row["unit"] for row in status["missing"]
                 if has_permission(request.user, perms.SUBMIT_REPORT, row["unit"])]
    return render(request, "programs/directive_detail.html", {
        "directive": directive, "status": status, "may_reply": may_reply, "refused": refused or {},
        "can_see_all": has_permission(request.user, VIEW, directive.unit)}, status=status_code)


@login_required
@require_POST
def directive_reply(request, pk: int, unit_pk: int):
    directive = get_visible_or_404(Directive.objects.all(), request.user, VIEW, pk=pk)
    unit = get_visible_or_404(AdminUnit.objects.all(), request.user, VIEW, pk=unit_pk)
    text = request.POST.get("text", "")
    try:
        coordination.directive_reply(actor=request.user, directive=directive, unit=unit, text=text)
    except ValidationError as exc:
        return _directive_page(request, directive.pk, refused={"unit": unit.pk, "text": text, "errors": exc.messages},
                               status_code=400)
    messages.success(request, _("Reply sent."))
    return redirect("programs:directive_detail", pk=directive.pk)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request, unit_pk: int):
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, geo_perms.VIEW_UNIT,
                              pk=unit_pk)
    require_permission(request.user, perms.MANAGE_PROGRAM, unit)
    return service_form(
        request, InspectionPlanForm(request.POST or None, unit=unit),
        save=lambda data: coordination.inspection_plan_create(actor=request.user, unit=unit, **data),
        success=lambda p: _("Inspection planned."),
        redirect_to=lambda p: reverse("programs:inspection_detail", args=[p.pk]),
        template="programs/inspection_form.html", context={"unit": unit})


@login_required
def inspection_detail(request, pk: int):
    return _inspection_page(request, pk)


def _inspection_page(request, pk: int, *, bound: tuple | None = None, status: int = 200):
    """The plan's page; `bound` is (visit pk, form name, form) of a refused entry: it comes back as typed,
    the error on its field."""
    visits = InspectionVisit.objects.visible_to(request.user, VIEW).select_related("unit__unit_type", "unit__level")
    plan = get_visible_or_404(InspectionPlan.objects.select_related("unit__unit_type", "unit__level")
                              .prefetch_related(Prefetch("visits", visits)), request.user, VIEW, pk=pk)
    can_record = has_permission(request.user, perms.MANAGE_PROGRAM, plan.unit)
    rows = [{"visit": v, "findings_form": FindingsForm(initial={"visited_on": v.visited_on, "findings": v.findings,
                                                                "recommendations": v.recommendations}),
             "can_follow_up": bool(v.findings) and has_permission(request.user, perms.SUBMIT_REPORT, v.unit),
             "follow_up_form": FollowUpForm(initial={"status": v.follow_up})} for v in plan.visits.all()]
    for row in rows:
        if bound is not None and row["visit"].pk == bound[0]:
            row[bound[1]] = bound[2]
    return render(request, "programs/inspection_detail.html", {"plan": plan, "rows": rows, "can_record": can_record},
                  status=status)


@login_required
@require_POST
def inspection_findings(request, pk: int):
    visit = get_visible_or_404(InspectionVisit.objects.select_related("plan__unit"), request.user, VIEW, pk=pk)
    require_permission(request.user, perms.MANAGE_PROGRAM, visit.plan.unit)
    form = FindingsForm(request.POST)
    if form.is_valid() and run_service(form, lambda: coordination.inspection_findings_record(
            actor=request.user, visit=visit, **form.cleaned_data)) is not None:
        messages.success(request, _("Findings recorded."))
        return redirect("programs:inspection_detail", pk=visit.plan_id)
    return _inspection_page(request, visit.plan_id, bound=(visit.pk, "findings_form", form), status=400)


@login_required
@require_POST
def inspection_follow_up(request, pk: int):
    visit = get_visible_or_404(InspectionVisit.objects.select_related("unit"), request.user, VIEW, pk=pk)
    require_permission(request.user, perms.SUBMIT_REPORT, visit.unit)
    form = FollowUpForm(request.POST)
    if form.is_valid() and run_service(form, lambda: coordination.inspection_follow_up(
            actor=request.user, visit=visit, **form.cleaned_data)) is not None:
        messages.success(request, _("Follow-up recorded."))
        return redirect("programs:inspection_detail", pk=visit.plan_id)
    return _inspection_page(request, visit.plan_id, bound=(visit.pk, "follow_up_form", form), status=400)
