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


class ShiftKind(models.TextChoices):
    NIGHT_PATROL = "night_patrol", _("Night patrol")
    DUTY = "duty", _("Duty at the post")
    EVENT = "event", _("Event")
    FESTIVAL = "festival", _("Festival or holiday")


class AssignmentState(models.TextChoices):
    ASSIGNED = "assigned", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Cannot come")


class IncidentKind(models.TextChoices):
    """Where an incident seen on patrol goes: the app that owns it takes it through its own service."""

    TIP = "tip", _("A crime or a sign of one: to the commune police as a tip")
    DISPUTE = "dispute", _("A dispute among people: for the commune police to record")
    NOTE = "note", _("Something to note only")


INCIDENT_SHORT = {IncidentKind.TIP: _("Tip"), IncidentKind.DISPUTE: _("Dispute"), IncidentKind.NOTE: _("Note")}


class TaskKind(models.TextChoices):
    VERIFICATION = "verification", _("Checking information")
    SUPPORT = "support", _("Supporting the commune police")
    FIRE_RESCUE = "fire_rescue", _("Fire fighting and rescue")
    PROPAGANDA = "propaganda", _("Explaining the law to residents")
    OTHER = "other", _("Other task")


class TaskOutcome(models.TextChoices):
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


class Grade(models.TextChoices):
    """Guidance 01/HD-BCA-V05: the yearly rating of a team and of a member, best first."""

    EXCELLENT = "excellent", _("Completed its tasks excellently")
    GOOD = "good", _("Completed its tasks well")
    COMPLETED = "completed", _("Completed its tasks")
    NOT_COMPLETED = "not_completed", _("Did not complete its tasks")


GRADE_RANK = {value: rank for rank, value in enumerate(reversed(Grade.values))}  # higher is better


class RatingState(models.TextChoices):
    DRAFT = "draft", _("Draft from the records")
    REVIEWED = "reviewed", _("Reviewed by the commune police")
    DECIDED = "decided", _("Decided")


class TrainingResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Did not pass")
    ABSENT = "absent", _("Absent")


class PrestigeKind(models.TextChoices):
    ELDER = "elder", _("Village elder")
    RELIGIOUS = "religious", _("Religious dignitary")
    CLAN_HEAD = "clan_head", _("Head of a clan")
    VETERAN = "veteran", _("Veteran")
    RETIRED_OFFICIAL = "retired_official", _("Retired official or teacher")
    BUSINESS = "business", _("Business owner")
    OTHER = "other", _("Other person of standing")


class ParticipationKind(models.TextChoices):
    MEDIATION = "mediation", _("Grassroots mediation")
    MOBILISATION = "mobilisation", _("Persuading people, settling a matter")
    FORUM = "forum", _("A people's forum")
    REINTEGRATION = "reintegration", _("Helping someone back into the community")
    OTHER = "other", _("Other")
