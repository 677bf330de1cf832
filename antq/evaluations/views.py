"""Pages of the "Safe in security and order" evaluation.

The dashboard is the way in: nation → province → commune, each with its share recognised
against the target; at a commune it becomes the working board of every unit to evaluate.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core.access import get_visible_or_404, has_permission
from antq.core.exports import xlsx_response
from antq.core.views import (
    is_htmx,
    paginate_table,
    require_permission,
    run_service,
    service_action,
    service_form,
    stored_file,
    year_param,
)
from antq.evaluations import forms, selectors, services
from antq.evaluations import permissions as perms
from antq.evaluations.choices import ESTABLISHMENT_KINDS, SIZE_CLASSES_BY_KIND, Judgement, SizeClass, Status, UnitKind
from antq.evaluations.documents import certificate_docx
from antq.evaluations.filtersets import EstablishmentFilterSet, EvaluationFilterSet
from antq.evaluations.models import (
    Criterion,
    CriterionResult,
    Evaluation,
    Incident,
    MovementGrading,
    ScoreSheet,
    Target,
)
from antq.evaluations.tables import EstablishmentTable, EvaluationTable, IncidentTable
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import top_units
from antq.geo.tiles import COLUMNS, commune_tiles, tiles
from antq.orgs.models import Establishment

VIEW = perms.VIEW_EVALUATION
# The documents a registration carries, by the name their download address uses.
DOCUMENTS = {"resolution": "resolution_file", "plan": "plan_file", "registration": "registration_file"}
RUN = services.RUN
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> int:
    # Next year too: units register for it from the start of its period (16 November).
    return year_param(request, latest=timezone.localdate().year + 1)


def _scope_unit(request) -> AdminUnit | None:
    """The unit asked for (?unit=), or the user's first jurisdiction; outside the scope, 404."""
    units = AdminUnit.objects.select_related("unit_type", "level", "parent")
    if request.GET.get("unit", "").isdigit():
        return get_visible_or_404(units, request.user, VIEW, pk=int(request.GET["unit"]))
    for unit in top_units(request.user):
        if has_permission(request.user, VIEW, unit):
            return units.get(pk=unit.pk if unit.level.code != geo.RESIDENTIAL_AREA else unit.parent_id)
    return None


def _evaluation(request, pk: int) -> Evaluation:
    evaluations = Evaluation.objects.select_related("unit__unit_type", "unit__level", "establishment", "commune",
                                                    "province", "criteria_set", "province_set", "decided_by")
    return get_visible_or_404(evaluations, request.user, VIEW, pk=pk)


AREAS_PER_PAGE = 25  # a phone's screenful or two of cards; the worst come first
LATE_SHOWN = 10


@login_required
def dashboard(request):
    require_permission(request.user, VIEW)
    unit = _scope_unit(request)
    year = _year(request)
    if unit is None:
        return render(request, "evaluations/dashboard.html", {"unit": None, "year": year})
    summary = selectors.recognition_summary(unit, year)
    context = {
        "unit": unit, "year": year, "years": forms.year_choices(), "summary": summary,
        "ancestors": [u for u in unit.ancestors() if has_permission(request.user, VIEW, u)],
        "history": (history := selectors.share_over_years(unit, list(range(year - 4, year + 1)))),
        # What the chart draws (antq/core/static/core/charts.js): floats for display only.
        "history_chart": {"labels": [str(p["year"]) for p in history],
                          "values": [None if p["share"] is None else round(float(p["share"]), 2) for p in history],
                          "target": None if summary["target"] is None else float(summary["target"]),
                          "text": {"value": _("Share recognised"), "target": _("Target"),
                                   "no_data": _("no data")}},
        "weak": list(selectors.weak_communes(unit, year)[:50]),
        # The first few, and how many more (bounded: a count past 1,000 reads "1,000+").
        "late": list((late := selectors.late_evaluations(unit, year))[:LATE_SHOWN]),
        "late_more": late[LATE_SHOWN:LATE_SHOWN + 1000].count(),
        "by_kind": [(label, summary["by_kind"][code]) for code, label in UnitKind.choices],
    }
    order = "name" if request.GET.get("order") == "name" else "worst"
    below = request.GET.get("below") == "1"
    areas = selectors.area_rows(summary["children"], summary["target"], order=order, below=below)
    page = Paginator(areas, AREAS_PER_PAGE).get_page(request.GET.get("page"))
    context.update({"areas": page, "order": order, "below": below,
                    "below_count": len(selectors.area_rows(summary["children"], summary["target"], below=True))})
    if unit.level.code == geo.CENTRAL:
        context["map_tiles"] = tiles(summary["children"])
        context["map_columns"] = COLUMNS
    elif unit.level.code == geo.PROVINCE:
        goal = summary["target"]
        context["commune_tiles"] = commune_tiles(
            summary["children"], tone=lambda row: "none" if row["share"] is None or goal is None
            else "low" if row["share"] < goal else "ok",
            href=lambda u: f"?unit={u.pk}&year={year}",
            shown=lambda share: "—" if share is None else floatformat(share, 0))
    if unit.level.code == geo.COMMUNE:
        context["board"] = selectors.commune_board(unit, year)
        context["commune_counts"] = selectors.commune_units(unit, year)
        context["own"] = Evaluation.objects.filter(unit=unit, year=year, establishment__isnull=True).first()
        context["can_run"] = has_permission(request.user, RUN, unit)
    return render(request, "evaluations/dashboard.html", context)


@login_required
def dashboard_xlsx(request):
    require_permission(request.user, VIEW)
    unit = _scope_unit(request)
    year = _year(request)
    if unit is None:
        return redirect("evaluations:dashboard")
    summary = selectors.recognition_summary(unit, year)
    def shown(share):  # the exact share, rounded for the sheet as on the page
        return None if share is None else round(share, 2)

    rows = [[row["unit"].display_name, row["expected"], row["registered"], row["recognised"], row["refused"],
             shown(row["share"])] for row in summary["children"]]
    rows.append([_("Total"), summary["total"]["expected"], summary["total"]["registered"],
                 summary["total"]["recognised"], summary["total"]["refused"], shown(summary["total"]["share"])])
    return xlsx_response(
        f"an-toan-antt-{unit.code or unit.pk}-{year}.xlsx",
        title=_("Units recognised \"Safe in security and order\", %(year)s") % {"year": year},
        subtitle=f"{unit.display_name} — {_('target')}: {summary['target']} %",
        headers=[_("Area"), _("Units to evaluate"), _("Registered"), _("Recognised"), _("Not recognised"),
                 _("Share recognised (%)")],
        rows=rows)


@login_required
def evaluation_list(request):
    require_permission(request.user, VIEW)
    queryset = Evaluation.objects.visible_to(request.user, VIEW).select_related(
        "unit__unit_type", "unit__level", "establishment", "commune")
    filterset = EvaluationFilterSet(request.GET, queryset=queryset)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "danh-gia-antt.xlsx", title=_("Evaluations"),
            headers=[_("Year"), _("Unit"), _("Kind"), _("Commune"), _("Status"), _("Decided on"), _("Decision")],
            rows=[[e.year, e.subject_name, e.get_kind_display(), e.commune.name, e.get_status_display(),
                   e.decided_on, e.decision_number]
                  for e in filterset.qs[:50_000]])
    table = paginate_table(request, EvaluationTable(filterset.qs))
    template = "evaluations/_table.html" if is_htmx(request) else "evaluations/evaluation_list.html"
    return render(request, template, {"filter": filterset, "table": table})


def _steps(evaluation: Evaluation) -> list[dict]:
    order = [Status.REGISTERED, Status.ASSESSED, Status.REVIEWED, Status.PROPOSED]
    reached = order.index(evaluation.status) if evaluation.status in order else len(order)
    labels = [_("Registered"), _("Self-assessed"), _("Reviewed"), _("Proposed"), _("Decided")]
    return [{"label": label, "done": i <= reached, "current": i == reached} for i, label in enumerate(labels)]


@login_required
def evaluation_detail(request, pk: int):
    return _detail_page(request, _evaluation(request, pk))


def _detail_page(request, evaluation, *, bound: dict | None = None, status: int = 200):
    """The evaluation's page; `bound` holds the form of a step refused: it comes back with what was typed
    and the error on its field, its section opened."""
    results = list(evaluation.results.select_related("criterion__criteria_set", "exception_by"))
    rule = selectors.kind_rule(evaluation.kind, evaluation.period_end)
    approver = selectors.approving_unit(evaluation, rule)
    user = request.user
    today = timezone.localdate()
    run_unit = evaluation.commune if evaluation.establishment_id else evaluation.unit
    return render(request, "evaluations/evaluation_detail.html", {
        "evaluation": evaluation,
        "rows": [{"result": r, "met": services.result_is_met(r)} for r in results],
        "unmet": sum(1 for r in results if not services.result_is_met(r)),
        "steps": _steps(evaluation),
        "rule": rule,
        "approver": approver,
        "registration_late": evaluation.registered_on > rule.registration_due(evaluation.year),
        "decision_due": rule.decision_due(evaluation.year),
        "decision_late": (evaluation.decided_on or today) > rule.decision_due(evaluation.year),
        "can_run": has_permission(user, RUN, run_unit),
        "can_review": has_permission(user, RUN, evaluation.commune) or has_permission(
            user, services.APPROVE, evaluation.commune),
        "can_decide": approver is not None and has_permission(user, services.APPROVE, approver),
        "review_form": forms.ReviewForm(initial={"held_on": today, "chair": evaluation.review_chair}),
        "proposal_form": forms.ProposalForm(initial={"proposed_on": today}),
        "decision_form": forms.DecisionForm(initial={"decided_on": today, "recognise": "yes"}),
        "exception_form": forms.ExceptionForm(),
        "exception_for": None,
        "Judgement": Judgement,
        "Status": Status,
        **(bound or {}),
    }, status=status)


def _register_target(request, kind: str, pk: int):
    """The unit or establishment a registration is for, read through the access layer."""
    if kind in ESTABLISHMENT_KINDS:
        establishment = get_visible_or_404(Establishment.objects.select_related("commune__level", "commune__parent"),
                                           request.user, VIEW, pk=pk, kind=kind)
        return None, establishment, establishment.commune
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level", "parent__parent"),
                              request.user, VIEW, pk=pk)
    return unit, None, unit


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_register(request, kind: str, pk: int):
    if kind not in UnitKind.values:
        return redirect("evaluations:dashboard")
    unit, establishment, home = _register_target(request, kind, pk)
    require_permission(request.user, RUN, home)
    year = _year(request)
    form = forms.RegistrationForm(request.POST or None, request.FILES or None, kind=kind)
    name = establishment.name if establishment else unit.display_name
    return service_form(
        request, form,
        save=lambda data: services.evaluation_register(actor=request.user, kind=kind, year=year, unit=unit,
                                                       establishment=establishment, **data),
        success=lambda e: _("%(unit)s is registered for %(year)s.") % {"unit": name, "year": year},
        redirect_to=lambda e: reverse("evaluations:evaluation_detail", args=[e.pk]),
        template="evaluations/register_form.html",
        context={"name": name, "year": year, "kind": UnitKind(kind).label, "rule": selectors.kind_rule(kind),
                 "back": reverse("evaluations:dashboard") + f"?year={year}"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_assess(request, pk: int):
    evaluation = _evaluation(request, pk)
    require_permission(request.user, RUN, evaluation.commune if evaluation.establishment_id else evaluation.unit)
    results = evaluation.results.select_related("criterion")
    form = forms.AssessmentForm(request.POST or None, request.FILES or None, results=results)
    return service_form(
        request, form,
        save=lambda data: services.evaluation_assess(actor=request.user, evaluation=evaluation,
                                                     answers=form.answers()),
        success=lambda e: _("Self-assessment saved; the automatic checks ran on the recorded facts."),
        redirect_to=lambda e: reverse("evaluations:evaluation_detail", args=[e.pk]),
        template="evaluations/assess_form.html", context={"evaluation": evaluation, "Judgement": Judgement},
    )


def _step(request, pk: int, form_class, call, success: str, name: str):
    """A step taken from the evaluation's page: done, back to the page; refused, the page with the form as
    typed (status 400), nothing saved."""
    evaluation = _evaluation(request, pk)
    form = form_class(request.POST)
    if form.is_valid() and run_service(form, lambda: call(evaluation, form.cleaned_data)) is not None:
        messages.success(request, success)
        return redirect("evaluations:evaluation_detail", pk=evaluation.pk)
    return _detail_page(request, evaluation, bound={name: form}, status=400)


@login_required
@require_POST
def evaluation_review(request, pk: int):
    return _step(request, pk, forms.ReviewForm,
                 lambda e, data: services.evaluation_review(actor=request.user, evaluation=e, **data),
                 _("Review meeting recorded."), "review_form")


@login_required
@require_POST
def evaluation_propose(request, pk: int):
    return _step(request, pk, forms.ProposalForm,
                 lambda e, data: services.evaluation_propose(actor=request.user, evaluation=e, **data),
                 _("Proposal sent to the approving level."), "proposal_form")


@login_required
@require_POST
def evaluation_decide(request, pk: int):
    return _step(request, pk, forms.DecisionForm,
                 lambda e, data: services.evaluation_decide(actor=request.user, evaluation=e, **data),
                 _("Decision recorded."), "decision_form")


@login_required
@require_POST
def result_exception(request, pk: int):
    result = get_visible_or_404(CriterionResult.objects.select_related("evaluation"), request.user, VIEW, pk=pk)
    form = forms.ExceptionForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.result_record_exception(
            actor=request.user, result=result, **form.cleaned_data)) is not None:
        messages.success(request, _("Exception recorded with its reason."))
        return redirect("evaluations:evaluation_detail", pk=result.evaluation_id)
    evaluation = _evaluation(request, result.evaluation_id)
    return _detail_page(request, evaluation, bound={"exception_form": form, "exception_for": result.pk},
                        status=400)


@login_required
def evaluation_certificate(request, pk: int):
    evaluation = _evaluation(request, pk)
    if evaluation.status != Status.RECOGNISED:
        return redirect("evaluations:evaluation_detail", pk=pk)
    response = HttpResponse(certificate_docx(evaluation), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="giay-cong-nhan-{evaluation.pk}.docx"'
    return response


# --- Establishments ----------------------------------------------------------------------------


@login_required
def establishment_list(request):
    require_permission(request.user, VIEW)
    queryset = Establishment.objects.visible_to(request.user, VIEW).select_related("commune__unit_type",
                                                                                   "commune__level")
    filterset = EstablishmentFilterSet(request.GET, queryset=queryset)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "co-quan-doanh-nghiep-nha-truong.xlsx", title=_("Agencies, enterprises and schools"),
            headers=["Loại", "Tên", "Mã xã", "Quy mô / cấp học", "Mã số thuế", "Địa chỉ", "Có tổ chức Đảng"],
            rows=[[e.get_kind_display(), e.name, e.commune.code, e.get_size_class_display() if e.size_class else "",
                   e.tax_code, e.address, "có" if e.has_party_organisation else ""] for e in filterset.qs[:100_000]])
    table = paginate_table(request, EstablishmentTable(filterset.qs))
    template = "evaluations/_table.html" if is_htmx(request) else "evaluations/establishment_list.html"
    communes = _communes_where(request.user, perms.MANAGE_ESTABLISHMENT)
    return render(request, template, {"filter": filterset, "table": table, "communes": communes,
                                      "import_form": forms.EstablishmentImportForm()})


def _communes_where(user, action: str) -> list[AdminUnit]:
    """The communes among the user's jurisdictions where they may `action` (for "add" buttons)."""
    return [u for u in top_units(user) if u.level.code == geo.COMMUNE and has_permission(user, action, u)]


def _commune(request, pk: int, action: str) -> AdminUnit:
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level", "parent"), request.user,
                                 VIEW, pk=pk, level__code=geo.COMMUNE)
    require_permission(request.user, action, commune)
    return commune


@login_required
@require_http_methods(["GET", "POST"])
def establishment_create(request, commune_pk: int):
    commune = _commune(request, commune_pk, perms.MANAGE_ESTABLISHMENT)
    return service_form(
        request, forms.EstablishmentForm(request.POST or None),
        save=lambda data: services.establishment_create(actor=request.user, commune=commune, **data),
        success=lambda e: (_("%(name)s added; it is exempt from evaluation.") if e.is_exempt
                           else _("%(name)s added.")) % {"name": e.name},
        redirect_to=lambda e: reverse("evaluations:establishment_list") + f"?commune={commune.pk}",
        template="evaluations/establishment_form.html", context={"commune": commune},
    )


@login_required
@require_POST
def establishment_import(request):
    require_permission(request.user, perms.MANAGE_ESTABLISHMENT)
    form = forms.EstablishmentImportForm(request.POST, request.FILES)
    within = get_visible_or_404(AdminUnit.objects.all(), request.user, perms.MANAGE_ESTABLISHMENT,
                                pk=request.POST.get("within") or 0)
    created = service_action(request, lambda data: services.establishments_import(
        actor=request.user, upload=data["file"], within=within), success=_("The sheet was imported."), form=form)
    return redirect(reverse("evaluations:establishment_list") + (f"?unit={within.pk}" if created else ""))


# --- Incidents and grading ---------------------------------------------------------------------


@login_required
def incident_list(request):
    require_permission(request.user, VIEW)
    incidents = (Incident.objects.visible_to(request.user, VIEW)
                 .select_related("unit__unit_type", "unit__level", "establishment"))
    table = paginate_table(request, IncidentTable(incidents))
    communes = _communes_where(request.user, perms.RECORD_INCIDENT)
    return render(request, "evaluations/incident_list.html", {"table": table, "communes": communes})


@login_required
@require_http_methods(["GET", "POST"])
def incident_record(request, commune_pk: int):
    commune = _commune(request, commune_pk, perms.RECORD_INCIDENT)
    units = AdminUnit.objects.current().filter(pk=commune.pk) | AdminUnit.objects.current().filter(parent=commune)
    form = forms.IncidentForm(request.POST or None, units=units.select_related("unit_type", "level"),
                              establishments=forms.establishment_choices(commune),
                              initial={"unit": commune.pk, "occurred_on": timezone.localdate()})
    return service_form(
        request, form,
        save=lambda data: services.incident_record(actor=request.user, **data),
        success=lambda i: _("Incident recorded; the automatic checks of the unit will see it."),
        redirect_to=lambda i: reverse("evaluations:incident_list"),
        template="evaluations/incident_form.html", context={"commune": commune},
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_grade(request, kind: str, pk: int):
    if kind not in UnitKind.values:
        return redirect("evaluations:dashboard")
    unit, establishment, home = _register_target(request, kind, pk)
    require_permission(request.user, perms.GRADE_MOVEMENT, home)
    year = _year(request)
    sheet = (ScoreSheet.objects.filter(kind=kind).order_by("-valid_from").prefetch_related("items").first())
    existing = MovementGrading.objects.filter(year=year, **selectors.subject(unit, establishment)).first()
    current = dict(existing.entries.values_list("item_id", "points")) if existing else {}
    form = forms.GradingForm(request.POST or None, sheet=sheet, current=current)
    name = establishment.name if establishment else unit.display_name
    target = home if home.level.code == geo.COMMUNE else home.parent
    return service_form(
        request, form,
        save=lambda data: services.movement_grade(actor=request.user, kind=kind, year=year, unit=unit,
                                                  establishment=establishment, points=form.points()),
        success=lambda g: _("%(unit)s graded %(grade)s (%(points)s points).") % {
            "unit": name, "grade": g.get_grade_display().lower(), "points": g.total},
        redirect_to=lambda g: reverse("evaluations:dashboard") + f"?unit={target.pk}&year={year}",
        template="evaluations/grading_form.html",
        context={"name": name, "year": year, "sheet": sheet, "existing": existing,
                 "back": reverse("evaluations:dashboard") + f"?unit={target.pk}&year={year}"},
    )


# --- Rules: criteria, score sheets, targets ----------------------------------------------------


def _rule_scopes(user) -> tuple[bool, AdminUnit | None]:
    """May the user change national rules, and which province's own rules may they change?"""
    root = AdminUnit.objects.filter(level__code=geo.CENTRAL, parent__isnull=True).first()
    national = root is not None and has_permission(user, services.MANAGE_CRITERIA, root)
    province = next((u for u in top_units(user) if u.level.code == geo.PROVINCE
                     and has_permission(user, services.MANAGE_CRITERIA, u)), None)
    return national, province


def _posted_rule_area(request) -> AdminUnit | None:
    """The province a posted rule change is for, or None for the national rules; the service checks
    the permission over it."""
    if request.POST.get("scope") == "national":
        return None
    _national, province = _rule_scopes(request.user)
    if province is None:
        raise PermissionDenied
    return province


@login_required
def rules(request):
    """Every rule of the evaluation in force, with its source; who may, changes them here."""
    require_permission(request.user, VIEW)
    today = timezone.localdate()
    national, province = _rule_scopes(request.user)
    sets = []
    for code, label in UnitKind.choices:
        national_set, own = selectors.criteria_sets(code, province, today)
        sets.append({"kind": code, "label": label, "national": national_set, "own": own,
                     "criteria": list(national_set.criteria.all()) if national_set else [],
                     "own_criteria": list(own.criteria.all()) if own else []})
    latest_sheets = {}  # the sheet in force per kind: the newest
    for sheet in ScoreSheet.objects.prefetch_related("bands", "items").order_by("kind", "-valid_from"):
        latest_sheets.setdefault(sheet.kind, sheet)
    targets = Target.objects.select_related("unit__unit_type", "unit__level").order_by("kind", "unit__path",
                                                                                       "-year_from")
    return render(request, "evaluations/rules.html", {
        "kind_rules": [(UnitKind(kind).label, rule, [SizeClass(c).label for c in rule.exempt_classes or []],
                        [(c, SizeClass(c).label) for c in SIZE_CLASSES_BY_KIND.get(kind, []) if c])
                       for kind, rule in selectors.kind_rules(today).items()],
        "kind_rule_form": forms.KindRuleForm(),
        "sets": sets, "sheets": list(latest_sheets.values()), "targets": targets,
        "can_national": national, "province": province,
        "criterion_form": forms.CriterionForm(), "target_form": forms.TargetForm(initial={"year_from": today.year}),
        "Judgement": Judgement, "today": today,
    })


@login_required
@require_POST
def criterion_add(request):
    require_permission(request.user, perms.MANAGE_CRITERIA)  # anywhere: the service checks where
    province = _posted_rule_area(request)
    service_action(request, lambda data: services.criterion_add(actor=request.user, province=province, **data),
        success=_("Criterion added."), form=forms.CriterionForm(request.POST))
    return redirect("evaluations:rules")


@login_required
@require_POST
def criterion_update(request, pk: int):
    require_permission(request.user, perms.MANAGE_CRITERIA)  # anywhere: the service checks where
    criterion = get_object_or_404(Criterion.objects.select_related("criteria_set__province"), pk=pk)
    service_action(request, lambda data: services.criterion_update(actor=request.user, criterion=criterion, **data),
                   success=_("Criterion changed."), form=forms.CriterionEditForm(request.POST))
    return redirect("evaluations:rules")


@login_required
@require_POST
def criterion_remove(request, pk: int):
    require_permission(request.user, perms.MANAGE_CRITERIA)  # anywhere: the service checks where
    criterion = get_object_or_404(Criterion.objects.select_related("criteria_set__province"), pk=pk)
    service_action(request, lambda data: services.criterion_remove(actor=request.user, criterion=criterion, **data),
                   success=_("Criterion removed."), form=forms.ValidFromForm(request.POST))
    return redirect("evaluations:rules")


@login_required
@require_POST
def score_sheet_confirm(request, pk: int):
    require_permission(request.user, perms.MANAGE_CRITERIA)  # anywhere: the service checks where
    sheet = get_object_or_404(ScoreSheet, pk=pk)
    form = forms.BandsForm(request.POST, sheet=sheet)
    service_action(request, lambda data: services.score_sheet_confirm(actor=request.user, sheet=sheet, bands=data),
                   success=_("Thresholds confirmed."), form=form)
    return redirect("evaluations:rules")


@login_required
@require_POST
def kind_rule_change(request, kind: str):
    require_permission(request.user, perms.MANAGE_CRITERIA)  # anywhere: the service checks where
    if kind not in UnitKind.values:
        raise Http404
    service_action(request, lambda data: services.kind_rule_change(actor=request.user, kind=kind, **data),
                   success=_("Rule saved; evaluations of earlier periods keep theirs."),
                   form=forms.KindRuleForm(request.POST))
    return redirect("evaluations:rules")


@login_required
@require_POST
def target_set(request):
    require_permission(request.user, perms.MANAGE_CRITERIA)  # anywhere: the service checks where
    province = _posted_rule_area(request)
    service_action(request, lambda data: services.target_set(actor=request.user, unit=province, **data),
        success=_("Target saved."), form=forms.TargetForm(request.POST))
    return redirect("evaluations:rules")


@login_required
def evaluation_document(request, pk: int, document: str):
    """A document the registration carries (the Party resolution, the security plan, the form)."""
    if document not in DOCUMENTS:
        raise Http404
    evaluation = get_visible_or_404(Evaluation.objects.all(), request.user, VIEW, pk=pk)
    stored = getattr(evaluation, DOCUMENTS[document])
    return stored_file(stored, f"{document}-{evaluation.year}-{evaluation.pk}.{stored.name.rsplit('.', 1)[-1]}")


@login_required
def criterion_evidence(request, pk: int):
    result = get_visible_or_404(CriterionResult.objects.select_related("criterion"), request.user, VIEW, pk=pk)
    stored = result.evidence
    return stored_file(stored, f"minh-chung-{result.evaluation_id}-{result.criterion.code}."
                               f"{stored.name.rsplit('.', 1)[-1] if stored else 'pdf'}")
