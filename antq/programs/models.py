"""Coordination programs and plans, their content and assignments, and review milestones.

A program at one level is implemented by programs at the level below (Program 07 → province
program 13 → commune plans; seed 002). Review milestones come from rules that are data.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.limits import Limit
from antq.core.models import TimeUnit
from antq.core.text import fold
from antq.programs.choices import (
    Aggregate,
    AssignmentStatus,
    FollowUp,
    IndicatorKind,
    PeriodType,
    ProgramKind,
    ProgramStatus,
    Recurrence,
    ReportStatus,
    ReviewKind,
)


class ReviewRule(models.Model):
    """When a program owes a review: every year in a given month, or N years after it starts,
    or in its last year (seed 002 §IV: yearly review in Q4, 5-year in 2028, final in 2033)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices, unique=True)
    every_year = models.BooleanField(_("every year"), default=False)
    years_after_start = models.PositiveSmallIntegerField(_("years after the start"), null=True, blank=True)
    in_last_year = models.BooleanField(_("in the last year"), default=False)
    due_month = models.PositiveSmallIntegerField(_("due by the end of month"), default=12)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("review rule")
        verbose_name_plural = _("review rules")

    def __str__(self):
        return self.get_kind_display()


class Program(models.Model):
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("issuing level"), on_delete=models.PROTECT,
                             related_name="programs")
    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices, default=ProgramKind.PROGRAM)
    number = models.CharField(_("number"), max_length=20, blank=True)
    code = models.CharField(_("code"), max_length=60, blank=True, help_text=_("For example \"CTrPH-CA-MTTQ\"."))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    search_text = models.CharField(max_length=600, editable=False, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    parent = models.ForeignKey("self", verbose_name=_("implements"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="implementations")
    issuers = models.ManyToManyField("orgs.Organisation", verbose_name=_("issued jointly by"), blank=True,
                                     related_name="programs_issued")
    objectives = models.TextField(_("objectives"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "unit__path"
    visible_from_below = True  # a commune reads the province program it implements
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "-issued_on", "pk"]
        verbose_name = _("coordination program")
        verbose_name_plural = _("coordination programs")
        constraints = [models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")),
                                              name="programs_period_in_order")]

    def __str__(self):
        return f"{self.reference} — {self.title}" if self.reference else self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.reference} {self.title}")[:600]
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """"13/CTrPH-CA-MTTQ", as the document is cited."""
        if self.number and self.code:
            return f"{self.number}/{self.code}"
        return self.number or self.code


class ContentItem(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="content_items")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("content"))

    class Meta:
        ordering = ["program", "order", "pk"]
        verbose_name = _("content item")
        verbose_name_plural = _("content items")

    def __str__(self):
        return self.text[:80]


class AssignmentQuerySet(ScopedQuerySet):
    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.filter(due_on__lt=on).exclude(status__in=[AssignmentStatus.DONE, AssignmentStatus.CANCELLED])


class Assignment(models.Model):
    """A duty given to one organisation by a program (phân công), with its progress and evidence."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE,
                                related_name="assignments")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="assignments")
    task = models.TextField(_("task"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    recurrence = models.CharField(_("recurrence"), max_length=20, choices=Recurrence.choices,
                                  default=Recurrence.ONCE)
    status = models.CharField(_("status"), max_length=20, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.NOT_STARTED)
    progress = models.TextField(_("progress notes"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="programs/evidence/%Y/", blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    source_decision = models.ForeignKey("committees.MeetingDecision", verbose_name=_("from the meeting decision"),
                                        null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments")

    scope_path = "program__unit__path"
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["program", "due_on", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["program", "status", "due_on"], name="programs_assign_state_idx")]

    def __str__(self):
        return f"{self.organisation}: {self.task[:60]}"

    @property
    def is_overdue(self) -> bool:
        return (self.due_on is not None and self.due_on < timezone.localdate()
                and self.status not in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED))


class ReviewMilestone(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["program", "due_on", "kind"]
        verbose_name = _("review milestone")
        verbose_name_plural = _("review milestones")
        constraints = [models.UniqueConstraint(fields=["program", "kind", "year"], name="programs_milestone_once")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"


class ReportForm(models.Model):
    """A periodic report form (data): its indicators, period, deadline and the levels that submit."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    period_type = models.CharField(_("period"), max_length=10, choices=PeriodType.choices)
    submitting_levels = models.ManyToManyField("geo.Level", verbose_name=_("submitted by the levels"),
                                               related_name="report_forms")
    is_active = models.BooleanField(_("active"), default=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")

    def __str__(self):
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return _in_language(self.name, self.name_en)

    def deadline_on(self, day) -> "ReportDeadline | None":
        """The deadline in force for a period that ended on `day` (from the prefetched rows when there)."""
        rows = sorted(self.deadlines.all(), key=lambda d: d.valid_from or datetime.date.min, reverse=True)
        return next((d for d in rows if (d.valid_from is None or d.valid_from <= day)
                     and (d.valid_to is None or d.valid_to >= day)), None)


class ReportDeadline(models.Model):
    """How long after its period a report is on time, from a date on: a change applies to the periods
    that end from that day, and never re-judges the earlier ones (counted by antq.core.limits, Art. 134)."""

    form = models.ForeignKey(ReportForm, verbose_name=_("report form"), on_delete=models.CASCADE,
                             related_name="deadlines")
    amount = models.PositiveSmallIntegerField(_("due after the period"), default=5)
    unit = models.CharField(_("counted in"), max_length=20, choices=TimeUnit.choices, default=TimeUnit.DAYS)
    opens_before_end = models.PositiveSmallIntegerField(
        _("submittable days before the period ends"), default=0,
        help_text=_("0: a report is submitted once its period has ended (from the day after its last day); "
                    "N: from N days before that day, for a form whose figures are closed early."))
    source = models.CharField(_("source"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["form", "valid_from"]
        verbose_name = _("report deadline")
        verbose_name_plural = _("report deadlines")
        constraints = [models.UniqueConstraint(fields=["form", "valid_from"], name="programs_deadline_once_a_day")]

    def __str__(self):
        return f"{self.form}: {self.amount} {self.get_unit_display()}"

    @property
    def limit(self) -> Limit:
        return Limit(self.amount, self.unit)


class ReportIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="indicators")
    section = models.CharField(_("section"), max_length=200, blank=True)
    section_en = models.CharField(_("section (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("label"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.NUMBER)
    aggregate = models.CharField(_("roll-up"), max_length=10, choices=Aggregate.choices, default=Aggregate.SUM)
    unit_label = models.CharField(_("unit of measure"), max_length=30, blank=True)
    unit_label_en = models.CharField(_("unit of measure (English)"), max_length=30, blank=True)
    whole_number = models.BooleanField(
        _("whole numbers only"), default=True,
        help_text=_("A count (cases, people, meetings); untick for a share or an amount."))

    class Meta:
        ordering = ["form", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="programs_indicator_code_once")]

    def __str__(self):
        return self.shown_label

    # The form's words in the reader's language: English where it was entered, else the Vietnamese.
    @property
    def shown_label(self) -> str:
        return _in_language(self.label, self.label_en)

    @property
    def shown_section(self) -> str:
        return _in_language(self.section, self.section_en)

    @property
    def shown_unit(self) -> str:
        return _in_language(self.unit_label, self.unit_label_en)


def _in_language(vietnamese: str, english: str) -> str:
    return english if english and (get_language() or "vi").startswith("en") else vietnamese


class ReportQuerySet(ScopedQuerySet):
    def current(self):
        """The version that counts: the latest submitted one of each unit and period."""
        return self.filter(is_current=True, status=ReportStatus.SUBMITTED)


class Report(models.Model):
    """One unit's report for one period. Submitted versions are locked; a correction is a new version."""

    form = models.ForeignKey(ReportForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="reports")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    is_current = models.BooleanField(_("current version"), default=False)
    supersedes = models.OneToOneField("self", verbose_name=_("corrects"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="correction")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey("orgs.User", verbose_name=_("submitted by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    returned_reason = models.TextField(_("reason for return"), blank=True)

    scope_path = "unit__path"
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "unit__path", "-version"]
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        constraints = [
            models.UniqueConstraint(fields=["form", "unit", "period_start", "version"], name="programs_report_version"),
            models.UniqueConstraint(fields=["form", "unit", "period_start"], condition=Q(is_current=True),
                                    name="programs_report_one_current"),
        ]
        indexes = [models.Index(fields=["form", "period_start", "is_current"], name="programs_report_period_idx")]

    def __str__(self):
        return f"{self.form} — {self.unit} — {self.period_start:%m/%Y} (v{self.version})"


class ReportValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(ReportIndicator, on_delete=models.PROTECT, related_name="values")
    number = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("report value")
        verbose_name_plural = _("report values")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="programs_value_once")]

    def __str__(self):
        return f"{self.indicator.code}={self.number if self.number is not None else self.text[:20]}"


class Directive(models.Model):
    """A directive (chỉ đạo) from a level to the units below it, with the date replies are due."""

    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("issuing level"), on_delete=models.PROTECT,
                             related_name="directives")
    number = models.CharField(_("number"), max_length=60, blank=True)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    body = models.TextField(_("content"))
    issued_on = models.DateField(_("issued on"))
    reply_by = models.DateField(_("reply by"))
    issued_by = models.ForeignKey("orgs.User", verbose_name=_("issued by"), null=True, on_delete=models.PROTECT,
                                  related_name="+")

    scope_path = "unit__path"
    visible_from_below = True  # the units that must reply read it
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class DirectiveReply(models.Model):
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="replies")
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="directive_replies")
    text = models.TextField(_("reply"))
    replied_at = models.DateTimeField(_("replied at"))
    replied_by = models.ForeignKey("orgs.User", verbose_name=_("replied by"), null=True, on_delete=models.PROTECT,
                                   related_name="+")

    scope_path = "unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["replied_at"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [models.UniqueConstraint(fields=["directive", "unit"], name="programs_reply_once")]

    def __str__(self):
        return f"{self.unit} — {self.replied_at:%d/%m/%Y}"


class InspectionPlan(models.Model):
    """A yearly or ad hoc inspection by a level of the units below it (seed 002 §IV.3)."""

    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("inspecting level"), on_delete=models.PROTECT,
                             related_name="inspection_plans")
    title = models.CharField(pgettext_lazy("document", "title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    team = models.TextField(_("team"), help_text=_("One member per line: name, title, organisation."))

    scope_path = "unit__path"
    visible_from_below = True
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self):
        return self.title


class InspectionVisit(models.Model):
    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="visits")
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("inspected unit"), on_delete=models.PROTECT,
                             related_name="inspection_visits")
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True)
    visited_on = models.DateField(_("inspected on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    follow_up = models.CharField(_("follow-up"), max_length=20, choices=FollowUp.choices, default=FollowUp.OPEN)
    follow_up_note = models.TextField(_("follow-up notes"), blank=True)

    scope_path = "unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "scheduled_on", "pk"]
        verbose_name = _("inspection visit")
        verbose_name_plural = _("inspection visits")
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="programs_visit_once")]

    def __str__(self):
        return f"{self.plan} — {self.unit}"
