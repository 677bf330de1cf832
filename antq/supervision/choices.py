from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureState(models.TextChoices):
    ACTIVE = "active", _("Under the measure")
    ENDED = "ended", _("Ended")


class Grade(models.TextChoices):
    """The monthly assessment's grade (Law 127/2025; LAW.md §5)."""

    GOOD = "good", _("Good (Tốt)")
    FAIR = "fair", _("Fair (Khá)")
    AVERAGE = "average", _("Average (Trung bình)")
    POOR = "poor", _("Poor (Kém)")


class RollCall(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    APP = "app", _("Through the app")
    MISSED = "missed", _("Did not report")
