"""The committees app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

MANAGE_COMMITTEE = "committees.manage_committee"
RECORD_MEETING = "committees.record_meeting"
VIEW_COMMITTEE = "committees.view_committee"
