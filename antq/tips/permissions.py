"""The tips app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

APPROVE_IDENTITY = "tips.approve_identity"
HANDLE_TIP = "tips.handle_tip"
RECORD_TIP = "tips.record_tip"
SUPERVISE_TIP = "tips.supervise_tip"
VIEW_IDENTITY = "tips.view_identity"
VIEW_STATISTICS = "tips.view_statistics"
VIEW_TIP = "tips.view_tip"
