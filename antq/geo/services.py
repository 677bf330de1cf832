"""Writes to the unit tree. Every function runs in one transaction and leaves an audit row."""

from __future__ import annotations

import datetime
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from antq.core import refcache
from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import fold
from antq.geo import choices
from antq.geo import permissions as perms
from antq.geo.models import AdminUnit, Level, UnitType
from antq.geo.selectors import COMMUNES, PROVINCES

AREA_FIELDS = ["name", "unit_type", "valid_from", "valid_to", "successor"]


def _attach_path(unit: AdminUnit) -> None:
    """The path needs the row's id, so it is written right after the insert."""
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2
    AdminUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)


def _clean_area_name(*, commune: AdminUnit, name: str, exclude_pk: int | None = None) -> str:
    name = unicodedata.normalize("NFC", " ".join((name or "").split()))
    if not name:
        raise ValidationError({"name": _("Enter the residential area's name.")})
    if len(name) > 200:
        raise ValidationError({"name": _("The name is too long (at most 200 characters).")})
    candidates = AdminUnit.objects.current().filter(parent=commune, search_name=fold(name))
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    wanted = unicodedata.normalize("NFC", name).casefold()
    if any(unicodedata.normalize("NFC", other).casefold() == wanted
           for other in candidates.values_list("name", flat=True)):
        raise ValidationError(
            {"name": _("%(commune)s already has a residential area named “%(name)s”.")
             % {"commune": commune.display_name, "name": name}}
        )
    return name


def _check_area_type(unit_type: UnitType) -> None:
    if unit_type.level.code != choices.RESIDENTIAL_AREA:
        raise ValidationError({"unit_type": _("Choose a residential-area type (thôn, ấp, tổ dân phố…).")})


@transaction.atomic
def residential_area_create(
    *, actor, commune: AdminUnit, name: str, unit_type: UnitType,
    valid_from: datetime.date | None = None,
) -> AdminUnit:
    """Commune staff enter their residential areas; no public list exists (DOMAIN.md)."""
    if not has_permission(actor, perms.MANAGE_RESIDENTIAL_AREA, commune):
        raise PermissionDenied
    if commune.level.code != choices.COMMUNE or not commune.is_current:
        raise ValidationError(_("Residential areas can only be added to a current commune."))
    _check_area_type(unit_type)
    name = _clean_area_name(commune=commune, name=name)
    area = AdminUnit(
        name=name, unit_type=unit_type, level=unit_type.level, parent=commune,
        valid_from=valid_from,
    )
    area.save()
    _attach_path(area)
    audit_record(actor=actor, action="geo.residential_area_create", obj=area,
                 unit_path=area.path, after=snapshot(area, AREA_FIELDS))
    return area


@transaction.atomic
def residential_area_update(*, actor, area: AdminUnit, name: str, unit_type: UnitType) -> AdminUnit:
    area = AdminUnit.objects.select_for_update(of=("self",)).select_related("parent", "level").get(pk=area.pk)
    if not has_permission(actor, perms.MANAGE_RESIDENTIAL_AREA, area):
        raise PermissionDenied
    if area.level.code != choices.RESIDENTIAL_AREA or not area.is_current:
        raise ValidationError(_("Only a current residential area can be edited."))
    _check_area_type(unit_type)
    before = snapshot(area, AREA_FIELDS)
    area.name = _clean_area_name(commune=area.parent, name=name, exclude_pk=area.pk)
    area.unit_type = unit_type
    area.save(update_fields=["name", "search_name", "unit_type", "updated_at"])
    audit_record(actor=actor, action="geo.residential_area_update", obj=area,
                 unit_path=area.path, before=before, after=snapshot(area, AREA_FIELDS))
    return area


@transaction.atomic
def residential_area_close(
    *, actor, area: AdminUnit, valid_to: datetime.date, successor: AdminUnit | None = None,
) -> AdminUnit:
    """Close an area that was merged or dissolved; the row and its history stay."""
    area = AdminUnit.objects.select_for_update(of=("self",)).select_related("parent", "level").get(pk=area.pk)
    if not has_permission(actor, perms.MANAGE_RESIDENTIAL_AREA, area):
        raise PermissionDenied
    if area.level.code != choices.RESIDENTIAL_AREA or not area.is_current:
        raise ValidationError(_("Only a current residential area can be closed."))
    if area.valid_from and valid_to < area.valid_from:
        raise ValidationError({"valid_to": _("The closing date is before the area began.")})
    if successor is not None and (
        successor.pk == area.pk or successor.parent_id != area.parent_id or not successor.is_current
    ):
        raise ValidationError({"successor": _("The successor must be another current area of the same commune.")})
    before = snapshot(area, AREA_FIELDS)
    area.valid_to = valid_to
    area.successor = successor
    area.save(update_fields=["valid_to", "successor", "updated_at"])
    audit_record(actor=actor, action="geo.residential_area_close", obj=area,
                 unit_path=area.path, before=before, after=snapshot(area, AREA_FIELDS))
    return area


@transaction.atomic
def official_units_load(*, actor=None) -> dict[str, int]:
    """Load the 34 provinces and 3,321 communes of the `vietnam-provinces` package.

    Idempotent: units are matched by level and official code; a second run changes nothing.
    The communes date from the two-level reform in force on 1 July 2025.
    """
    from vietnam_provinces import Province, Ward

    reform = datetime.date(2025, 7, 1)
    levels = {level.code: level for level in Level.objects.all()}
    types = {t.code: t for t in UnitType.objects.select_related("level")}
    counts = {"created": 0, "renamed": 0}

    root = AdminUnit.objects.filter(level=levels[choices.CENTRAL], code=choices.ROOT_CODE).first()
    if root is None:
        root = AdminUnit(code=choices.ROOT_CODE, name="Việt Nam", unit_type=types["trung_uong"],
                         level=levels[choices.CENTRAL])
        root.save()
        _attach_path(root)
        counts["created"] += 1

    def sync(level_code: str, rows: list[tuple[str, str, str, AdminUnit]]) -> dict[str, AdminUnit]:
        existing = {u.code: u for u in AdminUnit.objects.filter(level=levels[level_code], valid_to__isnull=True)}
        new, renamed = [], []
        for code, name, type_code, parent in rows:
            unit = existing.get(code)
            if unit is None:
                unit = AdminUnit(code=code, name=name, unit_type=types[type_code],
                                 level=levels[level_code], parent=parent,
                                 valid_from=reform, search_name=fold(name))
                new.append(unit)
            elif unit.name != name:
                unit.name, unit.search_name = name, fold(name)
                renamed.append(unit)
        AdminUnit.objects.bulk_create(new, batch_size=500)
        for unit in new:  # ids are known after the insert
            unit.path = f"{unit.parent.path}{unit.pk}/"
            unit.depth = unit.path.count("/") - 2
        AdminUnit.objects.bulk_update(new, ["path", "depth"], batch_size=500)
        AdminUnit.objects.bulk_update(renamed, ["name", "search_name"], batch_size=500)
        counts["created"] += len(new)
        counts["renamed"] += len(renamed)
        existing.update({u.code: u for u in new})
        return existing

    province_type = {"tỉnh": "tinh", "thành phố trung ương": "thanh_pho"}
    commune_type = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu"}
    provinces = sync(choices.PROVINCE, [
        (f"{p.code.value:02d}", p.name, province_type[p.division_type.value], root)
        for p in Province.iter_all()
    ])
    sync(choices.COMMUNE, [
        (f"{w.code.value:05d}", w.name, commune_type[w.division_type.value],
         provinces[f"{w.province_code.value:02d}"])
        for w in Ward.iter_all()
    ])
    if counts["created"] or counts["renamed"]:
        audit_record(actor=actor, action="geo.official_units_load", unit_path=root.path,
                     after=counts, object_repr="vietnam-provinces")
        refcache.clear(COMMUNES, PROVINCES)  # bulk writes send no signals
    return counts


@transaction.atomic
def unit_centres_load(*, actor=None, rows) -> dict[str, int]:
    """Set the centres of provinces and communes from (official code, latitude, longitude) rows, e.g. a
    CSV of the communes' People's Committees; units not found and coordinates outside Vietnam's box
    (8–24° N, 102–110° E) are refused with the line, nothing saved. One audit row for the load."""
    from decimal import Decimal, InvalidOperation

    wanted, errors = {}, []
    for line, row in enumerate(rows, start=1):
        try:
            code, lat, lon = row[0].strip(), Decimal(row[1].strip()), Decimal(row[2].strip())
        except (IndexError, InvalidOperation, AttributeError):
            errors.append(_("Line %(n)s: give the official code, the latitude and the longitude.") % {"n": line})
            continue
        if not (Decimal(8) <= lat <= Decimal(24) and Decimal(102) <= lon <= Decimal(110)):
            errors.append(_("Line %(n)s: %(lat)s, %(lon)s is outside Vietnam.") % {"n": line, "lat": lat, "lon": lon})
            continue
        wanted[code] = (lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001")))
    units = {u.code: u for u in AdminUnit.objects.current().filter(
        code__in=wanted, level__code__in=[choices.PROVINCE, choices.COMMUNE])}
    errors += [_("Code %(code)s is not a current province or commune.") % {"code": code}
               for code in wanted if code not in units]
    if errors:
        raise ValidationError(errors)
    for code, unit in units.items():
        unit.centre_latitude, unit.centre_longitude = wanted[code]
    AdminUnit.objects.bulk_update(units.values(), ["centre_latitude", "centre_longitude"], batch_size=1000)
    audit_record(actor=actor, action="geo.unit_centres_load", obj=None, after={"units": len(units)})
    return {"updated": len(units)}
