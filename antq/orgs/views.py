import base64
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.core.access import get_visible_or_404, has_permission
from antq.core.views import is_htmx, paginate_table, require_permission, run_service, service_action, service_form
from antq.geo import permissions as geo_perms
from antq.geo.models import AdminUnit
from antq.orgs import forms, services
from antq.orgs import permissions as perms
from antq.orgs.filtersets import OrganisationFilterSet, UserFilterSet
from antq.orgs.models import Organisation, RoleAssignment, User
from antq.orgs.selectors import user_with_assignments
from antq.orgs.tables import OrganisationTable, UserTable

# --- Organisations ---------------------------------------------------------------------


@login_required
def organisation_list(request):
    require_permission(request.user, perms.VIEW_ORGANISATION)
    queryset = (Organisation.objects.visible_to(request.user, perms.VIEW_ORGANISATION)
                .select_related("org_type", "unit__unit_type", "unit__level"))
    filterset = OrganisationFilterSet(request.GET, queryset=queryset)
    table = paginate_table(request, OrganisationTable(filterset.qs))
    template = "orgs/_table.html" if is_htmx(request) else "orgs/organisation_list.html"
    return render(request, template, {"filter": filterset, "table": table})


@login_required
def organisation_detail(request, pk: int):
    org = get_visible_or_404(Organisation.objects.select_related("org_type", "unit__unit_type", "unit__level"),
                             request.user, perms.VIEW_ORGANISATION, pk=pk)
    members = (RoleAssignment.objects.active().visible_to(request.user, perms.VIEW_USER)
               .filter(organisation=org).select_related("user", "role", "scope__unit_type", "scope__level"))
    return render(request, "orgs/organisation_detail.html", {
        "org": org, "members": members,
        "can_edit": has_permission(request.user, perms.MANAGE_ORGANISATION, org.unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request, unit_pk: int):
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"),
                              request.user, geo_perms.VIEW_UNIT, pk=unit_pk)
    require_permission(request.user, perms.MANAGE_ORGANISATION, unit)
    return service_form(
        request, forms.OrganisationForm(request.POST or None),
        save=lambda data: services.organisation_create(actor=request.user, unit=unit, **data),
        success=lambda org: _("Organisation “%(name)s” added.") % {"name": org.name},
        redirect_to=lambda org: reverse("orgs:organisation_detail", args=[org.pk]),
        template="orgs/organisation_form.html", context={"unit": unit, "org": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk: int):
    org = get_visible_or_404(Organisation.objects.select_related("org_type", "unit__unit_type", "unit__level"),
                             request.user, perms.VIEW_ORGANISATION, pk=pk)
    require_permission(request.user, perms.MANAGE_ORGANISATION, org.unit)
    form = forms.OrganisationEditForm(request.POST or None, initial={
        "name": org.name, "org_type": org.org_type, "address": org.address, "phone": org.phone,
        "email": org.email, "is_active": org.is_active})
    return service_form(
        request, form,
        save=lambda data: services.organisation_update(actor=request.user, organisation=org, **data),
        success=lambda _org: _("Changes saved."),
        redirect_to=lambda _org: reverse("orgs:organisation_detail", args=[org.pk]),
        template="orgs/organisation_form.html", context={"unit": org.unit, "org": org},
    )


# --- Users and roles -------------------------------------------------------------------


@login_required
def user_list(request):
    require_permission(request.user, perms.VIEW_USER)
    queryset = (User.objects.visible_to(request.user, perms.VIEW_USER)
                .select_related("home_unit__unit_type", "home_unit__level"))
    filterset = UserFilterSet(request.GET, queryset=queryset)
    table = paginate_table(request, UserTable(filterset.qs))
    template = "orgs/_table.html" if is_htmx(request) else "orgs/user_list.html"
    return render(request, template, {"filter": filterset, "table": table})


@login_required
def user_detail(request, pk: int):
    get_visible_or_404(User.objects, request.user, perms.VIEW_USER, pk=pk)
    account = user_with_assignments(User.objects, pk)
    can_manage = forms.RoleGrantForm.can_grant(request.user, account)
    from knox.models import AuthToken

    tokens = [(token, forms.ApiTokenRevokeForm(auto_id=f"id_{token.token_key}_%s"))
              for token in AuthToken.objects.filter(user=account, expiry__gt=timezone.now()).order_by("-created")
              ] if can_manage else []
    return render(request, "orgs/user_detail.html", {
        "account": account, "tokens": tokens,
        "can_manage": can_manage,
        "grant_form": forms.RoleGrantForm(actor=request.user, user=account) if can_manage else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request, unit_pk: int):
    unit = get_visible_or_404(AdminUnit.objects.select_related("unit_type", "level"),
                              request.user, geo_perms.VIEW_UNIT, pk=unit_pk)
    require_permission(request.user, perms.MANAGE_USER, unit)
    return service_form(
        request, forms.UserCreateForm(request.POST or None),
        save=lambda data: services.user_create(actor=request.user, home_unit=unit, **data),
        success=lambda account: _("Account “%(name)s” created. Now grant it a role.") % {"name": account.username},
        redirect_to=lambda account: reverse("orgs:user_detail", args=[account.pk]),
        template="orgs/user_form.html", context={"unit": unit},
    )


@login_required
@require_POST
def user_set_active(request, pk: int):
    account = get_visible_or_404(User.objects.select_related("home_unit"), request.user, perms.VIEW_USER, pk=pk)
    require_permission(request.user, perms.MANAGE_USER, account.home_unit)
    activate = request.POST.get("is_active") == "1"
    service_action(request, lambda: services.user_set_active(actor=request.user, user=account, is_active=activate),
                   success=_("Account activated.") if activate else _("Account deactivated."))
    return redirect("orgs:user_detail", pk=account.pk)


@login_required
@require_POST
def role_grant(request, pk: int):
    account = get_visible_or_404(User.objects.select_related("home_unit"), request.user, perms.VIEW_USER, pk=pk)
    require_permission(request.user, perms.MANAGE_USER, account.home_unit)
    form = forms.RoleGrantForm(request.POST, actor=request.user, user=account)
    if form.is_valid() and run_service(form, lambda: services.role_grant(
            actor=request.user, user=account, **form.cleaned_data)):
        messages.success(request, _("Role granted."))
        return redirect("orgs:user_detail", pk=account.pk)
    account = user_with_assignments(User.objects, pk)
    return render(request, "orgs/user_detail.html",
                  {"account": account, "can_manage": True, "grant_form": form}, status=400)


@login_required
@require_POST
def role_revoke(request, pk: int):
    assignment = get_visible_or_404(RoleAssignment.objects.select_related("scope"),
                                    request.user, perms.VIEW_USER, pk=pk)
    require_permission(request.user, perms.MANAGE_USER, assignment.scope)
    service_action(request, lambda: services.role_revoke(actor=request.user, assignment=assignment),
                   success=_("Role revoked."))
    return redirect("orgs:user_detail", pk=assignment.user_id)


# --- Login, second factor, password, API token ----------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "orgs/login.html"
    redirect_authenticated_user = True


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    if not devices.exists():
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _safe_next(request)})}")
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or has expired. Try the current one."))
    return render(request, "orgs/otp_verify.html", {"form": form, "next": _safe_next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('otp_verify')}?{urlencode({'next': _safe_next(request)})}")
    device = services.totp_device_start(actor=request.user)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            services.totp_device_confirm(actor=request.user, device=device)
            django_otp.login(request, device)
            messages.success(request, _("Second factor set up."))
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or has expired. Try the current one."))
    return render(request, "orgs/otp_setup.html", {
        "form": form, "next": _safe_next(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
        "secret": base64.b32encode(device.bin_key).decode(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request, *, revoke_form=None, status=200):
    """The user's API tokens: made with a fresh authenticator code and a lifetime, shown once (only a hash is
    kept), listed by their first characters, revoked with a fresh code."""
    from knox.models import AuthToken

    key, form = None, forms.ApiTokenForm()
    if request.method == "POST" and revoke_form is None:
        form = forms.ApiTokenForm(request.POST)
        key = run_service(form, lambda: services.api_token_issue(actor=request.user, **form.cleaned_data)) \
            if form.is_valid() else None
        form, status = (forms.ApiTokenForm(), 200) if key else (form, 400)
    tokens = [(token, revoke_form if revoke_form is not None and revoke_form.auto_id == f"id_{token.token_key}_%s"
               else forms.ApiTokenRevokeForm(auto_id=f"id_{token.token_key}_%s"))
              for token in AuthToken.objects.filter(user=request.user, expiry__gt=timezone.now()).order_by("-created")]
    return render(request, "orgs/api_token.html", {
        "key": key, "tokens": tokens, "form": form,
        "most": settings.ANTQ_API_TOKEN_MAX_DAYS,
        "has_device": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
    }, status=status)


@login_required
@require_POST
def api_token_revoke(request, token_key: str):
    """Revoke one of the user's tokens, or — for an administrator of their accounts — another user's."""
    from knox.models import AuthToken

    token = AuthToken.objects.filter(token_key=token_key).select_related("user__home_unit").first()
    if token is None or (token.user_id != request.user.pk and not User.objects.visible_to(
            request.user, perms.MANAGE_USER).filter(pk=token.user_id).exists()):
        raise Http404
    own = token.user_id == request.user.pk
    form = forms.ApiTokenRevokeForm(request.POST, auto_id=f"id_{token.token_key}_%s")
    if form.is_valid() and run_service(form, lambda: services.api_token_revoke(
            actor=request.user, token=token, **form.cleaned_data)) is not None:
        messages.success(request, _("The token was revoked: it no longer opens the API."))
        return redirect("api_token") if own else redirect("orgs:user_detail", pk=token.user_id)
    if own:
        return api_token(request, revoke_form=form, status=400)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("orgs:user_detail", pk=token.user_id)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "orgs/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "orgs/password_reset.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "orgs/password_reset_confirm.html"
