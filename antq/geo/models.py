"""Administrative units: the tree every other record hangs from.

Levels and unit types are data: the district level existed until 30 June 2025 and old
records still use it (DOMAIN.md "Levels and units"). A unit keeps valid-from / valid-to,
so a merge or a replacement closes the old row and points it at its successor.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from antq.core.access import ScopedQuerySet
from antq.core.models import NamedRow
from antq.core.text import fold
from antq.geo import choices


class Level(NamedRow):
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("0 for central, growing downwards."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")


class UnitType(NamedRow):
    """Tỉnh / thành phố; xã / phường / đặc khu; thôn / ấp / bản / tổ dân phố / khu phố …"""

    level = models.ForeignKey(Level, verbose_name=_("level"), on_delete=models.PROTECT,
                              related_name="unit_types")

    class Meta:
        ordering = ["level__rank", "name"]
        verbose_name = _("unit type")
        verbose_name_plural = _("unit types")


class AdminUnitQuerySet(ScopedQuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)

    def of_level(self, code: str):
        return self.filter(level__code=code)

    def search(self, text: str):
        folded = fold(text)
        if not folded:
            return self
        return self.filter(Q(search_name__contains=folded) | Q(code=text.strip()))


class AdminUnit(models.Model):
    code = models.CharField(_("official code"), max_length=32, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    unit_type = models.ForeignKey(UnitType, verbose_name=_("type"), on_delete=models.PROTECT,
                                  related_name="units")
    level = models.ForeignKey(Level, verbose_name=_("level"), on_delete=models.PROTECT,
                              related_name="units")
    parent = models.ForeignKey("self", verbose_name=_("parent unit"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    # "/1/29/3301/": ids from the root down; a prefix match finds a whole subtree.
    path = models.CharField(_("path"), max_length=255, blank=True, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey("self", verbose_name=_("replaced by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="predecessors")
    # The unit's centre (its People's Committee), where known: "use my location" picks the nearest commune.
    # No package carries the communes' centres since the 2025 merger; `antq load_unit_centres` loads them.
    centre_latitude = models.DecimalField(_("centre latitude"), max_digits=9, decimal_places=6, null=True,
                                          blank=True)
    centre_longitude = models.DecimalField(_("centre longitude"), max_digits=9, decimal_places=6, null=True,
                                           blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "path"
    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        indexes = [
            models.Index(fields=["parent", "search_name"], name="geo_unit_parent_name_idx"),
        ]
        constraints = [
            # Folded names may legitimately clash ("Xã Tân Thành", "Xã Tân Thạnh"), so the
            # database guards the exact name; services also compare case-insensitively.
            models.UniqueConstraint(
                Lower("name"), "parent",
                condition=Q(valid_to__isnull=True),
                name="geo_unit_unique_current_name_in_parent",
                violation_error_message=_("A unit with this name already exists here."),
            ),
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=~Q(code=""),
                name="geo_unit_unique_code_per_level",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        if self.parent_id and self.parent.level.rank >= self.level.rank:
            raise ValidationError(_("A unit must sit below its parent's level."))
        if self.unit_type_id and self.level_id and self.unit_type.level_id != self.level_id:
            raise ValidationError(_("The unit type does not belong to this level."))

    @property
    def display_name(self) -> str:
        # Official names such as "Phường Hoàn Kiếm" already carry their type; "Tây Ninh" does
        # not. Proper names stay Vietnamese in every UI language.
        type_name = self.unit_type.name
        if self.level.code == choices.CENTRAL or fold(self.name).startswith(fold(type_name)):
            return self.name
        return f"{type_name} {self.name}"

    @property
    def proper_name(self) -> str:
        """The name without its type ("Tân Ninh" for "Phường Tân Ninh"): what people look a unit up by."""
        type_name = self.unit_type.name
        if fold(self.name).startswith(fold(type_name) + " "):
            return self.name[len(type_name) + 1:]
        return self.name

    @property
    def picker_label(self) -> str:
        """How a list to choose from shows a unit: its proper name first, its type after ("Hà Nội (thành
        phố)"), so that ordered by name it stands among the H's, not under "Thành phố"."""
        return f"{self.proper_name} ({self.unit_type.name.lower()})"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def ancestors(self):
        """Ancestors from the root down, in one query (ids are in the path)."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        return AdminUnit.objects.filter(pk__in=ids).select_related("unit_type", "level").order_by("depth")
