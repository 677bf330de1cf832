"""Grassroots mediation (Law 35/2013/QH13, LAW.md §3): the mediation teams of each residential area, their
mediators, and the matters they mediate (the register, Art. 27). A team's make-up is judged against the
dated `TeamRule` in force (Art. 8, 12); a team that breaks it is flagged on the commune's and the
province's pages, never refused: the record shows the team as it is, so that it gets fixed."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.fields import EncryptedTextField
from antq.mediation.choices import (
    LIVE_DISPUTE,
    OPEN_STATUSES,
    CaseStatus,
    Compliance,
    DisputeKind,
    DisputeState,
    PartyRole,
    Progress,
    Route,
    Sex,
    Source,
)


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


# --- Cases and the mediation register (Art. 16–27) ----------------------------------------------------


class Subject(models.Model):
    """What a matter is about (land, family, neighbours…), and the matters that may not be mediated (Art. 3)
    with their article and where they go instead: data, edited on the rules page."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    mediable = models.BooleanField(_("may be mediated"), default=True)
    article = models.CharField(_("legal basis"), max_length=200, blank=True,
                               help_text=_("For a matter that may not be mediated: the article that says so."))
    route = models.CharField(_("where it goes instead"), max_length=20, choices=Route.choices, blank=True)

    class Meta:
        ordering = ["-mediable", "order", "name"]
        verbose_name = _("subject of mediation")
        verbose_name_plural = _("subjects of mediation")

    def __str__(self):
        return self.name_en if (get_language() or "vi").startswith("en") else self.name


class MediationCase(models.Model):
    """One matter in a team's mediation register (Art. 27). A request from the public reaches the commune
    first (no team yet, no number); the Front's officer assigns it to a team's mediators, which gives it
    its number in that team's register for the year. What the parties said is encrypted at rest."""

    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="mediation_cases", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("residential area"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(MediationTeam, verbose_name=_("team"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="cases")
    register_year = models.PositiveSmallIntegerField(_("register year"), null=True, blank=True, editable=False)
    register_number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    receipt_code = models.CharField(_("receipt code"), max_length=12, blank=True, editable=False)
    secret_hash = models.CharField(max_length=200, blank=True, editable=False)

    source = models.CharField(_("started from"), max_length=20, choices=Source.choices)
    source_ref = models.CharField(_("reference"), max_length=40, blank=True)
    subject = models.ForeignKey(Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+")
    description = EncryptedTextField(_("what the matter is"))
    place = EncryptedTextField(_("place"), blank=True)
    occurred_on = models.DateField(_("when it arose"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", db_index=False)

    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    start_due = models.DateField(_("to start by"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    declined_subject = models.ForeignKey(Subject, verbose_name=_("may not be mediated as"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    agreement_terms = EncryptedTextField(_("what the parties agreed"), blank=True)
    agreement_due = models.DateField(_("to be carried out by"), null=True, blank=True)
    agreement_written = models.BooleanField(_("written agreement"), default=False)
    next_step = models.CharField(_("where the parties were told to go"), max_length=300, blank=True)
    stop_reason = models.CharField(_("why it stopped"), max_length=300, blank=True)
    compliance = models.CharField(_("agreement"), max_length=20, choices=Compliance.choices, blank=True)
    compliance_on = models.DateField(_("agreement checked on"), null=True, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        indexes = [models.Index(fields=["commune", "received_at"], name="mediation_case_commune_idx"),
                   models.Index(fields=["province", "received_at"], name="mediation_case_province_idx"),
                   models.Index(fields=["received_at"], name="mediation_case_received_idx"),
                   # The boards' counts (open, late to start, agreements to follow) read only what is live.
                   models.Index(fields=["province", "commune", "status"], name="mediation_case_live_idx",
                                condition=Q(status__in=OPEN_STATUSES) | Q(compliance=Compliance.FOLLOWING))]
        constraints = [
            models.UniqueConstraint(fields=["team", "register_year", "register_number"], name="mediation_number_once",
                                    condition=Q(register_number__isnull=False)),
            models.UniqueConstraint(fields=["receipt_code"], name="mediation_code_once", condition=~Q(receipt_code="")),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """Its number in the register ("12/2026"), or before it has one, its receipt code."""
        if self.register_number:
            return f"{self.register_number}/{self.register_year}"
        return self.receipt_code or f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Party(models.Model):
    """A party to a matter: personal data (Law 91/2025), encrypted, given with consent, shown only to those
    holding the permission to see parties, each look recorded; never in statistics, exports' totals or the
    audit trail (the register names the parties and their address, never their phone)."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    full_name = EncryptedTextField(_("full name"))
    phone = EncryptedTextField(_("phone"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    consent = models.JSONField(_("consent per purpose"), default=dict, blank=True)

    scope_path = "case__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return f"{self.case} {self.get_role_display()}"


class CaseMediator(models.Model):
    """A mediator assigned to a case (Art. 18); one with a conflict of interest is recused, with the reason
    and who replaced them, and the record stays."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="assignments")
    mediator = models.ForeignKey(Mediator, verbose_name=_("mediator"), on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"))
    recused_at = models.DateTimeField(_("recused at"), null=True, blank=True)
    recusal_reason = models.CharField(_("why recused"), max_length=300, blank=True)
    replaced_by = models.ForeignKey("self", verbose_name=_("replaced by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    scope_path = "case__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "mediator"], name="mediation_assigned_once")]

    def __str__(self):
        return f"{self.case} {self.mediator}"


class MediationSession(models.Model):
    """A meeting of the mediators with the parties (Art. 19–21): when, where, who came, what was said."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    participants = EncryptedTextField(_("who took part"))
    summary = EncryptedTextField(_("what was said"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "case__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "held_on", "pk"]
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")

    def __str__(self):
        return f"{self.case} {self.held_on:%d/%m/%Y}"


# --- Disputes and hot spots -------------------------------------------------------------------------


class EscalationRule(models.Model):
    """When a dispute becomes a risk of a hot spot, then a hot spot, and when it counts as prolonged (the
    yearly evaluation's "no prolonged internal dispute", Circular 124/2021 Art. 4.3): local practice, no text
    sets the numbers (LAW.md §12), so every row is marked unconfirmed until a province confirms its own."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    risk_people = models.PositiveIntegerField(_("risk: people involved at least"), default=20)
    risk_gatherings = models.PositiveSmallIntegerField(_("risk: gatherings at least"), default=2)
    risk_days = models.PositiveSmallIntegerField(_("risk: days unsettled at least"), default=30)
    hot_people = models.PositiveIntegerField(_("hot spot: people involved at least"), default=50)
    hot_gatherings = models.PositiveSmallIntegerField(_("hot spot: gatherings at least"), default=3)
    hot_days = models.PositiveSmallIntegerField(_("hot spot: days unsettled at least"), default=90)
    prolonged_days = models.PositiveSmallIntegerField(_("prolonged: days unsettled at least"), default=90)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("unconfirmed"), default=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("escalation rule")
        verbose_name_plural = _("escalation rules")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="mediation_escalation_once")]

    def __str__(self):
        return self.source or str(_("escalation rule"))


class Dispute(models.Model):
    """A dispute, complaint, mass complaint, strike or gathering the commune police or the Front follow so that
    it is settled on the spot (seed 001 §II.3); it becomes a risk of a hot spot, then a hot spot, by a service
    with its reason. Who is involved is sealed; the numbers are not."""

    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("residential area"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=DisputeKind.choices)
    subject = models.ForeignKey(Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = EncryptedTextField(_("what it is about"))
    parties = EncryptedTextField(_("who is involved"), blank=True)
    people_involved = models.PositiveIntegerField(_("people involved"))
    gatherings = models.PositiveSmallIntegerField(_("gatherings so far"), default=0)
    began_on = models.DateField(_("began on"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("officer in charge"), on_delete=models.PROTECT,
                              related_name="+")
    state = models.CharField(_("state"), max_length=20, choices=DisputeState.choices, default=DisputeState.WATCHED)
    risk_on = models.DateField(_("risk of a hot spot since"), null=True, blank=True)
    hot_spot_on = models.DateField(_("hot spot since"), null=True, blank=True)
    resolved_on = models.DateField(_("settled on"), null=True, blank=True)
    resolution = models.CharField(_("how it was settled"), max_length=500, blank=True)
    case = models.ForeignKey(MediationCase, verbose_name=_("mediation"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="disputes")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-began_on", "-id"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        indexes = [models.Index(fields=["province", "commune", "state"], name="mediation_dispute_live_idx",
                                condition=Q(state__in=LIVE_DISPUTE)),
                   models.Index(fields=["commune", "began_on"], name="mediation_dispute_commune_idx")]

    def __str__(self):
        return self.title

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_DISPUTE


class DisputeAction(models.Model):
    """What was done, by whom, when: meetings, explanations, mediation, reports up."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="actions")
    taken_on = models.DateField(_("on"))
    what = models.TextField(_("what was done"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "dispute__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["dispute", "taken_on", "pk"]

    def __str__(self):
        return f"{self.dispute} {self.taken_on:%d/%m/%Y}"


# --- Complex areas and their transformation ------------------------------------------------------------


class ComplexArea(models.Model):
    """An area designated complex in security and order (residential areas of a commune, or the whole
    commune) with the reasons, transformed by a plan of measures with owners and deadlines, assessed from time
    to time, and taken off the list by a decision (seed 000 §III.2: chuyển hóa địa bàn phức tạp)."""

    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    areas = models.ManyToManyField("geo.AdminUnit", verbose_name=_("residential areas"), blank=True,
                                   related_name="+", help_text=_("None: the whole commune."))
    name = models.CharField(_("name"), max_length=200)
    reasons = models.TextField(_("why it is complex"))
    designated_on = models.DateField(_("designated on"))
    designation_decision = models.CharField(_("designation decision"), max_length=100)
    removed_on = models.DateField(_("taken off the list on"), null=True, blank=True)
    removal_decision = models.CharField(_("removal decision"), max_length=100, blank=True)
    removal_note = models.CharField(_("why it is taken off"), max_length=500, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-designated_on", "-id"]
        verbose_name = _("complex area")
        verbose_name_plural = _("complex areas")
        indexes = [models.Index(fields=["commune", "designated_on"], name="mediation_complex_commune_idx")]

    def __str__(self):
        return self.name

    @property
    def is_listed(self) -> bool:
        return self.removed_on is None


class TransformationMeasure(models.Model):
    """One measure of the plan: what, who carries it out, by when, and when it was done."""

    area = models.ForeignKey(ComplexArea, on_delete=models.CASCADE, related_name="measures")
    measure = models.CharField(_("measure"), max_length=500)
    owner = models.CharField(_("carried out by"), max_length=200)
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    scope_path = "area__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["area", "due", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.measure


class AreaAssessment(models.Model):
    """A periodic assessment of the transformation: where things stand, better or worse."""

    area = models.ForeignKey(ComplexArea, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessed on"))
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices)
    summary = models.TextField(_("assessment"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "area__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["area", "-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.area} {self.assessed_on:%d/%m/%Y}"
