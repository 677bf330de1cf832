"""The mediation app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

MANAGE_TEAM = "mediation.manage_team"
VIEW_TEAM = "mediation.view_team"
VIEW_CASE = "mediation.view_case"
HANDLE_CASE = "mediation.handle_case"
VIEW_PARTIES = "mediation.view_parties"  # the parties' personal data (Law 91/2025): each look recorded
VIEW_DISPUTE = "mediation.view_dispute"
RECORD_DISPUTE = "mediation.record_dispute"
MANAGE_COMPLEX_AREA = "mediation.manage_complex_area"  # viewing them is VIEW_DISPUTE
