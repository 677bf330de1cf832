"""Codes of the shipped levels. The rows themselves are data (see migrations)."""

CENTRAL = "central"
PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"
RESIDENTIAL_AREA = "residential_area"

ROOT_CODE = "VN"
