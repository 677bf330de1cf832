from antq.core.access import all_scope_paths


def navigation(request):
    """What the navigation bar offers: only sections the user's roles allow (every permission code the
    user holds anywhere, from the request's cache)."""
    codes = frozenset(all_scope_paths(request.user)) if hasattr(request, "user") else frozenset()
    return {"perm_codes": codes}
