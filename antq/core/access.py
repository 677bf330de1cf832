"""The access layer: which objects a user may see or change, by unit scope.

A role assignment grants a role's permission codes over a unit and everything below it.
Units carry a materialised path ("/1/29/3301/"), so "is this object inside one of the
user's scopes" is a prefix match done in SQL: one query, no recursion in Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.lookups import StartsWith
from django.http import Http404

if TYPE_CHECKING:
    from antq.geo.models import AdminUnit


def _grants(user, action: str):
    RoleAssignment = apps.get_model("orgs", "RoleAssignment")
    return RoleAssignment.objects.active().filter(
        user_id=user.pk, role__permissions__code=action
    )


def _is_staff_user(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class ScopedQuerySet(models.QuerySet):
    """Default queryset of every domain model; the model names where its unit path is.

    `scope_path` on the model is the lookup to the unit's path, e.g. "path" for a unit
    itself, "unit__path" for an organisation.
    """

    def visible_to(self, user, action: str):
        if not _is_staff_user(user):
            return self.none()
        grants = _grants(user, action).filter(
            StartsWith(OuterRef(self.model.scope_path), F("scope__path"))
        )
        return self.filter(Exists(grants))


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


def has_permission(user, action: str, unit: AdminUnit | None = None) -> bool:
    """Does `user` hold `action` over `unit` (or anywhere, when `unit` is None)?"""
    if not _is_staff_user(user):
        return False
    grants = _grants(user, action)
    if unit is not None:
        grants = grants.filter(StartsWith(Value(unit.path), F("scope__path")))
    return grants.exists()


def get_visible_or_404(queryset, user, action: str, **lookup):
    """Fetch and authorise in one step: an object outside the user's scope does not exist."""
    try:
        return queryset.visible_to(user, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
