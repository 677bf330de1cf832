"""Two-person access to sensitive things: request → approve → time-limited grant → logged reads.

An app registers a `Purpose` from its AppConfig.ready(): which permission lets an officer ask, which
lets a second person approve, who may break the glass in an emergency,
and the time limit (a `TimeLimit` in hours, data an administrator edits)
that bounds a grant. Its services then ask `active()` before they decrypt, and write the read to the
audit trail with the grant's number. The writes (ask, approve, refuse, end) are in antq.core.services;
the approver can never be the person who asked, and a grant opens one object for one person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise

from antq.core.access import has_permission, prefix_condition, scope_paths
from antq.core.models import AccessGrant, GrantStatus


@dataclass(frozen=True)
class Purpose:
    code: str  # "tips.identity"
    label: str | Promise  # "the reporter's identity"
    request_permission: str
    approve_permission: str
    limit: str  # the TimeLimit code bounding a grant (counted in hours)
    url_name: str = ""  # the object's page, reversed with its id
    # Break-the-glass: who may open at once on a reason alone, and the TimeLimit (hours) bounding it;
    # empty when the purpose allows no emergency opening.
    break_glass_permission: str = ""
    break_glass_limit: str = ""


_PURPOSES: dict[str, Purpose] = {}


def register(purpose: Purpose) -> None:
    _PURPOSES[purpose.code] = purpose


def purpose(code: str) -> Purpose:
    return _PURPOSES[code]


def purposes() -> list[Purpose]:
    return list(_PURPOSES.values())


def link(grant: AccessGrant) -> str:
    """The page of the object a grant opens ("" when its purpose names none)."""
    from django.urls import reverse

    item = _PURPOSES.get(grant.purpose)
    return reverse(item.url_name, args=[grant.object_id]) if item and item.url_name else ""


def object_key(obj) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def _for(user, code: str, obj):
    object_type, object_id = object_key(obj)
    return AccessGrant.objects.filter(purpose=code, object_type=object_type, object_id=object_id,
                                      requested_by_id=getattr(user, "pk", None))


def active(user, code: str, obj, unit) -> AccessGrant | None:
    """The user's grant in force for `obj`, if the user still holds the asking permission over `unit`
    (a grant does not outlive the role it was asked under)."""
    if not has_permission(user, purpose(code).request_permission, unit):
        return None
    return _for(user, code, obj).filter(status=GrantStatus.APPROVED, expires_at__gt=timezone.now()).first()


def latest(user, code: str, obj) -> AccessGrant | None:
    """The user's newest request for `obj`, whatever became of it (what the object's page shows)."""
    return _for(user, code, obj).order_by("-requested_at", "-pk").first()


def _approve_condition(user) -> Q:
    condition = Q(pk__in=[])
    for item in purposes():
        paths = scope_paths(user, item.approve_permission)
        if paths:
            inside = Q()
            for path in paths:
                inside |= prefix_condition("unit_path", path, connection.vendor)
            condition |= Q(purpose=item.code) & inside
    return condition


def approvable(user):
    """The requests `user` may decide: awaiting approval, in a unit where the user holds the purpose's
    approving permission, asked by someone else."""
    return (AccessGrant.objects.filter(_approve_condition(user), status=GrantStatus.PENDING)
            .exclude(requested_by_id=getattr(user, "pk", None)))


def visible(user):
    """The user's own requests and those they could decide, whatever their state (anything else is
    out of scope: 404)."""
    return AccessGrant.objects.filter(_approve_condition(user) | Q(requested_by_id=getattr(user, "pk", None)))


def decided_by_me(user):
    return AccessGrant.objects.filter(decided_by_id=getattr(user, "pk", None)).exclude(
        requested_by_id=getattr(user, "pk", None))


def can_decide(user, grant: AccessGrant) -> bool:
    return (grant.requested_by_id != getattr(user, "pk", None)
            and grant.purpose in _PURPOSES
            and any(grant.unit_path.startswith(path)
                    for path in scope_paths(user, purpose(grant.purpose).approve_permission)))


def emergencies(user):
    """Emergency openings in the units where `user` could approve (what the approvers are told of)."""
    return AccessGrant.objects.filter(_approve_condition(user), emergency=True)


def mine(user):
    return AccessGrant.objects.filter(requested_by_id=getattr(user, "pk", None))
