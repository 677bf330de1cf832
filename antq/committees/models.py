"""Steering committees, their composition rules and members, meeting cadences and meetings.

Seed 000 §IV.3–4 and seed 002 §IV.3: one committee per unit and level; who heads it and who
sits on it depends on the level; it meets on a cadence set per level and reports each
meeting to the committee above. Composition rules and cadences are data.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.committees.choices import DEFAULT_COMMITTEE_NAME, Attendance, Group, Position
from antq.core.access import ScopedQuerySet


class CompositionRule(models.Model):
    """At a level, `position` must be held by someone from an organisation of `org_type`."""

    level = models.ForeignKey("geo.Level", verbose_name=_("level"), on_delete=models.PROTECT,
                              related_name="composition_rules")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    org_type = models.ForeignKey("orgs.OrganisationType", verbose_name=_("organisation type"),
                                 on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("source"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["level__rank", "position", "org_type__order"]
        verbose_name = _("composition rule")
        verbose_name_plural = _("composition rules")
        constraints = [models.UniqueConstraint(fields=["level", "position", "org_type", "valid_from"],
                                               name="committees_rule_unique")]

    def __str__(self):
        return f"{self.level}: {self.get_position_display()} — {self.org_type}"


class MeetingCadence(models.Model):
    """How often a committee of a level must meet, e.g. monthly at commune level."""

    level = models.ForeignKey("geo.Level", verbose_name=_("level"), on_delete=models.PROTECT,
                              related_name="meeting_cadences")
    months = models.PositiveSmallIntegerField(_("every N months"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["level__rank", "-valid_from"]
        verbose_name = _("meeting cadence")
        verbose_name_plural = _("meeting cadences")
        constraints = [
            models.CheckConstraint(condition=Q(months__in=[1, 2, 3, 4, 6, 12]), name="committees_cadence_divides_year"),
        ]

    def __str__(self):
        return f"{self.level}: {self.months}"

    def clean(self):
        # The database refuses it too (the check constraint); here the message is the field's own.
        if self.months is not None and self.months not in (1, 2, 3, 4, 6, 12):
            raise ValidationError({"months": _("A cadence divides the year: 1, 2, 3, 4, 6 or 12 months.")})


class SteeringCommitteeQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(dissolved_on__isnull=True)


class SteeringCommittee(models.Model):
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="committees")
    name = models.CharField(_("name"), max_length=300, default=DEFAULT_COMMITTEE_NAME)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    decision_number = models.CharField(_("founding decision"), max_length=100, blank=True)
    working_rules = models.FileField(_("working rules"), upload_to="committees/rules/%Y/", blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "unit__path"
    objects = SteeringCommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path"]
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")
        constraints = [models.UniqueConstraint(fields=["unit"], condition=Q(dissolved_on__isnull=True),
                                               name="committees_one_active_per_unit")]

    def __str__(self):
        return f"{self.name} — {self.unit}"


class CommitteeMemberQuerySet(ScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=on), Q(term_start__isnull=True) |
                           Q(term_start__lte=on))


class CommitteeMember(models.Model):
    """A seat held for a term; ending a term keeps the row, so the history stays."""

    committee = models.ForeignKey(SteeringCommittee, verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="members")
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True,
                             help_text=_("For example \"Phó Chủ tịch UBND xã\"."))
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="committee_seats")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, default=Group.COMMITTEE)
    user = models.ForeignKey("orgs.User", verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="committee_seats")
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)

    scope_path = "committee__unit__path"
    objects = CommitteeMemberQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "group", "position", "full_name"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")

    def __str__(self):
        return f"{self.full_name} ({self.get_position_display()})"


class Meeting(models.Model):
    committee = models.ForeignKey(SteeringCommittee, verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="meetings")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    chair = models.ForeignKey(CommitteeMember, verbose_name=_("chair"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    signed_minutes = models.FileField(_("signed minutes"), upload_to="committees/minutes/%Y/", blank=True)
    recorded_by = models.ForeignKey("orgs.User", verbose_name=_("recorded by"), null=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    scope_path = "committee__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["committee", "held_on"], name="committees_meeting_when_idx")]

    def __str__(self):
        return f"{self.committee.unit} — {self.held_on:%d/%m/%Y}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CommitteeMember, verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="attendance")
    status = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices)
    note = models.CharField(_("reason or representative"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="committees_attendance_once")]

    def __str__(self):
        return f"{self.member} — {self.get_status_display()}"


class MeetingDecision(models.Model):
    """A decision of the meeting; with an owner and a due date it is a follow-up to track."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    owner = models.ForeignKey("orgs.Organisation", verbose_name=_("owner organisation"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    scope_path = "meeting__committee__unit__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]
