"""Citizens' tips and crime reports (Criminal Procedure Code 2015 Art. 144–148; Joint Circular
01/2017; Circular 28/2020 — LAW.md §2).

A tip is routed to the commune police of the place it concerns. The reporter's identity is
sensitive: each field is encrypted at rest (antq.core.crypto) and read only through a service
that checks the explicit permission and a second person's approval, and records the read. What was
reported — the text, the place, the messages both ways, the files — is encrypted at rest too. The
reporter follows the tip with a receipt code and a secret kept only as an Argon2 hash. Deadlines
are computed from the time limits in force when the tip arrives (antq.core.limits), and stored on
the tip so lists sort and filter on them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.fields import EncryptedDecimalField, EncryptedTextField
from antq.tips.choices import OPEN_STATUSES, Author, Channel, Feedback, Outcome, Referral, ReportType, Status


class TipCategory(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("tip category")
        verbose_name_plural = _("tip categories")

    def __str__(self):
        return self.name_en if (get_language() or "vi").startswith("en") else self.name


class RegisterCounter(models.Model):
    """The last number of a commune's register (sổ tiếp nhận) in a year. One upsert takes the next
    number under the row's lock, so concurrent reports in one commune wait for each other instead of
    colliding."""

    commune = models.ForeignKey("geo.AdminUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="tips_counter_once")]

    def __str__(self):
        return f"{self.commune_id}/{self.year}: {self.last}"


class RemoteCommune(models.Model):
    """A commune far from its investigation body: urgent tips get 48 h, not 24 (JC 01/2017 Art. 8)."""

    commune = models.OneToOneField("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.CASCADE,
                                   related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("remote commune")
        verbose_name_plural = _("remote communes")

    def __str__(self):
        return str(self.commune)


# A tip that may still owe something: open, or an acknowledgement or outcome notice not yet given.
PENDING = (models.Q(status__in=OPEN_STATUSES)
           | models.Q(acknowledged_at__isnull=True, acknowledge_due__isnull=False)
           | models.Q(outcome_notified_at__isnull=True, outcome_notice_due__isnull=False))


class Tip(models.Model):
    receipt_code = models.CharField(_("receipt code"), max_length=12, editable=False)
    secret_hash = models.CharField(max_length=200, editable=False)

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    report_type = models.CharField(_("type"), max_length=20, choices=ReportType.choices,
                                   default=ReportType.DENUNCIATION)
    category = models.ForeignKey(TipCategory, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="tips")
    # What the reporter wrote and where: encrypted at rest (antq.core.fields), never searched by content.
    description = EncryptedTextField(_("what happened"))
    occurred_on = models.DateField(_("when it happened"), null=True, blank=True)
    address = EncryptedTextField(_("where (address or landmark)"), blank=True)
    latitude = EncryptedDecimalField(_("latitude"), null=True, blank=True)
    longitude = EncryptedDecimalField(_("longitude"), null=True, blank=True)
    # No index of their own: the queue and the register indexes start with the commune, the province's
    # with the province (each index is one more write per report).
    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="tips", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="+", db_index=False)

    # The reporter: nothing here unless they chose to give it; every field encrypted.
    anonymous = models.BooleanField(_("anonymous"), default=True)
    reporter_name = models.TextField(blank=True, editable=False)
    reporter_phone = models.TextField(blank=True, editable=False)
    reporter_id_number = models.TextField(blank=True, editable=False)
    reporter_address = models.TextField(blank=True, editable=False)
    reporter_email = models.TextField(blank=True, editable=False)
    reporter_organisation = models.CharField(_("reporting organisation"), max_length=200, blank=True)
    consent = models.JSONField(_("consent per purpose"), default=dict, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    urgent = models.BooleanField(_("urgent"), default=False)
    urgent_reason = models.CharField(_("why urgent"), max_length=300, blank=True)
    complex_case = models.BooleanField(_("complex case"), default=False)
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", db_index=False)
    register_year = models.PositiveSmallIntegerField(_("register year"), editable=False)
    register_number = models.PositiveIntegerField(_("register number"), editable=False)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("officer in charge"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="tips_assigned",
                                    db_index=False)
    triage_due = models.DateTimeField(_("triage due"))
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    forward_due = models.DateTimeField(_("forward due"), null=True, blank=True)
    resolve_due = models.DateField(_("resolve by"))
    extended = models.BooleanField(_("extended"), default=False)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_reason = models.CharField(_("suspension reason"), max_length=300, blank=True)
    suspension_notice_due = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    referral = models.CharField(_("referred to"), max_length=20, choices=Referral.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="duplicates", db_index=False)
    acknowledge_due = models.DateField(_("acknowledgement due"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    outcome_notice_due = models.DateField(_("outcome notice due"), null=True, blank=True)
    outcome_notified_at = models.DateTimeField(_("outcome told at"), null=True, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}  # the scope on the row's own columns
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        # The queue's default order (newest first) within each scope: commune, province, the country.
        indexes = [models.Index(fields=["commune", "status", "resolve_due"], name="tips_queue_idx"),
                   models.Index(fields=["province", "received_at"], name="tips_province_idx"),
                   models.Index(fields=["commune", "received_at"], name="tips_commune_received_idx"),
                   models.Index(fields=["received_at"], name="tips_received_idx"),
                   # What may still be owed (open, or feedback not yet given): the quick counts of a
                   # commune or province read this small index, not years of closed tips.
                   models.Index(fields=["province", "commune"], name="tips_pending_idx", condition=PENDING),
                   # Empty on every report from the public (most rows): only the filled ones are indexed.
                   *(models.Index(fields=[field], name=f"tips_{field}_idx",
                                  condition=models.Q(**{f"{field}__isnull": False}))
                     for field in ("received_by", "assigned_to", "merged_into"))]
        constraints = [models.UniqueConstraint(fields=["commune", "register_year", "register_number"],
                                               name="tips_register_once"),
                       # Not unique=True: no second (LIKE) index on PostgreSQL; codes are looked up whole.
                       models.UniqueConstraint(fields=["receipt_code"], name="tips_code_once")]

    def __str__(self):
        return self.receipt_code

    @property
    def is_open(self) -> bool:
        from antq.tips.choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES

    @property
    def has_contact(self) -> bool:
        return bool(self.reporter_phone or self.reporter_email)


class TipIntake(models.Model):
    """The receipt journal. Every report is written here first, in one insert, and answered with its
    code and secret; the registrar (services.intake_register, run by the worker) turns pending rows into
    tips with their register number and audit row, many at a time. The journal's unique codes cover
    every channel, so a code given out is never taken by another tip; the report itself (encrypted,
    identity included) is erased from here once registered."""

    receipt_code = models.CharField(max_length=12, editable=False)
    secret_hash = models.CharField(max_length=200, editable=False)
    received_at = models.DateTimeField()
    payload = models.TextField(blank=True, editable=False)
    registered_at = models.DateTimeField(null=True, blank=True)
    # Why the registrar could not take it (the kind of error, never the content); set aside until fixed.
    error = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]
        # A constraint rather than unique=True: no second (LIKE) index on PostgreSQL to keep up per report.
        constraints = [models.UniqueConstraint(fields=["receipt_code"], name="tips_intake_code_once")]
        indexes = [models.Index(fields=["id"], condition=models.Q(registered_at__isnull=True, error=""),
                                name="tips_intake_pending")]

    def __str__(self):
        return self.receipt_code


def attachment_path(instance, filename: str) -> str:
    # Random names: the reporter's file name may say who they are.
    import uuid

    return f"tips/{instance.tip_id}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class TipAttachment(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    from_reporter = models.BooleanField(default=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "tip__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["tip", "uploaded_at"]

    def __str__(self):
        return f"{self.tip} {self.kind}"


class TipMessage(models.Model):
    """The two-way thread between the reporter (with code and secret) and the police."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    body = EncryptedTextField()
    feedback = models.CharField(max_length=20, choices=Feedback.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "tip__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["tip", "created_at", "pk"]

    def __str__(self):
        return f"{self.tip} {self.author} {self.created_at:%d/%m/%Y %H:%M}"
