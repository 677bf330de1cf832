"""The access layer: which objects a user may see or change, by unit scope.

A role assignment grants a role's permission codes over a unit and everything below it.
Units carry a materialised path ("/1/29/3301/"), so "is this object inside one of the
user's scopes" is a prefix match on an indexed column: no recursion in Python.

The user's scope paths for an action are read once per request (one small query, kept on
the user object); every `visible_to()` is then one query whose prefixes are constants, so
PostgreSQL and SQLite answer it from the path index even on national-scale tables
(bench/access_layer.py).
"""

from __future__ import annotations

from django.apps import apps
from django.db import connections, models
from django.db.models import Q
from django.http import Http404

_CACHE = "_antq_scope_paths"


def _is_staff_user(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def all_scope_paths(user) -> dict[str, tuple[str, ...]]:
    """Every permission code the user holds, with the unit paths it covers (one query).

    Paths nested inside another path of the same code are dropped.
    """
    if not _is_staff_user(user):
        return {}
    if _CACHE not in user.__dict__:
        RoleAssignment = apps.get_model("orgs", "RoleAssignment")
        rows = (RoleAssignment.objects.active().filter(user_id=user.pk).order_by()
                .values_list("role__permissions__code", "scope__path").distinct())
        by_code: dict[str, list[str]] = {}
        for code, path in sorted(rows, key=lambda row: (row[0] or "", row[1])):
            if code is None:
                continue
            kept = by_code.setdefault(code, [])
            if not any(path.startswith(top) for top in kept):  # sorted: a unit precedes its subtree
                kept.append(path)
        user.__dict__[_CACHE] = {code: tuple(paths) for code, paths in by_code.items()}
    return user.__dict__[_CACHE]


def scope_paths(user, action: str) -> tuple[str, ...]:
    """The unit paths over which `user` holds `action`."""
    return all_scope_paths(user).get(action, ())


def forget_scopes(user) -> None:
    """Drop the cached scopes after the user's roles changed."""
    user.__dict__.pop(_CACHE, None)
    user.__dict__.pop("_requires_second_factor", None)


def prefix_condition(field: str, path: str, vendor: str) -> Q:
    """`field` lies in the subtree at `path` (which ends with "/"), in an index-friendly form.

    PostgreSQL answers LIKE 'prefix%' from the path's pattern-ops index. SQLite's LIKE is
    case-insensitive and skips the index, so it gets the equivalent byte range: paths hold
    only digits and "/", and "/" sorts just before "0".
    """
    if vendor == "sqlite":
        return Q(**{f"{field}__gte": path, f"{field}__lt": path[:-1] + "0"})
    return Q(**{f"{field}__startswith": path})


def _depth(path: str) -> int:
    return path.count("/") - 1


class ScopedQuerySet(models.QuerySet):
    """Default queryset of every domain model; the model names where its unit path is.

    `scope_path` on the model is the lookup to the unit's path, e.g. "path" for a unit
    itself, "unit__path" for an organisation. A large table that carries its province and commune
    on the row says so in `scope_columns` ({depth of the scope's path: column}, "" for the whole
    table at the root): a scope at that depth is then an equality on the row's own indexed column,
    not a prefix match through a join no index serves (bench/lists.py).
    """

    def visible_to(self, user, action: str):
        paths = scope_paths(user, action)
        if not paths:
            return self.none()
        vendor = connections[self.db].vendor
        columns = getattr(self.model, "scope_columns", {})
        if any(columns.get(_depth(path)) == "" for path in paths):
            return self.all()  # a national scope over a table whose every row lies in the country
        condition = Q()
        for path in paths:
            column = columns.get(_depth(path))
            if column:
                condition |= Q(**{column: int(path.strip("/").split("/")[-1])})
            else:
                condition |= prefix_condition(self.model.scope_path, path, vendor)
        if getattr(self.model, "visible_from_below", False):
            # Guidance flows down: programs and directives of the units above a user's scope
            # are readable too. Their ids are in the scope paths themselves.
            above = {int(part) for path in paths for part in path.strip("/").split("/")[:-1]}
            condition |= Q(**{self.model.scope_path.removesuffix("__path") + "__in": above})
        return self.filter(condition)


def has_permission(user, action: str, unit=None) -> bool:
    """Does `user` hold `action` over `unit` (an AdminUnit, or anywhere when None)?"""
    paths = scope_paths(user, action)
    if unit is None:
        return bool(paths)
    return any(unit.path.startswith(path) for path in paths)


def holders(action: str, unit_path: str):
    """Active users holding `action` over the unit at `unit_path` (by an assignment at the unit or above
    it): whom to tell."""
    User, RoleAssignment = apps.get_model("orgs", "User"), apps.get_model("orgs", "RoleAssignment")
    parts = unit_path.strip("/").split("/")
    above = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    return User.objects.filter(is_active=True, pk__in=RoleAssignment.objects.active().filter(
        role__permissions__code=action, scope__path__in=above).values("user_id"))


def get_visible_or_404(queryset, user, action: str, **lookup):
    """Fetch and authorise in one step: an object outside the user's scope does not exist."""
    try:
        return queryset.visible_to(user, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def has_national_permission(user, action: str) -> bool:
    """Does `user` hold `action` over the whole country (a scope at the root of the unit tree, whose
    path has one id)? National rules are changed only so."""
    return any(path.count("/") == 2 for path in scope_paths(user, action))
