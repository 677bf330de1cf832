"""The append-only audit trail, hash-chained so an edited or removed row is detectable."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet


class NamedRow(models.Model):
    """A row of shipped reference data (levels, types, roles): a code and a name in each language.

    Names are data an administrator edits, so they are stored, not translated by gettext.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.name_en and (get_language() or "vi").startswith("en"):
            return self.name_en
        return self.name


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit trail is append-only.")

    def delete(self):
        raise TypeError("The audit trail is append-only.")

    def visible_to(self, user, action: str):
        from antq.core.access import ScopedQuerySet

        return ScopedQuerySet.visible_to(self, user, action)


class AuditEvent(models.Model):
    """One change, written by the service that made it (docs/architecture.md rule 3)."""

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    unit_path = models.CharField(_("unit path"), max_length=255, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    scope_path = "unit_path"
    # A national scope reads the whole trail, events of no unit included, without a prefix test on
    # every row (2 M rows: bench/lists.py).
    scope_columns = {1: ""}
    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        # Every service writes here: one index per way the trail is read, no more. The scope is a path
        # prefix (LIKE 'x%'), so its one index has the pattern operators; hashes are compared whole.
        indexes = [models.Index(fields=["object_type", "object_id"]),
                   models.Index(fields=["unit_path"], name="audit_unit_path_idx", opclasses=["varchar_pattern_ops"])]
        constraints = [models.UniqueConstraint(fields=["hash"], name="audit_hash_once")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit trail is append-only.")


class TimeUnit(models.TextChoices):
    """The units a statutory limit is counted in (Criminal Procedure Code Art. 134)."""

    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class CalendarDay(models.Model):
    """A day that breaks the ordinary week (Monday–Friday working): a day off on a weekday — a public
    holiday, Tết, a day given in lieu — or a working day on a weekend, the Saturday worked to make up a
    bridge day. The government decides them every year; the shipped rows come from the `holidays`
    package, the ministry's administrator edits the years ahead (antq.core.services)."""

    day = models.DateField(_("day"), unique=True)
    working = models.BooleanField(_("working day"), help_text=_("Ticked: a make-up working day on a weekend."))
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("working calendar")

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.name}"


class TimeLimit(models.Model):
    """A statutory time limit as data: its amount and unit, in force from `valid_from` (None: the
    shipped default, in force from the start), so a change never re-judges the past. The limits an
    app uses are declared in code with their label (antq.core.limits.declare); their numbers live here."""

    code = models.CharField(_("code"), max_length=60)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    amount = models.PositiveSmallIntegerField(_("amount"))
    unit = models.CharField(_("counted in"), max_length=20, choices=TimeUnit.choices)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unconfirmed = models.BooleanField(_("not confirmed by the text"), default=False)

    class Meta:
        ordering = ["code", F("valid_from").asc(nulls_first=True)]
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="core_limit_once_a_day"),
            models.UniqueConstraint(fields=["code"], condition=models.Q(valid_from=None),
                                    name="core_limit_one_default"),
        ]

    def __str__(self):
        return f"{self.code}: {self.amount} {self.get_unit_display()}"


class GrantStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")
    ENDED = "ended", _("ended early")


class AccessGrant(models.Model):
    """Access to one sensitive thing opened by two people (antq.core.grants): a named officer asks with
    a reason, a second person who holds the purpose's approving permission over the unit approves it,
    for a limited time; every read under it is in the audit trail with the grant's number. The reporter's
    identity of a tip uses it; supervision files too, and break-the-glass (an emergency opening on a
    reason alone, which the approvers are told of)."""

    purpose = models.CharField(_("purpose"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    # What the approver reads to know what is asked (a receipt code): never the sensitive content.
    object_repr = models.CharField(_("object"), max_length=200)
    unit_path = models.CharField(_("unit path"), max_length=255)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    requested_at = models.DateTimeField(_("requested at"))
    status = models.CharField(_("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    # Break-the-glass: opened at once on the officer's stated reason, without a second person; the
    # approvers are told and may close it, and the reads are reported (antq.core.services.access_break_glass).
    emergency = models.BooleanField(_("opened in an emergency"), default=False)

    scope_path = "unit_path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        indexes = [models.Index(fields=["object_type", "object_id", "requested_by"], name="core_grant_object_idx"),
                   models.Index(fields=["unit_path"], name="core_grant_unit_idx", opclasses=["varchar_pattern_ops"],
                                condition=models.Q(status="pending"))]

    def __str__(self):
        return f"{self.purpose} {self.object_repr} ({self.get_status_display()})"

    def is_active(self, now=None) -> bool:
        return (self.status == GrantStatus.APPROVED and self.expires_at is not None
                and self.expires_at > (now or timezone.now()))
