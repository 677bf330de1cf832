"""Core's permission codes; the rows and roles are shipped by the orgs app's data migration."""

MANAGE_REFERENCE_DATA = "core.manage_reference_data"
VIEW_AUDIT = "core.view_audit"
