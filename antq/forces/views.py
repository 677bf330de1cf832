"""Pages of the grassroots security teams: the commune's teams with their size against the province's rule and
the members ageing out, a team set up, its members proposed, recognised, leaving or disciplined."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.views import require_permission, run_service, service_form
from antq.forces import forms, selectors, services
from antq.forces import permissions as perms
from antq.forces.choices import MemberState, Role
from antq.forces.models import Member, SecurityTeam
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import by_proper_name, top_units

VIEW, MANAGE = perms.VIEW_TEAM, perms.MANAGE_TEAM
ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}  # the leader first, those who left last


@login_required
def team_list(request):
    """The teams in the user's units, each with its recognised members against its province's size (too few,
    too many) and the members ageing out soon."""
    require_permission(request.user, VIEW)
    today = timezone.localdate()
    teams = selectors.teams_of(request.user).select_related("commune__unit_type").prefetch_related("areas")
    rows = selectors.sized(teams.order_by("commune__search_name", "name")[:300], today)
    ageing = selectors.ageing_out(selectors.members_of(request.user), today)
    by_team: dict[int, int] = {}
    for team_id in ageing.values_list("team_id", flat=True):
        by_team[team_id] = by_team.get(team_id, 0) + 1
    for row in rows:
        row["ageing"] = by_team.get(row["team"].pk, 0)
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, MANAGE, u)]
    return render(request, "forces/team_list.html", {"rows": rows, "communes": communes, "today": today})


def _areas(commune):
    return by_proper_name(AdminUnit.objects.current().filter(parent=commune, level__code=geo.RESIDENTIAL_AREA)
                         .select_related("unit_type", "level"))


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request, commune_pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, VIEW,
                                 pk=commune_pk, level__code=geo.COMMUNE)
    require_permission(request.user, MANAGE, commune)
    form = forms.TeamForm(request.POST or None, areas=_areas(commune))
    return service_form(
        request, form, save=lambda _data: services.team_create(actor=request.user, commune=commune,
                                                               **form.service_values()),
        success=lambda t: _("Team “%(name)s” set up.") % {"name": t.name},
        redirect_to=lambda t: reverse("forces:team_detail", args=[t.pk]),
        template="forces/team_form.html", context={"commune": commune})


def _team(request, pk: int) -> SecurityTeam:
    return get_visible_or_404(SecurityTeam.objects.select_related("commune__unit_type", "commune__level"),
                              request.user, VIEW, pk=pk)


@login_required
def team_detail(request, pk: int):
    return _team_page(request, _team(request, pk))


def _team_page(request, team, *, bound: dict | None = None, status: int = 200):
    today = timezone.localdate()
    manage = has_permission(request.user, MANAGE, team.commune)
    members = sorted(team.members.select_related("area__unit_type").prefetch_related("disciplines")
                     .defer(*(() if manage else ("id_number",))),
                     key=lambda m: (m.state == MemberState.LEFT, ROLE_ORDER.get(m.role, 9), m.full_name))
    rule = selectors.eligibility_rule(today)
    for member in members:
        member.age = selectors.age_on(member.birth_date, today)
        member.ages_out_on = selectors.ages_out_on(member.birth_date, rule)
    ageing = set(selectors.ageing_out(team.members.all(), today).values_list("pk", flat=True))
    [sized] = selectors.sized(SecurityTeam.objects.filter(pk=team.pk), today)
    return render(request, "forces/team_detail.html", {
        "team": team, "members": members, "ageing": ageing, "sized": sized, "today": today, "manage": manage,
        "areas": list(team.areas.select_related("unit_type")), "rule": rule, "open_form": "", "for_member": None,
        "member_form": forms.MemberForm(areas=_areas(team.commune)) if manage else None,
        "recognise_form": forms.RecogniseForm() if manage else None,
        "leave_form": forms.LeaveForm() if manage else None,
        "discipline_form": forms.DisciplineFormForm() if manage else None,
        **(bound or {})}, status=status)


@login_required
@require_POST
def member_propose(request, pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    form = forms.MemberForm(request.POST, areas=_areas(team.commune))
    if form.is_valid() and run_service(form, lambda: services.member_propose(
            actor=request.user, team=team, **form.service_values())) is not None:
        messages.success(request, _("The member is proposed to the commune chairman."))
        return redirect("forces:team_detail", pk=team.pk)
    return _team_page(request, team, bound={"member_form": form, "open_form": "member_form"}, status=400)


def _member_action(request, pk: int, member_pk: int, form_class, key: str, call, success: str):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    member = Member.objects.filter(pk=member_pk, team=team).first()
    if member is None:
        raise Http404
    form = form_class(request.POST)
    if form.is_valid() and run_service(form, lambda: call(member, form.cleaned_data)) is not None:
        messages.success(request, success)
        return redirect("forces:team_detail", pk=team.pk)
    return _team_page(request, team, bound={key: form, "open_form": key, "for_member": member.pk}, status=400)


@login_required
@require_POST
def member_recognise(request, pk: int, member_pk: int):
    return _member_action(request, pk, member_pk, forms.RecogniseForm, "recognise_form",
                          lambda m, data: services.member_recognise(actor=request.user, member=m, **data),
                          _("The commune chairman's recognition is recorded."))


@login_required
@require_POST
def member_leave(request, pk: int, member_pk: int):
    return _member_action(request, pk, member_pk, forms.LeaveForm, "leave_form",
                          lambda m, data: services.member_leave(actor=request.user, member=m, **data),
                          _("The member has left the team."))


@login_required
@require_POST
def member_discipline(request, pk: int, member_pk: int):
    return _member_action(request, pk, member_pk, forms.DisciplineFormForm, "discipline_form",
                          lambda m, data: services.member_discipline(actor=request.user, member=m, **data),
                          _("The disciplinary decision is recorded."))
