from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureState(models.TextChoices):
    ACTIVE = "active", _("Under the measure")
    ENDED = "ended", _("Ended")
