"""Shared view helpers and the home page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.forms import Form
from django.shortcuts import redirect, render
from django.utils import timezone
from django_tables2 import RequestConfig

from antq.core.access import has_permission


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
    `redirect_to(result)` the next URL. A refusal re-renders the form with the reason and
    nothing saved.
    """
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: save(form.cleaned_data))
        if result is not None:
            messages.success(request, success(result))
            return redirect(redirect_to(result))
    return render(request, template, {"form": form, **context})


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


def paginate_table(request, table, per_page: int = 50):
    RequestConfig(request, paginate={"per_page": per_page}).configure(table)
    return table


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def home(request):
    from antq.dashboards.selectors import home_summary
    from antq.geo.selectors import top_units
    from antq.orgs.selectors import active_assignments

    units = top_units(request.user)
    return render(request, "core/home.html", {
        "assignments": list(active_assignments(request.user)),
        "top_units": units,
        # The glance covers the first few jurisdictions; a user rarely holds more.
        "summaries": [home_summary(request.user, unit) for unit in units[:3]],
    })


@login_required
def audit_list(request):
    from antq.core.models import AuditEvent
    from antq.core.tables import AuditEventTable

    require_permission(request.user, "core.view_audit")
    events = AuditEvent.objects.visible_to(request.user, "core.view_audit").select_related("actor")
    if request.GET.get("action"):
        events = events.filter(action__startswith=request.GET["action"].strip())
    table = paginate_table(request, AuditEventTable(events))
    return render(request, "core/audit_list.html", {"table": table})
