"""The supervision app's permission codes. Each is one purpose (the access layer checks the unit scope and
the purpose; a restriction list narrows both)."""

VIEW_FILE = "supervision.view_file"  # police: the whole file, each read recorded
MANAGE_FILE = "supervision.manage_file"  # police: register people and measures
ISSUE_PLAN = "supervision.issue_plan"  # the commune police head issues the supervision plan
RESTRICT_FILE = "supervision.restrict_file"  # keep a file from named users (a relative works here)
ASSESS = "supervision.assess"  # the monthly assessment and roll-call
