from antq.core.access import all_scope_paths


def navigation(request):
    """What the navigation bar offers: only sections the user's roles allow (every permission code the
    user holds anywhere, from the request's cache)."""
    user = getattr(request, "user", None)
    codes = frozenset(all_scope_paths(user)) if user is not None else frozenset()
    # Before the second factor is given, the pages show no menu: nothing is reachable yet.
    # is_verified() first: it costs nothing, and the middleware has already asked the other for those it stopped.
    verified = bool(user is not None and user.is_authenticated and (
        (hasattr(user, "is_verified") and user.is_verified()) or not getattr(user, "requires_second_factor", False)))
    return {"perm_codes": codes, "nav_ready": verified}
