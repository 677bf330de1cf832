"""The geo app's permission codes: the names code uses; the rows and the roles that hold them are
shipped by the app's data migrations (defaults.py)."""

MANAGE_RESIDENTIAL_AREA = "geo.manage_residential_area"
VIEW_UNIT = "geo.view_unit"
