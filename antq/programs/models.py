"""Coordination programs and plans, their content and assignments, and review milestones.

A program at one level is implemented by programs at the level below (Program 07 → province
program 13 → commune plans; seed 002). Review milestones come from rules that are data.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.text import fold
from antq.programs.choices import AssignmentStatus, ProgramKind, ProgramStatus, Recurrence, ReviewKind


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
    title = models.CharField(_("title"), max_length=500)
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
