from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from antq.core.access import get_visible_or_404, has_permission
from antq.core.views import is_htmx, paginate_table, require_permission, service_form
from antq.geo import choices, services
from antq.geo import permissions as perms
from antq.geo.filtersets import AdminUnitFilterSet
from antq.geo.forms import ResidentialAreaCloseForm, ResidentialAreaForm
from antq.geo.models import AdminUnit
from antq.geo.selectors import by_proper_name, nearest_commune, top_units, units_for_browser
from antq.geo.tables import AdminUnitTable


@login_required
def unit_list(request):
    require_permission(request.user, perms.VIEW_UNIT)
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
        request.user, perms.VIEW_UNIT, pk=pk,
    )
    children = AdminUnitFilterSet(
        request.GET, queryset=units_for_browser(request.user).filter(parent=unit)
    )
    # Children share one level; residential areas have no official code.
    hidden = ("parent", "level", "code") if unit.level.code == choices.COMMUNE else ("parent", "level")
    table = paginate_table(request, AdminUnitTable(children.qs, exclude=hidden))
    if is_htmx(request):
        return render(request, "geo/_unit_table.html", {"table": table})
    # Through the reverse relation: geo sits below orgs and imports none of it.
    organisations = unit.organisations.visible_to(request.user, "orgs.view_organisation").select_related("org_type")
    user = request.user
    return render(request, "geo/unit_detail.html", {
        "unit": unit,
        # Only the units above that the user may open: a link to one outside their scope would be a 404.
        "ancestors": [a for a in unit.ancestors() if has_permission(user, perms.VIEW_UNIT, a)],
        "filter": children,
        "table": table,
        "organisations": organisations,
        "is_commune": unit.level.code == choices.COMMUNE,
        "is_area": unit.level.code == choices.RESIDENTIAL_AREA,
        "can_manage_areas": unit.is_current and has_permission(user, perms.MANAGE_RESIDENTIAL_AREA, unit),
        "can_manage_orgs": unit.is_current and has_permission(user, "orgs.manage_organisation", unit),
        "can_manage_users": unit.is_current and has_permission(user, "orgs.manage_user", unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request, pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("level", "unit_type"),
                                 request.user, perms.VIEW_UNIT, pk=pk)
    require_permission(request.user, perms.MANAGE_RESIDENTIAL_AREA, commune)
    return service_form(
        request, ResidentialAreaForm(request.POST or None),
        save=lambda data: services.residential_area_create(actor=request.user, commune=commune, **data),
        success=lambda area: _("Residential area “%(name)s” added.") % {"name": area.display_name},
        redirect_to=lambda area: reverse("geo:unit_detail", args=[commune.pk]),
        template="geo/area_form.html", context={"commune": commune, "area": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request, pk: int):
    area = get_visible_or_404(AdminUnit.objects.select_related("level", "unit_type", "parent"),
                              request.user, perms.VIEW_UNIT, pk=pk)
    require_permission(request.user, perms.MANAGE_RESIDENTIAL_AREA, area)
    return service_form(
        request, ResidentialAreaForm(request.POST or None, initial={"name": area.name, "unit_type": area.unit_type}),
        save=lambda data: services.residential_area_update(actor=request.user, area=area, **data),
        success=lambda _area: _("Changes saved."),
        redirect_to=lambda _area: reverse("geo:unit_detail", args=[area.pk]),
        template="geo/area_form.html", context={"commune": area.parent, "area": area},
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_close(request, pk: int):
    area = get_visible_or_404(AdminUnit.objects.select_related("level", "unit_type", "parent"),
                              request.user, perms.VIEW_UNIT, pk=pk)
    require_permission(request.user, perms.MANAGE_RESIDENTIAL_AREA, area)
    return service_form(
        request, ResidentialAreaCloseForm(request.POST or None, area=area),
        save=lambda data: services.residential_area_close(actor=request.user, area=area, **data),
        success=lambda _area: _("The residential area was closed; its history is kept."),
        redirect_to=lambda _area: reverse("geo:unit_detail", args=[area.pk]),
        template="geo/area_close.html", context={"area": area},
    )


# --- Pickers of the citizens' forms (no account): what any map shows, nothing stored -------------------


def public_communes(request):
    """The communes of one province, as <option>s for a public form's picker."""
    province = request.GET.get("province", "")
    units = by_proper_name(AdminUnit.objects.current().filter(level__code=choices.COMMUNE, parent_id=province)
                           .select_related("unit_type", "level")) if province.isdigit() else []
    return render(request, "geo/_unit_options.html", {"units": units})


def public_areas(request):
    """The current residential areas of one commune, as <option>s."""
    commune = request.GET.get("commune", "")
    units = by_proper_name(AdminUnit.objects.current().filter(level__code=choices.RESIDENTIAL_AREA,
                                                              parent_id=commune)
                           .select_related("unit_type", "level")) if commune.isdigit() else []
    return render(request, "geo/_unit_options.html", {"units": units})


@require_http_methods(["GET"])
def public_nearest_commune(request):
    """"Use my position" on a public form: the commune whose centre is nearest to the point given, as
    JSON for the form's script; nothing is stored (the point goes with the form only if sent)."""
    from django.http import JsonResponse

    try:
        latitude, longitude = float(request.GET["lat"]), float(request.GET["lon"])
    except (KeyError, ValueError):
        return JsonResponse({"detail": _("Give lat and lon.")}, status=400)
    unit = nearest_commune(latitude, longitude) if -90 <= latitude <= 90 and -180 <= longitude <= 180 else None
    if unit is None:
        return JsonResponse({"detail": _("No commune is known near this position: choose it in the list.")},
                            status=404)
    return JsonResponse({"province": unit.parent_id, "commune": unit.pk,
                         "label": f"{unit.display_name}, {unit.parent.display_name}"})
