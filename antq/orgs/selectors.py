"""Reads about accounts and roles."""

from django.db.models import Prefetch

from antq.core.access import all_scope_paths
from antq.orgs.models import RoleAssignment, User


def permission_codes(user) -> frozenset[str]:
    """All permission codes the user holds anywhere (for navigation), from the request's cache."""
    return frozenset(all_scope_paths(user))


def permission_codes_over(user, unit) -> set[str]:
    """The permission codes `user` holds over `unit`: roles granted on it or any unit above it."""
    return {code for code, paths in all_scope_paths(user).items()
            if any(unit.path.startswith(path) for path in paths)}


def grantable_roles(actor, unit) -> list:
    """Active roles whose every permission the actor holds over `unit` (no escalation)."""
    from antq.orgs.models import Role

    held = permission_codes_over(actor, unit)
    roles = Role.objects.filter(is_active=True).prefetch_related("permissions")
    return [role for role in roles if {p.code for p in role.permissions.all()} <= held]


def active_assignments(user):
    return (
        RoleAssignment.objects.active()
        .filter(user=user)
        .select_related("role", "organisation__org_type", "scope__unit_type", "scope__level")
        .order_by("scope__path")
    )


def user_with_assignments(queryset, pk: int) -> User:
    return queryset.prefetch_related(
        Prefetch("role_assignments",
                 queryset=RoleAssignment.objects.select_related(
                     "role", "organisation", "scope__unit_type", "scope__level", "granted_by"
                 ).order_by("revoked_at", "-granted_at"))
    ).select_related("home_unit__unit_type", "home_unit__level").get(pk=pk)
