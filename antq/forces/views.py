"""Pages of the grassroots security teams: the commune's teams with their size against the province's rule and
the members ageing out, a team set up, its members proposed, recognised, leaving or disciplined."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.dates import add_months
from antq.core.text import fold
from antq.core.views import require_permission, run_service, service_form
from antq.forces import forms, selectors, services
from antq.forces import permissions as perms
from antq.forces.choices import (
    Grade,
    IncidentKind,
    MemberState,
    PrestigeKind,
    RatingState,
    Role,
    TrainingResult,
)
from antq.forces.models import (
    AllowancePayment,
    Assignment,
    Course,
    EquipmentIssue,
    Incident,
    Member,
    Rating,
    SecurityTeam,
    TrainingPlan,
)
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import by_proper_name, top_units

VIEW, MANAGE = perms.VIEW_TEAM, perms.MANAGE_TEAM
ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}  # the leader first, those who left last


@login_required
def team_list(request):
    """The board of the teams in the user's units: the shifts of the next 24 hours with each member's answer,
    the counts to act on (unconfirmed shifts, no-shows, disputes seen on duty), last year's ratings; then each
    team with its recognised members against its province's size, those ageing out and its last rating."""
    require_permission(request.user, VIEW)
    today, now = timezone.localdate(), timezone.now()
    teams = selectors.teams_of(request.user).select_related("commune__unit_type").prefetch_related("areas")
    rows = selectors.sized(teams.order_by("commune__search_name", "name")[:300], today)
    ageing = selectors.ageing_out(selectors.members_of(request.user), today)
    by_team: dict[int, int] = {}
    for team_id in ageing.values_list("team_id", flat=True):
        by_team[team_id] = by_team.get(team_id, 0) + 1
    ratings = selectors.ratings_of(request.user)
    last = dict(ratings.filter(year=today.year - 1, member__isnull=True, state=RatingState.DECIDED)
                .values_list("team_id", "grade"))
    for row in rows:
        row["ageing"] = by_team.get(row["team"].pk, 0)
        row["rating"] = Grade(last[row["team"].pk]).label if row["team"].pk in last else ""
    shifts = (selectors.coming(selectors.shifts_of(request.user), now).select_related("team")
              .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("member")
                                         .defer("member__id_number").order_by("member__full_name")))
              .order_by("starts_at")[:50])
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, MANAGE, u)]
    return render(request, "forces/team_list.html", {
        "rows": rows, "communes": communes, "today": today, "shifts": shifts, "missed": set(),
        "counts": selectors.board_counts(request.user, today, now, VIEW),
        "untrained": selectors.lacking_training(selectors.members_of(request.user), today).count(),
        "disputes": selectors.disputes_to_record(request.user).select_related("assignment__member")
        .defer("assignment__member__id_number")[:20],
        "spread": selectors.rating_spread(ratings, today.year - 1), "last_year": today.year - 1,
        "rating_communes": communes or [u for u in top_units(request.user) if u.level.code == geo.COMMUNE],
        "show_counts": any(u.level.code in selectors.GROUPS for u in top_units(request.user))})


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
        "account_form": forms.AccountForm() if manage else None, "tab": "members",
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


# --- Duty -----------------------------------------------------------------------------------------------------

def _recognised(team):
    return list(team.members.filter(state=MemberState.RECOGNISED).defer("id_number").order_by("full_name"))


@login_required
def team_duty(request, pk: int):
    return _duty_page(request, _team(request, pk))


def _duty_page(request, team, *, bound: dict | None = None, status: int = 200):
    """The team's shifts: those coming (two weeks) with each member's answer, the past month's with no-shows,
    the running schedules, the reports from duty; the forms to set up duty for the commune police."""
    now = timezone.now()
    manage = has_permission(request.user, MANAGE, team.commune)
    shifts = list(selectors.shifts_of(request.user).filter(
        team=team, starts_at__gte=now - datetime.timedelta(days=30), starts_at__lte=now + datetime.timedelta(days=14))
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("member")
                                   .defer("member__id_number").order_by("member__full_name")))
        .order_by("starts_at"))
    missed = set(selectors.no_show(Assignment.objects.filter(shift__in=shifts), now).values_list("pk", flat=True))
    members = _recognised(team) if manage else []
    incidents = (Incident.objects.filter(assignment__shift__team=team).select_related("assignment__member")
                 .defer("assignment__member__id_number").order_by("-reported_at")[:20])
    return render(request, "forces/team_duty.html", {
        "team": team, "manage": manage, "now": now, "missed": missed, "tab": "duty",
        "coming": [s for s in shifts if s.ends_at > now], "past": [s for s in shifts if s.ends_at <= now][::-1],
        "schedules": team.schedules.filter(ended_on__isnull=True).prefetch_related("members"),
        "incidents": incidents, "open_form": "",
        "schedule_form": forms.ScheduleForm(members=members) if manage else None,
        "shift_form": forms.ShiftForm(members=members) if manage else None,
        "cancel_form": forms.CancelForm() if manage else None,
        "end_form": forms.ScheduleEndForm() if manage else None,
        "add_form": forms.AddMemberForm(members=members) if manage else None, **(bound or {})}, status=status)


@login_required
@require_POST
def schedule_create(request, pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    form = forms.ScheduleForm(request.POST, members=_recognised(team))
    if form.is_valid() and run_service(form, lambda: services.schedule_create(
            actor=request.user, team=team, **form.service_values())) is not None:
        messages.success(request, _("The duty is set up; each member confirms their shifts."))
        return redirect("forces:team_duty", pk=team.pk)
    return _duty_page(request, team, bound={"schedule_form": form, "open_form": "schedule_form"}, status=400)


@login_required
@require_POST
def shift_create(request, pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    form = forms.ShiftForm(request.POST, members=_recognised(team))
    if form.is_valid() and run_service(form, lambda: services.shift_create(
            actor=request.user, team=team, **form.service_values())) is not None:
        messages.success(request, _("The shift is added; each member confirms it."))
        return redirect("forces:team_duty", pk=team.pk)
    return _duty_page(request, team, bound={"shift_form": form, "open_form": "shift_form"}, status=400)


@login_required
@require_POST
def shift_cancel(request, pk: int, shift_pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    shift = selectors.shifts_of(request.user, MANAGE).filter(pk=shift_pk, team=team).first()
    if shift is None:
        raise Http404
    form = forms.CancelForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.shift_cancel(
            actor=request.user, shift=shift, **form.cleaned_data)) is not None:
        messages.success(request, _("The shift is cancelled."))
        return redirect("forces:team_duty", pk=team.pk)
    return _duty_page(request, team, bound={"bound": form, "for_shift": shift.pk}, status=400)


@login_required
@require_POST
def schedule_end(request, pk: int, schedule_pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    schedule = team.schedules.filter(pk=schedule_pk).first()
    if schedule is None:
        raise Http404
    form = forms.ScheduleEndForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.schedule_end(
            actor=request.user, schedule=schedule, **form.cleaned_data)) is not None:
        messages.success(request, _("The duty stops; the shifts after its last day are cancelled."))
        return redirect("forces:team_duty", pk=team.pk)
    return _duty_page(request, team, bound={"bound": form, "for_schedule": schedule.pk}, status=400)


@login_required
@require_POST
def shift_assign(request, pk: int, shift_pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    shift = selectors.shifts_of(request.user, MANAGE).filter(pk=shift_pk, team=team).first()
    if shift is None:
        raise Http404
    form = forms.AddMemberForm(request.POST, members=_recognised(team))
    if form.is_valid() and run_service(form, lambda: services.shift_assign(
            actor=request.user, shift=shift, **form.service_values())) is not None:
        messages.success(request, _("The member is added; they confirm the shift."))
        return redirect(reverse("forces:team_duty", args=[team.pk]) + f"#shift-{shift.pk}")
    return _duty_page(request, team, bound={"bound": form, "for_shift_add": shift.pk}, status=400)


@login_required
@require_POST
def incident_record_dispute(request, pk: int):
    """A dispute a member saw on duty, recorded through the mediation app; its page opens to complete it."""
    incident = get_visible_or_404(Incident.objects.select_related("assignment__shift__team"), request.user, MANAGE,
                                  pk=pk)
    try:
        incident = services.incident_record_dispute(actor=request.user, incident=incident)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("forces:team_duty", pk=incident.assignment.shift.team_id)
    messages.success(request, _("The dispute is recorded; complete who is involved and how many on its page."))
    return redirect(incident.url)


@login_required
@require_POST
def member_account(request, pk: int, member_pk: int):
    return _member_action(request, pk, member_pk, forms.AccountForm, "account_form",
                          lambda m, data: services.member_account_link(actor=request.user, member=m, **data),
                          _("The member can now use the duty page on their phone."))


# --- Tasks ----------------------------------------------------------------------------------------------------

@login_required
def team_tasks(request, pk: int):
    return _tasks_page(request, _team(request, pk))


def _tasks_page(request, team, *, bound: dict | None = None, status: int = 200):
    """The team's tasks this year and last, open first, with the share done per member and for the team."""
    today = timezone.localdate()
    manage = has_permission(request.user, MANAGE, team.commune)
    tasks = list(team.tasks.filter(given_on__year__gte=today.year - 1).select_related("member")
                 .defer("member__id_number").order_by(F("closed_on").desc(nulls_first=True), "-given_on", "-pk")[:300])
    shares = selectors.task_shares([t for t in tasks if t.given_on.year == today.year])
    rows = [{"name": m.full_name, "done": d, "total": t, "share": selectors.share_done(d, t)}
            for m in _recognised(team) for d, t in [shares.get(m.pk, (0, 0))]]
    done, total = shares.get("team", (0, 0))
    members = _recognised(team) if manage else []
    return render(request, "forces/team_tasks.html", {
        "team": team, "manage": manage, "tasks": tasks, "tab": "tasks", "year": today.year, "rows": rows,
        "team_share": {"done": done, "total": total, "share": selectors.share_done(done, total)},
        "open_form": "", "for_task": None,
        "task_form": forms.TaskForm(members=members) if manage else None,
        "close_form": forms.TaskCloseForm() if manage else None, **(bound or {})}, status=status)


@login_required
@require_POST
def task_give(request, pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    form = forms.TaskForm(request.POST, members=_recognised(team))
    if form.is_valid() and run_service(form, lambda: services.task_give(
            actor=request.user, team=team, **form.service_values())) is not None:
        messages.success(request, _("The task is given."))
        return redirect("forces:team_tasks", pk=team.pk)
    return _tasks_page(request, team, bound={"task_form": form, "open_form": "task_form"}, status=400)


@login_required
@require_POST
def task_close(request, pk: int, task_pk: int):
    team = _team(request, pk)
    require_permission(request.user, MANAGE, team.commune)
    task = team.tasks.filter(pk=task_pk).first()
    if task is None:
        raise Http404
    form = forms.TaskCloseForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.task_close(
            actor=request.user, task=task, **form.cleaned_data)) is not None:
        messages.success(request, _("The task's outcome is recorded."))
        return redirect("forces:team_tasks", pk=team.pk)
    return _tasks_page(request, team, bound={"bound": form, "for_task": task.pk},
                       status=400)


# --- Yearly ratings -------------------------------------------------------------------------------------------

def _commune(request, commune_pk: int):
    return get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, VIEW,
                              pk=commune_pk, level__code=geo.COMMUNE)


@login_required
def ratings(request, commune_pk: int, year: int):
    return _ratings_page(request, _commune(request, commune_pk), year)


def _ratings_page(request, commune, year: int, *, bound: dict | None = None, status: int = 200):
    """A commune's ratings of a year: each team then its members, with the share of tasks done, the draft the
    records allow, the reviewed rating and the decision; the commune police draft, review and record the
    chairman's decision here."""
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise Http404
    manage = has_permission(request.user, MANAGE, commune)
    rows = list(selectors.ratings_of(request.user).filter(commune=commune, year=year)
                .select_related("team", "member").defer("member__id_number")
                .order_by("team__name", F("member__full_name").asc(nulls_first=True)))
    for row in rows:
        row.share = selectors.share_done(row.tasks_done, row.tasks_total)
    rule = selectors.rating_rule(datetime.date(year, 12, 31))
    return render(request, "forces/ratings.html", {
        "commune": commune, "year": year, "rows": rows, "manage": manage, "rule": rule, "tab": "ratings",
        "years": range(today.year, max(2000, today.year - 4) - 1, -1),
        "waiting": sum(r.state == RatingState.DRAFT for r in rows),
        "reviewed": sum(r.state == RatingState.REVIEWED for r in rows),
        "open_form": "", "for_rating": None,
        "review_form": forms.RatingReviewForm() if manage else None,
        "decide_form": forms.RatingsDecideForm() if manage else None, **(bound or {})}, status=status)


@login_required
@require_POST
def ratings_draft(request, commune_pk: int, year: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    try:
        drafted = services.ratings_draft(actor=request.user, commune=commune, year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s drafts made from the records.") % {"n": len(drafted)})
    return redirect("forces:ratings", commune_pk=commune.pk, year=year)


@login_required
@require_POST
def rating_review(request, commune_pk: int, year: int, rating_pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    rating = Rating.objects.filter(pk=rating_pk, commune=commune, year=year).first()
    if rating is None:
        raise Http404
    form = forms.RatingReviewForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.rating_review(
            actor=request.user, rating=rating, **form.cleaned_data)) is not None:
        messages.success(request, _("The rating is reviewed."))
        return redirect(reverse("forces:ratings", args=[commune.pk, year]) + f"#rating-{rating.pk}")
    return _ratings_page(request, commune, year, bound={"bound": form, "for_rating": rating.pk}, status=400)


@login_required
@require_POST
def ratings_decide(request, commune_pk: int, year: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    form = forms.RatingsDecideForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.ratings_decide(
            actor=request.user, commune=commune, year=year, **form.cleaned_data)) is not None:
        messages.success(request, _("The chairman's decision on the ratings is recorded."))
        return redirect("forces:ratings", commune_pk=commune.pk, year=year)
    return _ratings_page(request, commune, year, bound={"decide_form": form, "open_form": "decide_form"},
                         status=400)


# --- The member's phone page ----------------------------------------------------------------------------------

@login_required
def my_duty(request):
    """A team member's own shifts on the phone: confirm or excuse, sign on, report what is seen, sign off —
    nothing of anyone else's."""
    require_permission(request.user, perms.DO_DUTY)
    return _my_page(request)


def _my_page(request, *, bound: dict | None = None, status: int = 200):
    now = timezone.now()
    rule = selectors.duty_rule(timezone.localdate(now))
    rows = list(selectors.my_assignments(request.user, now))
    for row in rows:
        row.sign_on = selectors.can_sign_on(row, rule, now)
        row.sign_off = selectors.can_sign_off(row, rule, now)
        row.answerable = selectors.can_answer(row, now)
    return render(request, "forces/my_duty.html", {
        "rows": rows, "now": now, "tasks": selectors.my_tasks(request.user), "today": timezone.localdate(now),
        "for_row": None, "open_form": "",
        "decline_form": forms.DeclineForm(), "off_form": forms.SignOffForm(), "incident_form": forms.IncidentForm(),
        **(bound or {})}, status=status)


def _mine(request, pk: int) -> Assignment:
    found = selectors.my_assignments(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _my_action(request, pk: int, form_class, key: str, call, success):
    """A step on the member's own shift: a button (no form) flashes a refusal and goes back; a form refused
    comes back 400 with what was typed. `success(result)` gives the message."""
    require_permission(request.user, perms.DO_DUTY)
    assignment = _mine(request, pk)

    def run(data):
        try:
            return call(assignment, data)
        except Assignment.DoesNotExist:
            raise Http404 from None

    done = reverse("forces:my_duty") + f"#shift-{assignment.pk}"
    if form_class is None:
        try:
            result = run({})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(done)
        messages.success(request, success(result))
        return redirect(done)
    form = form_class(request.POST)
    if form.is_valid():
        result = run_service(form, lambda: run(form.cleaned_data))
        if result is not None:
            messages.success(request, success(result))
            return redirect(done)
    return _my_page(request, bound={"bound": form, "open_form": key, "for_row": assignment.pk}, status=400)


@login_required
@require_POST
def my_confirm(request, pk: int):
    return _my_action(request, pk, None, "", lambda a, _d: services.assignment_answer(
        actor=request.user, assignment=a, confirm=True), lambda _r: _("Confirmed: you are on this shift."))


@login_required
@require_POST
def my_decline(request, pk: int):
    return _my_action(request, pk, forms.DeclineForm, "decline_form", lambda a, d: services.assignment_answer(
        actor=request.user, assignment=a, confirm=False, **d), lambda _r: _("The team leader sees you cannot come."))


@login_required
@require_POST
def my_sign_on(request, pk: int):
    return _my_action(request, pk, None, "", lambda a, _d: services.assignment_sign_on(
        actor=request.user, assignment=a), lambda _r: _("You are on duty."))


@login_required
@require_POST
def my_sign_off(request, pk: int):
    return _my_action(request, pk, forms.SignOffForm, "off_form", lambda a, d: services.assignment_sign_off(
        actor=request.user, assignment=a, **d), lambda _r: _("Signed off. Thank you."))


def _reported(incident) -> str:
    if incident.sent_as == "tip":
        return _("Sent to the commune police as tip %(code)s.") % {"code": incident.reference}
    if incident.kind == IncidentKind.DISPUTE:
        return _("Reported: the commune police will record the dispute.")
    return _("Noted on the shift.")


@login_required
@require_POST
def my_report(request, pk: int):
    return _my_action(request, pk, forms.IncidentForm, "incident_form", lambda a, d: services.incident_report(
        actor=request.user, assignment=a, **d), _reported)


# --- The commune's training, allowances and community ---------------------------------------------------------

def _commune_members(commune):
    return list(Member.objects.filter(commune=commune, state=MemberState.RECOGNISED).select_related("team")
                .defer("id_number").order_by("team__name", "full_name"))


@login_required
def training(request, commune_pk: int):
    return _training_page(request, _commune(request, commune_pk))


def _training_page(request, commune, *, bound: dict | None = None, status: int = 200):
    """A commune's training: the year's plan, the courses with how many passed, the members lacking a required
    course under the training rule."""
    today = timezone.localdate()
    manage = has_permission(request.user, MANAGE, commune)
    courses = list(Course.objects.visible_to(request.user, VIEW).filter(commune=commune,
                                                                         starts_on__year__gte=today.year - 1)
                   .annotate(passed=Count("attendances", filter=Q(attendances__result=TrainingResult.PASSED)),
                             attended=Count("attendances", filter=~Q(attendances__result=TrainingResult.ABSENT)))
                   .order_by("-starts_on"))
    plans = list(TrainingPlan.objects.visible_to(request.user, VIEW).filter(commune=commune,
                                                                             year__gte=today.year - 1))
    lacking = (selectors.lacking_training(Member.objects.filter(commune=commune), today)
               .select_related("team").defer("id_number").order_by("team__name", "full_name"))
    return render(request, "forces/training.html", {
        "commune": commune, "tab": "training", "manage": manage, "courses": courses, "plans": plans,
        "lacking": lacking, "rule": selectors.training_rule(today), "open_form": "", "year": today.year,
        "plan_form": forms.PlanForm() if manage else None, "course_form": forms.CourseForm() if manage else None,
        **(bound or {})}, status=status)


@login_required
@require_POST
def training_plan_save(request, commune_pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    form = forms.PlanForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.training_plan_save(
            actor=request.user, commune=commune, **form.cleaned_data)) is not None:
        messages.success(request, _("The training plan is saved."))
        return redirect("forces:training", commune_pk=commune.pk)
    return _training_page(request, commune, bound={"plan_form": form, "open_form": "plan_form"}, status=400)


@login_required
@require_POST
def course_create(request, commune_pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    form = forms.CourseForm(request.POST)
    if form.is_valid():
        course = run_service(form, lambda: services.course_create(actor=request.user, commune=commune,
                                                                  **form.cleaned_data))
        if course is not None:
            messages.success(request, _("The course is added; record the results when it ends."))
            return redirect("forces:course_detail", pk=course.pk)
    return _training_page(request, commune, bound={"course_form": form, "open_form": "course_form"}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def course_detail(request, pk: int):
    """A course and who passed it; the commune police record the results once it has ended."""
    course = get_visible_or_404(Course.objects.select_related("commune__unit_type", "commune__level"), request.user,
                                VIEW, pk=pk)
    manage = has_permission(request.user, MANAGE, course.commune)
    results = dict(course.attendances.values_list("member_id", "result"))
    form = None
    if manage:
        form = forms.AttendanceForm(request.POST or None, members=_commune_members(course.commune), current=results)
        if request.method == "POST":
            if form.is_valid() and run_service(form, lambda: services.attendance_record(
                    actor=request.user, course=course, **form.service_values())) is not None:
                messages.success(request, _("The results are recorded."))
                return redirect("forces:course_detail", pk=course.pk)
    elif request.method == "POST":
        require_permission(request.user, MANAGE, course.commune)
    rows = (course.attendances.select_related("member__team").defer("member__id_number")
            .order_by("member__team__name", "member__full_name"))
    return render(request, "forces/course_detail.html", {
        "course": course, "commune": course.commune, "form": form, "rows": rows, "manage": manage},
        status=400 if request.method == "POST" else 200)


@login_required
def allowances(request, commune_pk: int):
    return _allowances_page(request, _commune(request, commune_pk))


def _allowances_page(request, commune, *, bound: dict | None = None, status: int = 200):
    """The months of support paid in the commune (last twelve), the province's rates in force per role, the
    equipment out with the members."""
    today = timezone.localdate()
    manage = has_permission(request.user, MANAGE, commune)
    months = (AllowancePayment.objects.visible_to(request.user, VIEW)
              .filter(commune=commune, month__gte=add_months(today.replace(day=1), -11)).order_by("-month")
              .values("month").annotate(members=Count("pk"), amount=Sum("amount"), insurance=Sum("insurance_amount")))
    rates = [(Role(role).label, selectors.allowance_rate(commune.parent_id, role, today)) for role in Role.values]
    members = _commune_members(commune) if manage else []
    equipment = (EquipmentIssue.objects.filter(member__commune=commune).select_related("member")
                 .defer("member__id_number").order_by("returned_on", "-issued_on")[:200])
    return render(request, "forces/allowances.html", {
        "commune": commune, "tab": "allowances", "manage": manage, "months": months, "rates": rates,
        "equipment": equipment, "open_form": "", "for_issue": None,
        "pay_form": forms.PayForm() if manage else None,
        "equipment_form": forms.EquipmentForm(members=members) if manage else None,
        "return_form": forms.ReturnForm() if manage else None, **(bound or {})}, status=status)


@login_required
@require_POST
def allowances_pay(request, commune_pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    form = forms.PayForm(request.POST)
    if form.is_valid():
        paid = run_service(form, lambda: services.allowances_pay(actor=request.user, commune=commune,
                                                                 **form.cleaned_data))
        if paid is not None:
            messages.success(request, _("%(n)s members paid for the month.") % {"n": paid})
            return redirect("forces:allowances", commune_pk=commune.pk)
    return _allowances_page(request, commune, bound={"pay_form": form, "open_form": "pay_form"}, status=400)


@login_required
@require_POST
def equipment_issue(request, commune_pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    form = forms.EquipmentForm(request.POST, members=_commune_members(commune))
    if form.is_valid() and run_service(form, lambda: services.equipment_issue(
            actor=request.user, **form.service_values())) is not None:
        messages.success(request, _("The equipment is issued."))
        return redirect("forces:allowances", commune_pk=commune.pk)
    return _allowances_page(request, commune, bound={"equipment_form": form, "open_form": "equipment_form"},
                            status=400)


@login_required
@require_POST
def equipment_return(request, commune_pk: int, pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, MANAGE, commune)
    issue = EquipmentIssue.objects.filter(pk=pk, member__commune=commune).first()
    if issue is None:
        raise Http404
    form = forms.ReturnForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.equipment_return(
            actor=request.user, issue=issue, **form.cleaned_data)) is not None:
        messages.success(request, _("The return is recorded."))
        return redirect("forces:allowances", commune_pk=commune.pk)
    return _allowances_page(request, commune, bound={"bound": form, "for_issue": issue.pk}, status=400)


@login_required
def community(request, commune_pk: int):
    return _community_page(request, _commune(request, commune_pk))


def _community_page(request, commune, *, bound: dict | None = None, status: int = 200):
    """The commune's self-managed groups by area and its people of prestige, found by name however it is typed
    (with or without accents), by area or standing, each with what they took part in."""
    manage = has_permission(request.user, perms.MANAGE_COMMUNITY, commune)
    areas = _areas(commune)
    groups = list(selectors.groups_of(request.user).filter(commune=commune).select_related("area")
                  .order_by("area__search_name", "name"))
    people = (selectors.prestige_of(request.user).filter(commune=commune).select_related("area")
              .prefetch_related("groups", "participations").order_by("area__search_name", "full_name"))
    if not manage:
        people = people.defer("phone")
    query = (request.GET.get("q") or "").strip()
    if query:
        people = people.filter(search_name__contains=fold(query))
    kind = request.GET.get("kind") or ""
    if kind in PrestigeKind.values:
        people = people.filter(kind=kind)
    return render(request, "forces/community.html", {
        "commune": commune, "tab": "community", "manage": manage, "groups": groups, "people": people[:300],
        "query": query, "kind": kind, "kinds": PrestigeKind.choices, "open_form": "", "for_person": None,
        "group_form": forms.GroupForm(areas=areas) if manage else None,
        "prestige_form": forms.PrestigeForm(areas=areas, groups=groups) if manage else None,
        "took_part_form": forms.ParticipationForm() if manage else None, **(bound or {})}, status=status)


@login_required
@require_POST
def group_create(request, commune_pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, perms.MANAGE_COMMUNITY, commune)
    form = forms.GroupForm(request.POST, areas=_areas(commune))
    if form.is_valid() and run_service(form, lambda: services.group_create(
            actor=request.user, commune=commune, **form.service_values())) is not None:
        messages.success(request, _("The self-managed group is recorded."))
        return redirect("forces:community", commune_pk=commune.pk)
    return _community_page(request, commune, bound={"group_form": form, "open_form": "group_form"}, status=400)


@login_required
@require_POST
def prestige_introduce(request, commune_pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, perms.MANAGE_COMMUNITY, commune)
    form = forms.PrestigeForm(request.POST, areas=_areas(commune),
                              groups=list(selectors.groups_of(request.user).filter(commune=commune)
                                          .select_related("area")))
    if form.is_valid() and run_service(form, lambda: services.prestige_introduce(
            actor=request.user, commune=commune, **form.service_values())) is not None:
        messages.success(request, _("The person of prestige is introduced."))
        return redirect("forces:community", commune_pk=commune.pk)
    return _community_page(request, commune, bound={"prestige_form": form, "open_form": "prestige_form"},
                           status=400)


@login_required
@require_POST
def participation_record(request, commune_pk: int, pk: int):
    commune = _commune(request, commune_pk)
    require_permission(request.user, perms.MANAGE_COMMUNITY, commune)
    person = selectors.prestige_of(request.user).filter(pk=pk, commune=commune).first()
    if person is None:
        raise Http404
    form = forms.ParticipationForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.participation_record(
            actor=request.user, person=person, **form.cleaned_data)) is not None:
        messages.success(request, _("What they took part in is recorded."))
        return redirect(reverse("forces:community", args=[commune.pk]) + f"#person-{person.pk}")
    return _community_page(request, commune, bound={"bound": form, "for_person": person.pk}, status=400)


@login_required
def counts(request):
    """The forces of the nation by province, or of a province by commune (?unit=): teams, members, the share
    trained, last year's ratings — for the province and national leaders."""
    require_permission(request.user, VIEW)
    tops = [u for u in top_units(request.user) if u.level.code in selectors.GROUPS]
    unit_pk = request.GET.get("unit") or ""
    if unit_pk.isdigit():
        unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, VIEW,
                                  pk=int(unit_pk), level__code__in=list(selectors.GROUPS))
    elif tops:
        unit = tops[0]
    else:  # a commune's forces are on its board
        return redirect("forces:team_list")
    figures = selectors.counts(request.user, unit)
    return render(request, "forces/counts.html", {"unit": unit, "grades": Grade.choices, **figures,
                                                  "drill": figures["group"] == "province_id"})
