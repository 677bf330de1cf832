from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramKind(models.TextChoices):
    PROGRAM = "program", _("Coordination program")
    PLAN = "plan", _("Plan")


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")
    YEARLY = "yearly", _("Every year")


class PeriodType(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF = "half", _("Half-year")
    YEAR = "year", _("Year")


PERIOD_MONTHS = {PeriodType.MONTH: 1, PeriodType.QUARTER: 3, PeriodType.HALF: 6, PeriodType.YEAR: 12}


class Aggregate(models.TextChoices):
    SUM = "sum", _("Sum")
    AVG = "avg", _("Average")
    MAX = "max", _("Maximum")


class IndicatorKind(models.TextChoices):
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")


class FollowUp(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ReviewKind(models.TextChoices):
    YEARLY = "yearly", _("Yearly review (sơ kết năm)")
    MIDTERM = "midterm", _("Five-year review (sơ kết 5 năm)")
    FINAL = "final", _("Final review (tổng kết)")
