"""Organisations, user accounts, roles and role assignments.

A role is a set of permission codes (data); a role assignment grants it to a user, on
behalf of an organisation, over a unit scope. The access layer (`antq.core.access`)
reads assignments to decide what a user sees.
"""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.models import NamedRow
from antq.core.text import fold
from antq.orgs.choices import SizeClass, UnitKind


class OrganisationType(NamedRow):
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    is_member_organisation = models.BooleanField(
        _("member organisation of the Front"), default=False,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class OrganisationQuerySet(ScopedQuerySet):
    def search(self, text: str):
        folded = fold(text)
        return self.filter(search_name__contains=folded) if folded else self


class Organisation(models.Model):
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="organisations")
    org_type = models.ForeignKey(OrganisationType, verbose_name=_("type"),
                                 on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "unit__path"
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "org_type__order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "search_name"], name="orgs_org_unique_name_in_unit",
                violation_error_message=_("An organisation with this name already exists in this unit."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)


class Permission(NamedRow):
    """A permission code such as "geo.manage_residential_area"; sensitive ones need TOTP."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    is_sensitive = models.BooleanField(
        _("sensitive"), default=False,
        help_text=_("Holding it requires a second factor at login."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("permission")
        verbose_name_plural = _("permissions")


class Role(NamedRow):
    description = models.TextField(_("description"), blank=True)
    permissions = models.ManyToManyField(Permission, verbose_name=_("permissions"),
                                         related_name="roles", blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")


class UserQuerySet(ScopedQuerySet):
    def search(self, text: str):
        folded = fold(text)
        if not folded:
            return self
        return self.filter(Q(search_name__contains=folded) | Q(username__icontains=text.strip()))


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A staff account. Citizens have none: a tip gives them a receipt code instead."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    home_unit = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("home unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
        help_text=_("The unit whose administrators manage this account."),
    )

    scope_path = "home_unit__path"
    objects = UserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.full_name} {self.username}")
        super().save(*args, **kwargs)

    @property
    def requires_second_factor(self) -> bool:
        """True when any active role holds a sensitive permission (docs/architecture.md, security)."""
        if not hasattr(self, "_requires_second_factor"):
            self._requires_second_factor = RoleAssignment.objects.active().filter(
                user=self, role__permissions__is_sensitive=True,
            ).exists()
        return self._requires_second_factor


class RoleAssignmentQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, role__is_active=True, user__is_active=True)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.PROTECT,
                             related_name="role_assignments")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="role_assignments")
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT,
                             related_name="assignments")
    scope = models.ForeignKey("geo.AdminUnit", verbose_name=_("scope"), on_delete=models.PROTECT,
                              related_name="role_assignments")
    granted_by = models.ForeignKey(User, verbose_name=_("granted by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    revoked_by = models.ForeignKey(User, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    scope_path = "scope__path"
    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "revoked_at"], name="orgs_assign_user_active_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "scope"],
                condition=Q(revoked_at__isnull=True),
                name="orgs_assign_unique_active",
                violation_error_message=_("This user already holds this role here."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.role} · {self.scope}"


class Establishment(models.Model):
    """An agency, enterprise or educational institution in its commune: evaluated for "Safe in security
    and order" (Circular 124/2021 Art. 1, 6, 7) unless of an exempt class, and a place where a model of
    the movement runs. Kept here, below the domain apps, so each reads it without importing another."""

    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=300)
    search_name = models.CharField(max_length=300, editable=False, db_index=True)
    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="establishments")
    size_class = models.CharField(_("size or school level"), max_length=20, choices=SizeClass.choices, blank=True)
    tax_code = models.CharField(_("tax or registration code"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    has_party_organisation = models.BooleanField(_("has a Party organisation"), default=False)
    is_exempt = models.BooleanField(_("exempt from evaluation"), default=False, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        db_table = "evaluations_establishment"  # where the evaluations app first kept it
        ordering = ["commune", "kind", "search_name"]
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        indexes = [models.Index(fields=["commune", "kind"], name="evaluations_est_commune_idx")]
        constraints = [models.UniqueConstraint(fields=["tax_code"], condition=~Q(tax_code=""),
                                               name="evaluations_est_unique_tax_code")]

    def __str__(self):
        return self.name
