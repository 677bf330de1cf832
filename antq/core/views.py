"""Shared view helpers and the home page."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from antq.core import grants, limits, rules, services
from antq.core import permissions as perms
from antq.core.access import has_national_permission, has_permission
from antq.core.forms import AccessApproveForm, AccessRefuseForm, CalendarDayForm, TimeLimitForm, rule_row_form
from antq.core.models import CalendarDay


def run_service(form, call):
    """Call a service with a bound, valid form; its ValidationError becomes form errors.

    Returns the service's result, or None when it refused (the form then shows why and
    nothing was written: the service's transaction rolled back).
    """
    try:
        return call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else NON_FIELD_ERRORS, errors)
        else:
            form.add_error(NON_FIELD_ERRORS, exc.messages)
        return None


def service_form(request, form, *, save, success, redirect_to, template: str, context: dict):
    """The flow every form page shares: on a valid POST call the service once, then redirect.

    `save(cleaned_data)` calls the service; `success(result)` gives the flash message and
    `redirect_to(result)` the next URL. A refusal re-renders the form (status 400) with what was
    typed and the reason on its field, nothing saved.
    """
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result is not None:
            messages.success(request, success(result))
            return redirect(redirect_to(result))
    return render(request, template, {"form": form, **context}, status=400 if request.method == "POST" else 200)


def _errors_text(form) -> str:
    return " ".join(
        f"{form.fields[field].label}: {' '.join(errors)}" if field in form.fields else " ".join(errors)
        for field, errors in form.errors.items()
    )


def service_action(request, call, *, success: str, form=None):
    """A small POST whose page redirects back (a button, a one-line form): run the service and
    flash its outcome. With `form`, `call` receives its cleaned data; invalid input is flashed
    and nothing runs."""
    if form is not None and not form.is_valid():
        messages.error(request, _errors_text(form))
        return None
    target = form if form is not None else Form(request.POST)
    result = run_service(target, (lambda: call(form.cleaned_data)) if form is not None else call)
    if result is not None:
        messages.success(request, success)
    else:
        messages.error(request, _errors_text(target))
    return result


def stored_file(field_file, filename: str):
    """A stored file sent as a download (never shown inline: a file is never run as a page of this site),
    decrypted as it streams (antq.core.storage); 404 when the field holds none."""
    from django.http import FileResponse

    if not field_file:
        raise Http404
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename)


def year_param(request, *, latest: int | None = None) -> int:
    """The `?year=` asked for, between 2000 and `latest` (this year by default); else this year."""
    this_year = timezone.localdate().year
    latest = latest or this_year
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return this_year
    return year if 2000 <= year <= latest else this_year


def require_permission(user, action: str, unit=None) -> None:
    """403 for a user who sees the object but lacks the permission to act on it."""
    if not has_permission(user, action, unit):
        raise PermissionDenied


class BoundedPaginator(Paginator):
    """Pages of a list without counting millions of rows: the count stops at LIMIT + 1 (a LIMIT
    subquery the scope's index answers), and the page says "more than 10,000" past it — filters and
    sorting reach the rest. Lists of a commune or a province count exactly, as before."""

    LIMIT = 10_000

    @cached_property
    def count(self) -> int:
        queryset = getattr(getattr(self.object_list, "data", None), "data", None)
        if isinstance(queryset, QuerySet):
            return queryset[: self.LIMIT + 1].count()
        return super().count

    @property
    def beyond(self) -> bool:
        return self.count > self.LIMIT

    def _get_page(self, object_list, number, paginator):
        # The page's rows read once, as a list: the template's loop then takes their number from the list,
        # not from one more COUNT over the sliced query.
        return super()._get_page(list(object_list), number, paginator)


def paginate_table(request, table, per_page: int = 50):
    RequestConfig(request, paginate={"per_page": per_page, "paginator_class": BoundedPaginator}).configure(table)
    return table


def too_many(request, scope: str, setting: str):
    """A citizens' page over its rate (antq.core.ratelimit): 429 saying when to try again. The page and the
    API of an action count in one bucket (the scope)."""
    from antq.core.ratelimit import limit_setting, wait_seconds

    count, window = limit_setting(setting)
    if (wait := wait_seconds(request, scope, limit=count, window=window)) is not None:
        response = render(request, "core/public_limited.html", {"wait_minutes": -(-wait // 60)}, status=429)
        response["Retry-After"] = str(wait)
        return response
    return None


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def audit_list(request):
    from antq.core.models import AuditEvent
    from antq.core.tables import AuditEventTable

    require_permission(request.user, perms.VIEW_AUDIT)
    events = AuditEvent.objects.visible_to(request.user, perms.VIEW_AUDIT).select_related("actor")
    if request.GET.get("action"):
        events = events.filter(action__startswith=request.GET["action"].strip())
    table = paginate_table(request, AuditEventTable(events))
    return render(request, "core/audit_list.html", {"table": table})


# --- The rules area -------------------------------------------------------------------------------

def _rules_page(request, *, calendar_form=None, limit_form=None, status=200):
    """Every rule of the product with its source: the working calendar of a year, the time limits in
    force and their dated changes, and the apps' own rule pages. Anyone signed in reads them; the
    ministry's administrator changes the national ones (the forms keep what was typed on an error)."""
    today = timezone.localdate()
    year = year_param(request, latest=today.year + 10)
    can_change = has_national_permission(request.user, services.MANAGE_RULES)
    rows = []
    for spec in limits.declared():
        versions = limits.versions(spec.code)
        bound = limit_form is not None and limit_form.data.get("code") == spec.code
        rows.append({
            "spec": spec, "now": limits.in_force(spec.code, today),
            "later": [v for v in versions if v.valid_from and v.valid_from > today],
            "form": limit_form if bound else TimeLimitForm(spec=spec, initial={
                "code": spec.code, "valid_from": today, "amount": limits.in_force(spec.code, today).amount,
                "unit": limits.in_force(spec.code, today).unit}),
            "open": bound,
        })
    days = CalendarDay.objects.filter(day__year=year)
    return render(request, "core/rules.html", {
        "today": today, "year": year, "years": range(today.year - 1, today.year + 3), "days": days,
        "is_package_year": not days.exists(), "package_days": sorted(limits.package_days(year).items()),
        "limits": rows, "pages": rules.pages(), "tables": rules.tables(), "can_change": can_change,
        "calendar_form": calendar_form or CalendarDayForm(), "calendar_open": calendar_form is not None,
    }, status=status)


@login_required
def rules_list(request):
    return _rules_page(request)


def _require_rules(request) -> None:
    if not has_national_permission(request.user, services.MANAGE_RULES):
        raise PermissionDenied


@login_required
@require_POST
def calendar_day_add(request):
    _require_rules(request)
    form = CalendarDayForm(request.POST)
    if form.is_valid():
        row = run_service(form, lambda: services.calendar_day_set(actor=request.user, **form.cleaned_data))
        if row is not None:
            messages.success(request, _("The calendar is saved: %(day)s.") % {"day": row})
            return redirect(f"{_rules_url()}?year={row.day.year}#calendar")
    return _rules_page(request, calendar_form=form, status=400)


@login_required
@require_POST
def calendar_day_remove(request, pk: int):
    _require_rules(request)
    row = get_object_or_404(CalendarDay, pk=pk)
    service_action(request, lambda: services.calendar_day_remove(actor=request.user, day=row),
                   success=_("Removed from the calendar: %(day)s.") % {"day": row})
    return redirect(f"{_rules_url()}?year={row.day.year}#calendar")


@login_required
@require_POST
def calendar_year_load(request):
    _require_rules(request)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = None
    added = service_action(request, lambda: services.calendar_year_load(actor=request.user, year=year),
                           success=_("The year's days off and make-up working days are loaded."))
    return redirect(f"{_rules_url()}?year={year if added is not None else timezone.localdate().year}#calendar")


@login_required
@require_POST
def time_limit_change(request, code: str):
    _require_rules(request)
    try:
        spec = limits.spec(code)
    except KeyError:
        raise Http404 from None
    form = TimeLimitForm(request.POST, spec=spec)
    if form.is_valid():
        data = {**form.cleaned_data, "code": code}
        row = run_service(form, lambda: services.time_limit_change(actor=request.user, **data))
        if row is not None:
            messages.success(request, _("%(limit)s: %(amount)s %(unit)s from %(date)s.") % {
                "limit": spec.label, "amount": row.amount, "unit": row.get_unit_display(),
                "date": f"{row.valid_from:%d/%m/%Y}"})
            return redirect(f"{_rules_url()}#limits")
    return _rules_page(request, limit_form=form, status=400)


def _rule_table(key: str):
    try:
        return rules.table(key)
    except KeyError:
        raise Http404 from None


@login_required
def rule_table(request, key: str):
    """One rule table: its rows with their dates and source; the ministry adds and changes rows."""
    table = _rule_table(key)
    fields = [table.model._meta.get_field(name) for name in table.fields]
    rows = [{"row": row, "pairs": [(field.verbose_name, _shown(row, field)) for field in fields]}
            for row in table.rows()]
    return render(request, "core/rule_table.html", {
        "table": table, "rows": rows,
        "has_valid_to": any(f.name == "valid_to" for f in table.model._meta.concrete_fields),
        "can_change": not table.edited_on and has_national_permission(request.user, services.MANAGE_RULES),
        "today": timezone.localdate()})


def _shown(row, field) -> str:
    value = getattr(row, field.name)
    if field.choices:
        return getattr(row, f"get_{field.name}_display")()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "—" if value in (None, "") else str(value)


@login_required
def rule_row_edit(request, key: str, pk: int | None = None):
    """Add a row to a rule table, or change one from a date; an error keeps what was typed."""
    table = _rule_table(key)
    _require_rules(request)
    if table.edited_on:
        return redirect(table.edited_on)
    row = get_object_or_404(table.rows(), pk=pk) if pk else None
    initial = {"valid_from": timezone.localdate()} if table.dated else {}
    form = rule_row_form(table, request.POST or None, instance=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in table.fields}
        if row is not None:  # the form's instance carries the typed values; the service starts from the row
            row = table.model.objects.get(pk=row.pk)
        saved = run_service(form, lambda: services.rule_row_save(
            actor=request.user, table=table, row=row, values=values,
            valid_from=form.cleaned_data.get("valid_from")))
        if saved is not None:
            messages.success(request, _("Saved: %(row)s.") % {"row": saved})
            return redirect("rule_table", key=key)
    return render(request, "core/rule_row_form.html", {"table": table, "form": form, "row": row},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def rule_row_remove(request, key: str, pk: int):
    table = _rule_table(key)
    _require_rules(request)
    if table.edited_on:
        return redirect(table.edited_on)
    row = get_object_or_404(table.rows(), pk=pk)
    service_action(request, lambda: services.rule_row_remove(actor=request.user, table=table, row=row,
                                                              valid_from=timezone.localdate()),
                   success=_("Taken out: %(row)s.") % {"row": row})
    return redirect("rule_table", key=key)


def _rules_url() -> str:
    return reverse("rules")



# --- Two-person access --------------------------------------------------------------------------------

def _access_page(request, *, bound=None, status=200):
    """What waits for the user's decision (with a form each: approve for how long, or refuse with a
    reason), the user's own requests, and the recent decisions the user made."""
    user = request.user
    labels = {p.code: p.label for p in grants.purposes()}
    limits_by_purpose = {p.code: limits.in_force(p.limit).amount for p in grants.purposes()}

    def rows(queryset, with_forms=False):
        found = []
        for grant in queryset.select_related("requested_by", "decided_by")[:100]:
            row = {"grant": grant, "label": labels.get(grant.purpose, grant.purpose), "link": grants.link(grant)}
            if with_forms:
                most = limits_by_purpose.get(grant.purpose, 1)
                approve, refuse = bound if bound and bound[0].initial.get("pk") == grant.pk else (None, None)
                row["approve"] = approve or AccessApproveForm(grant=grant, initial={"hours": most})
                row["refuse"] = refuse or AccessRefuseForm(grant=grant)
                row["most"] = most
            found.append(row)
        return found

    return render(request, "core/access_list.html", {
        "waiting": rows(grants.approvable(user).order_by("requested_at", "pk"), with_forms=True),
        "mine": rows(grants.mine(user)), "decided": rows(grants.decided_by_me(user).order_by("-decided_at")),
        "emergencies": rows(grants.emergencies(user).filter(
            requested_at__gte=timezone.now() - datetime.timedelta(days=30)).exclude(requested_by_id=user.pk)),
        "now": timezone.now(),
    }, status=status)


@login_required
def access_list(request):
    return _access_page(request)


@login_required
@require_POST
def access_decide(request, pk: int, decision: str):
    """Approve, refuse or end a request; a refused input keeps what was typed, on its field."""
    if decision not in ("approve", "refuse", "end"):
        raise Http404
    grant = get_object_or_404(grants.visible(request.user), pk=pk)
    if decision == "end":
        service_action(request, lambda: services.access_end(actor=request.user, grant=grant),
                       success=_("The access is closed."))
        return redirect("access_list")
    approve = AccessApproveForm(request.POST if decision == "approve" else None, grant=grant, initial={"pk": grant.pk})
    refuse = AccessRefuseForm(request.POST if decision == "refuse" else None, grant=grant, initial={"pk": grant.pk})
    form = approve if decision == "approve" else refuse
    if form.is_valid():
        if decision == "approve":
            done = run_service(form, lambda: services.access_approve(actor=request.user, grant=grant,
                                                                     **form.cleaned_data))
            text = _("Approved: the officer can read it until %(time)s.")
        else:
            done = run_service(form, lambda: services.access_refuse(actor=request.user, grant=grant,
                                                                    **form.cleaned_data))
            text = _("Refused; the officer sees your reason.")
        if done is not None:
            messages.success(request, text % {"time": f"{timezone.localtime(done.expires_at):%H:%M %d/%m/%Y}"}
                             if done.expires_at else text)
            return redirect("access_list")
    if not grants.can_decide(request.user, grant):
        raise PermissionDenied
    return _access_page(request, bound=(approve, refuse), status=400)
