"""The programs app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

MANAGE_PROGRAM = "programs.manage_program"
REVIEW_REPORT = "programs.review_report"
SUBMIT_REPORT = "programs.submit_report"
UPDATE_ASSIGNMENT = "programs.update_assignment"
VIEW_PROGRAM = "programs.view_program"
VIEW_REPORT = "programs.view_report"
