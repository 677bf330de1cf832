from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.committees import forms, selectors, services
from antq.committees import permissions as perms
from antq.committees.choices import POSITION_ORDER, Attendance
from antq.committees.documents import yearly_review
from antq.committees.filtersets import SteeringCommitteeFilterSet
from antq.committees.models import CommitteeMember, Meeting, MeetingAttendance, MeetingDecision, SteeringCommittee
from antq.committees.tables import SteeringCommitteeTable
from antq.core import registry
from antq.core.access import get_visible_or_404, has_permission
from antq.core.documents import build_docx
from antq.core.exports import xlsx_response
from antq.core.views import (
    is_htmx,
    paginate_table,
    require_permission,
    run_service,
    service_action,
    service_form,
    year_param,
)
from antq.geo import choices as geo
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.geo.selectors import top_units
from antq.geo.tiles import commune_tiles

VIEW = perms.VIEW_COMMITTEE
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _committee(request, pk: int) -> SteeringCommittee:
    committees = SteeringCommittee.objects.select_related("unit__unit_type", "unit__level", "unit__parent")
    return get_visible_or_404(committees, request.user, VIEW, pk=pk)


@login_required
def committee_list(request):
    require_permission(request.user, VIEW)
    queryset = SteeringCommittee.objects.visible_to(request.user, VIEW).active().select_related(
        "unit__unit_type", "unit__level")
    filterset = SteeringCommitteeFilterSet(request.GET, queryset=queryset)
    table = paginate_table(request, SteeringCommitteeTable(filterset.qs))
    template = "committees/_table.html" if is_htmx(request) else "committees/committee_list.html"
    problems = selectors.with_composition_problems(filterset.qs).count()
    # Units the user could set a committee up for, among their own top units.
    missing = [unit for unit in top_units(request.user)
               if unit.level.code != "residential_area"
               and has_permission(request.user, perms.MANAGE_COMMITTEE, unit)
               and not SteeringCommittee.objects.active().filter(unit=unit).exists()]
    return render(request, template, {"filter": filterset, "table": table, "problem_count": problems,
                                      "missing": missing})


def _below(request, committee: SteeringCommittee, year: int):
    """The committees of the level below in the user's view, with their meetings for `year`."""
    children = (SteeringCommittee.objects.visible_to(request.user, VIEW).active()
                .filter(unit__parent=committee.unit))
    level_id = children.values_list("unit__level_id", flat=True).first()
    if level_id is None:
        return [], None, 0
    rows, months = selectors.meetings_table(children, level_id=level_id, year=year)
    flagged = set(selectors.with_composition_problems(children).values_list("pk", flat=True))
    for row in rows:
        row["composition_ok"] = row["committee"].pk not in flagged
    # Worst first: the most meetings overdue, then a composition short of its rules; by name otherwise.
    rows.sort(key=lambda row: (-row["overdue"], row["composition_ok"]))
    return rows, months, len(flagged)


@login_required
def committee_detail(request, pk: int):
    return _committee_page(request, _committee(request, pk))


def _committee_page(request, committee, *, bound: dict | None = None, status: int = 200):
    """The committee's page; `bound` holds a refused form: it comes back with what was typed and the error
    on its field."""
    year = year_param(request)
    members = sorted(CommitteeMember.objects.filter(committee=committee).select_related("organisation__org_type"),
                     key=lambda m: (m.group != "committee", m.group, POSITION_ORDER[m.position], m.full_name))
    current_ids = set(CommitteeMember.objects.current().filter(committee=committee).values_list("pk", flat=True))
    below, below_months, below_problems = _below(request, committee, year)
    reports_from_below = (Meeting.objects.visible_to(request.user, VIEW)
                          .filter(committee__unit__parent=committee.unit)
                          .select_related("committee__unit__unit_type", "committee__unit__level")[:10])
    user = request.user
    return render(request, "committees/committee_detail.html", {
        "committee": committee,
        "year": year,
        "years": forms.year_choices(),
        "unmet": selectors.unmet_rules(committee),
        "current": [m for m in members if m.pk in current_ids],
        "former": [m for m in members if m.pk not in current_ids],
        "calendar": selectors.committee_year(committee, year),
        "below": below,
        "below_months": below_months,
        "below_problems": below_problems,
        "below_rolling": year == timezone.localdate().year,  # overdue over the last twelve months
        "reports_from_below": reports_from_below,
        "can_manage": has_permission(user, perms.MANAGE_COMMITTEE, committee.unit),
        "can_record": has_permission(user, perms.RECORD_MEETING, committee.unit),
        "end_term_for": None,
        "commune_tiles": _below_tiles(committee, below),
        **(bound or {}),
    }, status=status)


def _below_tiles(committee, below) -> list[dict] | None:
    """A province committee's communes as tiles: red where the commune's committee is behind on meetings,
    grey where none is recorded; a tile opens that committee."""
    if committee.unit.level.code != geo.PROVINCE or not below:
        return None
    by_unit = {row["committee"].unit_id: row for row in below}
    rows = [{"unit": u, "row": by_unit.get(u.pk), "overdue": by_unit[u.pk]["overdue"] if u.pk in by_unit else None}
            for u in AdminUnit.objects.current().filter(parent=committee.unit, level__code=geo.COMMUNE)
            .select_related("unit_type", "level")]
    return commune_tiles(
        rows, "overdue", tone=lambda r: "none" if r["row"] is None else "low" if r["overdue"] else "ok",
        href=lambda u: reverse("committees:committee_detail", args=[by_unit[u.pk]["committee"].pk])
        if u.pk in by_unit else "#below",
        shown=lambda overdue: "—" if overdue is None else overdue)


@login_required
def committee_below_xlsx(request, pk: int):
    committee = _committee(request, pk)
    year = year_param(request)
    rows, _months, _problems = _below(request, committee, year)
    return xlsx_response(
        f"giao-ban-{committee.unit.code or committee.unit.pk}-{year}.xlsx",
        title=_("Meetings of the level below, %(year)s") % {"year": year},
        subtitle=committee.unit.display_name,
        headers=[_("Unit"), _("Held"), _("Owed so far"), _("Overdue"), _("Periods in the year"),
                 _("Composition complete")],
        rows=[[r["committee"].unit.display_name, r["held"], r["due"], r["overdue"], r["total"],
               _("yes") if r["composition_ok"] else _("no")] for r in rows],
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request, unit_pk: int):
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"), request.user,
                              geo_perms.VIEW_UNIT, pk=unit_pk)
    require_permission(request.user, perms.MANAGE_COMMITTEE, unit)
    existing = SteeringCommittee.objects.active().filter(unit=unit).first()
    if existing:
        return redirect("committees:committee_detail", pk=existing.pk)
    return service_form(
        request, forms.CommitteeForm(request.POST or None),
        save=lambda data: services.committee_create(actor=request.user, unit=unit, **data),
        success=lambda c: _("Steering committee of %(unit)s set up.") % {"unit": unit.display_name},
        redirect_to=lambda c: reverse("committees:committee_detail", args=[c.pk]),
        template="committees/committee_form.html", context={"unit": unit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request, pk: int):
    committee = _committee(request, pk)
    require_permission(request.user, perms.MANAGE_COMMITTEE, committee.unit)
    form = forms.CommitteeEditForm(request.POST or None, request.FILES or None, initial={
        "name": committee.name, "established_on": committee.established_on,
        "decision_number": committee.decision_number})
    return service_form(
        request, form,
        save=lambda data: services.committee_update(actor=request.user, committee=committee, **data),
        success=lambda c: _("Changes saved."),
        redirect_to=lambda c: reverse("committees:committee_detail", args=[committee.pk]),
        template="committees/committee_form.html", context={"unit": committee.unit, "committee": committee},
    )


@login_required
def committee_rules_file(request, pk: int):
    committee = _committee(request, pk)
    if not committee.working_rules:
        raise Http404
    return FileResponse(committee.working_rules.open("rb"), as_attachment=True,
                        filename=committee.working_rules.name.rsplit("/", 1)[-1])


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    committee = _committee(request, pk)
    require_permission(request.user, perms.MANAGE_COMMITTEE, committee.unit)
    return service_form(
        request, forms.MemberForm(request.POST or None, committee=committee),
        save=lambda data: services.member_add(actor=request.user, committee=committee, **data),
        success=lambda m: _("%(name)s added to the committee.") % {"name": m.full_name},
        redirect_to=lambda m: reverse("committees:committee_detail", args=[committee.pk]),
        template="committees/member_form.html", context={"committee": committee},
    )


@login_required
@require_POST
def member_end_term(request, pk: int):
    member = get_visible_or_404(CommitteeMember.objects.select_related("committee__unit"), request.user, VIEW, pk=pk)
    require_permission(request.user, perms.MANAGE_COMMITTEE, member.committee.unit)
    form = forms.EndTermForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.member_end_term(
            actor=request.user, member=member, **form.cleaned_data)) is not None:
        messages.success(request, _("The term of %(name)s has ended; the history is kept.")
                         % {"name": member.full_name})
        return redirect("committees:committee_detail", pk=member.committee_id)
    return _committee_page(request, _committee(request, member.committee_id),
                           bound={"end_term_form": form, "end_term_for": member.pk}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record(request, pk: int):
    committee = _committee(request, pk)
    require_permission(request.user, perms.RECORD_MEETING, committee.unit)
    members = sorted(CommitteeMember.objects.current().filter(committee=committee),
                     key=lambda m: (m.group != "committee", POSITION_ORDER[m.position], m.full_name))
    form = forms.MeetingForm(request.POST or None, request.FILES or None, committee=committee, members=members)

    def save(data):
        attendance = [services.AttendanceLine(member=m, status=data[f"att_{m.pk}"] or Attendance.PRESENT,
                                              note=data[f"note_{m.pk}"]) for m in members]
        decisions = [services.DecisionLine(text=data[f"decision_{i}"], owner=data[f"owner_{i}"],
                                           due_on=data[f"due_{i}"]) for i in range(3) if data.get(f"decision_{i}")]
        return services.meeting_record(
            actor=request.user, committee=committee, held_on=data["held_on"], place=data["place"],
            chair=data["chair"], agenda=data["agenda"], minutes=data["minutes"],
            signed_minutes=data["signed_minutes"], attendance=attendance, decisions=decisions)

    return service_form(
        request, form, save=save,
        success=lambda m: _("Meeting of %(date)s recorded; the committee above sees it now.")
        % {"date": m.held_on.strftime("%d/%m/%Y")},
        redirect_to=lambda m: reverse("committees:meeting_detail", args=[m.pk]),
        template="committees/meeting_form.html", context={"committee": committee},
    )


@login_required
@require_POST
def decision_done(request, pk: int):
    decision = get_visible_or_404(MeetingDecision.objects.select_related("meeting__committee__unit"), request.user,
                                  VIEW, pk=pk)
    require_permission(request.user, perms.RECORD_MEETING, decision.meeting.committee.unit)
    service_action(request, lambda: services.decision_mark_done(actor=request.user, decision=decision,
                                                                done_on=timezone.localdate()),
                   success=_("Marked done."))
    return redirect("committees:meeting_detail", pk=decision.meeting_id)


@login_required
@require_POST
def decision_follow_up(request, pk: int):
    """Make a meeting's decision an assignment of a program of the same unit (seed 000 §IV.4)."""
    decision = get_visible_or_404(MeetingDecision.objects.select_related("meeting__committee__unit", "owner"),
                                  request.user, VIEW, pk=pk)
    # "committees.decision_follow_up": `follow_up(*, actor, decision, program_id)` (the programs app).
    follow_up = registry.contributions("committees.decision_follow_up").get("programs")
    if follow_up is None:
        raise Http404
    service_action(request, lambda: follow_up(actor=request.user, decision=decision,
                                              program_id=request.POST.get("program")),
                   success=_("The decision is now an assignment of a program."))
    return redirect("committees:meeting_detail", pk=decision.meeting_id)


@login_required
def meeting_detail(request, pk: int):
    meeting = get_visible_or_404(
        Meeting.objects.select_related("committee__unit__unit_type", "committee__unit__level", "chair", "recorded_by")
        .prefetch_related(Prefetch("attendance", MeetingAttendance.objects.select_related("member")),
                          "decisions__owner", "decisions__assignments__program"),
        request.user, VIEW, pk=pk)
    # The programs a decision may become an assignment of, from the apps that contribute them under
    # "committees.follow_up_programs": `programs(user, unit) -> list` (antq.core.registry).
    programs = [program for find in registry.contributions("committees.follow_up_programs").values()
                for program in find(request.user, meeting.committee.unit)]
    return render(request, "committees/meeting_detail.html", {
        "meeting": meeting, "programs": programs,
        "can_record": has_permission(request.user, perms.RECORD_MEETING, meeting.committee.unit)})


@login_required
def meeting_minutes_file(request, pk: int):
    meeting = get_visible_or_404(Meeting.objects.all(), request.user, VIEW, pk=pk)
    if not meeting.signed_minutes:
        raise Http404
    # Downloaded, never shown inline: a stored file is never run by the browser as a page of this site.
    return FileResponse(meeting.signed_minutes.open("rb"), as_attachment=True,
                        filename=meeting.signed_minutes.name.rsplit("/", 1)[-1])


@login_required
def committee_review_docx(request, pk: int):
    """The yearly review draft (sơ kết) as DOCX in the Decree 30/2020 layout."""
    committee = _committee(request, pk)
    year = year_param(request)
    content = build_docx(yearly_review(committee, year, request.user))
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="so-ket-{year}-{committee.unit.code or committee.pk}.docx"'
    return response
