from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    APP = "app", _("Mobile app")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    ORGANISATION = "organisation", _("From the Front or an organisation")
    PATROL = "patrol", _("A security team member on duty")


class ReportType(models.TextChoices):
    """Criminal Procedure Code Art. 144."""

    DENUNCIATION = "denunciation", _("Denunciation (an individual reports)")
    INFORMATION = "information", _("Crime information (an agency, organisation or the media)")
    RECOMMENDATION = "recommendation", _("Recommendation to prosecute (a state body)")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    VERIFYING = "verifying", _("Being verified")
    SUSPENDED = "suspended", _("Suspended")
    FORWARDED = "forwarded", _("Forwarded to the investigation body")
    RESOLVED = "resolved", _("Resolved")
    MERGED = "merged", _("Merged into another tip")
    NOT_CRIME = "not_crime", _("Not a crime")


OPEN_STATUSES = [Status.RECEIVED, Status.TRIAGED, Status.VERIFYING, Status.SUSPENDED]
CLOCK_STATUSES = [Status.RECEIVED, Status.TRIAGED, Status.VERIFYING]  # the 20-day clock runs


class Outcome(models.TextChoices):
    """Art. 147: how a tip is resolved."""

    PROSECUTE = "prosecute", _("Prosecution opened")
    NO_PROSECUTION = "no_prosecution", _("No prosecution")


class Referral(models.TextChoices):
    MEDIATION = "mediation", _("Referred to grassroots mediation")
    ADMINISTRATIVE = "administrative", _("Referred for administrative handling")
    NONE = "none", _("No further action")


class Author(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    OFFICER = "officer", _("Officer")


class Feedback(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    OUTCOME = "outcome", _("Outcome")
