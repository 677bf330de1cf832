"""Grassroots security teams (Law 30/2023/QH15 on the forces protecting security and order at the grassroots;
LAW.md §4): a team per one or more residential areas, its members proposed by the commune police and recognised
by the commune chairman, the eligibility rules and the team sizes as dated data."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.fields import EncryptedTextField
from antq.forces.choices import DisciplineForm, Education, MemberState, Role


class EligibilityRule(models.Model):
    """Who may join a team, from a date on: data an administrator edits, with its source."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("age at least"), default=18)
    max_age = models.PositiveSmallIntegerField(_("age at most"), default=70)
    min_education = models.CharField(_("schooling at least"), max_length=20, choices=Education.choices,
                                     default=Education.LOWER_SECONDARY)
    min_education_hardship = models.CharField(
        _("schooling at least, in a commune of special hardship"), max_length=20, choices=Education.choices,
        default=Education.PRIMARY)
    needs_residence = models.BooleanField(_("must live in the commune"), default=True)
    needs_clean_record = models.BooleanField(_("must have a clean record"), default=True)
    warn_months = models.PositiveSmallIntegerField(_("flag members this many months before they age out"),
                                                   default=6)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="forces_eligibility_once")]

    def __str__(self):
        return self.source or str(_("eligibility rule"))


class TeamSize(models.Model):
    """How many members a team has, fixed by the province (the national row is the default)."""

    province = models.ForeignKey("geo.AdminUnit", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 help_text=_("Empty: the default for every province without its own."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    min_members = models.PositiveSmallIntegerField(_("members at least"), default=3)
    max_members = models.PositiveSmallIntegerField(_("members at most"), default=5)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("to verify"), default=False)

    class Meta:
        ordering = ["province_id", "-valid_from"]
        verbose_name = _("team size")
        verbose_name_plural = _("team sizes")
        constraints = [models.UniqueConstraint(fields=["province", "valid_from"], name="forces_size_once")]

    def __str__(self):
        return f"{self.min_members}–{self.max_members}"


class HardshipCommune(models.Model):
    """A commune of special socio-economic hardship: members there need primary schooling only."""

    commune = models.OneToOneField("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.CASCADE,
                                   related_name="+")
    note = models.CharField(_("decision"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("commune of special hardship")
        verbose_name_plural = _("communes of special hardship")

    def __str__(self):
        return str(self.commune_id)


class TeamQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))


class SecurityTeam(models.Model):
    """A security team of one or more residential areas, set up by the commune chairman's decision."""

    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    areas = models.ManyToManyField("geo.AdminUnit", verbose_name=_("residential areas"), related_name="+")
    name = models.CharField(_("name"), max_length=200)
    decision_number = models.CharField(_("decision setting it up"), max_length=60)
    decided_on = models.DateField(_("decided on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["commune_id", "name"]
        verbose_name = _("security team")
        verbose_name_plural = _("security teams")
        indexes = [models.Index(fields=["province", "commune"], name="forces_team_prov_idx")]

    def __str__(self):
        return self.name


class Member(models.Model):
    """A member, proposed by the commune police and recognised by the commune chairman; the ID number sealed."""

    team = models.ForeignKey(SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="members")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    id_number = EncryptedTextField(_("citizen ID number"))
    area = models.ForeignKey("geo.AdminUnit", verbose_name=_("lives in"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+",
                             help_text=_("Empty: outside the commune (where the rule in force allows it)."))
    education = models.CharField(_("schooling"), max_length=20, choices=Education.choices)
    clean_record = models.BooleanField(_("clean record"), default=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=20, choices=MemberState.choices, default=MemberState.PROPOSED)
    proposed_on = models.DateField(_("proposed on"))
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    decision_number = models.CharField(_("recognition decision"), max_length=60, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("why they left"), max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["team_id", "role", "full_name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        indexes = [models.Index(fields=["province", "commune", "state"], name="forces_member_scope_idx"),
                   models.Index(fields=["commune", "state"], name="forces_member_commune_idx")]

    def __str__(self):
        return self.full_name


class Discipline(models.Model):
    """A disciplinary decision on a member (a dismissal ends their membership)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField(_("form"), max_length=20, choices=DisciplineForm.choices)
    decided_on = models.DateField(_("decided on"))
    decision_number = models.CharField(_("decision"), max_length=60)
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")

    def __str__(self):
        return f"{self.member_id} {self.form}"
