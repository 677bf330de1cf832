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
from antq.supervision.choices import Grade, MeasureState, RollCall


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
    registered_at = models.DateTimeField(auto_now_add=True)

    scope_path = "commune__path"
    scope_columns = {1: "", 2: "province_id", 3: "commune_id"}
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["commune", "registered_at"], name="supervision_person_comm_idx"),
                   models.Index(fields=["province", "registered_at"], name="supervision_person_prov_idx")]

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

    scope_path = "person__commune__path"
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
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "-month"]
        verbose_name = _("monthly assessment")
        verbose_name_plural = _("monthly assessments")
        constraints = [models.UniqueConstraint(fields=["measure", "month"], name="supervision_assessed_once")]

    def __str__(self):
        return f"{self.measure_id} {self.month:%m/%Y}"
