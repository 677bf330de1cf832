from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.access import get_visible_or_404, has_permission
from antq.core.views import is_htmx, paginate_table, require_permission, run_service
from antq.geo import choices, services
from antq.geo.filtersets import AdminUnitFilterSet
from antq.geo.forms import ResidentialAreaCloseForm, ResidentialAreaForm
from antq.geo.models import AdminUnit
from antq.geo.selectors import top_units, units_for_browser
from antq.geo.tables import AdminUnitTable
from antq.orgs.models import Organisation


@login_required
def unit_list(request):
    require_permission(request.user, "geo.view_unit")
    filterset = AdminUnitFilterSet(request.GET, queryset=units_for_browser(request.user))
    searching = any(request.GET.get(key) for key in filterset.filters)
    queryset = filterset.qs if searching else filterset.qs.filter(
        pk__in=[u.pk for u in top_units(request.user)]
    )
    table = paginate_table(request, AdminUnitTable(queryset))
    template = "geo/_unit_table.html" if is_htmx(request) else "geo/unit_list.html"
    return render(request, template, {"filter": filterset, "table": table, "searching": searching})


@login_required
def unit_detail(request, pk: int):
    unit = get_visible_or_404(
        AdminUnit.objects.select_related("unit_type", "level", "parent", "successor"),
        request.user, "geo.view_unit", pk=pk,
    )
    children = AdminUnitFilterSet(
        request.GET, queryset=units_for_browser(request.user).filter(parent=unit)
    )
    # Children share one level; residential areas have no official code.
    hidden = ("parent", "level", "code") if unit.level.code == choices.COMMUNE else ("parent", "level")
    table = paginate_table(request, AdminUnitTable(children.qs, exclude=hidden))
    if is_htmx(request):
        return render(request, "geo/_unit_table.html", {"table": table})
    organisations = (
        Organisation.objects.visible_to(request.user, "orgs.view_organisation")
        .filter(unit=unit).select_related("org_type")
    )
    user = request.user
    return render(request, "geo/unit_detail.html", {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "filter": children,
        "table": table,
        "organisations": organisations,
        "is_commune": unit.level.code == choices.COMMUNE,
        "is_area": unit.level.code == choices.RESIDENTIAL_AREA,
        "can_manage_areas": unit.is_current and has_permission(user, "geo.manage_residential_area", unit),
        "can_manage_orgs": unit.is_current and has_permission(user, "orgs.manage_organisation", unit),
        "can_manage_users": unit.is_current and has_permission(user, "orgs.manage_user", unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request, pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("level", "unit_type"),
                                 request.user, "geo.view_unit", pk=pk)
    require_permission(request.user, "geo.manage_residential_area", commune)
    form = ResidentialAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        area = run_service(form, lambda: services.residential_area_create(
            actor=request.user, commune=commune, **form.cleaned_data))
        if area:
            messages.success(request, _("Residential area “%(name)s” added.") % {"name": area.display_name})
            return redirect("geo:unit_detail", pk=commune.pk)
    return render(request, "geo/area_form.html", {"form": form, "commune": commune, "area": None})


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request, pk: int):
    area = get_visible_or_404(AdminUnit.objects.select_related("level", "unit_type", "parent"),
                              request.user, "geo.view_unit", pk=pk)
    require_permission(request.user, "geo.manage_residential_area", area)
    form = ResidentialAreaForm(request.POST or None,
                               initial={"name": area.name, "unit_type": area.unit_type})
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: services.residential_area_update(
                actor=request.user, area=area, **form.cleaned_data)):
            messages.success(request, _("Changes saved."))
            return redirect("geo:unit_detail", pk=area.pk)
    return render(request, "geo/area_form.html", {"form": form, "commune": area.parent, "area": area})


@login_required
@require_http_methods(["GET", "POST"])
def area_close(request, pk: int):
    area = get_visible_or_404(AdminUnit.objects.select_related("level", "unit_type", "parent"),
                              request.user, "geo.view_unit", pk=pk)
    require_permission(request.user, "geo.manage_residential_area", area)
    form = ResidentialAreaCloseForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        if run_service(form, lambda: services.residential_area_close(
                actor=request.user, area=area, **form.cleaned_data)):
            messages.success(request, _("The residential area was closed; its history is kept."))
            return redirect("geo:unit_detail", pk=area.pk)
    return render(request, "geo/area_close.html", {"form": form, "area": area})
