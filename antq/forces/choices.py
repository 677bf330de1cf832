from django.db import models
from django.utils.translation import gettext_lazy as _


class Education(models.TextChoices):
    """Schooling completed, in rank order (the eligibility rule compares ranks)."""

    NONE = "none", _("Not completed primary school")
    PRIMARY = "primary", _("Primary schooling completed")
    LOWER_SECONDARY = "lower_secondary", _("Lower-secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper-secondary school")
    HIGHER = "higher", _("Vocational, college or university")


EDUCATION_RANK = {value: rank for rank, value in enumerate(Education.values)}


class Role(models.TextChoices):
    LEADER = "leader", _("Team leader")
    DEPUTY = "deputy", _("Deputy leader")
    MEMBER = "member", _("Rank-and-file member")


class MemberState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the commune chairman")
    RECOGNISED = "recognised", _("Recognised")
    LEFT = "left", _("Left")


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning")
    DISMISSAL = "dismissal", _("Dismissal from the team")
