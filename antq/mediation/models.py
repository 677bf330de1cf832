"""Grassroots mediation (Law 35/2013/QH13, LAW.md §3): the mediation teams of each residential area and
their mediators. A team's make-up is judged against the dated `TeamRule` in force (Art. 8, 12); a team
that breaks it is flagged on the commune's and the province's pages, never refused: the record shows the
team as it is, so that it gets fixed."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.mediation.choices import Sex


class TeamRule(models.Model):
    """How a team must be made up, from a date on (Art. 8 and 12)."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    min_mediators = models.PositiveSmallIntegerField(_("mediators at least"), default=3)
    min_women = models.PositiveSmallIntegerField(_("women at least"), default=1)
    min_ethnic_minority = models.PositiveSmallIntegerField(
        _("ethnic-minority mediators at least, where minorities live"), default=1)
    min_election_share = models.DecimalField(
        _("elected by more than this share of household representatives (%)"), max_digits=5, decimal_places=2,
        default=50)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("mediation team rule")
        verbose_name_plural = _("mediation team rules")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="mediation_rule_once")]

    def __str__(self):
        return self.source or str(_("mediation team rule"))


class TeamQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))


class MediationTeam(models.Model):
    """A team of a residential area (Art. 12); an area may have several."""

    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("residential area"), on_delete=models.PROTECT,
                             related_name="mediation_teams")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    minorities_live_here = models.BooleanField(
        _("ethnic minorities live in the area"), default=False,
        help_text=_("The team then needs an ethnic-minority mediator (Art. 12)."))
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    scope_path = "unit__path"
    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["commune_id", "name"]
        verbose_name = _("mediation team")
        verbose_name_plural = _("mediation teams")
        indexes = [models.Index(fields=["commune", "name"], name="mediation_team_commune_idx")]

    def __str__(self):
        return self.name


def serving(on: datetime.date, prefix: str = "") -> Q:
    """A mediator serving on `on`: their term has begun and not ended (one definition for the list, the
    counts and the checks)."""
    return Q(**{f"{prefix}term_start__lte": on}) & (Q(**{f"{prefix}term_end__isnull": True})
                                                     | Q(**{f"{prefix}term_end__gt": on}))


class MediatorQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None):
        return self.filter(serving(on or timezone.localdate()))


class Mediator(models.Model):
    """A mediator elected by the area (Art. 8) and recognised by the commune chairman's decision."""

    team = models.ForeignKey(MediationTeam, verbose_name=_("team"), on_delete=models.PROTECT,
                             related_name="mediators")
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=60, default="Kinh")
    ethnic_minority = models.BooleanField(_("of an ethnic minority"), default=False)
    election_share = models.DecimalField(
        _("share of household representatives who elected them (%)"), max_digits=5, decimal_places=2)
    recognition_decision = models.CharField(_("recognition decision"), max_length=60, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    is_leader = models.BooleanField(_("team leader"), default=False)
    trained = models.BooleanField(_("trained"), default=False)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    scope_path = "team__unit__path"
    objects = MediatorQuerySet.as_manager()

    class Meta:
        ordering = ["team", "-is_leader", "full_name"]
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        constraints = [models.UniqueConstraint(fields=["team"], condition=Q(is_leader=True, term_end__isnull=True),
                                               name="mediation_one_leader")]

    def __str__(self):
        return self.full_name
