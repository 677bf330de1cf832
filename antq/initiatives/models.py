"""Models of the movement and exemplary examples (Guidance 22/HD-BCA-V05, LAW.md §1; seed 001).

A model (mô hình) is counted by name, by the **sites** (điểm) that replicate it and by the
**teams** (tổ) that run it. It is graded from time to time, the best are recognised as
exemplary (điển hình tiên tiến), and an ineffective or formalistic one is removed with its
reason — never deleted, so its history stays. The class is called `Initiative` because
"model" already means a database table in Django.

Each row carries its commune and province so the counts group by them in one indexed
aggregate (docs/architecture.md "Scale").
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.initiatives.choices import EventKind, Grade, InitiativeKind, MemberRole, RemovalReason, Status


class InitiativeRule(models.Model):
    """How models are followed; Guidance 22's grading cadence and dissolution rule are not
    confirmed by the text we hold, so the shipped row is marked unconfirmed."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    grading_interval_months = models.PositiveSmallIntegerField(_("grade every (months)"), default=12)
    ineffective_gradings_for_review = models.PositiveSmallIntegerField(
        _("consecutive ineffective gradings before a removal review"), default=2)
    exemplary_communes_per_province = models.PositiveSmallIntegerField(_("exemplary communes per province"),
                                                                       default=1)
    exemplary_wards_per_province = models.PositiveSmallIntegerField(_("exemplary wards per province"), default=1)
    confirmed = models.BooleanField(_("confirmed by the text"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("rule for models")
        verbose_name_plural = _("rules for models")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="initiatives_rule_once")]

    def __str__(self):
        return self.source or str(_("rule for models"))


class Initiative(models.Model):
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="initiatives")
    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+", editable=False)
    province = models.ForeignKey("geo.AdminUnit", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", editable=False)
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("owning organisation"),
                                     on_delete=models.PROTECT, related_name="initiatives")
    name = models.CharField(_("name"), max_length=300)
    search_name = models.CharField(max_length=300, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices)
    started_on = models.DateField(_("started on"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE,
                              editable=False)
    is_exemplary = models.BooleanField(_("exemplary example"), default=False, editable=False)
    removed_on = models.DateField(_("removed on"), null=True, blank=True, editable=False)
    removal_reason = models.CharField(_("removal reason"), max_length=20, choices=RemovalReason.choices,
                                      blank=True, editable=False)
    removal_note = models.TextField(_("why it was removed"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "unit__path"
    # A province's model is replicated by its communes: they read it to add their sites.
    visible_from_below = True
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["search_name"]
        verbose_name = _("model")
        verbose_name_plural = _("models")
        indexes = [models.Index(fields=["province", "status"], name="initiatives_province_idx"),
                   models.Index(fields=["commune", "status"], name="initiatives_commune_idx")]

    def __str__(self):
        return self.name


class Site(models.Model):
    """A place replicating a model: a residential area, a commune, or an establishment in it."""

    initiative = models.ForeignKey(Initiative, verbose_name=_("model"), on_delete=models.PROTECT,
                                   related_name="sites")
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune or residential area"), on_delete=models.PROTECT,
                             related_name="initiative_sites")
    establishment = models.ForeignKey("orgs.Establishment", verbose_name=_("agency, enterprise or school"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="initiative_sites")
    commune = models.ForeignKey("geo.AdminUnit", null=True, on_delete=models.PROTECT, related_name="+",
                                editable=False)
    province = models.ForeignKey("geo.AdminUnit", null=True, on_delete=models.PROTECT, related_name="+",
                                 editable=False)
    name = models.CharField(_("name of the site"), max_length=300)
    started_on = models.DateField(_("started on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_note = models.CharField(_("why it closed"), max_length=300, blank=True)

    scope_path = "unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        indexes = [models.Index(fields=["province", "closed_on"], name="initiatives_site_province_idx"),
                   models.Index(fields=["commune", "closed_on"], name="initiatives_site_commune_idx")]

    def __str__(self):
        return self.name


class Team(models.Model):
    """A team (tổ) running a model, at one of its sites or for the model as a whole."""

    initiative = models.ForeignKey(Initiative, verbose_name=_("model"), on_delete=models.PROTECT,
                                   related_name="teams")
    site = models.ForeignKey(Site, verbose_name=_("site"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="teams")
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune or residential area"),
                             on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("geo.AdminUnit", null=True, on_delete=models.PROTECT, related_name="+",
                                editable=False)
    province = models.ForeignKey("geo.AdminUnit", null=True, on_delete=models.PROTECT, related_name="+",
                                 editable=False)
    name = models.CharField(_("name of the team"), max_length=300)
    formed_on = models.DateField(_("formed on"))
    disbanded_on = models.DateField(_("disbanded on"), null=True, blank=True)

    scope_path = "unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        indexes = [models.Index(fields=["province", "disbanded_on"], name="initiatives_team_province_idx"),
                   models.Index(fields=["commune", "disbanded_on"], name="initiatives_team_commune_idx")]

    def __str__(self):
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role in the team"), max_length=10, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    scope_path = "team__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["team", "role", "full_name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["team"], condition=Q(role="leader", left_on__isnull=True),
                                               name="initiatives_one_leader")]

    def __str__(self):
        return self.full_name


class Grading(models.Model):
    """One periodic grading of a model (Guidance 22)."""

    initiative = models.ForeignKey(Initiative, verbose_name=_("model"), on_delete=models.PROTECT,
                                   related_name="gradings")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    note = models.TextField(_("assessment"), blank=True)
    graded_on = models.DateField(_("graded on"))
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("graded by"), null=True,
                                  on_delete=models.PROTECT, related_name="+")

    scope_path = "initiative__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "-period_end"]
        verbose_name = _("grading")
        verbose_name_plural = _("gradings")
        constraints = [models.UniqueConstraint(fields=["initiative", "period_end"], name="initiatives_grading_once")]

    def __str__(self):
        return f"{self.initiative} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}: {self.get_grade_display()}"


class Recognition(models.Model):
    """A model recognised as an exemplary example (điển hình tiên tiến)."""

    initiative = models.ForeignKey(Initiative, verbose_name=_("model"), on_delete=models.PROTECT,
                                   related_name="recognitions")
    recognised_on = models.DateField(_("recognised on"))
    decision_number = models.CharField(_("decision number"), max_length=50)
    issued_by = models.CharField(_("issued by"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.CharField(_("why it ended"), max_length=300, blank=True)

    scope_path = "initiative__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "-recognised_on"]
        verbose_name = _("exemplary recognition")
        verbose_name_plural = _("exemplary recognitions")

    def __str__(self):
        return f"{self.initiative} — {self.decision_number}"


class ExemplaryUnit(models.Model):
    """A commune or ward recognised as an exemplary unit of the movement (seed 001: each
    province should have at least one of each)."""

    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune or ward"), on_delete=models.PROTECT,
                             related_name="exemplary_recognitions")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", editable=False)
    recognised_on = models.DateField(_("recognised on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50)
    issued_by = models.CharField(_("issued by"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.CharField(_("why it ended"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["province", "unit", "-recognised_on"]
        verbose_name = _("exemplary unit")
        verbose_name_plural = _("exemplary units")
        indexes = [models.Index(fields=["province", "recognised_on"], name="initiatives_exemplary_idx")]

    def __str__(self):
        return str(self.unit)

    def in_force(self, on: datetime.date) -> bool:
        return (self.recognised_on <= on and (self.valid_until is None or self.valid_until >= on)
                and (self.ended_on is None or self.ended_on > on))


class InitiativeEvent(models.Model):
    """What happened to a model, in order: its history, readable by the people who follow it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=EventKind.choices)
    on = models.DateField(_("on"))
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("details"), max_length=500, blank=True)

    scope_path = "initiative__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "-on", "-at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.on:%d/%m/%Y} {self.get_kind_display()}"
