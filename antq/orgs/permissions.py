"""The orgs app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

MANAGE_ORGANISATION = "orgs.manage_organisation"
MANAGE_USER = "orgs.manage_user"
VIEW_ORGANISATION = "orgs.view_organisation"
VIEW_USER = "orgs.view_user"
