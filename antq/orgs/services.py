"""Writes to organisations, accounts and role assignments.

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the actor's
permission over the unit concerned, and leaves one audit row (docs/architecture.md rules 1–3).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.core.access import forget_scopes, has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import fold
from antq.geo.models import AdminUnit
from antq.orgs import permissions as perms
from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User
from antq.orgs.selectors import permission_codes_over
from antq.orgs.tasks import send_password_setup_email

ORG_FIELDS = ["unit", "org_type", "name", "address", "phone", "email", "is_active"]
USER_FIELDS = ["username", "full_name", "email", "phone", "home_unit", "is_active"]
ASSIGNMENT_FIELDS = ["user", "organisation", "role", "scope", "revoked_at"]


def _require(actor, action: str, unit: AdminUnit) -> None:
    if not has_permission(actor, action, unit):
        raise PermissionDenied


def _check_org_name(*, unit: AdminUnit, name: str, exclude_pk: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Enter the organisation's name.")})
    clash = Organisation.objects.filter(unit=unit, search_name=fold(name))
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": _("An organisation with this name already exists in this unit.")})
    return name


@transaction.atomic
def organisation_create(
    *, actor, unit: AdminUnit, org_type: OrganisationType, name: str,
    address: str = "", phone: str = "", email: str = "",
) -> Organisation:
    """Organisations belong to a unit; their types are data (DOMAIN.md "Organisations")."""
    _require(actor, perms.MANAGE_ORGANISATION, unit)
    if not unit.is_current:
        raise ValidationError({"unit": _("This unit no longer exists.")})
    if not org_type.is_active:
        raise ValidationError({"org_type": _("This organisation type is no longer in use.")})
    org = Organisation(unit=unit, org_type=org_type, name=_check_org_name(unit=unit, name=name),
                       address=address.strip(), phone=phone.strip(), email=email.strip())
    org.save()
    audit_record(actor=actor, action="orgs.organisation_create", obj=org, unit_path=unit.path,
                 after=snapshot(org, ORG_FIELDS))
    return org


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, name: str, org_type: OrganisationType,
    address: str = "", phone: str = "", email: str = "", is_active: bool = True,
) -> Organisation:
    org = Organisation.objects.select_for_update(of=("self",)).select_related("unit").get(pk=organisation.pk)
    _require(actor, perms.MANAGE_ORGANISATION, org.unit)
    before = snapshot(org, ORG_FIELDS)
    org.name = _check_org_name(unit=org.unit, name=name, exclude_pk=org.pk)
    org.org_type, org.address, org.phone, org.email = org_type, address.strip(), phone.strip(), email.strip()
    org.is_active = is_active
    org.save(update_fields=["name", "org_type", "address", "phone", "email", "is_active"])
    audit_record(actor=actor, action="orgs.organisation_update", obj=org, unit_path=org.unit.path,
                 before=before, after=snapshot(org, ORG_FIELDS))
    return org


@transaction.atomic
def user_create(
    *, actor, home_unit: AdminUnit, username: str, full_name: str, email: str = "",
    phone: str = "", password: str = "",
) -> User:
    """A unit administrator opens an account in their own scope.

    With no password given, the new user receives a link to set one (sent by the worker).
    """
    _require(actor, perms.MANAGE_USER, home_unit)
    username = (username or "").strip()
    errors = {}
    if not username:
        errors["username"] = _("Enter a user name.")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("This user name is taken.")
    if not (full_name or "").strip():
        errors["full_name"] = _("Enter the person's full name.")
    if not password and not email:
        errors["email"] = _("Give an email address for the set-up link, or set a password.")
    user = User(username=username, full_name=" ".join(full_name.split()), email=email.strip(),
                phone=phone.strip(), home_unit=home_unit)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_record(actor=actor, action="orgs.user_create", obj=user, unit_path=home_unit.path,
                 after=snapshot(user, USER_FIELDS))
    if not password:
        transaction.on_commit(lambda: send_password_setup_email.enqueue(user_id=user.pk, purpose="invite"))
    return user


@transaction.atomic
def user_set_active(*, actor, user: User, is_active: bool) -> User:
    user = User.objects.select_for_update(of=("self",)).select_related("home_unit").get(pk=user.pk)
    if user.home_unit is None:
        raise PermissionDenied
    _require(actor, perms.MANAGE_USER, user.home_unit)
    if user.pk == actor.pk and not is_active:
        raise ValidationError(_("You cannot deactivate your own account."))
    before = snapshot(user, USER_FIELDS)
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="orgs.user_set_active",
                 obj=user, unit_path=user.home_unit.path, before=before, after=snapshot(user, USER_FIELDS))
    return user


@transaction.atomic
def role_grant(*, actor, user: User, organisation: Organisation, role: Role, scope: AdminUnit) -> RoleAssignment:
    """Grant `role` to `user` for `organisation` over `scope`.

    The actor needs perms.MANAGE_USER over the scope, may only grant permissions they hold
    there themselves, and the scope must lie within the organisation's unit.
    """
    _require(actor, perms.MANAGE_USER, scope)
    if user.home_unit is None or not has_permission(actor, perms.MANAGE_USER, user.home_unit):
        raise PermissionDenied
    errors = {}
    if not role.is_active:
        errors["role"] = _("This role is no longer in use.")
    if not scope.path.startswith(organisation.unit.path):
        errors["scope"] = _("The scope must be the organisation's unit or a unit below it.")
    if not scope.is_current:
        errors["scope"] = _("This unit no longer exists.")
    if not organisation.is_active:
        errors["organisation"] = _("This organisation is inactive.")
    missing = set(role.permissions.values_list("code", flat=True)) - permission_codes_over(actor, scope)
    if missing:
        errors["role"] = _("You cannot grant a role with permissions you do not hold here: %(codes)s.") % {
            "codes": ", ".join(sorted(missing))}
    if not errors and RoleAssignment.objects.filter(
        user=user, organisation=organisation, role=role, scope=scope, revoked_at__isnull=True
    ).exists():
        errors["role"] = _("This user already holds this role here.")
    if errors:
        raise ValidationError(errors)
    assignment = RoleAssignment.objects.create(
        user=user, organisation=organisation, role=role, scope=scope, granted_by=actor
    )
    forget_scopes(user)
    audit_record(actor=actor, action="orgs.role_grant", obj=assignment, unit_path=scope.path,
                 after=snapshot(assignment, ASSIGNMENT_FIELDS))
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> RoleAssignment:
    assignment = RoleAssignment.objects.select_for_update(of=("self",)).select_related("scope", "role").get(
        pk=assignment.pk)
    _require(actor, perms.MANAGE_USER, assignment.scope)
    if assignment.revoked_at is not None:
        raise ValidationError(_("This role was already revoked."))
    if assignment.role.code == "system_admin" and not RoleAssignment.objects.active().filter(
            role__code="system_admin").exclude(pk=assignment.pk).select_for_update().exists():
        # Nobody could open accounts or grant roles any more.
        raise ValidationError(_("This is the last system administrator: appoint another one first."))
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.revoked_at, assignment.revoked_by = timezone.now(), actor
    assignment.save(update_fields=["revoked_at", "revoked_by"])
    forget_scopes(assignment.user)
    audit_record(actor=actor, action="orgs.role_revoke", obj=assignment, unit_path=assignment.scope.path,
                 before=before, after=snapshot(assignment, ASSIGNMENT_FIELDS))
    return assignment


@transaction.atomic
def password_change(*, actor: User, new_password: str) -> None:
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    audit_record(actor=actor, action="orgs.password_change", obj=actor,
                 unit_path=actor.home_unit.path if actor.home_unit_id else "")


@transaction.atomic
def totp_device_start(*, actor: User):
    """An unconfirmed TOTP device to scan; reused until confirmed, so reloading shows the same key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="ANTQ", confirmed=False)
        audit_record(actor=actor, action="orgs.totp_device_start", obj=actor,
                     unit_path=actor.home_unit.path if actor.home_unit_id else "")
    return device


@transaction.atomic
def totp_device_confirm(*, actor: User, device) -> None:
    """Second factor for roles holding a sensitive permission (docs/architecture.md, security)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=actor, action="orgs.totp_device_confirm", obj=actor,
                 unit_path=actor.home_unit.path if actor.home_unit_id else "")


def _second_factor_now(actor: User, code: str) -> None:
    """A fresh code from the actor's authenticator (step-up): a session verified hours ago is not enough to
    mint or end a credential. A code is accepted once."""
    import django_otp

    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise ValidationError({"code": [_("Set up your authenticator (second factor) first.")]})
    if not (code or "").strip() or django_otp.match_token(actor, (code or "").strip()) is None:
        raise ValidationError({"code": [_("The code is wrong or has expired. Try the current one.")]})


def _token_audit(actor: User, action: str, token, owner: User) -> None:
    audit_record(actor=actor, action=action, obj=owner, unit_path=owner.home_unit.path if owner.home_unit_id else "",
                 after={"token": token.token_key, "expiry": token.expiry})


@transaction.atomic
def api_token_issue(*, actor: User, days: int, code: str) -> str:
    """A new API token for the actor, valid `days` (at most ANTQ_API_TOKEN_MAX_DAYS), after a fresh code from
    their authenticator; only its hash is stored, so it is shown once. At most five live at a time."""
    from knox.models import AuthToken

    most = settings.ANTQ_API_TOKEN_MAX_DAYS
    if not isinstance(days, int) or not 1 <= days <= most:
        raise ValidationError({"days": [_("Between 1 and %(n)s days.") % {"n": most}]})
    _second_factor_now(actor, code)
    AuthToken.objects.filter(user=actor, expiry__lt=timezone.now()).delete()
    if AuthToken.objects.filter(user=actor).count() >= 5:
        raise ValidationError({"days": [_("You have five tokens already: revoke one first.")]})
    token, key = AuthToken.objects.create(user=actor, expiry=datetime.timedelta(days=days))
    _token_audit(actor, "orgs.api_token_issue", token, actor)
    return key


@transaction.atomic
def api_token_revoke(*, actor: User, token, code: str) -> User:
    """End a token before its expiry: its owner, or an administrator of the owner's accounts (after a fresh
    code from their own authenticator)."""
    owner = token.user
    if owner.pk != actor.pk:
        _require(actor, perms.MANAGE_USER, owner.home_unit)
    _second_factor_now(actor, code)
    _token_audit(actor, "orgs.api_token_revoke", token, owner)
    token.delete()
    return owner


@transaction.atomic
def system_admin_bootstrap(*, username: str, password: str, full_name: str, organisation: Organisation) -> User:
    """The first system administrator of a new installation; refused once one exists."""
    if RoleAssignment.objects.active().filter(role__code="system_admin").exists():
        raise ValidationError(_("A system administrator already exists; ask them for an account."))
    if organisation.unit.parent_id is not None:
        raise ValidationError(_("The first administrator must belong to a central organisation."))
    user = User(username=username, full_name=full_name, home_unit=organisation.unit)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    assignment = RoleAssignment.objects.create(
        user=user, organisation=organisation, role=Role.objects.get(code="system_admin"),
        scope=organisation.unit,
    )
    audit_record(actor=None, action="orgs.system_admin_bootstrap", obj=assignment,
                 unit_path=organisation.unit.path, after=snapshot(assignment, ASSIGNMENT_FIELDS))
    return user


@transaction.atomic
def central_organisation_bootstrap(*, org_type: OrganisationType, name: str) -> Organisation:
    """Central organisations needed before any account exists (the ministry, the central Front)."""
    root = AdminUnit.objects.get(parent__isnull=True, valid_to__isnull=True)
    org = Organisation.objects.filter(unit=root, search_name=fold(name)).first()
    if org is None:
        org = Organisation(unit=root, org_type=org_type, name=name)
        org.save()
        audit_record(actor=None, action="orgs.organisation_create", obj=org, unit_path=root.path,
                     after=snapshot(org, ORG_FIELDS))
    return org
