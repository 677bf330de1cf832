"""The evaluations app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

APPROVE_EVALUATION = "evaluations.approve_evaluation"
GRADE_MOVEMENT = "evaluations.grade_movement"
MANAGE_CRITERIA = "evaluations.manage_criteria"
MANAGE_ESTABLISHMENT = "evaluations.manage_establishment"
RECORD_INCIDENT = "evaluations.record_incident"
RUN_EVALUATION = "evaluations.run_evaluation"
VIEW_EVALUATION = "evaluations.view_evaluation"
