"""The supervision app's permission codes. Each is one purpose (the access layer checks the unit scope and
the purpose; a restriction list narrows both)."""

VIEW_FILE = "supervision.view_file"  # police: the whole file, each read recorded
MANAGE_FILE = "supervision.manage_file"  # police: register people and measures
ISSUE_PLAN = "supervision.issue_plan"  # the commune police head issues the supervision plan
RESTRICT_FILE = "supervision.restrict_file"  # keep a file from named users (a relative works here)
ASSESS = "supervision.assess"  # the monthly assessment and roll-call
TRANSFER = MANAGE_FILE  # hand a file to the commune the person moves to, and accept one handed over
RECORD_BREACH = ASSESS  # the officer in charge records breaches and warnings
PROPOSE = "supervision.propose"  # the commune police head: proposals, their decisions, completion
ASSIGN_HELPER = "supervision.assign_helper"  # record the People's Committee's assignment of a helper
HELP = "supervision.help"  # a helper: only the people assigned to them, only what helping needs
REQUEST_FILE = "supervision.request_file"  # the Front: ask to open a file, or break the glass with a reason
APPROVE_FILE = "supervision.approve_file"  # the commune police head approves a request, is told of emergencies
REVIEW_ACCESS = "supervision.review_access"  # the report of files opened in an emergency
VIEW_STATISTICS = "supervision.view_statistics"  # counts only (small ones hidden outside the police)
