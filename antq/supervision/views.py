"""Pages of supervision files: the commune police's list (no names: a file is opened, and each opening is
recorded), a person received under a measure, the file with its plan and restrictions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.views import require_permission, run_service, service_form
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import by_proper_name, top_units
from antq.orgs.models import RoleAssignment, User
from antq.supervision import forms, selectors, services
from antq.supervision import permissions as perms
from antq.supervision.models import Measure, MeasureType, Person, Restriction

VIEW, MANAGE, PLAN, RESTRICT = perms.VIEW_FILE, perms.MANAGE_FILE, perms.ISSUE_PLAN, perms.RESTRICT_FILE
ASSESS = perms.ASSESS


@login_required
def file_list(request):
    require_permission(request.user, VIEW)
    today = timezone.localdate()
    people = list(selectors.files_of(request.user, VIEW).prefetch_related(
        Prefetch("measures", queryset=Measure.objects.select_related("kind")))[:200])
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, MANAGE, u)]
    measures = selectors.measures_of(request.user, VIEW)
    return render(request, "supervision/file_list.html", {
        "people": people, "communes": communes, "today": today,
        "late": selectors.plans_late(measures, today).count(),
        "missing": selectors.assessments_missing(measures, today).count()})


def _officers(commune):
    """Users who may be put in charge: holding the police's purpose at the commune (one query)."""
    return list(User.objects.filter(pk__in=RoleAssignment.objects.active().filter(
        scope=commune, role__permissions__code=VIEW).values("user_id")).order_by("full_name"))


@login_required
@require_http_methods(["GET", "POST"])
def person_register(request, commune_pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, VIEW,
                                 pk=commune_pk, level__code=geo.COMMUNE)
    require_permission(request.user, MANAGE, commune)
    areas = by_proper_name(AdminUnit.objects.current().filter(parent=commune).select_related("unit_type", "level"))
    form = forms.PersonForm(request.POST or None, kinds=list(MeasureType.objects.filter(is_active=True)), areas=areas)
    return service_form(
        request, form, save=lambda _data: services.person_register(actor=request.user, **form.service_values()),
        success=lambda m: _("File #%(n)s opened.") % {"n": m.person_id},
        redirect_to=lambda m: reverse("supervision:file_detail", args=[m.person_id]),
        template="supervision/person_form.html", context={"commune": commune})


def _file(request, pk: int) -> Person:
    return get_visible_or_404(selectors.files_of(request.user, VIEW).select_related("commune"), request.user, VIEW,
                              pk=pk)


@login_required
def file_detail(request, pk: int):
    return _file_page(request, _file(request, pk))


def _file_page(request, person, *, bound: dict | None = None, status: int = 200):
    """The file: opening it reads the sealed fields, recorded in the trail (services.file_read)."""
    identity = services.file_read(actor=request.user, person=person)
    measures = list(person.measures.select_related("kind", "officer").prefetch_related("assessments"))
    can_plan = has_permission(request.user, PLAN, person.commune)
    can_restrict = has_permission(request.user, RESTRICT, person.commune)
    officers = _officers(person.commune) if can_plan or can_restrict else []
    restricted = list(Restriction.objects.filter(person=person).select_related("user")) if can_restrict else []
    kept = {r.user_id for r in restricted}
    return render(request, "supervision/file_detail.html", {
        "person": person, "identity": identity, "measures": measures, "today": timezone.localdate(),
        "plan_form": forms.PlanForm(officers=[u for u in officers if u.pk not in kept]) if can_plan else None,
        "restriction_form": forms.RestrictionForm(users=[u for u in officers if u.pk not in kept
                                                         and u != request.user]) if can_restrict else None,
        "restricted": restricted, "assess_for": None,
        "assessment_form": forms.AssessmentForm() if has_permission(request.user, ASSESS, person.commune) else None,
        **(bound or {})}, status=status)


@login_required
@require_POST
def plan_issue(request, pk: int, measure_pk: int):
    person = _file(request, pk)
    require_permission(request.user, PLAN, person.commune)
    measure = get_visible_or_404(person.measures.all(), request.user, VIEW, pk=measure_pk)
    form = forms.PlanForm(request.POST, officers=_officers(person.commune))
    if form.is_valid() and run_service(form, lambda: services.plan_issue(
            actor=request.user, measure=measure, officer=form.officers.get(form.cleaned_data["officer"]),
            issued_on=form.cleaned_data["issued_on"])) is not None:
        messages.success(request, _("The supervision plan is issued."))
        return redirect("supervision:file_detail", pk=person.pk)
    return _file_page(request, person, bound={"plan_form": form, "plan_for": measure.pk}, status=400)


@login_required
@require_POST
def restriction_add(request, pk: int):
    person = _file(request, pk)
    require_permission(request.user, RESTRICT, person.commune)
    form = forms.RestrictionForm(request.POST, users=_officers(person.commune))
    if form.is_valid() and run_service(form, lambda: services.restriction_add(
            actor=request.user, person=person, user=form.users.get(form.cleaned_data["user"]),
            reason=form.cleaned_data["reason"])) is not None:
        messages.success(request, _("The file is kept from this user from now on."))
        return redirect("supervision:file_detail", pk=person.pk)
    return _file_page(request, person, bound={"restriction_form": form}, status=400)


@login_required
@require_POST
def assessment_record(request, pk: int, measure_pk: int):
    person = _file(request, pk)
    require_permission(request.user, ASSESS, person.commune)
    measure = get_visible_or_404(person.measures.all(), request.user, VIEW, pk=measure_pk)
    form = forms.AssessmentForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.assessment_record(
            actor=request.user, measure=measure, **form.cleaned_data)) is not None:
        messages.success(request, _("The month's assessment is recorded."))
        return redirect("supervision:file_detail", pk=person.pk)
    return _file_page(request, person, bound={"assessment_form": form, "assess_for": measure.pk}, status=400)
