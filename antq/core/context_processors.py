from antq.orgs.selectors import permission_codes


def navigation(request):
    """What the navigation bar offers: only sections the user's roles allow."""
    codes = permission_codes(request.user) if hasattr(request, "user") else frozenset()
    return {"perm_codes": codes}
