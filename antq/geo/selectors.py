"""Reads of the unit tree, always through the access layer."""

from antq.geo.models import AdminUnit


def units_for_browser(user):
    return (
        AdminUnit.objects.visible_to(user, "geo.view_unit")
        .select_related("unit_type", "level", "parent__unit_type", "parent__level")
    )


def top_units(user):
    """The highest units the user sees: their scopes, without the ones nested in another."""
    from antq.orgs.selectors import active_assignments

    scopes = sorted({a.scope for a in active_assignments(user).filter(role__permissions__code="geo.view_unit")},
                    key=lambda u: u.path)
    top = []
    for unit in scopes:
        if not any(unit.path.startswith(t.path) for t in top):
            top.append(unit)
    return top
