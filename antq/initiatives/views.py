"""Pages of the models registry: the Guidance 22 counts with drill-down, the exemplary
communes and wards each province keeps (seed 001), and each model's page with its sites,
teams, gradings and history."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, Prefetch, Q, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.exports import xlsx_response
from antq.core.views import is_htmx, paginate_table, require_permission, service_action, service_form, year_param
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import top_units
from antq.initiatives import forms, selectors, services
from antq.initiatives import permissions as perms
from antq.initiatives.choices import InitiativeKind, MemberRole, Status
from antq.initiatives.filtersets import InitiativeFilterSet
from antq.initiatives.models import ExemplaryUnit, Initiative, Site, Team, TeamMember
from antq.initiatives.tables import InitiativeTable
from antq.orgs.models import Establishment, Organisation

VIEW = perms.VIEW_INITIATIVE
MANAGE = services.MANAGE
GRADE = services.GRADE
RECOGNISE = services.RECOGNISE
UNIT_RELATED = ("unit_type", "level", "parent")


def _on(request) -> tuple[int, datetime.date]:
    """The year asked for and the day its figures are read on: today, or 31 December of a past year."""
    today = timezone.localdate()
    year = year_param(request)
    return year, today if year == today.year else datetime.date(year, 12, 31)


def _scope_unit(request, action: str = VIEW) -> AdminUnit | None:
    units = AdminUnit.objects.select_related(*UNIT_RELATED)
    if request.GET.get("unit", "").isdigit():
        return get_visible_or_404(units, request.user, VIEW, pk=int(request.GET["unit"]))
    for unit in top_units(request.user):
        if has_permission(request.user, action, unit):
            return units.get(pk=unit.pk)
    return None


def _with_counts(queryset):
    return queryset.annotate(open_sites=Count("sites", filter=Q(sites__closed_on__isnull=True), distinct=True),
                             active_teams=Count("teams", filter=Q(teams__disbanded_on__isnull=True), distinct=True))


@login_required
def dashboard(request):
    require_permission(request.user, VIEW)
    unit = _scope_unit(request)
    year, on = _on(request)
    if unit is None:
        return render(request, "initiatives/dashboard.html", {"unit": None, "year": year})
    user = request.user
    counts = selectors.counts(unit, on)
    context = {
        "unit": unit, "year": year, "on": on, "years": range(timezone.localdate().year, 2020, -1),
        "ancestors": [u for u in unit.ancestors() if has_permission(user, VIEW, u)],
        "counts": counts,
        "by_kind": [(label, counts["by_kind"][code]) for code, label in InitiativeKind.choices],
        "coverage": selectors.exemplary_coverage(unit, on),
        "rule": selectors.rule(on),
        "due": list(selectors.due_for_grading(unit)[:20]),
        "review": selectors.for_removal_review(unit)[:20],
        "can_manage": has_permission(user, MANAGE, unit),
        "can_recognise_units": unit.level.code == geo.PROVINCE and has_permission(user, RECOGNISE, unit),
    }
    if unit.level.code in (geo.COMMUNE, geo.RESIDENTIAL_AREA):
        context["models"] = list(_with_counts(selectors.models_here(unit, on))
                                 .select_related("unit__unit_type", "unit__level", "organisation")
                                 .order_by("-is_exemplary", "search_name")[:200])
    return render(request, "initiatives/dashboard.html", context)


@login_required
def dashboard_xlsx(request):
    require_permission(request.user, VIEW)
    unit = _scope_unit(request)
    year, on = _on(request)
    if unit is None:
        return redirect("initiatives:dashboard")
    counts = selectors.counts(unit, on)
    rows = [[row["unit"].display_name, row["models"], row["exemplary"], row["sites"], row["teams"]]
            for row in counts["children"]]
    total = counts["total"]
    rows.append([_("Total"), total["models"], total["exemplary"], total["sites"], total["teams"]])
    return xlsx_response(
        f"mo-hinh-{unit.code or unit.pk}-{year}.xlsx",
        title=_("Models of the movement on %(date)s") % {"date": f"{on:%d/%m/%Y}"},
        subtitle=unit.display_name,
        headers=[_("Area"), _("Models"), _("Exemplary"), _("Sites"), _("Teams")], rows=rows)


@login_required
def initiative_list(request):
    require_permission(request.user, VIEW)
    queryset = _with_counts(Initiative.objects.visible_to(request.user, VIEW)).select_related(
        "unit__unit_type", "unit__level", "organisation")
    filterset = InitiativeFilterSet(request.GET, queryset=queryset)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "mo-hinh.xlsx", title=_("Models of the movement"),
            headers=[_("Model"), _("Kind"), _("Unit"), _("Owning organisation"), _("Started on"), _("Sites"),
                     _("Teams"), _("Status"), _("Exemplary")],
            rows=[[m.name, m.get_kind_display(), m.unit.display_name, m.organisation.name,
                   m.started_on, m.open_sites, m.active_teams, m.get_status_display(),
                   "✔" if m.is_exemplary else ""] for m in filterset.qs[:50_000]])
    table = paginate_table(request, InitiativeTable(filterset.qs))
    template = "initiatives/_table.html" if is_htmx(request) else "initiatives/initiative_list.html"
    return render(request, template, {"filter": filterset, "table": table})


def _initiative(request, pk: int) -> Initiative:
    initiatives = Initiative.objects.select_related("unit__unit_type", "unit__level", "unit__parent", "organisation",
                                                    "commune__unit_type", "commune__level")
    return get_visible_or_404(initiatives, request.user, VIEW, pk=pk)


def _area(initiative: Initiative) -> AdminUnit:
    return initiative.commune if initiative.unit.level.code == geo.RESIDENTIAL_AREA else initiative.unit


def _site_units(user, initiative: Initiative):
    """Where the user may open a site of this model: communes and residential areas inside the
    model's area that they manage. Capped: a province officer picks among communes first."""
    area = _area(initiative)
    units = (AdminUnit.objects.current().visible_to(user, MANAGE).filter(path__startswith=area.path)
             .filter(level__code__in=(geo.COMMUNE, geo.RESIDENTIAL_AREA)).select_related(*UNIT_RELATED))
    if units.filter(level__code=geo.RESIDENTIAL_AREA).count() > 300:
        units = units.filter(level__code=geo.COMMUNE)
    return units.order_by("path")


def _detail_context(request, initiative: Initiative) -> dict:
    user = request.user
    on = timezone.localdate()
    sites = list(initiative.sites.visible_to(user, VIEW).select_related("unit__unit_type", "unit__level",
                                                                        "establishment"))
    leader_first = Case(When(role=MemberRole.LEADER, then=0), When(role=MemberRole.DEPUTY, then=1), default=2)
    teams = list(initiative.teams.visible_to(user, VIEW).select_related("site", "unit__unit_type", "unit__level")
                 .prefetch_related(Prefetch("members", TeamMember.objects.order_by(leader_first, "joined_on",
                                                                                   "full_name"))))
    site_units = _site_units(user, initiative) if initiative.status == Status.ACTIVE else AdminUnit.objects.none()
    communes = [u.pk for u in site_units if u.level.code == geo.COMMUNE]
    establishments = (Establishment.objects.filter(commune_id__in=communes, closed_on__isnull=True)
                      .order_by("search_name") if len(communes) == 1 else Establishment.objects.none())
    rule = selectors.rule(on)
    start, end = forms.GradingForm.next_period(initiative, rule.grading_interval_months)
    open_sites = Site.objects.filter(initiative=initiative, closed_on__isnull=True).visible_to(user, MANAGE)
    return {
        "initiative": initiative,
        "sites": sites,
        "sites_elsewhere": initiative.sites.count() - len(sites),
        "teams": teams,
        "gradings": list(initiative.gradings.select_related("graded_by")),
        "recognitions": list(initiative.recognitions.all()),
        "events": list(initiative.events.select_related("actor")[:200]),
        "rule": rule,
        "active": initiative.status == Status.ACTIVE,
        "can_manage": has_permission(user, MANAGE, initiative.unit),
        "can_add_site": site_units.exists(),
        "can_grade": has_permission(user, GRADE, initiative.unit),
        "can_recognise": has_permission(user, RECOGNISE, initiative.unit),
        "manageable_teams": {t.pk for t in teams if has_permission(user, MANAGE, t.unit)},
        "manageable_sites": {s.pk for s in sites if has_permission(user, MANAGE, s.unit)},
        "site_form": forms.SiteForm(units=site_units, establishments=establishments, initial={"started_on": on}),
        "team_form": forms.TeamForm(sites=open_sites, initial={"formed_on": on}),
        "grading_form": forms.GradingForm(initial={"period_start": start, "period_end": end}),
        "recognition_form": forms.RecognitionForm(initial={"recognised_on": on}),
        "removal_form": forms.RemovalForm(initial={"removed_on": on}),
        "member_form": forms.MemberForm(initial={"joined_on": on}),
        "today": on,
    }


@login_required
def initiative_detail(request, pk: int):
    initiative = _initiative(request, pk)
    return render(request, "initiatives/initiative_detail.html", _detail_context(request, initiative))


def _organisations(unit: AdminUnit):
    """Organisations that may own a model of `unit`: its own, those above it and those just below."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return (Organisation.objects.filter(is_active=True).filter(Q(unit_id__in=ids) | Q(unit__parent=unit))
            .select_related("unit").order_by("unit__depth", "name"))


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    require_permission(request.user, MANAGE)
    scope = _scope_unit(request, MANAGE)
    if scope is None:
        return redirect("initiatives:dashboard")
    require_permission(request.user, MANAGE, scope)
    units = (AdminUnit.objects.current().filter(Q(pk=scope.pk) | Q(parent=scope)).select_related(*UNIT_RELATED)
             .order_by("depth", "search_name"))
    form = forms.InitiativeForm(request.POST or None, units=units, organisations=_organisations(scope),
                                initial={"unit": scope.pk, "started_on": timezone.localdate()})
    return service_form(
        request, form,
        save=lambda data: services.initiative_create(actor=request.user, **data),
        success=lambda m: _("%(name)s is registered.") % {"name": m.name},
        redirect_to=lambda m: reverse("initiatives:initiative_detail", args=[m.pk]),
        template="initiatives/initiative_form.html", context={"scope": scope, "initiative": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk: int):
    initiative = _initiative(request, pk)
    require_permission(request.user, MANAGE, initiative.unit)
    form = forms.InitiativeForm(request.POST or None, organisations=_organisations(initiative.unit), initial={
        "organisation": initiative.organisation_id, "name": initiative.name, "kind": initiative.kind,
        "started_on": initiative.started_on, "description": initiative.description})
    return service_form(
        request, form,
        save=lambda data: services.initiative_update(actor=request.user, initiative=initiative, **data),
        success=lambda m: _("Changes saved."),
        redirect_to=lambda m: reverse("initiatives:initiative_detail", args=[m.pk]),
        template="initiatives/initiative_form.html", context={"scope": initiative.unit, "initiative": initiative},
    )


def _back(initiative_id: int):
    return redirect("initiatives:initiative_detail", pk=initiative_id)


@login_required
@require_POST
def site_add(request, pk: int):
    initiative = _initiative(request, pk)
    site_units = _site_units(request.user, initiative)
    communes = [u.pk for u in site_units if u.level.code == geo.COMMUNE]
    form = forms.SiteForm(request.POST, units=site_units,
                          establishments=Establishment.objects.filter(commune_id__in=communes[:1]))
    service_action(request, lambda data: services.site_add(actor=request.user, initiative=initiative, **data),
                   success=_("Site added."), form=form)
    return _back(initiative.pk)


@login_required
@require_POST
def site_close(request, pk: int):
    site = get_visible_or_404(Site.objects.all(), request.user, VIEW, pk=pk)
    service_action(request, lambda data: services.site_close(actor=request.user, site=site, **data),
                   success=_("Site closed."), form=forms.CloseForm(request.POST))
    return _back(site.initiative_id)


@login_required
@require_POST
def team_form(request, pk: int):
    initiative = _initiative(request, pk)
    form = forms.TeamForm(request.POST, sites=Site.objects.filter(initiative=initiative).visible_to(request.user,
                                                                                                    MANAGE))
    service_action(request, lambda data: services.team_form(
        actor=request.user, initiative=initiative, name=data["name"], formed_on=data["formed_on"], site=data["site"],
        members=form.member_list()), success=_("Team formed."), form=form)
    return _back(initiative.pk)


@login_required
@require_POST
def team_disband(request, pk: int):
    team = get_visible_or_404(Team.objects.all(), request.user, VIEW, pk=pk)
    service_action(request, lambda data: services.team_disband(actor=request.user, team=team, **data),
                   success=_("Team disbanded."), form=forms.DisbandForm(request.POST))
    return _back(team.initiative_id)


@login_required
@require_POST
def member_add(request, pk: int):
    team = get_visible_or_404(Team.objects.all(), request.user, VIEW, pk=pk)
    service_action(request, lambda data: services.member_add(actor=request.user, team=team, **data),
                   success=_("Member added."), form=forms.MemberForm(request.POST))
    return _back(team.initiative_id)


@login_required
@require_POST
def member_leave(request, pk: int):
    member = get_visible_or_404(TeamMember.objects.select_related("team"), request.user, VIEW, pk=pk)
    service_action(request, lambda data: services.member_leave(actor=request.user, member=member, **data),
                   success=_("The member's leaving is recorded."), form=forms.LeaveForm(request.POST))
    return _back(member.team.initiative_id)


@login_required
@require_POST
def initiative_grade(request, pk: int):
    initiative = _initiative(request, pk)
    service_action(request, lambda data: services.initiative_grade(actor=request.user, initiative=initiative,
                                                                   **data),
                   success=_("Grading recorded."), form=forms.GradingForm(request.POST))
    return _back(initiative.pk)


@login_required
@require_POST
def initiative_recognise(request, pk: int):
    initiative = _initiative(request, pk)
    service_action(request, lambda data: services.initiative_recognise(actor=request.user, initiative=initiative,
                                                                       **data),
                   success=_("Recognised as an exemplary example."), form=forms.RecognitionForm(request.POST))
    return _back(initiative.pk)


@login_required
@require_POST
def initiative_remove(request, pk: int):
    initiative = _initiative(request, pk)
    service_action(request, lambda data: services.initiative_remove(actor=request.user, initiative=initiative,
                                                                    **data),
                   success=_("The model is removed; it stays in the registry with its history."),
                   form=forms.RemovalForm(request.POST))
    return _back(initiative.pk)


# --- Exemplary communes and wards --------------------------------------------------------------


@login_required
def exemplary_list(request):
    require_permission(request.user, VIEW)
    unit = _scope_unit(request)
    if unit is None:
        return redirect("initiatives:dashboard")
    _year, on = _on(request)
    rows = (ExemplaryUnit.objects.visible_to(request.user, VIEW)
            .filter(Q(unit__path__startswith=unit.path) | Q(province=unit))
            .select_related("unit__unit_type", "unit__level", "province__unit_type", "province__level")
            .order_by("province__search_name", "-recognised_on")[:500])
    rows = list(rows)
    return render(request, "initiatives/exemplary_list.html", {
        "unit": unit, "rows": rows, "on": on, "coverage": selectors.exemplary_coverage(unit, on),
        "can_recognise": unit.level.code == geo.PROVINCE and has_permission(request.user, RECOGNISE, unit),
        "end_form": forms.ExemplaryEndForm(initial={"ended_on": timezone.localdate()}),
        "can_end": {row.pk for row in rows if has_permission(request.user, RECOGNISE, row.province)},
    })


@login_required
@require_http_methods(["GET", "POST"])
def exemplary_create(request, province_pk: int):
    province = get_visible_or_404(AdminUnit.objects.select_related(*UNIT_RELATED), request.user, VIEW,
                                  pk=province_pk, level__code=geo.PROVINCE)
    require_permission(request.user, RECOGNISE, province)
    units = AdminUnit.objects.current().filter(parent=province).select_related(*UNIT_RELATED).order_by("search_name")
    form = forms.ExemplaryUnitForm(request.POST or None, units=units, initial={"recognised_on": timezone.localdate()})
    return service_form(
        request, form,
        save=lambda data: services.exemplary_unit_recognise(actor=request.user, **data),
        success=lambda row: _("%(unit)s is recognised as an exemplary unit.") % {"unit": row.unit.display_name},
        redirect_to=lambda row: reverse("initiatives:exemplary_list") + f"?unit={province.pk}",
        template="initiatives/exemplary_form.html", context={"province": province},
    )


@login_required
@require_POST
def exemplary_end(request, pk: int):
    row = get_visible_or_404(ExemplaryUnit.objects.all(), request.user, VIEW, pk=pk)
    service_action(request, lambda data: services.exemplary_unit_end(actor=request.user, row=row, **data),
                   success=_("The recognition has ended."), form=forms.ExemplaryEndForm(request.POST))
    return redirect(reverse("initiatives:exemplary_list") + f"?unit={row.province_id}")
