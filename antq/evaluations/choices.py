from django.db import models
from django.utils.translation import gettext_lazy as _

# The kinds of unit and the establishments' classes belong to the establishment registry (orgs); the
# evaluation's code names them from here too.
from antq.orgs.choices import ESTABLISHMENT_KINDS, SIZE_CLASSES_BY_KIND, SizeClass, UnitKind  # noqa: F401


class Judgement(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no, with evidence")
    THRESHOLD = "threshold", _("A number against a threshold")
    AUTOMATIC = "automatic", _("Checked on recorded facts")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ASSESSED = "assessed", _("Self-assessed")
    REVIEWED = "reviewed", _("Reviewed")
    PROPOSED = "proposed", _("Proposed for recognition")
    RECOGNISED = "recognised", _("Recognised")
    REFUSED = "refused", _("Not recognised")


OPEN_STATUSES = [Status.REGISTERED, Status.ASSESSED, Status.REVIEWED, Status.PROPOSED]


class IncidentKind(models.TextChoices):
    """Facts that fail a criterion of Art. 4–7 when they occur in the unit during the period."""

    SERIOUS_CRIME = "serious_crime", _("Serious or worse crime")
    NEW_HOT_SPOT = "new_hot_spot", _("New hot spot")
    UNSETTLED_DISPUTE = "unsettled_dispute", _("Prolonged unsettled dispute")
    SECURITY_ACTIVITY = "security_activity", _("Activity against security (anti-state, separatism, illegal religion)")
    NEW_ADDICT = "new_addict", _("New drug addict")
    SERIOUS_FIRE = "serious_fire", _("Serious fire or explosion")
    FATAL_ACCIDENT = "fatal_accident", _("Fatal work accident")
    SCHOOL_VIOLENCE = "school_violence", _("School violence")
    ILLEGAL_STRIKE = "illegal_strike", _("Illegal strike")


class Grade(models.TextChoices):
    """Movement grades of Decision 510/QĐ-BCA-V05 (the weak grade is unconfirmed, LAW.md §1)."""

    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    AVERAGE = "average", _("Average")
    WEAK = "weak", _("Weak")


class TargetKind(models.TextChoices):
    RECOGNISED_SHARE = "recognised_share", _("Share of units recognised, at least (%)")
    WEAK_COMMUNES = "weak_communes", _("Communes with a weak movement, at most")


ESTABLISHMENT_KIND_CHOICES = [(kind.value, kind.label) for kind in ESTABLISHMENT_KINDS]
