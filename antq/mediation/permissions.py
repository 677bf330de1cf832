"""The mediation app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

MANAGE_TEAM = "mediation.manage_team"
VIEW_TEAM = "mediation.view_team"
