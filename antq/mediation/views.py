"""Pages of grassroots mediation: the teams (flagged where their make-up breaks the law) and a team's
mediators; the cases, their register and the written agreement; the citizens' request and follow-up (no
account, no trace of the client kept)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.documents import docx_response
from antq.core.exports import xlsx_response
from antq.core.ratelimit import client_key
from antq.core.views import is_htmx, paginate_table, require_permission, run_service, service_form, too_many, year_param
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import by_proper_name, top_units
from antq.geo.tiles import commune_tiles
from antq.mediation import forms, selectors, services
from antq.mediation import permissions as perms
from antq.mediation.choices import CaseStatus, Compliance, DisputeState
from antq.mediation.filtersets import DisputeFilterSet, MediationCaseFilterSet, MediationTeamFilterSet
from antq.mediation.models import CaseMediator, ComplexArea, MediationCase, MediationTeam, Mediator
from antq.mediation.tables import DisputeTable, MediationCaseTable, MediationTeamTable

VIEW, MANAGE = perms.VIEW_TEAM, perms.MANAGE_TEAM
VIEW_CASE, HANDLE, PARTIES = perms.VIEW_CASE, perms.HANDLE_CASE, perms.VIEW_PARTIES


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
    year = year_param(request)
    register = (list(MediationCase.objects.filter(team=team, register_year=year).select_related("subject")
                     .order_by("register_number")) if has_permission(request.user, VIEW_CASE, team.commune) else None)
    return render(request, "mediation/team_detail.html", {
        "register": register, "year": year, "can_export": has_permission(request.user, PARTIES, team.commune),
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


# --- Cases ------------------------------------------------------------------------------------------


@login_required
def case_list(request):
    require_permission(request.user, VIEW_CASE)
    cases = selectors.cases_of(request.user, VIEW_CASE)
    filterset = MediationCaseFilterSet(request.GET, queryset=cases)
    table = paginate_table(request, MediationCaseTable(filterset.qs, today=timezone.localdate()))
    template = "mediation/_case_table.html" if is_htmx(request) else "mediation/case_list.html"
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, HANDLE, u)]
    return render(request, template, {"filter": filterset, "table": table, "communes": communes})


def _teams_of(commune):
    return list(MediationTeam.objects.current().filter(commune=commune).select_related("unit__unit_type",
                                                                                      "unit__level"))


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request, commune_pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user, VIEW_CASE,
                                 pk=commune_pk, level__code=geo.COMMUNE)
    require_permission(request.user, HANDLE, commune)
    form = forms.CaseForm(request.POST or None, teams=_teams_of(commune), subjects=list(selectors.active_subjects()))

    def save(_data):
        return services.case_open(actor=request.user, commune=commune, **form.service_values())

    return service_form(
        request, form, save=save,
        success=lambda c: _("Matter entered in the register as %(number)s.") % {"number": c},
        redirect_to=lambda c: reverse("mediation:case_detail", args=[c.pk]),
        template="mediation/case_form.html", context={"commune": commune})


def _case(request, pk: int) -> MediationCase:
    return get_visible_or_404(MediationCase.objects.select_related(
        "subject", "declined_subject", "team", "unit__unit_type", "unit__level", "commune__unit_type",
        "commune__level"), request.user, VIEW_CASE, pk=pk)


@login_required
def case_detail(request, pk: int):
    return _case_page(request, _case(request, pk))


def _case_page(request, case, *, bound: dict | None = None, status: int = 200):
    """The case's page with the forms of its next steps; `bound` holds a refused form, shown with what was
    typed and its errors, its section open."""
    can_handle = has_permission(request.user, HANDLE, case.commune)
    parties = services.parties_read(actor=request.user, case=case) if has_permission(
        request.user, PARTIES, case.commune) else None
    assignments = list(CaseMediator.objects.filter(case=case).select_related("mediator", "replaced_by__mediator"))
    team_mediators = list(selectors.assignable_mediators(case))
    on_case = {a.mediator_id for a in assignments}
    subjects = list(selectors.active_subjects())
    forms_ = {}
    if can_handle and case.is_open:
        if case.status == CaseStatus.RECEIVED:
            forms_["assign_form"] = forms.AssignForm(mediators=team_mediators)
        else:
            forms_["recuse_form"] = forms.RecuseForm(assignments=assignments,
                                                     mediators=[m for m in team_mediators if m.pk not in on_case])
            forms_["session_form"] = forms.SessionForm()
        forms_["conclude_form"] = forms.ConcludeForm()
        forms_["decline_form"] = forms.DeclineForm(subjects=subjects)
    if can_handle and case.compliance == Compliance.FOLLOWING:
        forms_["follow_form"] = forms.FollowUpForm()
    today = timezone.localdate()
    return render(request, "mediation/case_detail.html", {
        "case": case, "parties": parties, "assignments": assignments, "can_handle": can_handle,
        "sessions": list(case.sessions.all()), "late": selectors.is_late(case, today),
        **forms_, **(bound or {})}, status=status)


def _page_step(request, obj, *, permission: str, unit, form, form_name: str, call, success: str, page,
               detail: str, **bound_extra):
    """A step on an object's page (a case, a dispute, a complex area): the service runs with the valid form
    and the page is shown again with the news, or the page comes back 400 with the form as typed."""
    require_permission(request.user, permission, unit)
    if form.is_valid() and run_service(form, lambda: call(obj, form.cleaned_data)) is not None:
        messages.success(request, success)
        return redirect(detail, pk=obj.pk)
    return page(request, obj, bound={form_name: form, **bound_extra}, status=400)


def _step(request, pk: int, form_name: str, form, call, success: str):
    case = _case(request, pk)
    return _page_step(request, case, permission=HANDLE, unit=case.commune, form=form, form_name=form_name,
                      call=call, success=success, page=_case_page, detail="mediation:case_detail")


@login_required
@require_POST
def case_assign(request, pk: int):
    form = forms.AssignForm(request.POST, mediators=list(selectors.assignable_mediators(_case(request, pk))))
    return _step(request, pk, "assign_form", form,
                 lambda case, data: services.case_assign(actor=request.user, case=case, mediators=form.chosen()),
                 _("Mediators assigned; the mediation must start within the limit."))


@login_required
@require_POST
def mediator_recuse(request, pk: int):
    case = _case(request, pk)
    form = forms.RecuseForm(request.POST, assignments=list(case.assignments.select_related("mediator")),
                            mediators=list(selectors.assignable_mediators(case)))
    return _step(request, pk, "recuse_form", form,
                 lambda case, data: services.mediator_recuse(
                     actor=request.user, case=case, assignment=form.assignments[data["assignment"]],
                     reason=data["reason"], replacement=form.by_pk.get(data["replacement"])),
                 _("The mediator stepped aside; it is on the record."))


@login_required
@require_POST
def session_record(request, pk: int):
    return _step(request, pk, "session_form", forms.SessionForm(request.POST),
                 lambda case, data: services.session_record(actor=request.user, case=case, **data),
                 _("Session recorded."))


@login_required
@require_POST
def case_conclude(request, pk: int):
    return _step(request, pk, "conclude_form", forms.ConcludeForm(request.POST),
                 lambda case, data: services.case_conclude(actor=request.user, case=case, **data),
                 _("The outcome is recorded."))


@login_required
@require_POST
def agreement_follow_up(request, pk: int):
    return _step(request, pk, "follow_form", forms.FollowUpForm(request.POST),
                 lambda case, data: services.agreement_follow_up(actor=request.user, case=case, **data),
                 _("The follow-up of the agreement is recorded."))


@login_required
@require_POST
def case_decline(request, pk: int):
    form = forms.DeclineForm(request.POST, subjects=list(selectors.active_subjects()))
    return _step(request, pk, "decline_form", form,
                 lambda case, data: services.case_decline(actor=request.user, case=case,
                                                          subject=form.subjects.get(data["subject"]),
                                                          note=data["note"]),
                 _("The matter is closed as one that may not be mediated."))


@login_required
def agreement_docx(request, pk: int):
    """The written agreement (Art. 24), to print and sign: it names the parties, so it needs the permission
    to see them, and the download is on the record."""
    from antq.mediation.documents import agreement_docx as build

    case = _case(request, pk)
    require_permission(request.user, PARTIES, case.commune)
    if case.status != CaseStatus.AGREED:
        raise Http404
    parties = services.parties_read(actor=request.user, case=case)
    return docx_response(build(case, parties), f"van-ban-hoa-giai-thanh-{case.register_number or case.pk}.docx")


@login_required
def register_export(request, pk: int, fmt: str):
    """The team's mediation register for a year (Art. 27), as the commune keeps it: XLSX or DOCX, numbered;
    the parties named with their address, never their phone."""
    from antq.mediation import documents

    team = _team(request, pk)
    require_permission(request.user, PARTIES, team.commune)
    year = year_param(request)
    rows = documents.register_rows(team, year)
    services.register_export(actor=request.user, team=team, year=year, rows=len(rows))
    name = f"so-hoa-giai-{team.pk}-{year}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", **documents.register_sheet(team, year, rows))
    return docx_response(documents.register_docx(team, year, rows), f"{name}.docx")


# --- The citizens' request (no account) ------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def request_mediation(request):
    """Anyone may ask the grassroots to mediate (Art. 16.1); the code and secret are shown once."""
    if request.method == "POST" and (limited := too_many(request, "mediation-request", "ANTQ_TIP_SUBMIT_LIMIT")):
        return limited
    form = forms.RequestForm(request.POST or None, subjects=list(selectors.active_subjects()))
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.case_request(**form.service_values()))
        if result is not None:
            case, secret = result
            return render(request, "mediation/public_receipt.html", {"case": case, "secret": secret})
    return render(request, "mediation/public_request.html", {
        "form": form, "refused": form.refused_subject() if form.is_bound else None},
        status=400 if request.method == "POST" else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def follow_mediation(request):
    """The person who asked sees where their request stands, with its code and secret."""
    if request.method == "POST" and (limited := too_many(request, "mediation-follow", "ANTQ_TIP_FOLLOW_LIMIT")):
        return limited
    form = forms.RequesterFollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = run_service(form, lambda: services.requester_access(
            **form.cleaned_data, client=client_key(request)))
        if case is not None:
            return render(request, "mediation/public_status.html", {"case": case})
    return render(request, "mediation/public_follow.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def statistics(request):
    """A year's mediation in the user's scope, a level down at a time: the nation by province, a province
    by commune (with its tile map), a commune by residential area. Small counts are hidden from those who
    may not see the parties."""
    require_permission(request.user, VIEW_CASE)
    scopes = [u for u in top_units(request.user) if has_permission(request.user, VIEW_CASE, u)]
    if not scopes:
        raise Http404
    asked = request.GET.get("unit", "")
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level", "parent"), request.user,
                              VIEW_CASE, pk=asked) if asked.isdigit() else scopes[0]
    year = year_param(request)
    exact = selectors.sees_exact_counts(request.user, unit)
    stats = selectors.statistics(selectors.scoped_cases(request.user, unit), unit, year, exact=exact,
                                 key=selectors.scope_key(request.user, VIEW_CASE))
    context = {"unit": unit, "stats": stats, "year": year, "years": range(timezone.localdate().year, 2019, -1),
               "scopes": scopes, "exact": exact}
    if has_permission(request.user, VIEW_DISPUTE, unit):  # the hot spots now, whatever the year shown
        disputes = selectors.scoped_disputes(request.user, unit)
        live = selectors.live_disputes_by_unit(disputes, unit)
        for row in stats["rows"]:
            row["hot_spot"] = live["rows"].get(row["unit"].pk, {}).get("hot_spot", 0)
        context.update(live=live["total"], hot_spots=DisputeTable(
            disputes.filter(state=DisputeState.HOT_SPOT).select_related(
                "owner", "commune__unit_type", "commune__level", "unit__unit_type", "unit__level")
            .order_by("began_on")[:20], today=timezone.localdate(), orderable=False, order_by=()))
    if unit.level.code == geo.PROVINCE:  # its communes as tiles: red where a mediation is late to start
        by_pk = {row["unit"].pk: row for row in stats["rows"]}
        rows = [{"unit": u, "late": by_pk[u.pk]["late"] if u.pk in by_pk else None}
                for u in AdminUnit.objects.current().filter(parent=unit, level__code=geo.COMMUNE)
                .select_related("unit_type", "level")]
        context["commune_tiles"] = commune_tiles(
            rows, "late", tone=lambda row: "none" if row["late"] is None else "low" if row["late"] else "ok",
            shown=lambda late: "—" if late is None else late,
            href=lambda u: reverse("mediation:statistics") + f"?unit={u.pk}&year={year}")
    return render(request, "mediation/statistics.html", context)


# --- Disputes and hot spots -------------------------------------------------------------------------

VIEW_DISPUTE, RECORD_DISPUTE = perms.VIEW_DISPUTE, perms.RECORD_DISPUTE


@login_required
def dispute_list(request):
    """Disputes not yet settled, the oldest first (a filter shows hot spots alone, or the settled ones): the
    province sees each hot spot with its age and the officer in charge."""
    require_permission(request.user, VIEW_DISPUTE)
    filterset = DisputeFilterSet(request.GET, queryset=selectors.disputes_of(request.user, VIEW_DISPUTE))
    table = paginate_table(request, DisputeTable(filterset.qs, today=timezone.localdate()))
    template = "mediation/_dispute_table.html" if is_htmx(request) else "mediation/dispute_list.html"
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, RECORD_DISPUTE, u)]
    return render(request, template, {"filter": filterset, "table": table, "communes": communes})


@login_required
@require_http_methods(["GET", "POST"])
def dispute_create(request, commune_pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user,
                                 VIEW_DISPUTE, pk=commune_pk, level__code=geo.COMMUNE)
    require_permission(request.user, RECORD_DISPUTE, commune)
    areas = by_proper_name(AdminUnit.objects.current().filter(parent=commune).select_related("unit_type", "level"))
    form = forms.DisputeForm(request.POST or None, subjects=list(selectors.active_subjects()), areas=areas)
    return service_form(
        request, form, save=lambda _data: services.dispute_record(actor=request.user, commune=commune,
                                                                  **form.service_values()),
        success=lambda d: _("Dispute “%(title)s” recorded.") % {"title": d.title},
        redirect_to=lambda d: reverse("mediation:dispute_detail", args=[d.pk]),
        template="mediation/dispute_form.html", context={"commune": commune})


def _dispute(request, pk: int):
    return get_visible_or_404(selectors.disputes_of(request.user, VIEW_DISPUTE), request.user, VIEW_DISPUTE, pk=pk)


@login_required
def dispute_detail(request, pk: int):
    return _dispute_page(request, _dispute(request, pk))


def _dispute_page(request, dispute, *, bound: dict | None = None, status: int = 200):
    can_record = has_permission(request.user, RECORD_DISPUTE, dispute.commune)
    today = timezone.localdate()
    forms_ = {}
    if can_record and dispute.is_live:
        forms_ = {
            "update_form": forms.DisputeUpdateForm(initial={"people_involved": dispute.people_involved,
                                                            "gatherings": dispute.gatherings}),
            "escalate_form": forms.DisputeEscalateForm(),
            "resolve_form": forms.DisputeResolveForm(cases=_commune_cases(dispute)),
        }
    return render(request, "mediation/dispute_detail.html", {
        "dispute": dispute, "can_record": can_record, "actions": list(dispute.actions.select_related("recorded_by")),
        # Who is involved: for those who may see the parties of the commune's matters, as for mediation.
        "show_parties": has_permission(request.user, PARTIES, dispute.commune),
        "age": ((dispute.resolved_on or today) - dispute.began_on).days,
        "due": selectors.escalation_due(dispute, selectors.escalation_rule(today), today),
        "rule": selectors.escalation_rule(today), **forms_, **(bound or {})}, status=status)


def _commune_cases(dispute):
    return list(MediationCase.objects.filter(commune_id=dispute.commune_id).select_related("subject")
                .order_by("-received_at")[:50])


def _dispute_step(request, pk: int, form_name: str, form, call, success: str):
    dispute = _dispute(request, pk)
    return _page_step(request, dispute, permission=RECORD_DISPUTE, unit=dispute.commune, form=form,
                      form_name=form_name, call=call, success=success, page=_dispute_page,
                      detail="mediation:dispute_detail")


@login_required
@require_POST
def dispute_update(request, pk: int):
    return _dispute_step(request, pk, "update_form", forms.DisputeUpdateForm(request.POST),
                         lambda d, data: services.dispute_update(actor=request.user, dispute=d, **data),
                         _("Recorded."))


@login_required
@require_POST
def dispute_escalate(request, pk: int):
    return _dispute_step(request, pk, "escalate_form", forms.DisputeEscalateForm(request.POST),
                         lambda d, data: services.dispute_escalate(actor=request.user, dispute=d, **data),
                         _("The dispute is marked; the province sees it."))


@login_required
@require_POST
def dispute_resolve(request, pk: int):
    dispute = _dispute(request, pk)
    form = forms.DisputeResolveForm(request.POST, cases=_commune_cases(dispute))
    return _dispute_step(request, pk, "resolve_form", form,
                         lambda d, data: services.dispute_resolve(
                             actor=request.user, dispute=d, resolved_on=data["resolved_on"],
                             resolution=data["resolution"], case=form.cases.get(data["case"])),
                         _("The dispute is settled."))


# --- Complex areas ----------------------------------------------------------------------------------

MANAGE_AREA = perms.MANAGE_COMPLEX_AREA


@login_required
def complex_area_list(request):
    require_permission(request.user, VIEW_DISPUTE)
    areas = list(selectors.complex_areas_of(request.user).order_by("removed_on", "-designated_on")[:200])
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, MANAGE_AREA, u)]
    return render(request, "mediation/complex_area_list.html", {"areas": areas, "communes": communes})


@login_required
@require_http_methods(["GET", "POST"])
def complex_area_create(request, commune_pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user,
                                 VIEW_DISPUTE, pk=commune_pk, level__code=geo.COMMUNE)
    require_permission(request.user, MANAGE_AREA, commune)
    areas = by_proper_name(AdminUnit.objects.current().filter(parent=commune).select_related("unit_type", "level"))
    form = forms.ComplexAreaForm(request.POST or None, areas=areas)
    return service_form(
        request, form, save=lambda _data: services.complex_area_designate(actor=request.user, commune=commune,
                                                                          **form.service_values()),
        success=lambda a: _("“%(name)s” is on the list of complex areas; add its plan's measures.") % {"name": a.name},
        redirect_to=lambda a: reverse("mediation:complex_area_detail", args=[a.pk]),
        template="mediation/complex_area_form.html", context={"commune": commune})


def _area(request, pk: int):
    return get_visible_or_404(ComplexArea.objects.select_related("commune__unit_type", "commune__level"),
                              request.user, VIEW_DISPUTE, pk=pk)


@login_required
def complex_area_detail(request, pk: int):
    return _area_page(request, _area(request, pk))


def _area_page(request, area, *, bound: dict | None = None, status: int = 200):
    can_manage = has_permission(request.user, MANAGE_AREA, area.commune)
    listed = can_manage and area.is_listed
    measures = list(area.measures.all())
    return render(request, "mediation/complex_area_detail.html", {
        "area": area, "units": list(area.areas.select_related("unit_type", "level")), "measures": measures,
        "done": sum(1 for m in measures if m.done_on), "today": timezone.localdate(),
        "assessments": list(area.assessments.select_related("recorded_by")), "can_manage": listed,
        "measure_form": forms.MeasureForm() if listed else None,
        "assessment_form": forms.AssessmentForm() if listed else None,
        "remove_form": forms.RemoveAreaForm() if listed else None, "done_for": None, **(bound or {})},
        status=status)


def _area_step(request, pk: int, form_name: str, form, call, success: str, **extra):
    area = _area(request, pk)
    return _page_step(request, area, permission=MANAGE_AREA, unit=area.commune, form=form, form_name=form_name,
                      call=call, success=success, page=_area_page, detail="mediation:complex_area_detail", **extra)


@login_required
@require_POST
def measure_add(request, pk: int):
    return _area_step(request, pk, "measure_form", forms.MeasureForm(request.POST),
                      lambda a, data: services.measure_add(actor=request.user, area=a, **data), _("Measure added."))


@login_required
@require_POST
def measure_done(request, pk: int, measure_pk: int):
    area = _area(request, pk)
    measure = get_object_or_404(area.measures, pk=measure_pk)
    return _area_step(request, pk, "done_form", forms.MeasureDoneForm(request.POST),
                      lambda a, data: services.measure_done(actor=request.user, measure=measure, **data),
                      _("Measure done."), done_for=measure.pk)


@login_required
@require_POST
def assessment_record(request, pk: int):
    return _area_step(request, pk, "assessment_form", forms.AssessmentForm(request.POST),
                      lambda a, data: services.assessment_record(actor=request.user, area=a, **data),
                      _("Assessment recorded."))


@login_required
@require_POST
def complex_area_remove(request, pk: int):
    return _area_step(request, pk, "remove_form", forms.RemoveAreaForm(request.POST),
                      lambda a, data: services.complex_area_remove(actor=request.user, area=a, **data),
                      _("The area is off the list of complex areas."))
