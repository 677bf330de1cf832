"""Reads of the unit tree, always through the access layer."""

from antq.core import refcache
from antq.core.access import scope_paths
from antq.geo import choices
from antq.geo import permissions as perms
from antq.geo.models import AdminUnit

COMMUNES, PROVINCES = "geo.communes", "geo.provinces"  # keys in antq.core.refcache


def _current(key: str, level: str, pk) -> AdminUnit | None:
    units = refcache.cached(key, lambda: {
        u.pk: u for u in AdminUnit.objects.current().of_level(level).select_related("level", "unit_type")})
    if isinstance(pk, str) and pk.isdigit():
        pk = int(pk)
    return units.get(pk) if type(pk) is int else None  # not a bool, a float or a list


def current_commune(pk) -> AdminUnit | None:
    """The current commune with this id, from the reference cache: a public report names its place by
    id and the 3,321 communes change only when the official list is loaded. Not for access checks."""
    return _current(COMMUNES, choices.COMMUNE, pk)


def current_province(pk) -> AdminUnit | None:
    """The current province with this id, from the reference cache (the public form's picker)."""
    return _current(PROVINCES, choices.PROVINCE, pk)


def units_for_browser(user):
    return (
        AdminUnit.objects.visible_to(user, perms.VIEW_UNIT)
        .select_related("unit_type", "level", "parent__unit_type", "parent__level")
    )


def top_units(user):
    """The highest units the user sees: their scopes, without the ones nested in another (the access
    layer drops those already)."""
    return list(AdminUnit.objects.filter(path__in=scope_paths(user, perms.VIEW_UNIT))
                .select_related("unit_type", "level").order_by("path"))


def by_proper_name(units) -> list[AdminUnit]:
    """Units in the order people look for them: by their name without its type, diacritics ignored
    (Vietnamese letters fold to their base: "Đắk Lắk" among the D's)."""
    from antq.core.text import fold

    return sorted(units, key=lambda unit: (fold(unit.proper_name), unit.pk))
