from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.exports import xlsx_response
from antq.core.views import (
    is_htmx,
    paginate_table,
    require_permission,
    run_service,
    service_action,
    service_form,
    stored_file,
)
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.programs import forms, selectors, services
from antq.programs import permissions as perms
from antq.programs.filtersets import ProgramFilterSet
from antq.programs.models import Assignment, Program
from antq.programs.tables import ProgramTable

VIEW = perms.VIEW_PROGRAM


def _program(request, pk: int) -> Program:
    return get_visible_or_404(Program.objects.select_related("unit__unit_type", "unit__level", "parent"),
                              request.user, VIEW, pk=pk)


@login_required
def program_list(request):
    require_permission(request.user, VIEW)
    queryset = Program.objects.visible_to(request.user, VIEW).select_related("unit__unit_type", "unit__level")
    filterset = ProgramFilterSet(request.GET, queryset=queryset)
    table = paginate_table(request, ProgramTable(filterset.qs))
    template = "programs/_table.html" if is_htmx(request) else "programs/program_list.html"
    creatable = selectors.units_to_issue_in(request.user)
    return render(request, template, {"filter": filterset, "table": table, "creatable": creatable})


@login_required
def program_detail(request, pk: int):
    return _program_page(request, _program(request, pk))


def _program_page(request, program, *, bound: tuple[str, object] | None = None, status: int = 200):
    """The program's page; `bound` is (name, form) of a form refused: it comes back with what was typed
    and the error on its field, its section opened."""
    assignments = (Assignment.objects.filter(program=program).select_related("organisation")
                   .order_by("organisation__name", "due_on"))
    can_manage = has_permission(request.user, perms.MANAGE_PROGRAM, program.unit)
    return render(request, "programs/program_detail.html", {
        "program": program,
        "issuers": program.issuers.all(),
        "content_items": program.content_items.all(),
        "assignments": assignments,
        "by_organisation": selectors.by_organisation(program),
        "implementations": selectors.implementations(program, request.user),
        "milestones": program.milestones.all(),
        "today": timezone.localdate(),
        "can_manage": can_manage,
        "implement_in": [u for u in selectors.units_to_issue_in(request.user)
                         if u.path.startswith(program.unit.path) and u.pk != program.unit_id],
        "can_report": has_permission(request.user, perms.UPDATE_ASSIGNMENT, program.unit),
        "content_form": forms.ContentItemForm() if can_manage else None,
        "assignment_form": forms.AssignmentForm(program=program) if can_manage else None,
        **({bound[0]: bound[1]} if bound else {}),
    }, status=status)


@login_required
def program_assignments_xlsx(request, pk: int):
    program = _program(request, pk)
    rows = selectors.by_organisation(program)
    below = selectors.implementations(program, request.user)
    return xlsx_response(
        f"phan-cong-{program.pk}.xlsx", title=_("Assignments by organisation"), subtitle=str(program),
        headers=[_("Organisation or unit"), _("Assignments"), _("Done"), _("In progress"), _("Overdue")],
        rows=[*[[r["organisation__name"], r["total"], r["done"], r["in_progress"], r["overdue"]] for r in rows],
              *[[b["program"].unit.display_name, b["total"], b["done"], b["in_progress"], b["overdue"]]
                for b in below]],
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request, unit_pk: int):
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user,
                              geo_perms.VIEW_UNIT, pk=unit_pk)
    require_permission(request.user, perms.MANAGE_PROGRAM, unit)
    parents = (Program.objects.visible_to(request.user, VIEW)
               .filter(unit_id__in=[a.pk for a in unit.ancestors()]).select_related("unit"))
    initial = {}
    if request.GET.get("parent"):
        initial["parent"] = parents.filter(pk=request.GET["parent"]).first()
    form = forms.ProgramForm(request.POST or None, initial=initial, unit=unit, parents=parents)
    return service_form(
        request, form,
        save=lambda data: services.program_create(actor=request.user, unit=unit, **data),
        success=lambda p: _("Draft created. Check the copied assignments, then issue it."),
        redirect_to=lambda p: reverse("programs:program_detail", args=[p.pk]),
        template="programs/program_form.html", context={"unit": unit},
    )


@login_required
@require_POST
def program_issue(request, pk: int):
    program = _program(request, pk)
    require_permission(request.user, perms.MANAGE_PROGRAM, program.unit)
    service_action(request, lambda: services.program_issue(actor=request.user, program=program),
                   success=_("The program is issued."))
    return redirect("programs:program_detail", pk=program.pk)


def _post_to_program(request, program, form, call, success, name: str):
    """Add to a program from its page: done, back to the page; refused, the page with the form as typed."""
    if form.is_valid() and run_service(form, lambda: call(form.cleaned_data)) is not None:
        messages.success(request, success)
        return redirect(reverse("programs:program_detail", args=[program.pk]) + "#assignments")
    return _program_page(request, program, bound=(name, form), status=400)


@login_required
@require_POST
def content_item_add(request, pk: int):
    program = _program(request, pk)
    require_permission(request.user, perms.MANAGE_PROGRAM, program.unit)
    return _post_to_program(request, program, forms.ContentItemForm(request.POST),
                            lambda data: services.content_item_add(actor=request.user, program=program, **data),
                            _("Content item added."), "content_form")


@login_required
@require_POST
def assignment_add(request, pk: int):
    program = _program(request, pk)
    require_permission(request.user, perms.MANAGE_PROGRAM, program.unit)
    return _post_to_program(request, program, forms.AssignmentForm(request.POST, program=program),
                            lambda data: services.assignment_add(actor=request.user, program=program, **data),
                            _("Assignment added."), "assignment_form")


@login_required
@require_http_methods(["GET", "POST"])
def assignment_report(request, pk: int):
    assignment = get_visible_or_404(Assignment.objects.select_related("program__unit", "organisation"),
                                    request.user, VIEW, pk=pk)
    require_permission(request.user, perms.UPDATE_ASSIGNMENT, assignment.program.unit)
    form = forms.AssignmentReportForm(request.POST or None, request.FILES or None,
                                      initial={"status": assignment.status})
    return service_form(
        request, form,
        save=lambda data: services.assignment_report(actor=request.user, assignment=assignment, **data),
        success=lambda a: _("Progress recorded."),
        redirect_to=lambda a: reverse("programs:program_detail", args=[a.program_id]) + "#assignments",
        template="programs/assignment_report.html", context={"assignment": assignment},
    )




@login_required
def assignment_evidence(request, pk: int):
    assignment = get_visible_or_404(Assignment.objects.all(), request.user, VIEW, pk=pk)
    stored = assignment.evidence
    return stored_file(stored, f"minh-chung-{assignment.pk}.{stored.name.rsplit('.', 1)[-1] if stored else 'pdf'}")
