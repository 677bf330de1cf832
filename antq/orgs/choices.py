"""Kinds of unit and the classes of establishments (agencies, enterprises, schools)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """The five kinds of unit Circular 124/2021/TT-BCA Art. 1 evaluates."""

    RESIDENTIAL_AREA = "residential_area", _("Residential area")
    COMMUNE = "commune", _("Commune")
    AGENCY = "agency", _("Agency")
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("Educational institution")


# Kinds kept in the establishment registry; the other two are administrative units.
ESTABLISHMENT_KINDS = [UnitKind.AGENCY, UnitKind.ENTERPRISE, UnitKind.SCHOOL]


class SizeClass(models.TextChoices):
    """Enterprise size (Decree 80/2021) and school level: what decides an exemption (Art. 1)."""

    MICRO = "micro", _("Micro enterprise")
    SMALL = "small", _("Small enterprise")
    MEDIUM = "medium", _("Medium enterprise")
    LARGE = "large", _("Large enterprise")
    NURSERY = "nursery", _("Nursery")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    MULTI_LEVEL = "multi_level", _("Multi-level school")
    VOCATIONAL = "vocational", _("Vocational school")
    HIGHER = "higher", _("College or university")
    ARMED_FORCES = "armed_forces", _("Armed forces unit")
    OTHER = "other", _("Other")


SIZE_CLASSES_BY_KIND = {
    UnitKind.ENTERPRISE: ["micro", "small", "medium", "large"],
    UnitKind.SCHOOL: ["nursery", "kindergarten", "primary", "lower_secondary", "upper_secondary", "multi_level",
                      "vocational", "higher", "other"],
    UnitKind.AGENCY: ["", "armed_forces", "other"],
}
