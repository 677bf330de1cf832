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


def nearest_commune(latitude, longitude, *, within_km: float = 25.0):
    """The current commune whose recorded centre is nearest to the point, if one lies within `within_km`
    (great-circle distance); None where no centre is known near it. Candidates come from a box of about
    ±0.3° around the point, so the distance is computed for a few dozen rows, not 3,321."""
    import math
    from decimal import Decimal

    from antq.geo import choices

    lat, lon = Decimal(str(latitude)), Decimal(str(longitude))
    box = Decimal("0.3")
    candidates = (AdminUnit.objects.current().filter(
        level__code=choices.COMMUNE, centre_latitude__range=(lat - box, lat + box),
        centre_longitude__range=(lon - box, lon + box)).select_related("unit_type", "level", "parent__unit_type"))

    def km(unit) -> float:
        p1, p2 = math.radians(float(lat)), math.radians(float(unit.centre_latitude))
        dp, dl = p2 - p1, math.radians(float(unit.centre_longitude) - float(lon))
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 6371.0 * 2 * math.asin(math.sqrt(a))

    best = min(candidates, key=km, default=None)
    return best if best is not None and km(best) <= within_km else None
