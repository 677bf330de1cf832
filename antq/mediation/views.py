"""Pages of grassroots mediation: the teams (flagged where their make-up breaks the law) and a team's
mediators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.views import is_htmx, paginate_table, require_permission, run_service, service_form
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import by_proper_name, top_units
from antq.mediation import forms, selectors, services
from antq.mediation import permissions as perms
from antq.mediation.filtersets import MediationTeamFilterSet
from antq.mediation.models import MediationTeam, Mediator
from antq.mediation.tables import MediationTeamTable

VIEW, MANAGE = perms.VIEW_TEAM, perms.MANAGE_TEAM


@login_required
def team_list(request):
    require_permission(request.user, VIEW)
    today = timezone.localdate()
    filterset = MediationTeamFilterSet(request.GET, queryset=selectors.with_counts(
        selectors.teams_of(request.user, VIEW), today))
    table = paginate_table(request, MediationTeamTable(filterset.qs, rule=selectors.rule_in_force(today)))
    template = "mediation/_table.html" if is_htmx(request) else "mediation/team_list.html"
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, MANAGE, u)]
    return render(request, template, {
        "filter": filterset, "table": table, "communes": communes,
        "flagged": selectors.with_problems(selectors.teams_of(request.user, VIEW), today).count()})


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request, commune_pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, VIEW,
                                 pk=commune_pk, level__code=geo.COMMUNE)
    require_permission(request.user, MANAGE, commune)
    areas = by_proper_name(AdminUnit.objects.current().filter(parent=commune).select_related("unit_type", "level"))
    form = forms.TeamForm(request.POST or None, areas=areas)
    by_pk = {a.pk: a for a in areas}

    def save(data):
        return services.team_create(actor=request.user, unit=by_pk[data["area"]], name=data["name"],
                                    minorities_live_here=data["minorities_live_here"],
                                    established_on=data["established_on"])

    return service_form(
        request, form, save=save,
        success=lambda t: _("Team “%(name)s” set up; add its mediators.") % {"name": t.name},
        redirect_to=lambda t: reverse("mediation:team_detail", args=[t.pk]),
        template="mediation/team_form.html", context={"commune": commune})


def _team(request, pk: int) -> MediationTeam:
    return get_visible_or_404(MediationTeam.objects.select_related("unit__unit_type", "unit__level",
                                                                   "commune__unit_type", "commune__level"),
                              request.user, VIEW, pk=pk)


@login_required
def team_detail(request, pk: int):
    return _team_page(request, _team(request, pk))


def _team_page(request, team, *, bound: dict | None = None, status: int = 200):
    """The team's page; `bound` holds a refused form: back with what was typed and its errors."""
    today = timezone.localdate()
    counted = selectors.with_counts(MediationTeam.objects.filter(pk=team.pk), today).get()
    current = list(Mediator.objects.filter(team=team).current(today))
    former = list(Mediator.objects.filter(team=team).exclude(pk__in=[m.pk for m in current]))
    can_manage = has_permission(request.user, MANAGE, team.unit)
    return render(request, "mediation/team_detail.html", {
        "team": team, "problems": selectors.problems(counted, selectors.rule_in_force(today)),
        "current": current, "former": former, "can_manage": can_manage,
        "mediator_form": forms.MediatorForm() if can_manage else None, "end_term_for": None,
        **(bound or {}),
    }, status=status)


@login_required
@require_POST
def mediator_add(request, pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.unit)
    form = forms.MediatorForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.mediator_add(
            actor=request.user, team=team, **form.cleaned_data)) is not None:
        messages.success(request, _("%(name)s added to the team.") % {"name": form.cleaned_data["full_name"]})
        return redirect("mediation:team_detail", pk=team.pk)
    return _team_page(request, team, bound={"mediator_form": form}, status=400)


@login_required
@require_POST
def mediator_end_term(request, pk: int):
    mediator = get_visible_or_404(Mediator.objects.select_related("team"), request.user, VIEW, pk=pk)
    team = _team(request, mediator.team_id)
    require_permission(request.user, MANAGE, team.unit)
    form = forms.EndTermForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.mediator_end_term(
            actor=request.user, mediator=mediator, **form.cleaned_data)) is not None:
        messages.success(request, _("The term of %(name)s has ended; the history is kept.") % {
            "name": mediator.full_name})
        return redirect("mediation:team_detail", pk=team.pk)
    return _team_page(request, team, bound={"end_term_form": form, "end_term_for": mediator.pk}, status=400)
