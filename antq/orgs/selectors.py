"""Reads about accounts and roles."""

from django.db.models import Prefetch

from antq.orgs.models import Permission, RoleAssignment, User


def permission_codes(user) -> frozenset[str]:
    """All permission codes the user holds anywhere (for navigation), cached per request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_antq_codes"):
        user._antq_codes = frozenset(
            Permission.objects.filter(
                roles__assignments__in=RoleAssignment.objects.active().filter(user=user)
            ).values_list("code", flat=True)
        )
    return user._antq_codes


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
