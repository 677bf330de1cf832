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


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked by the court")
    OTHER = "other", _("Other (death, new sentence…)")


class TransferState(models.TextChoices):
    PENDING = "pending", _("Waiting for the receiving commune")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class ProposalKind(models.TextChoices):
    """What the commune police head proposes to the court or the enforcement body (Law 127/2025)."""

    REVOKE = "revoke", _("Revoke (serve the sentence)")
    SHORTEN = "shorten", _("Shorten the remaining time")


class ProposalState(models.TextChoices):
    PENDING = "pending", _("Waiting for the decision")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class NeedKind(models.TextChoices):
    """What a person back in the community needs (Decree 49/2020)."""

    WORK = "work", _("Work")
    SCHOOLING = "schooling", _("Schooling")
    HOUSING = "housing", _("Housing")
    DOCUMENTS = "documents", _("Papers (residence, ID)")
    HEALTH = "health", _("Health")
    TREATMENT = "treatment", _("Addiction treatment")


class SupportKind(models.TextChoices):
    VOCATIONAL = "vocational", _("Vocational training")
    LOAN = "loan", _("Loan")
    JOB = "job", _("Job")
    SCHOOLING = "schooling", _("Schooling")
    PAPERS = "papers", _("Help with papers")
    HEALTH = "health", _("Health care or treatment")
    OTHER = "other", _("Other help")
