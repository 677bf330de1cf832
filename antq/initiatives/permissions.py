"""The initiatives app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

GRADE_INITIATIVE = "initiatives.grade_initiative"
MANAGE_INITIATIVE = "initiatives.manage_initiative"
RECOGNISE_EXEMPLARY = "initiatives.recognise_exemplary"
VIEW_INITIATIVE = "initiatives.view_initiative"
