"""Pages of supervision files: the commune police's list (no names: a file is opened, and each opening is
recorded), a person received under a measure, the file with its plan, assessments, breaches, proposals, end,
move and helpers; opening a file outside the police (asked, or in an emergency); the helper's page."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.documents import docx_response
from antq.core.views import require_permission, run_service, service_action, service_form
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import by_proper_name, top_units
from antq.orgs.models import Organisation, RoleAssignment, User
from antq.supervision import documents, forms, selectors, services
from antq.supervision import permissions as perms
from antq.supervision.models import (
    Assessment,
    Breach,
    Helper,
    Measure,
    MeasureType,
    Person,
    Proposal,
    Restriction,
)

VIEW, MANAGE, PLAN, RESTRICT = perms.VIEW_FILE, perms.MANAGE_FILE, perms.ISSUE_PLAN, perms.RESTRICT_FILE
ASSESS, PROPOSE, ASSIGN_HELPER, HELP = perms.ASSESS, perms.PROPOSE, perms.ASSIGN_HELPER, perms.HELP


@login_required
def file_list(request):
    """The files in the user's units, 50 a page, by number only; `?show=` narrows them to what needs doing
    (the board's cards link here so)."""
    from django.core.paginator import Paginator

    require_permission(request.user, VIEW)
    today = timezone.localdate()
    show = request.GET.get("show", "")
    people = selectors.files_needing(request.user, show, today) if show in selectors.NEEDS else \
        selectors.files_of(request.user, VIEW)
    page = Paginator(people.prefetch_related(Prefetch("measures", queryset=Measure.objects.select_related("kind")))
                     .order_by("-registered_at", "-pk"), 50).get_page(request.GET.get("page"))
    communes = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE and has_permission(
        request.user, MANAGE, u)]
    measures = selectors.measures_of(request.user, VIEW)
    incoming = list(selectors.moving_in(request.user).select_related("from_commune__unit_type", "to_unit__unit_type")
                    .prefetch_related(Prefetch("person__measures", queryset=Measure.objects.select_related("kind"))))
    return render(request, "supervision/file_list.html", {
        "people": page, "page": page, "show": show if show in selectors.NEEDS else "", "needs": selectors.NEEDS,
        "communes": communes, "today": today, "incoming": incoming,
        "decide_form": forms.DecideMoveForm(),
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
    form = forms.PersonForm(request.POST or None, request.FILES or None,
                            kinds=list(MeasureType.objects.filter(is_active=True)), areas=areas)
    return service_form(
        request, form, save=lambda _data: services.person_register(actor=request.user, **form.service_values()),
        success=lambda m: _("File #%(n)s opened.") % {"n": m.person_id},
        redirect_to=lambda m: reverse("supervision:file_detail", args=[m.person_id]),
        template="supervision/person_form.html", context={"commune": commune})


def _file(request, pk: int, action: str = VIEW) -> Person:
    """The file as the police keeping it reach it: out of scope or kept from the user, it does not exist."""
    person = get_visible_or_404(selectors.files_of(request.user, VIEW).select_related("commune__parent"), request.user,
                                VIEW, pk=pk)
    require_permission(request.user, action, person.commune)
    return person


def _reached(request, pk: int) -> tuple[Person, selectors.Reach]:
    """The file for whoever reaches it (the police, a grant in force, a helper); anyone else: 404."""
    person = (Person.objects.select_related("commune__parent", "commune__unit_type", "unit__unit_type")
              .filter(pk=pk).first())
    if person is None or selectors.is_restricted(request.user, person):
        raise Http404
    found = selectors.reach(request.user, person)
    if found is None:
        raise Http404
    return person, found


@login_required
def file_detail(request, pk: int):
    person, found = _reached(request, pk)
    if found.kind == selectors.HELPER:
        return redirect("supervision:helping_detail", pk=person.pk)
    return _file_page(request, person, found)


def _officers(commune):
    """Users who may be put in charge: holding the police's purpose at the commune (one query)."""
    return list(User.objects.filter(pk__in=RoleAssignment.objects.active().filter(
        scope=commune, role__permissions__code=VIEW).values("user_id")).order_by("full_name"))


def _helpers_for(commune):
    """Who may be assigned to help: the commune's organisations, and people holding the helper's purpose there."""
    organisations = list(Organisation.objects.filter(unit=commune, is_active=True).select_related("org_type")
                         .order_by("org_type__order", "name"))
    people = list(User.objects.filter(is_active=True, pk__in=RoleAssignment.objects.active().filter(
        scope__path__in=[commune.path, commune.parent.path if commune.parent_id else commune.path],
        role__permissions__code=HELP).values("user_id")).order_by("full_name"))
    return organisations, people


def _reintegration(person) -> dict:
    return {"helpers": list(person.helpers.select_related("organisation", "user")),
            "needs": list(person.needs.all()),
            "supports": list(person.supports.select_related("need")),
            "visits": list(person.visits.select_related("recorded_by"))}


def _file_page(request, person, found=None, *, bound: dict | None = None, status: int = 200):
    """The file: opening it reads the sealed fields, recorded in the trail (services.file_read). The police
    keeping it get the forms; an officer under a grant reads it only."""
    user = request.user
    found = found or selectors.Reach(selectors.POLICE)
    identity = services.file_read(actor=user, person=person)
    measures = list(person.measures.select_related("kind", "officer").prefetch_related(
        "assessments", Prefetch("breaches", queryset=Breach.objects.prefetch_related("proposals")),
        Prefetch("proposals", queryset=Proposal.objects.prefetch_related("breaches"))))
    keeps = found.keeps
    bound = bound or {}
    can = {code: keeps and has_permission(user, code, person.commune)
           for code in (PLAN, RESTRICT, ASSESS, PROPOSE, MANAGE, ASSIGN_HELPER)}
    officers = _officers(person.commune) if can[PLAN] or can[RESTRICT] else []
    restricted = list(Restriction.objects.filter(person=person).select_related("user")) if can[RESTRICT] else []
    kept = {r.user_id for r in restricted}
    organisations, helper_people = _helpers_for(person.commune) if can[ASSIGN_HELPER] else ([], [])
    reintegration = _reintegration(person)
    context = {
        "person": person, "identity": identity, "measures": measures, "today": timezone.localdate(),
        "reach": found, "can": {"plan": can[PLAN], "restrict": can[RESTRICT], "assess": can[ASSESS],
                                "propose": can[PROPOSE], "manage": can[MANAGE], "assign": can[ASSIGN_HELPER]},
        "plan_form": forms.PlanForm(officers=[u for u in officers if u.pk not in kept]) if can[PLAN] else None,
        "restriction_form": forms.RestrictionForm(users=[u for u in officers if u.pk not in kept
                                                         and u != user]) if can[RESTRICT] else None,
        "restricted": restricted, "for_measure": None,
        "assessment_form": forms.AssessmentForm() if can[ASSESS] else None,
        "breach_form": forms.BreachForm() if can[ASSESS] else None,
        "warn_form": forms.WarnForm() if can[ASSESS] else None,
        "decision_form": forms.DecisionForm() if can[PROPOSE] else None,
        "complete_form": forms.CompleteForm() if can[PROPOSE] else None,
        "move_form": forms.MoveForm() if can[MANAGE] else None,
        "transfers": list(person.transfers.select_related("from_commune__unit_type", "to_commune__unit_type",
                                                          "to_unit__unit_type", "requested_by", "decided_by")),
        "helper_form": forms.HelperForm(organisations=organisations, users=helper_people)
        if can[ASSIGN_HELPER] else None,
        "visit_form": forms.VisitForm() if keeps else None,
        "need_form": forms.NeedForm() if keeps else None,
        "support_form": forms.SupportForm(needs=[n for n in reintegration["needs"] if n.met_on is None])
        if keeps else None,
        **reintegration, **bound}
    for measure in measures:  # the breaches a proposal may rest on are the measure's own
        measure.proposal_form = None
        if can[PROPOSE]:
            measure.proposal_form = bound["proposal_form"] if bound.get("for_measure") == measure.pk and \
                "proposal_form" in bound else forms.ProposalForm(breaches=list(measure.breaches.all()))
    return render(request, "supervision/file_detail.html", context, status=status)


def _measure(person, measure_pk: int) -> Measure:
    measure = person.measures.select_related("kind").filter(pk=measure_pk).first()
    if measure is None:
        raise Http404
    return measure


def _post(request, person, form, call, *, success: str, key: str, measure=None):
    """A form of the file page: valid and accepted → back to the file with a message; otherwise the page again,
    400, with what was typed and the error on its field, the form's section open."""
    if form.is_valid() and run_service(form, lambda: call(form)) is not None:
        messages.success(request, success)
        return redirect("supervision:file_detail", pk=person.pk)
    return _file_page(request, person, bound={key: form, "for_measure": getattr(measure, "pk", None),
                                              "open_form": key}, status=400)


@login_required
@require_POST
def plan_issue(request, pk: int, measure_pk: int):
    person = _file(request, pk, PLAN)
    measure = _measure(person, measure_pk)
    form = forms.PlanForm(request.POST, officers=_officers(person.commune))
    return _post(request, person, form, lambda f: services.plan_issue(
        actor=request.user, measure=measure, officer=f.officers.get(f.cleaned_data["officer"]),
        issued_on=f.cleaned_data["issued_on"]), success=_("The supervision plan is issued."), key="plan_form",
        measure=measure)


@login_required
@require_POST
def restriction_add(request, pk: int):
    person = _file(request, pk, RESTRICT)
    form = forms.RestrictionForm(request.POST, users=_officers(person.commune))
    return _post(request, person, form, lambda f: services.restriction_add(
        actor=request.user, person=person, user=f.users.get(f.cleaned_data["user"]), reason=f.cleaned_data["reason"]),
        success=_("The file is kept from this user from now on."), key="restriction_form")


@login_required
@require_POST
def assessment_record(request, pk: int, measure_pk: int):
    person = _file(request, pk, ASSESS)
    measure = _measure(person, measure_pk)
    return _post(request, person, forms.AssessmentForm(request.POST), lambda f: services.assessment_record(
        actor=request.user, measure=measure, **f.cleaned_data), success=_("The month's assessment is recorded."),
        key="assessment_form", measure=measure)


@login_required
@require_POST
def breach_record(request, pk: int, measure_pk: int):
    person = _file(request, pk, ASSESS)
    measure = _measure(person, measure_pk)
    return _post(request, person, forms.BreachForm(request.POST), lambda f: services.breach_record(
        actor=request.user, measure=measure, **f.cleaned_data), success=_("The breach is recorded."),
        key="breach_form", measure=measure)


@login_required
@require_POST
def breach_warn(request, pk: int, breach_pk: int):
    person = _file(request, pk, ASSESS)
    breach = Breach.objects.filter(pk=breach_pk, measure__person=person).select_related("measure").first()
    if breach is None:
        raise Http404
    return _post(request, person, forms.WarnForm(request.POST), lambda f: services.breach_warn(
        actor=request.user, breach=breach, **f.cleaned_data), success=_("The warning is recorded."),
        key="warn_form", measure=breach.measure)


@login_required
@require_POST
def proposal_make(request, pk: int, measure_pk: int):
    person = _file(request, pk, PROPOSE)
    measure = _measure(person, measure_pk)
    form = forms.ProposalForm(request.POST, breaches=list(measure.breaches.all()))
    return _post(request, person, form, lambda f: services.proposal_make(
        actor=request.user, measure=measure, **f.service_values()), success=_("The proposal is recorded."),
        key="proposal_form", measure=measure)


@login_required
@require_POST
def proposal_decide(request, pk: int, proposal_pk: int):
    person = _file(request, pk, PROPOSE)
    proposal = Proposal.objects.filter(pk=proposal_pk, measure__person=person).select_related("measure").first()
    if proposal is None:
        raise Http404
    return _post(request, person, forms.DecisionForm(request.POST), lambda f: services.proposal_decide(
        actor=request.user, proposal=proposal, **f.cleaned_data), success=_("The decision is recorded."),
        key="decision_form", measure=proposal.measure)


@login_required
@require_POST
def measure_complete(request, pk: int, measure_pk: int):
    person = _file(request, pk, PROPOSE)
    measure = _measure(person, measure_pk)
    return _post(request, person, forms.CompleteForm(request.POST), lambda f: services.measure_complete(
        actor=request.user, measure=measure, **f.cleaned_data),
        success=_("The measure is served: print its certificate."), key="complete_form", measure=measure)


def _signer(person) -> str:
    chief = User.objects.filter(pk__in=RoleAssignment.objects.active().filter(
        scope=person.commune, role__permissions__code=PLAN).values("user_id")).order_by("pk").first()
    return chief.full_name if chief else ""


@login_required
def certificate_docx(request, pk: int, measure_pk: int):
    person = _file(request, pk)
    measure = _measure(person, measure_pk)
    if not measure.ended_on or not measure.certificate_number:
        raise Http404
    identity = services.file_read(actor=request.user, person=person, fields=("full_name", "birth_date", "address"))
    return docx_response(documents.certificate_docx(measure, identity, _signer(person)),
                         f"giay-chung-nhan-ho-so-{person.pk}.docx")


@login_required
def photo(request, pk: int):
    """The person's photo, for the police keeping the file: a download, on the record."""
    from antq.core.views import stored_file

    person = _file(request, pk)
    services.file_read(actor=request.user, person=person, fields=("photo",))
    extension = person.photo.name.rsplit(".", 1)[-1] if person.photo else "jpg"
    return stored_file(person.photo, f"anh-ho-so-{person.pk}.{extension}")


@login_required
def assessment_docx(request, pk: int, assessment_pk: int):
    person = _file(request, pk)
    assessment = Assessment.objects.filter(pk=assessment_pk, measure__person=person).select_related(
        "measure__kind").first()
    if assessment is None:
        raise Http404
    identity = services.file_read(actor=request.user, person=person, fields=("full_name", "birth_date", "address"))
    return docx_response(documents.assessment_docx(assessment, identity, _signer(person)),
                         f"nhan-xet-ho-so-{person.pk}-{assessment.month:%Y-%m}.docx")


@login_required
@require_POST
def transfer_request(request, pk: int):
    person = _file(request, pk, MANAGE)
    return _post(request, person, forms.MoveForm(request.POST), lambda f: services.transfer_request(
        actor=request.user, person=person, to_unit=f.cleaned_data["to_unit"], reason=f.cleaned_data["reason"]),
        success=_("The file is offered to the new commune: it stays here until they accept it."), key="move_form")


@login_required
@require_POST
def transfer_decide(request, transfer_pk: int, decision: str):
    """The receiving commune's police accept or refuse a file handed to them (they see only its number,
    measure and where from until they accept)."""
    transfer = get_visible_or_404(selectors.moving_in(request.user), request.user, MANAGE, pk=transfer_pk)
    if decision not in ("accept", "refuse"):
        raise Http404
    form = forms.DecideMoveForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.transfer_decide(
            actor=request.user, transfer=transfer, accept=decision == "accept",
            note=form.cleaned_data["note"])) is not None:
        if decision == "accept":
            messages.success(request, _("File #%(n)s is yours now: issue its supervision plan.") % {
                "n": transfer.person_id})
            return redirect("supervision:file_detail", pk=transfer.person_id)
        messages.success(request, _("The hand-over is refused."))
        return redirect("supervision:file_list")
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("supervision:file_list")


@login_required
@require_POST
def helper_assign(request, pk: int):
    person = _file(request, pk, ASSIGN_HELPER)
    organisations, people = _helpers_for(person.commune)
    form = forms.HelperForm(request.POST, organisations=organisations, users=people)
    return _post(request, person, form, lambda f: services.helper_assign(
        actor=request.user, person=person, **f.service_values()), success=_("The helper is recorded."),
        key="helper_form")


@login_required
@require_POST
def helper_end(request, pk: int, helper_pk: int):
    person = _file(request, pk, ASSIGN_HELPER)
    helper = Helper.objects.filter(pk=helper_pk, person=person).first()
    if helper is None:
        raise Http404
    service_action(request, lambda data: services.helper_end(actor=request.user, helper=helper, **data),
                   success=_("The helper's assignment has ended."), form=forms.HelperEndForm(request.POST))
    return redirect("supervision:file_detail", pk=person.pk)  # a one-field form: the outcome is flashed


# --- Reintegration: the helper's pages (and the police's forms on the file) ------------------------------

def _reintegration_post(request, pk: int, make_form, call, *, success: str, key: str):
    """Visits, needs and help given: recorded by the helper on their page or by the police on the file."""
    person, found = _reached(request, pk)
    if found.kind not in (selectors.POLICE, selectors.HELPER) or person.anonymised_at:
        raise Http404
    form = make_form(person)
    if form.is_valid() and run_service(form, lambda: call(person, form)) is not None:
        messages.success(request, success)
        target = "supervision:file_detail" if found.kind == selectors.POLICE else "supervision:helping_detail"
        return redirect(target, pk=person.pk)
    if found.kind == selectors.POLICE:
        return _file_page(request, person, found, bound={key: form, "open_form": key}, status=400)
    return _helping_page(request, person, bound={key: form, "open_form": key}, status=400)


@login_required
@require_POST
def visit_record(request, pk: int):
    return _reintegration_post(request, pk, lambda p: forms.VisitForm(request.POST), lambda p, f: services.visit_record(
        actor=request.user, person=p, **f.cleaned_data), success=_("The visit is recorded."), key="visit_form")


@login_required
@require_POST
def need_record(request, pk: int):
    return _reintegration_post(request, pk, lambda p: forms.NeedForm(request.POST), lambda p, f: services.need_record(
        actor=request.user, person=p, **f.cleaned_data), success=_("The need is noted."), key="need_form")


@login_required
@require_POST
def support_record(request, pk: int):
    return _reintegration_post(
        request, pk, lambda p: forms.SupportForm(request.POST, needs=list(p.needs.filter(met_on__isnull=True))),
        lambda p, f: services.support_record(actor=request.user, person=p, **f.service_values()),
        success=_("The help given is recorded."), key="support_form")


@login_required
def helping_list(request):
    """The helper's page, made for a phone: the people assigned to them — name and residential area, nothing
    of the offence."""
    require_permission(request.user, HELP)
    people = list(selectors.helping(request.user).select_related("unit__unit_type", "commune__unit_type")
                  .order_by("pk")[:200])
    names = services.names_read(actor=request.user, people=people)
    return render(request, "supervision/helping_list.html", {
        "people": [(p, names[p.pk]) for p in people]})


def _helping_page(request, person, *, bound: dict | None = None, status: int = 200):
    identity = services.file_read(actor=request.user, person=person, fields=selectors.HELPER_FIELDS)
    reintegration = _reintegration(person)
    return render(request, "supervision/helping_detail.html", {
        "person": person, "identity": identity, "today": timezone.localdate(), **reintegration,
        "visit_form": forms.VisitForm(), "need_form": forms.NeedForm(),
        "support_form": forms.SupportForm(needs=[n for n in reintegration["needs"] if n.met_on is None]),
        **(bound or {})}, status=status)


@login_required
def helping_detail(request, pk: int):
    person = get_visible_or_404(selectors.helping(request.user).select_related("commune", "unit__unit_type"),
                                request.user, HELP, pk=pk)
    return _helping_page(request, person)


# --- Opening a file outside the police ------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def file_open(request):
    """Ask the commune police head to open a file, or open it now in an emergency, by its number and a
    reason. A number out of reach answers as one that does not exist, whatever the reason."""
    require_permission(request.user, perms.REQUEST_FILE)
    form = forms.OpenFileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = (Person.objects.visible_to(request.user, perms.REQUEST_FILE).select_related("commune")
                  .filter(pk=form.cleaned_data["number"]).first())
        if person is None or selectors.is_restricted(request.user, person) or person.anonymised_at:
            form.add_error("number", _("No file with this number in your units."))
        else:
            emergency = form.cleaned_data["how"] == "now"
            service = services.file_break_glass if emergency else services.file_access_request
            if run_service(form, lambda: service(actor=request.user, person=person,
                                                 reason=form.cleaned_data["reason"])) is not None:
                if emergency:
                    messages.warning(request, _(
                        "File #%(n)s is open to you for a few hours: the commune police head has been told, and "
                        "every reading is recorded.") % {"n": person.pk})
                    return redirect("supervision:file_detail", pk=person.pk)
                messages.success(request, _("Your request is sent to the commune police head."))
                return redirect("access_list")
    return render(request, "supervision/file_open.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def emergency_openings(request):
    """The report of files opened in an emergency in the user's units: who, when, why, until when, and how
    many times the file was read under it."""
    require_permission(request.user, perms.REVIEW_ACCESS)
    rows = selectors.emergency_openings(request.user)
    return render(request, "supervision/emergency_openings.html", {"rows": rows, "now": timezone.now()})


# --- Statistics: HCD-12 (a month), HCD-13 (a quarter, a half-year, a year) -------------------------------

PERIODS = {"month": range(1, 13), "quarter": range(1, 5), "half": range(1, 3), "year": range(1, 2)}


@login_required
def statistics(request):
    """The period's figures in the user's scope, a level down at a time (the nation by province, a province
    by commune, a commune by residential area), as the page, XLSX or DOCX; small counts hidden outside the
    police. Bad parameters fall back to last month."""
    from antq.core.exports import xlsx_response

    require_permission(request.user, perms.VIEW_STATISTICS)
    scopes = [u for u in top_units(request.user) if has_permission(request.user, perms.VIEW_STATISTICS, u)]
    if not scopes:
        raise Http404
    asked = request.GET.get("unit", "")
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level", "parent"), request.user,
                              perms.VIEW_STATISTICS, pk=asked) if asked.isdigit() else scopes[0]
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    kind = request.GET.get("period", "month")
    kind = kind if kind in PERIODS else "month"
    year, number = request.GET.get("year", ""), request.GET.get("n", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= last_month.year + 1 else last_month.year
    number = int(number) if number.isdigit() and int(number) in PERIODS[kind] else (
        last_month.month if kind == "month" else 1)
    start, end = selectors.period_bounds(kind, year, number)
    exact = selectors.sees_exact_counts(request.user, unit)
    stats = selectors.statistics(request.user, unit, start, end, exact=exact)
    fmt = request.GET.get("format", "")
    name = f"thong-ke-{'hcd12' if kind == 'month' else 'hcd13'}-{start:%Y-%m}-{end:%Y-%m}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", **documents.statistics_sheet(stats, unit))
    if fmt == "docx":
        return docx_response(documents.statistics_docx(stats, unit), f"{name}.docx")
    return render(request, "supervision/statistics.html", {
        "unit": unit, "stats": stats, "exact": exact, "scopes": scopes, "period": kind, "year": year,
        "n": number, "numbers": PERIODS[kind], "years": range(timezone.localdate().year, 2019, -1),
        "query": f"unit={unit.pk}&period={kind}&year={year}&n={number}"})
