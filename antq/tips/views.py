"""Pages of the tips app: the public report and follow-up (no account), and the commune
police's queue and tip page. The public views keep nothing about the client: no address, no
user agent, no session."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from antq.core import grants
from antq.core.access import get_visible_or_404, has_national_permission, has_permission
from antq.core.ratelimit import client_key
from antq.core.views import paginate_table, require_permission, run_service, service_action, too_many
from antq.geo import choices as geo
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.geo.selectors import top_units
from antq.geo.tiles import commune_tiles
from antq.orgs import permissions as orgs_perms
from antq.orgs.models import User
from antq.tips import forms, selectors, services
from antq.tips import permissions as perms
from antq.tips.choices import OPEN_STATUSES, Author, Status
from antq.tips.filtersets import TipFilterSet
from antq.tips.models import Tip, TipAttachment
from antq.tips.tables import TipTable

VIEW, HANDLE, RECORD = services.VIEW, services.HANDLE, services.RECORD


@never_cache
@require_http_methods(["GET", "POST"])
def report(request):
    """Anyone may report (Art. 145: no report is refused); the code and secret are shown once."""
    if request.method == "POST" and (limited := too_many(request, "tip-submit", "ANTQ_TIP_SUBMIT_LIMIT")):
        return limited
    form = forms.ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.tip_accept(**form.service_values()))
        if result is not None:
            receipt_code, secret = result
            expect = selectors.receipt_expectations(timezone.now(), anonymous=form.service_values()["anonymous"])
            response = render(request, "tips/public_receipt.html", {"receipt_code": receipt_code, "secret": secret,
                                                                    **expect})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "tips/public_report.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request):
    """The reporter's view: status, messages, a reply — with the receipt code and the secret."""
    if request.method == "GET":
        return render(request, "tips/public_follow.html", {"form": forms.FollowForm()})
    if limited := too_many(request, "tip-follow", "ANTQ_TIP_FOLLOW_LIMIT"):
        return limited
    form = forms.ReplyForm(request.POST, request.FILES or None)
    tip, own_data, action = None, None, request.POST.get("action", "")
    if form.is_valid():
        tip = run_service(form, lambda: services.reporter_access(receipt_code=form.cleaned_data["receipt_code"],
                                                                 secret=form.cleaned_data["secret"],
                                                                 client=client_key(request)))
        if tip is not None and action.startswith("withdraw_"):
            scope = action.removeprefix("withdraw_")
            tip = run_service(form, lambda: services.reporter_withdraw(tip=tip, scope=scope)) or tip
        if tip is not None and action in ("my_data", "withdraw_contact") and not tip.anonymous:
            own_data = services.reporter_own_data(tip=tip)
        if tip is not None and not action and (form.cleaned_data.get("body") or form.cleaned_data.get("attachments")):
            sent = run_service(form, lambda: services.reporter_message(
                tip=tip, body=form.cleaned_data.get("body", ""), attachments=form.cleaned_data.get("attachments")))
            if sent is not None:
                form = forms.ReplyForm(initial={"receipt_code": tip.receipt_code,
                                                "secret": form.cleaned_data["secret"]})
    if tip is None:
        return render(request, "tips/public_follow.html", {"form": form})
    # Not "messages": the base template shows Django's messages under that name.
    thread = tip.messages.order_by("created_at")
    return render(request, "tips/public_status.html", {"tip": tip, "thread": thread, "form": form,
                                                       "Author": Author, "own_data": own_data})


# --- The police side ------------------------------------------------------------------------------


LIST_DEFERRED = ("description", "address", "latitude", "longitude", "reporter_name", "reporter_phone",
                 "reporter_id_number", "reporter_address", "reporter_email", "consent", "secret_hash")


def _queue(user):
    return Tip.objects.visible_to(user, VIEW).select_related("category", "commune__unit_type", "commune__level",
                                                             "assigned_to")


@login_required
def tip_list(request):
    require_permission(request.user, VIEW)
    # The queue reads none of the sealed or personal columns: nothing to decrypt for a list (bench/lists.py).
    queue = _queue(request.user).defer(*LIST_DEFERRED)
    filterset = TipFilterSet(request.GET, queryset=queue)
    table = paginate_table(request, TipTable(filterset.qs))
    recordable = [u for u in top_units(request.user) if u.level.code == geo.COMMUNE
                  and has_permission(request.user, RECORD, u)]
    # Counted within a commune or a province; over the whole country (half a million tips) the pills
    # go without numbers rather than scan the table on every page.
    counts = {} if has_national_permission(request.user, VIEW) else selectors.workload(
        Tip.objects.visible_to(request.user, VIEW))
    # Quick filters with their counts: the home page's cards lead to the same rows.
    shown = next((key for key in ("overdue", "due_today") if request.GET.get(key) == "true"),
                 "new" if request.GET.get("status") == Status.RECEIVED and len(request.GET) == 1 else
                 "all" if not request.GET else None)
    quick = [{"key": key, "label": label, "count": counts.get(key), "url": url, "active": key == shown}
             for key, label, url in (("all", _("All"), "?"), ("new", _("New"), f"?status={Status.RECEIVED}"),
                                     ("due_today", _("Due today"), "?due_today=true"),
                                     ("overdue", _("Overdue"), "?overdue=true"))]
    return render(request, "tips/tip_list.html", {"filter": filterset, "table": table, "communes": recordable,
                                                  "quick": quick})


def _tip(request, pk: int) -> Tip:
    return get_visible_or_404(_queue(request.user).select_related("merged_into", "province"), request.user, VIEW,
                              pk=pk)


def _detail(request, tip: Tip, identity: dict | None = None, status: int = 200, identity_form=None,
            bound: tuple[str, object] | None = None):
    """The tip's page; `bound` is (action, form) of an action refused: that form comes back with what was
    typed and the error on its field (antq.js opens its section and focuses it)."""
    user = request.user
    can_handle = has_permission(user, HANDLE, tip.commune)
    officers = (User.objects.visible_to(user, orgs_perms.VIEW_USER)
                .filter(role_assignments__role__permissions__code=HANDLE, role_assignments__scope=tip.commune,
                        role_assignments__revoked_at__isnull=True).distinct().order_by("full_name"))
    forms_ = {
        "triage_form": forms.TriageForm(initial={"urgent": tip.urgent, "urgent_reason": tip.urgent_reason,
                                                 "complex_case": tip.complex_case, "category": tip.category_id}),
        "assign_form": forms.AssignForm(officers=officers, initial={"officer": tip.assigned_to_id}),
        "extend_form": forms.ExtendForm(), "suspend_form": forms.SuspendForm(), "resume_form": forms.ResumeForm(),
        "resolve_form": forms.ResolveForm(), "not_crime_form": forms.NotCrimeForm(),
        "forward_form": forms.ForwardForm(), "merge_form": forms.MergeForm(), "message_form": forms.MessageForm(),
    }
    if bound is not None:
        forms_[f"{bound[0]}_form"] = bound[1]
    return render(request, "tips/tip_detail.html", {
        **forms_,
        "tip": tip, "identity": identity,
        "can_handle": can_handle, "identity_grant": services.identity_grant(user, tip),
        "can_request_identity": services.can_request_identity(user, tip),
        "identity_request": grants.latest(user, services.IDENTITY_PURPOSE, tip),
        "identity_form": identity_form or forms.IdentityRequestForm(),
        "messages_": tip.messages.select_related("officer"),
        "attachments": tip.attachments.all(),
        "duplicates": selectors.likely_duplicates(tip) if tip.is_open and can_handle else [],
        "now": timezone.now(), "today": timezone.localdate(),
        "Status": Status, "OPEN": OPEN_STATUSES,
    }, status=status)


@login_required
def tip_detail(request, pk: int):
    return _detail(request, _tip(request, pk))


@login_required
@require_POST
def tip_identity(request, pk: int):
    """Show the reporter's identity under an approved request (antq.core.grants); the read is audited."""
    tip = _tip(request, pk)
    if not services.can_read_identity(request.user, tip):
        raise PermissionDenied
    return _detail(request, tip, identity=services.identity_read(actor=request.user, tip=tip))


@login_required
@require_POST
def tip_identity_request(request, pk: int):
    """Ask a second person to open the reporter's identity; a refusal keeps the reason typed."""
    tip = _tip(request, pk)
    if not services.can_request_identity(request.user, tip):
        raise PermissionDenied
    form = forms.IdentityRequestForm(request.POST)
    if form.is_valid() and run_service(form, lambda: services.identity_request(
            actor=request.user, tip=tip, reason=form.cleaned_data["reason"])) is not None:
        messages.success(request, _("Request sent: the reporter's identity opens here once it is approved."))
        return redirect("tips:tip_detail", pk=tip.pk)
    return _detail(request, tip, status=400, identity_form=form)


ACTIONS = {
    "triage": (forms.TriageForm, services.tip_triage, _("Triage saved; the deadlines follow from it.")),
    "verify": (None, services.tip_verify, _("Verification started.")),
    "extend": (forms.ExtendForm, services.tip_extend, _("The time limit is extended.")),
    "suspend": (forms.SuspendForm, services.tip_suspend, _("Suspended; the reporter has been told.")),
    "resume": (forms.ResumeForm, services.tip_resume, _("Resumed with one more month.")),
    "forward": (forms.ForwardForm, services.tip_forward, _("Forwarded to the investigation body.")),
    "resolve": (forms.ResolveForm, services.tip_resolve, _("Resolved.")),
    "not_crime": (forms.NotCrimeForm, services.tip_not_crime, _("Closed as not a crime.")),
    "message": (forms.MessageForm, services.officer_message, _("Message sent to the reporter.")),
}


@login_required
@require_POST
def tip_action(request, pk: int, action: str):
    tip = _tip(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, service, success = ACTIONS[action]
    if form_class is None:  # a button: nothing typed to keep
        service_action(request, lambda: service(actor=request.user, tip=tip), success=success)
        return redirect("tips:tip_detail", pk=tip.pk)
    form = form_class(request.POST)
    if form.is_valid() and run_service(form, lambda: service(actor=request.user, tip=tip, **form.cleaned_data)) \
            is not None:
        messages.success(request, success)
        return redirect("tips:tip_detail", pk=tip.pk)
    return _detail(request, _tip(request, pk), status=400, bound=(action, form))


@login_required
@require_POST
def tip_assign(request, pk: int):
    tip = _tip(request, pk)
    officers = User.objects.visible_to(request.user, orgs_perms.VIEW_USER)
    form = forms.AssignForm(request.POST, officers=officers)
    if form.is_valid() and run_service(form, lambda: services.tip_assign(actor=request.user, tip=tip,
                                                                         **form.cleaned_data)) is not None:
        messages.success(request, _("Officer assigned."))
        return redirect("tips:tip_detail", pk=tip.pk)
    return _detail(request, tip, status=400, bound=("assign", form))


@login_required
@require_POST
def tip_merge(request, pk: int):
    tip = _tip(request, pk)
    form = forms.MergeForm(request.POST)

    def merge(data):
        into = _queue(request.user).filter(receipt_code=data["into"].strip().upper()).first()
        if into is None:
            raise ValidationError({"into": [_("No tip of yours has this receipt code.")]})
        return services.tip_merge(actor=request.user, tip=tip, into=into)

    if form.is_valid() and run_service(form, lambda: merge(form.cleaned_data)) is not None:
        messages.success(request, _("Filed with the tip it repeats."))
        return redirect("tips:tip_detail", pk=tip.pk)
    return _detail(request, tip, status=400, bound=("merge", form))


@login_required
def attachment(request, pk: int):
    item = get_visible_or_404(TipAttachment.objects.select_related("tip"), request.user, VIEW, pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=f"{item.tip.receipt_code}-{item.pk}."
                        f"{item.kind}")


@login_required
@require_http_methods(["GET", "POST"])
def tip_record(request, commune_pk: int):
    commune = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level", "parent"), request.user,
                                 geo_perms.VIEW_UNIT, pk=commune_pk, level__code=geo.COMMUNE)
    require_permission(request.user, RECORD, commune)
    form = forms.RecordForm(request.POST or None, request.FILES or None, commune=commune)

    def save(data):
        values = form.service_values()
        return services.tip_record(actor=request.user, channel=data["channel"], report_type=data["report_type"],
                                   reporter_organisation=data.get("reporter_organisation", ""), **values)

    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result is not None:
            # The secret is shown once, on this page: never in a flash message (a cookie) nor a redirect.
            tip, secret = result
            return render(request, "tips/tip_recorded.html", {
                "tip": tip, "secret": secret, "commune": commune,
                "next_url": reverse("tips:tip_detail", args=[tip.pk]) if has_permission(request.user, VIEW, commune)
                else reverse("tips:tip_list")})
    return render(request, "tips/tip_record.html", {"form": form, "commune": commune})


@login_required
def receipt_docx(request, pk: int):
    from antq.tips.documents import receipt_record_docx

    tip = _tip(request, pk)
    response = HttpResponse(receipt_record_docx(tip), content_type="application/vnd.openxmlformats-officedocument."
                                                                    "wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="bien-ban-{tip.receipt_code}.docx"'
    return response


@login_required
def register_xlsx(request):
    """The monthly register (sổ tiếp nhận) of the user's tips: no identity in it."""
    from antq.core.exports import xlsx_response

    require_permission(request.user, VIEW)
    today = timezone.localdate()
    try:  # "YYYY-MM" of a month this product can hold; anything else: this month
        first = datetime.date.fromisoformat(f"{request.GET.get('month', '')}-01")
        if not 2000 <= first.year <= today.year + 1:
            raise ValueError
        year, number = first.year, first.month
    except ValueError:
        year, number = today.year, today.month
    tips = (_queue(request.user).defer(*LIST_DEFERRED).filter(received_at__year=year, received_at__month=number)
            .order_by("commune__search_name", "register_number"))
    return xlsx_response(
        f"so-tiep-nhan-{year}-{number:02d}.xlsx", title=_("Register of tips, %(m)02d/%(y)s") % {"m": number, "y": year},
        headers=[_("No."), _("Receipt code"), _("Received at"), _("Channel"), _("Type"), _("Category"), _("Commune"),
                 _("Anonymous"), _("Status"), _("Resolve by")],
        rows=[[t.register_number, t.receipt_code, t.received_at,
               t.get_channel_display(), t.get_report_type_display(), str(t.category), t.commune.display_name,
               "✔" if t.anonymous else "", t.get_status_display(), t.resolve_due] for t in tips])


@login_required
def statistics(request):
    require_permission(request.user, perms.VIEW_STATISTICS)
    # Read through the access layer with the statistics permission: a Front official sees the counts
    # of their area, never a tip.
    tips = Tip.objects.visible_to(request.user, perms.VIEW_STATISTICS)
    scopes = [u for u in top_units(request.user) if has_permission(request.user, perms.VIEW_STATISTICS, u)]
    police = has_permission(request.user, VIEW)
    stats = selectors.statistics(tips, police=police)
    context = {"stats": stats, "police": police, "scopes": scopes, "Status": Status}
    provinces = [u for u in scopes if u.level.code == geo.PROVINCE]
    if len(provinces) == 1:  # a province's communes as tiles: red where a tip is overdue
        late = stats["late_by_commune"]
        rows = [{"unit": u, "late": late[u.pk][1] if u.pk in late else None, "tips": late.get(u.pk, (0, 0))[0]}
                for u in AdminUnit.objects.current().filter(parent=provinces[0], level__code=geo.COMMUNE)
                .select_related("unit_type", "level")]
        context["commune_tiles"] = commune_tiles(
            rows, "late", tone=lambda row: "none" if not row["tips"] else "low" if row["late"] else "ok",
            shown=lambda overdue: "—" if overdue is None else overdue,
            href=lambda u: reverse("tips:tip_list") + f"?commune={u.pk}&overdue=true" if police else "#by-commune")
    return render(request, "tips/statistics.html", context)
