"""Supervision in the community and reintegration (LAW.md §5): people under a measure — education at the
commune, a suspended sentence, non-custodial reform, conditional release — or back from prison or a
reformatory, and the measures themselves. The most sensitive data the product holds: who the person is and
the court's reference are encrypted at rest (antq.core.fields), every read of a file is an audit row naming
the fields read, and a file can be kept from named users (`Restriction`) in every list, search, export and
API answer (selectors.files_of)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.fields import EncryptedTextField
from antq.supervision.choices import (
    EndReason,
    Grade,
    MeasureState,
    NeedKind,
    ProposalKind,
    ProposalState,
    RollCall,
    SupportKind,
    TransferState,
)


class MeasureType(models.Model):
    """A kind of measure with its article and how long its file is kept after it ends: data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    police_supervised = models.BooleanField(
        _("supervised by the commune police"), default=True,
        help_text=_("Otherwise the person is helped back (reintegration), not supervised."))
    article = models.CharField(_("legal basis"), max_length=200, blank=True)
    retention_years = models.PositiveSmallIntegerField(_("years the file is kept after the end"), default=5)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kind of measure")
        verbose_name_plural = _("kinds of measure")

    def __str__(self):
        return self.name_en if (get_language() or "vi").startswith("en") else self.name


class Person(models.Model):
    """A person of a commune's residential area; who they are is sealed."""

    commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="+", db_index=False)
    province = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("residential area"), on_delete=models.PROTECT,
                             related_name="+")
    full_name = EncryptedTextField(_("full name"))
    birth_date = EncryptedTextField(_("date of birth"))
    id_number = EncryptedTextField(_("citizen ID number"))
    address = EncryptedTextField(_("address"))
    # Optional; the stored file is encrypted like every upload (antq.core.storage), named by no one.
    photo = models.FileField(_("photo"), upload_to="supervision/photos/%Y/", blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    # When the last measure ended the file closed; it is anonymised once kept as long as its measures say.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    keep_until = models.DateField(_("kept until"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["commune", "registered_at"], name="supervision_person_comm_idx"),
                   models.Index(fields=["province", "registered_at"], name="supervision_person_prov_idx"),
                   models.Index(fields=["keep_until"], name="supervision_person_keep_idx",
                                condition=Q(anonymised_at__isnull=True, keep_until__isnull=False))]

    def __str__(self):
        return f"#{self.pk}"  # never the name: str() ends up in logs and audit rows


class Measure(models.Model):
    """One measure a person is under, with its supervision plan due within the limit in force from intake."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="measures")
    kind = models.ForeignKey(MeasureType, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="+")
    reference = EncryptedTextField(_("court judgment or decision"), blank=True)
    started_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    intake_on = models.DateField(_("received at the commune on"))
    plan_due = models.DateField(_("plan due"), null=True, blank=True)
    plan_issued_on = models.DateField(_("plan issued on"), null=True, blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("officer in charge"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=20, choices=MeasureState.choices, default=MeasureState.ACTIVE)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("how it ended"), max_length=20, choices=EndReason.choices, blank=True)
    certificate_number = models.CharField(_("certificate of completion"), max_length=60, blank=True)

    scope_path = "person__commune__path"
    # A commune's or a province's scope is an equality on the person's own indexed columns (no path join).
    scope_columns = {1: "", 2: "person__province_id", 3: "person__commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-started_on"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        indexes = [models.Index(fields=["plan_due"], name="supervision_plan_due_idx",
                                condition=Q(plan_issued_on__isnull=True, state="active"))]

    def __str__(self):
        return f"{self.kind.code} #{self.pk}"


class Restriction(models.Model):
    """A file kept from a named user (a relative of the person works at the commune…), whatever their roles."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="restrictions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "user"], name="supervision_restricted_once")]

    def __str__(self):
        return f"#{self.person_id} ⊘ {self.user_id}"


class Assessment(models.Model):
    """A month's assessment of a supervised person, signed by the 5th of the next month (the limit in force,
    moved past a day off), with the month's roll-call and how it was made."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="assessments")
    month = models.DateField(_("month"))  # its first day
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    roll_call = models.CharField(_("roll-call"), max_length=20, choices=RollCall.choices)
    signed_on = models.DateField(_("signed on"))
    due = models.DateField(_("due"))
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "measure__person__commune__path"
    scope_columns = {1: "", 2: "measure__person__province_id", 3: "measure__person__commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "-month"]
        verbose_name = _("monthly assessment")
        verbose_name_plural = _("monthly assessments")
        constraints = [models.UniqueConstraint(fields=["measure", "month"], name="supervision_assessed_once")]

    def __str__(self):
        return f"{self.measure_id} {self.month:%m/%Y}"


class Transfer(models.Model):
    """A file handed over to another commune where the person now lives: the receiving commune's police
    accept it (then the file is theirs, and a new plan is due from the acceptance) or refuse it, saying why;
    the history stays."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="transfers")
    from_commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("from"), on_delete=models.PROTECT,
                                     related_name="+")
    to_commune = models.ForeignKey("geo.AdminUnit", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey("geo.AdminUnit", verbose_name=_("new residential area"), on_delete=models.PROTECT,
                                related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    state = models.CharField(_("state"), max_length=20, choices=TransferState.choices, default=TransferState.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_path = "to_commune__path"  # the receiving side's view; the sending side reads through the person
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["person"], condition=Q(state="pending"),
                                               name="supervision_one_pending_transfer")]

    def __str__(self):
        return f"#{self.person_id} → {self.to_commune_id}"


class Breach(models.Model):
    """A breach of the duties of a measure; handled by a warning or a proposal (it counts as unhandled until
    then, in the evaluation's check)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="breaches")
    occurred_on = models.DateField(_("occurred on"))
    what = EncryptedTextField(_("what happened"))
    warned_on = models.DateField(_("warned on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_path = "measure__person__commune__path"
    scope_columns = {1: "", 2: "measure__person__province_id", 3: "measure__person__commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("breach")
        verbose_name_plural = _("breaches")

    def __str__(self):
        return f"{self.measure_id} {self.occurred_on:%d/%m/%Y}"


class Proposal(models.Model):
    """The commune police head's proposal to revoke the measure (after breaches) or to shorten it (good
    progress), and the competent body's decision."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("proposal"), max_length=20, choices=ProposalKind.choices)
    proposed_on = models.DateField(_("proposed on"))
    grounds = EncryptedTextField(_("grounds"))
    breaches = models.ManyToManyField(Breach, blank=True, related_name="proposals")
    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(_("decision (number, body)"), max_length=200, blank=True)
    new_end = models.DateField(_("new end"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "measure__person__commune__path"
    scope_columns = {1: "", 2: "measure__person__province_id", 3: "measure__person__commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_on", "-pk"]

    def __str__(self):
        return f"{self.measure_id} {self.kind}"


class Helper(models.Model):
    """Whom the commune People's Committee assigned to help a person back (Decree 49/2020): an organisation
    of the Front (its officers holding the helper's purpose) or a person with an account (the mentor). A
    helper sees only the people assigned to them, and only what helping needs."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="helpers")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("mentor"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision of the commune People's Committee"), max_length=100)
    decided_on = models.DateField(_("decided on"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    scope_path = "person__commune__path"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(organisation__isnull=False) | Q(user__isnull=False),
                                              name="supervision_helper_named")]

    def __str__(self):
        return f"#{self.person_id} ← {self.organisation_id or ''}/{self.user_id or ''}"


class Visit(models.Model):
    """A helper's visit: how the person is doing, their attitude and wishes (seed 000 §III.2) — sealed."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"))
    attitude = EncryptedTextField(_("attitude"), blank=True)
    wishes = EncryptedTextField(_("wishes"), blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self):
        return f"#{self.person_id} {self.visited_on:%d/%m/%Y}"


class Need(models.Model):
    """What the person needs to settle back (work, schooling, housing, papers, health, treatment)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("need"), max_length=20, choices=NeedKind.choices)
    detail = EncryptedTextField(_("detail"), blank=True)
    noted_on = models.DateField(_("noted on"))
    met_on = models.DateField(_("met on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["met_on", "-noted_on", "-pk"]

    def __str__(self):
        return f"#{self.person_id} {self.kind}"


class Support(models.Model):
    """Help given (vocational training, a loan, a job…) and what came of it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="supports")
    need = models.ForeignKey(Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="supports")
    kind = models.CharField(_("help"), max_length=20, choices=SupportKind.choices)
    given_on = models.DateField(_("given on"))
    provider = models.CharField(_("given by"), max_length=200)
    amount = models.DecimalField(_("amount (VND)"), max_digits=14, decimal_places=0, null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"#{self.person_id} {self.kind}"
