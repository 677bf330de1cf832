from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Source(models.TextChoices):
    """Law 35/2013 Art. 16: what a mediation starts from."""

    REQUEST = "request", _("A party's request")
    PUBLIC = "public", _("A request sent online")
    OWN_KNOWLEDGE = "own_knowledge", _("A mediator saw or learnt of it")
    LEADER = "leader", _("Assigned by the team leader")
    PROPOSAL = "proposal", _("Proposed by an agency or organisation")
    TIP = "tip", _("Referred by the police from a tip")
    FORUM = "forum", _("Raised at a people's forum")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received, mediators to assign")
    ASSIGNED = "assigned", _("Mediators assigned, not started")
    IN_PROGRESS = "in_progress", _("Being mediated")
    AGREED = "agreed", _("Agreement reached")
    NOT_AGREED = "not_agreed", _("No agreement")
    STOPPED = "stopped", _("Stopped")
    DECLINED = "declined", _("Not mediable")


OPEN_STATUSES = [CaseStatus.RECEIVED, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS]
ENDINGS = [CaseStatus.AGREED, CaseStatus.NOT_AGREED, CaseStatus.STOPPED]  # Art. 22: how a mediation ends
ENDING_CHOICES = [(c.value, c.label) for c in ENDINGS]


class Compliance(models.TextChoices):
    """Art. 26: the mediator follows the agreement until it is carried out or broken."""

    FOLLOWING = "following", _("Being carried out")
    COMPLIED = "complied", _("Carried out")
    BREACHED = "breached", _("Not carried out")


class Route(models.TextChoices):
    """Where a matter that may not be mediated goes instead (Art. 3)."""

    TIP = "tip", _("Report it to the police")
    ADMINISTRATIVE = "administrative", _("The commune People's Committee handles it")
    COURT = "court", _("The court or the competent authority")


class PartyRole(models.TextChoices):
    REQUESTER = "requester", _("Asked for mediation")
    OTHER = "other", _("Other party")


class DisputeKind(models.TextChoices):
    DISPUTE = "dispute", _("Dispute")
    COMPLAINT = "complaint", _("Complaint or denunciation")
    MASS_COMPLAINT = "mass_complaint", _("Mass complaint")
    STRIKE = "strike", _("Strike or work stoppage")
    GATHERING = "gathering", _("Gathering")


class DisputeState(models.TextChoices):
    WATCHED = "watched", _("Being settled")
    RISK = "risk", _("Risk of a hot spot")
    HOT_SPOT = "hot_spot", _("Hot spot")
    RESOLVED = "resolved", _("Settled")


LIVE_DISPUTE = [DisputeState.WATCHED, DisputeState.RISK, DisputeState.HOT_SPOT]


class Progress(models.TextChoices):
    """A periodic assessment of a complex area's transformation."""

    BETTER = "better", _("Improving")
    UNCHANGED = "unchanged", _("Unchanged")
    WORSE = "worse", _("Worsening")
