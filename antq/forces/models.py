"""Grassroots security teams (Law 30/2023/QH15 on the forces protecting security and order at the grassroots;
LAW.md §4): a team per one or more residential areas, its members proposed by the commune police and recognised
by the commune chairman, the eligibility rules and the team sizes as dated data."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.fields import EncryptedTextField
from antq.forces.choices import (
    INCIDENT_SHORT,
    AssignmentState,
    DisciplineForm,
    Education,
    Grade,
    IncidentKind,
    MemberState,
    ParticipationKind,
    PrestigeKind,
    RatingState,
    Role,
    ShiftKind,
    TaskKind,
    TaskOutcome,
    TrainingResult,
)


class EligibilityRule(models.Model):
    """Who may join a team, from a date on: data an administrator edits, with its source."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("age at least"), default=18)
    max_age = models.PositiveSmallIntegerField(_("age at most"), default=70)
    min_education = models.CharField(_("schooling at least"), max_length=20, choices=Education.choices,
                                     default=Education.LOWER_SECONDARY)
    min_education_hardship = models.CharField(
        _("schooling at least, in a commune of special hardship"), max_length=20, choices=Education.choices,
        default=Education.PRIMARY)
    needs_residence = models.BooleanField(_("must live in the commune"), default=True)
    needs_clean_record = models.BooleanField(_("must have a clean record"), default=True)
    needs_health = models.BooleanField(_("must be healthy enough for the duties"), default=True)
    warn_months = models.PositiveSmallIntegerField(_("flag members this many months before they age out"),
                                                   default=6)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="forces_eligibility_once")]

    def __str__(self):
        return self.source or str(_("eligibility rule"))


class TeamSize(models.Model):
    """How many members a team has, fixed by the province (the national row is the default)."""

    province = models.ForeignKey("geo.AdminUnit", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 help_text=_("Empty: the default for every province without its own."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    min_members = models.PositiveSmallIntegerField(_("members at least"), default=3)
    max_members = models.PositiveSmallIntegerField(_("members at most"), default=5)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("to verify"), default=False)

    class Meta:
        ordering = ["province_id", "-valid_from"]
        verbose_name = _("team size")
        verbose_name_plural = _("team sizes")
        constraints = [models.UniqueConstraint(fields=["province", "valid_from"], name="forces_size_once")]

    def __str__(self):
        return f"{self.min_members}–{self.max_members}"


class HardshipCommune(models.Model):
    """A commune of special socio-economic hardship: members there need primary schooling only."""

    commune = models.OneToOneField("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.CASCADE,
                                   related_name="+")
    note = models.CharField(_("decision"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("commune of special hardship")
        verbose_name_plural = _("communes of special hardship")

    def __str__(self):
        return str(self.commune_id)


class TeamQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))


class SecurityTeam(models.Model):
    """A security team of one or more residential areas, set up by the commune chairman's decision."""

    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    areas = models.ManyToManyField("geo.AdminUnit", verbose_name=_("residential areas"), related_name="+")
    name = models.CharField(_("name"), max_length=200)
    decision_number = models.CharField(_("decision setting it up"), max_length=60)
    decided_on = models.DateField(_("decided on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["commune_id", "name"]
        verbose_name = _("security team")
        verbose_name_plural = _("security teams")
        indexes = [models.Index(fields=["province", "commune"], name="forces_team_prov_idx")]

    def __str__(self):
        return self.name


class Member(models.Model):
    """A member, proposed by the commune police and recognised by the commune chairman; the ID number sealed."""

    team = models.ForeignKey(SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="members")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    id_number = EncryptedTextField(_("citizen ID number"))
    area = models.ForeignKey("geo.AdminUnit", verbose_name=_("lives in"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+",
                             help_text=_("Empty: outside the commune (where the rule in force allows it)."))
    education = models.CharField(_("schooling"), max_length=20, choices=Education.choices)
    clean_record = models.BooleanField(_("clean record"), default=True)
    healthy = models.BooleanField(_("healthy enough for the duties"), default=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=20, choices=MemberState.choices, default=MemberState.PROPOSED)
    proposed_on = models.DateField(_("proposed on"))
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    decision_number = models.CharField(_("recognition decision"), max_length=60, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("why they left"), max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["team_id", "role", "full_name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        indexes = [models.Index(fields=["province", "commune", "state"], name="forces_member_scope_idx"),
                   models.Index(fields=["commune", "state"], name="forces_member_commune_idx")]

    def __str__(self):
        return self.full_name


class Discipline(models.Model):
    """A disciplinary decision on a member (a dismissal ends their membership)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField(_("form"), max_length=20, choices=DisciplineForm.choices)
    decided_on = models.DateField(_("decided on"))
    decision_number = models.CharField(_("decision"), max_length=60)
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")

    def __str__(self):
        return f"{self.member_id} {self.form}"


class DutyRule(models.Model):
    """How duty works in practice (not law): how early a member may sign on, how late sign off, how far ahead
    recurring shifts are laid out and when an unconfirmed shift is flagged."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    sign_on_early_minutes = models.PositiveSmallIntegerField(_("sign on from this many minutes before the start"),
                                                             default=60)
    sign_off_late_hours = models.PositiveSmallIntegerField(_("sign off up to this many hours after the end"),
                                                           default=6)
    flag_unconfirmed_hours = models.PositiveSmallIntegerField(
        _("flag a shift not confirmed this many hours before it starts"), default=24)
    plan_days = models.PositiveSmallIntegerField(_("lay out recurring shifts this many days ahead"), default=28)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("duty rule")
        verbose_name_plural = _("duty rules")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="forces_duty_once")]

    def __str__(self):
        return self.source or str(_("duty rule"))


class Schedule(models.Model):
    """A recurring duty (night patrols on given weekdays): its shifts are laid out ahead, the members taking
    turns in the order chosen."""

    team = models.ForeignKey(SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="schedules")
    kind = models.CharField(_("kind"), max_length=20, choices=ShiftKind.choices)
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place or route"), max_length=300, blank=True)
    weekdays = models.CharField(_("weekdays"), max_length=7, help_text=_("ISO weekdays, Monday 1 to Sunday 7."))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"), help_text=_("At or before the start: the next morning."))
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until"), null=True, blank=True)
    per_shift = models.PositiveSmallIntegerField(_("members per shift"), default=2)
    members = models.ManyToManyField(Member, verbose_name=_("members taking turns"), related_name="+")
    laid_out_until = models.DateField(null=True, blank=True)
    turn = models.PositiveIntegerField(default=0)  # where the rota goes on
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["team_id", "first_day"]
        verbose_name = _("duty schedule")
        verbose_name_plural = _("duty schedules")

    def __str__(self):
        return self.title


class Shift(models.Model):
    """One shift of a team: a night patrol, a duty at the post, an event or a festival day."""

    team = models.ForeignKey(SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="shifts")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    schedule = models.ForeignKey(Schedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="shifts")
    kind = models.CharField(_("kind"), max_length=20, choices=ShiftKind.choices)
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place or route"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("why cancelled"), max_length=300, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        indexes = [models.Index(fields=["commune", "starts_at"], name="forces_shift_commune_idx"),
                   models.Index(fields=["team", "starts_at"], name="forces_shift_team_idx")]

    def __str__(self):
        return f"{self.title} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"


class Assignment(models.Model):
    """A member on a shift: confirmed (or not able to come) ahead, signed on and off from the phone, with what
    was seen and done. A member who confirmed but never signed on before the end is a no-show."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="assignments")
    state = models.CharField(_("state"), max_length=20, choices=AssignmentState.choices,
                             default=AssignmentState.ASSIGNED)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.CharField(_("why not"), max_length=300, blank=True)
    signed_on_at = models.DateTimeField(_("signed on at"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    seen = models.TextField(_("what was seen"), blank=True)
    done = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["shift_id", "member_id"]
        verbose_name = _("shift assignment")
        verbose_name_plural = _("shift assignments")
        constraints = [models.UniqueConstraint(fields=["shift", "member"], name="forces_assignment_once")]
        indexes = [models.Index(fields=["member", "state"], name="forces_assignment_member_idx")]

    def __str__(self):
        return f"{self.member_id}@{self.shift_id}"


class Incident(models.Model):
    """Something a member saw on duty and reported from the phone; sent on at once to the app that owns it (a
    tip to the commune police), or left for the commune police to record (a dispute)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="incidents")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    description = EncryptedTextField(_("what happened"))
    place = models.CharField(_("where"), max_length=300, blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    sent_as = models.CharField(max_length=20, blank=True)  # the hook that took it: "tip", "dispute"
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    url = models.CharField(max_length=200, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("incident seen on duty")
        verbose_name_plural = _("incidents seen on duty")
        indexes = [models.Index(fields=["commune", "kind", "sent_as"], name="forces_incident_idx")]

    def __str__(self):
        return f"{self.kind} {self.reported_at:%d/%m/%Y}"

    @property
    def short_kind(self) -> str:
        return str(INCIDENT_SHORT.get(self.kind, self.kind))


class Task(models.Model):
    """A task the commune police give a team or one member (checking information, support, fire and rescue),
    with its outcome: the share done feeds the yearly rating."""

    team = models.ForeignKey(SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="tasks")
    member = models.ForeignKey(Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="tasks", help_text=_("Empty: the whole team."))
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    description = models.CharField(_("task"), max_length=500)
    given_on = models.DateField(_("given on"))
    due_on = models.DateField(_("due on"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=20, choices=TaskOutcome.choices, blank=True)
    outcome_note = models.CharField(_("what came of it"), max_length=500, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["team", "given_on"], name="forces_task_team_idx")]

    def __str__(self):
        return self.description[:60]


class RatingRule(models.Model):
    """The yearly rating's thresholds on the share of tasks done (Guidance 01/HD-BCA-V05): "excellent" needs
    strictly more than its share; the others at least theirs. Compared exactly, in whole tasks."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    excellent_above = models.DecimalField(_("excellent: tasks done, more than this per cent"), max_digits=5,
                                          decimal_places=2, default=95)
    good_from = models.DecimalField(_("well: tasks done, at least this per cent"), max_digits=5, decimal_places=2,
                                    default=80)
    completed_from = models.DecimalField(_("completed: tasks done, at least this per cent"), max_digits=5,
                                         decimal_places=2, default=50)
    disciplined_at_most = models.CharField(_("a member disciplined in the year is rated at most"), max_length=20,
                                           choices=Grade.choices, default=Grade.COMPLETED)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("to verify"), default=False)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("rating rule")
        verbose_name_plural = _("rating rules")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="forces_rating_rule_once")]

    def __str__(self):
        return self.source or str(_("rating rule"))


class Rating(models.Model):
    """A team's (member empty) or a member's rating for a year: drafted from the tasks' records, reviewed by
    the commune police, decided by the commune chairman with the decision's number."""

    year = models.PositiveSmallIntegerField(_("year"))
    team = models.ForeignKey(SecurityTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="ratings")
    member = models.ForeignKey(Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="ratings")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    tasks_done = models.PositiveIntegerField(_("tasks done"), default=0)
    tasks_total = models.PositiveIntegerField(_("tasks given"), default=0)
    disciplined = models.BooleanField(_("disciplined in the year"), default=False)
    draft_grade = models.CharField(_("draft"), max_length=20, choices=Grade.choices, blank=True)
    grade = models.CharField(_("rating"), max_length=20, choices=Grade.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=RatingState.choices, default=RatingState.DRAFT)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decision_number = models.CharField(_("decision"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "team_id", "member_id"]
        verbose_name = _("yearly rating")
        verbose_name_plural = _("yearly ratings")
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], condition=Q(member__isnull=True),
                                    name="forces_rating_team_once"),
            models.UniqueConstraint(fields=["member", "year"], condition=Q(member__isnull=False),
                                    name="forces_rating_member_once")]
        indexes = [models.Index(fields=["province", "year", "state"], name="forces_rating_scope_idx"),
                   models.Index(fields=["commune", "year"], name="forces_rating_commune_idx")]

    def __str__(self):
        return f"{self.year} {self.team_id}/{self.member_id or '-'}"


class TrainingRule(models.Model):
    """How often a member is trained: a required course passed within the months here, a new member given the
    grace months first. Data to verify against the Ministry's rules on training the grassroots force."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    refresh_months = models.PositiveSmallIntegerField(_("a required course passed within this many months"),
                                                      default=12)
    grace_months = models.PositiveSmallIntegerField(_("a new member has this many months to be trained"), default=6)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("to verify"), default=False)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("training rule")
        verbose_name_plural = _("training rules")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="forces_training_rule_once")]

    def __str__(self):
        return self.source or str(_("training rule"))


class TrainingPlan(models.Model):
    """A commune's plan of training for its teams for a year."""

    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField(_("year"))
    courses_planned = models.PositiveSmallIntegerField(_("courses planned"))
    content = models.TextField(_("what the plan covers"))
    approved_on = models.DateField(_("approved on"))

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="forces_training_plan_once")]

    def __str__(self):
        return f"{self.commune_id} {self.year}"


class Course(models.Model):
    """A training course of a commune's team members (bồi dưỡng, huấn luyện): content, dates, trainer."""

    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    trainer = models.CharField(_("trainer"), max_length=200)
    place = models.CharField(_("place"), max_length=300, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    required = models.BooleanField(_("required training"), default=True,
                                   help_text=_("Counts as the training every member needs."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        indexes = [models.Index(fields=["commune", "starts_on"], name="forces_course_commune_idx")]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """A member at a course, with the result."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendances")
    result = models.CharField(_("result"), max_length=20, choices=TrainingResult.choices)

    class Meta:
        ordering = ["course_id", "member_id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["course", "member"], name="forces_attendance_once")]
        indexes = [models.Index(fields=["member", "result"], name="forces_attendance_member_idx")]

    def __str__(self):
        return f"{self.member_id}@{self.course_id}"


class AllowanceRate(models.Model):
    """What a member is paid monthly, fixed by the province's People's Council (Law 30/2023/QH15, the regime of
    the grassroots force): per role, with the health insurance the budget pays. Dated; to verify per
    province."""

    province = models.ForeignKey("geo.AdminUnit", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="+")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    monthly_amount = models.DecimalField(_("monthly support (VND)"), max_digits=12, decimal_places=0)
    insurance_amount = models.DecimalField(_("health insurance paid, monthly (VND)"), max_digits=12,
                                           decimal_places=0, default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("to verify"), default=True)

    class Meta:
        ordering = ["province_id", "role", "-valid_from"]
        verbose_name = _("allowance rate")
        verbose_name_plural = _("allowance rates")
        constraints = [models.UniqueConstraint(fields=["province", "role", "valid_from"],
                                               name="forces_allowance_rate_once")]

    def __str__(self):
        return f"{self.province_id} {self.role} {self.monthly_amount}"


class AllowancePayment(models.Model):
    """A month's support paid to a member, at the rate in force (what the funding app sums later)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payments")
    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    month = models.DateField(_("month"), help_text=_("The first day of the month paid."))
    amount = models.DecimalField(_("support (VND)"), max_digits=12, decimal_places=0)
    insurance_amount = models.DecimalField(_("health insurance (VND)"), max_digits=12, decimal_places=0)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "member_id"]
        verbose_name = _("allowance paid")
        verbose_name_plural = _("allowances paid")
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="forces_payment_once")]
        indexes = [models.Index(fields=["commune", "month"], name="forces_payment_commune_idx")]

    def __str__(self):
        return f"{self.member_id} {self.month:%m/%Y}"


class EquipmentIssue(models.Model):
    """Equipment issued to a member (uniform, torch, baton, raincoat…) and its return."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="equipment")
    item = models.CharField(_("item"), max_length=200)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    issued_on = models.DateField(_("issued on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["member_id", "-issued_on"]
        verbose_name = _("equipment issued")
        verbose_name_plural = _("equipment issued")

    def __str__(self):
        return f"{self.item} × {self.quantity}"


class SelfManagedGroup(models.Model):
    """A self-managed group on security and order (tổ tự quản) of a residential area."""

    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    area = models.ForeignKey("geo.AdminUnit", verbose_name=_("residential area"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(_("name"), max_length=200)
    leader_name = models.CharField(_("group leader"), max_length=200)
    households = models.PositiveIntegerField(_("households"))
    set_up_on = models.DateField(_("set up on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["area_id", "name"]
        verbose_name = _("self-managed group")
        verbose_name_plural = _("self-managed groups")
        indexes = [models.Index(fields=["commune", "area"], name="forces_group_area_idx")]

    def __str__(self):
        return self.name


class PrestigePerson(models.Model):
    """A person of prestige in a residential area (village elder, religious dignitary, head of a clan, veteran)
    whom the Front introduced to the self-managed groups and calls on (seed 001 §II, seed 002 §II.5). The phone
    is sealed."""

    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    area = models.ForeignKey("geo.AdminUnit", verbose_name=_("residential area"), on_delete=models.PROTECT,
                             related_name="+")
    full_name = models.CharField(_("full name"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("standing"), max_length=20, choices=PrestigeKind.choices)
    phone = EncryptedTextField(_("phone"), blank=True)
    introduced_on = models.DateField(_("introduced by the Front on"))
    groups = models.ManyToManyField(SelfManagedGroup, verbose_name=_("self-managed groups"), blank=True,
                                    related_name="people")
    ended_on = models.DateField(_("no longer called on since"), null=True, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["area_id", "full_name"]
        verbose_name = _("person of prestige")
        verbose_name_plural = _("people of prestige")
        indexes = [models.Index(fields=["commune", "area"], name="forces_prestige_area_idx")]

    def __str__(self):
        return self.full_name


class Participation(models.Model):
    """What a person of prestige took part in: a mediation, persuading people, a forum."""

    person = models.ForeignKey(PrestigePerson, on_delete=models.CASCADE, related_name="participations")
    kind = models.CharField(_("what"), max_length=20, choices=ParticipationKind.choices)
    on = models.DateField(_("on"))
    note = models.CharField(_("note"), max_length=300)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        return f"{self.person_id} {self.kind}"
