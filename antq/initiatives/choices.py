from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeKind(models.TextChoices):
    """The "four selves" of the grassroots movement (DOMAIN.md §5) and anything else."""

    SELF_DEFENCE = "self_defence", _("Self-defence")
    SELF_MANAGEMENT = "self_management", _("Self-management")
    SELF_PROTECTION = "self_protection", _("Self-protection")
    SELF_MEDIATION = "self_mediation", _("Self-mediation")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    ACTIVE = "active", _("Working")
    REMOVED = "removed", _("Removed")


class RemovalReason(models.TextChoices):
    INEFFECTIVE = "ineffective", _("Ineffective")
    FORMALISTIC = "formalistic", _("Formalistic")
    MERGED = "merged", _("Merged into another model")
    OTHER = "other", _("Other")


class Grade(models.TextChoices):
    """Guidance 22/HD-BCA-V05 grades models; its scale is not confirmed by the text we hold."""

    GOOD = "good", _("Effective")
    FAIR = "fair", _("Fairly effective")
    AVERAGE = "average", _("Average")
    INEFFECTIVE = "ineffective", _("Ineffective")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY = "deputy", _("Deputy leader")
    MEMBER = "member", _("Member")


class EventKind(models.TextChoices):
    """What the history of a model records (Saleor-style event table)."""

    CREATED = "created", _("Registered")
    UPDATED = "updated", _("Details changed")
    SITE_ADDED = "site_added", _("Site added")
    SITE_CLOSED = "site_closed", _("Site closed")
    TEAM_FORMED = "team_formed", _("Team formed")
    TEAM_DISBANDED = "team_disbanded", _("Team disbanded")
    MEMBER_JOINED = "member_joined", _("Member joined")
    MEMBER_LEFT = "member_left", _("Member left")
    GRADED = "graded", _("Graded")
    RECOGNISED = "recognised", _("Recognised as exemplary")
    RECOGNITION_ENDED = "recognition_ended", _("Exemplary recognition ended")
    REMOVED = "removed", _("Removed")
