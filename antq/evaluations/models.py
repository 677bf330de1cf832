"""The yearly "Safe in security and order" evaluation (Circular 124/2021/TT-BCA, LAW.md §1).

Residential areas and communes are administrative units; agencies, enterprises and schools
are kept in a registry of establishments, each located in a commune. Every rule the
circular sets (periods, deadlines, approving level, exemptions, criteria, grading sheets,
targets) is a row with its article, versioned by the date it takes effect.

Each evaluation carries its commune and province so dashboards group by them in one
indexed aggregate (docs/architecture.md "Scale").
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.evaluations.choices import (
    Grade,
    IncidentKind,
    Judgement,
    Status,
    TargetKind,
    UnitKind,
)


def default_reminder_days() -> list[int]:
    return [14, 3]


class KindRule(models.Model):
    """Period, deadlines, approving level and exemptions for one kind of unit (Art. 1, 8–10)."""

    kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    # The period ends on this day of the evaluation year and began the day after the previous end.
    period_end_month = models.PositiveSmallIntegerField(_("period ends (month)"))
    period_end_day = models.PositiveSmallIntegerField(_("period ends (day)"))
    registration_due_month = models.PositiveSmallIntegerField(_("registration due (month)"), default=3)
    registration_due_day = models.PositiveSmallIntegerField(_("registration due (day)"), default=31)
    decision_due_month = models.PositiveSmallIntegerField(_("decision due (month)"))
    decision_due_day = models.PositiveSmallIntegerField(_("decision due (day)"))
    grading_due_month = models.PositiveSmallIntegerField(_("grading file due (month)"))
    grading_due_day = models.PositiveSmallIntegerField(_("grading file due (day)"))
    approving_level = models.ForeignKey("geo.Level", verbose_name=_("approving level"), on_delete=models.PROTECT,
                                        related_name="+")
    approving_level_confirmed = models.BooleanField(_("approving level confirmed by the text"), default=True)
    exempt_classes = models.JSONField(_("exempt size classes"), default=list, blank=True)
    # Reminders go out this many days before each deadline (registration, decision, grading file).
    remind_days_before = models.JSONField(_("remind this many days before a deadline"), default=default_reminder_days,
                                          blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("rule for a unit kind")
        verbose_name_plural = _("rules for unit kinds")
        constraints = [models.UniqueConstraint(fields=["kind", "valid_from"], name="evaluations_kindrule_once")]

    def __str__(self):
        return self.get_kind_display()

    def period(self, year: int) -> tuple[datetime.date, datetime.date]:
        end = datetime.date(year, self.period_end_month, self.period_end_day)
        start = datetime.date(year - 1, self.period_end_month, self.period_end_day) + datetime.timedelta(days=1)
        return start, end

    def registration_due(self, year: int) -> datetime.date:
        return datetime.date(year, self.registration_due_month, self.registration_due_day)

    def decision_due(self, year: int) -> datetime.date:
        return datetime.date(year, self.decision_due_month, self.decision_due_day)

    def grading_due(self, year: int) -> datetime.date:
        return datetime.date(year, self.grading_due_month, self.grading_due_day)


class CriteriaSet(models.Model):
    """The criteria for one kind of unit from a date on; a province's own criteria (Art. 8) are a
    set with `province` set, added to the national one."""

    kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    province = models.ForeignKey("geo.AdminUnit", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "province", "-version"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        constraints = [models.UniqueConstraint(fields=["kind", "province", "version"], name="evaluations_set_version")]

    def __str__(self):
        where = self.province.name if self.province_id else _("national")
        return f"{self.get_kind_display()} ({where}, v{self.version})"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=40)
    text = models.TextField(_("criterion"))
    article = models.CharField(_("article"), max_length=100, blank=True)
    judgement = models.CharField(_("judged by"), max_length=20, choices=Judgement.choices)
    # For a threshold: the share (%) or number to reach; for an automatic check: the check's code.
    threshold = models.DecimalField(_("threshold"), max_digits=7, decimal_places=2, null=True, blank=True)
    check_code = models.CharField(_("automatic check"), max_length=40, blank=True)
    allows_exception = models.BooleanField(_("allows an exception"), default=False)
    exception_text = models.CharField(_("exception the text allows"), max_length=300, blank=True)

    class Meta:
        ordering = ["criteria_set", "order"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="evaluations_criterion_code")]

    def __str__(self):
        return f"{self.order}. {self.text[:80]}"


class Evaluation(models.Model):
    """One unit's evaluation for one year, from registration to recognition or refusal."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="evaluations",
                             help_text=_("The residential area or commune; for an establishment, its commune."))
    establishment = models.ForeignKey("orgs.Establishment", verbose_name=_("establishment"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="evaluations")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="+")
    province_set = models.ForeignKey(CriteriaSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)

    registered_on = models.DateField(_("registered on"))
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    households_registered = models.PositiveIntegerField(_("households registered"), null=True, blank=True)
    resolution_file = models.FileField(_("Party resolution"), upload_to="evaluations/%Y/", blank=True)
    plan_file = models.FileField(_("security plan"), upload_to="evaluations/%Y/", blank=True)
    registration_file = models.FileField(_("registration form"), upload_to="evaluations/%Y/", blank=True)

    assessed_on = models.DateField(_("self-assessed on"), null=True, blank=True)

    review_held_on = models.DateField(_("review meeting held on"), null=True, blank=True)
    review_chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    review_participants = models.TextField(_("participants"), blank=True)
    review_minutes = models.TextField(_("minutes"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)

    proposal_number = models.CharField(_("proposal number"), max_length=60, blank=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)

    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "unit__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}  # the scope on the row's own columns
    objects = ScopedQuerySet.as_manager()

    class Meta:
        # Newest year first, then as registered: an order each scope's index below serves (the unit's
        # path, the old order, sat in another table and sorted 1.4 M rows on disk).
        ordering = ["-year", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        indexes = [
            models.Index(fields=["year", "province", "kind", "status"], name="evaluations_province_idx"),
            models.Index(fields=["year", "commune", "kind", "status"], name="evaluations_commune_idx"),
            models.Index(fields=["province", "-year", "-id"], name="evaluations_province_list_idx"),
            models.Index(fields=["commune", "-year", "-id"], name="evaluations_commune_list_idx"),
            models.Index(fields=["-year", "-id"], name="evaluations_list_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(establishment__isnull=True),
                                    name="evaluations_one_per_unit_year"),
            models.UniqueConstraint(fields=["establishment", "year"], condition=Q(establishment__isnull=False),
                                    name="evaluations_one_per_establishment_year"),
        ]

    def __str__(self):
        return f"{self.subject_name} — {self.year}"

    @property
    def subject_name(self) -> str:
        return self.establishment.name if self.establishment_id else self.unit.display_name

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.RECOGNISED, Status.REFUSED)


class CriterionResult(models.Model):
    """The unit's answer to one criterion: self-assessed, checked on facts, or excepted with a reason."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("met"), null=True)
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("evidence"), blank=True)
    evidence = models.FileField(_("evidence file"), upload_to="evaluations/evidence/%Y/", blank=True)
    auto_passed = models.BooleanField(_("automatic check passed"), null=True)
    auto_facts = models.JSONField(_("facts found"), default=list, blank=True)
    exception_reason = models.TextField(_("exception recorded"), blank=True)
    exception_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    exception_at = models.DateTimeField(null=True, blank=True)

    scope_path = "evaluation__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["criterion__criteria_set__province", "criterion__order"]
        verbose_name = _("criterion result")
        verbose_name_plural = _("criterion results")
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="evaluations_result_once")]

    def __str__(self):
        return f"{self.evaluation} — {self.criterion.code}"


class Incident(models.Model):
    """A fact that fails a criterion, entered by hand until the tips and mediation apps record them."""

    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("where"), on_delete=models.PROTECT,
                             related_name="incidents")
    establishment = models.ForeignKey("orgs.Establishment", verbose_name=_("establishment"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(_("kind"), max_length=30, choices=IncidentKind.choices)
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("what happened"))
    detected_promptly = models.BooleanField(_("detected and reported promptly"), default=False)
    force_majeure = models.BooleanField(_("force majeure"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [models.Index(fields=["kind", "occurred_on"], name="evaluations_incident_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.occurred_on:%d/%m/%Y}"


class ScoreSheet(models.Model):
    """Decision 510/QĐ-BCA-V05: a 100-point sheet per unit kind, with grade thresholds.

    Thresholds the text does not confirm ship with `confirmed=False` until an administrator checks them.
    """

    kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    confirmed = models.BooleanField(_("thresholds confirmed by the text"), default=False)

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.valid_from:%d/%m/%Y})"


class ScoreItem(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("item"), max_length=300)
    max_points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        ordering = ["sheet", "order"]
        verbose_name = _("score item")
        verbose_name_plural = _("score items")

    def __str__(self):
        return self.text


class GradeBand(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="bands")
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    min_points = models.PositiveSmallIntegerField(_("from points"))

    class Meta:
        ordering = ["sheet", "-min_points"]
        verbose_name = _("grade threshold")
        verbose_name_plural = _("grade thresholds")
        constraints = [models.UniqueConstraint(fields=["sheet", "grade"], name="evaluations_band_once")]

    def __str__(self):
        return f"{self.get_grade_display()} ≥ {self.min_points}"


class MovementGrading(models.Model):
    """A unit's movement grade for a year, computed from its scores."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    unit = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="gradings")
    establishment = models.ForeignKey("orgs.Establishment", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="gradings")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    graded_on = models.DateField(_("graded on"))
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    scope_path = "unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__path"]
        verbose_name = _("movement grading")
        verbose_name_plural = _("movement gradings")
        indexes = [models.Index(fields=["year", "province", "kind", "grade"], name="evaluations_grading_idx")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(establishment__isnull=True),
                                    name="evaluations_one_grading_per_unit_year"),
            models.UniqueConstraint(fields=["establishment", "year"], condition=Q(establishment__isnull=False),
                                    name="evaluations_one_grading_per_establishment_year"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.year}: {self.get_grade_display()}"


class ScoreEntry(models.Model):
    grading = models.ForeignKey(MovementGrading, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(ScoreItem, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grading", "item"], name="evaluations_entry_once")]

    def __str__(self):
        return f"{self.item}: {self.points}"


class Target(models.Model):
    """A target of the movement: Plan 279 (≥ 75 % recognised), Directive 09 (no weak commune)."""

    kind = models.CharField(_("target"), max_length=30, choices=TargetKind.choices)
    # None: the national target; a province (or commune) may set its own, higher one for its area.
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    value = models.DecimalField(_("value"), max_digits=7, decimal_places=2)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "-year_from"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class Reminder(models.Model):
    """A deadline reminder sent to one person, kept so a reminder goes out once."""

    class What(models.TextChoices):
        REGISTRATION = "registration", _("registration")
        DECISION = "decision", _("decision")
        GRADING = "grading", _("grading file")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=20, choices=What.choices)
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    year = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    items = models.PositiveIntegerField(_("items owed"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [models.UniqueConstraint(fields=["user", "what", "kind", "year", "days_before"],
                                               name="evaluations_reminder_once")]

    def __str__(self):
        return f"{self.user} {self.what} {self.kind} {self.year} (-{self.days_before})"
