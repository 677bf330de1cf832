"""Shipped organisation types, permission codes and roles (DOMAIN.md "Organisations").

Loaded by data migrations; afterwards they are rows an administrator may edit. A later
app adds its permission codes to the default roles in its own data migration.
"""

ORGANISATION_TYPES = [
    # code, Vietnamese, English, short, member organisation of the Front
    ("police", "Công an", "Police", "CA", False),
    ("front", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Vietnam Fatherland Front committee", "MTTQ", False),
    ("veterans", "Hội Cựu chiến binh", "Veterans' Association", "CCB", True),
    ("women", "Hội Liên hiệp Phụ nữ", "Women's Union", "PN", True),
    ("youth", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Ho Chi Minh Communist Youth Union", "ĐTN", True),
    ("labour", "Liên đoàn Lao động", "Labour Federation", "LĐLĐ", True),
    ("farmers", "Hội Nông dân", "Farmers' Association", "ND", True),
    ("elderly", "Hội Người cao tuổi", "Association of the Elderly", "NCT", True),
    ("people_committee", "Ủy ban nhân dân", "People's Committee", "UBND", False),
    ("party_committee", "Đảng ủy", "Party committee", "ĐU", False),
    ("infocomm", "Văn hóa – Thông tin", "Information and communications", "TT", False),
    ("army", "Quân sự – Biên phòng", "Army and border guard", "QS-BP", False),
]

PERMISSIONS = [
    # code, Vietnamese, English, sensitive
    ("geo.view_unit", "Xem đơn vị hành chính", "View administrative units", False),
    ("geo.manage_residential_area", "Quản lý khu dân cư", "Manage residential areas", False),
    ("orgs.view_organisation", "Xem tổ chức", "View organisations", False),
    ("orgs.manage_organisation", "Quản lý tổ chức", "Manage organisations", False),
    ("orgs.view_user", "Xem tài khoản", "View user accounts", False),
    ("orgs.manage_user", "Quản lý tài khoản và phân quyền", "Manage accounts and roles", True),
    ("core.view_audit", "Xem nhật ký thay đổi", "View the audit trail", True),
    ("core.manage_reference_data", "Quản lý danh mục và quy tắc dùng chung",
     "Manage shared reference data and rules", True),
]

_VIEW = ["geo.view_unit", "orgs.view_organisation"]
_STAFF = [*_VIEW, "orgs.view_user", "geo.manage_residential_area", "orgs.manage_organisation"]

ROLES = [
    # code, Vietnamese, English, permission codes ("*" = all)
    ("system_admin", "Quản trị hệ thống", "System administrator", ["*"]),
    ("central_leader", "Lãnh đạo Trung ương", "Central leader", [*_VIEW, "orgs.view_user"]),
    ("province_leader", "Lãnh đạo tỉnh", "Province leader", [*_VIEW, "orgs.view_user"]),
    ("province_police", "Cán bộ Công an tỉnh", "Province police officer",
     [*_STAFF, "orgs.manage_user", "core.view_audit"]),
    ("commune_police", "Cán bộ Công an xã", "Commune police officer",
     [*_STAFF, "orgs.manage_user", "core.view_audit"]),
    ("commune_front", "Cán bộ Ủy ban MTTQ xã", "Commune Front officer", _STAFF),
    ("member_org_officer", "Cán bộ tổ chức thành viên", "Member organisation officer", _VIEW),
    ("area_head", "Trưởng khu dân cư", "Residential-area head", _VIEW),
    ("observer", "Người xem (chỉ đọc)", "Read-only observer", [*_VIEW, "orgs.view_user"]),
]


def grant_permissions(apps, permissions: list[tuple], role_permissions: dict[str, list[str]]) -> None:
    """Ship an app's permission codes and add them to the default roles (and to the system
    administrator, who holds every code). Called from each app's data migration."""
    Permission = apps.get_model("orgs", "Permission")
    Role = apps.get_model("orgs", "Role")
    perms = {}
    for code, name, name_en, sensitive in permissions:
        perms[code], _ = Permission.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "is_sensitive": sensitive})
    Role.objects.get(code="system_admin").permissions.add(*perms.values())
    for role_code, codes in role_permissions.items():
        Role.objects.get(code=role_code).permissions.add(*[perms[c] for c in codes])


def apply(apps, schema_editor=None) -> None:
    OrganisationType = apps.get_model("orgs", "OrganisationType")
    Permission = apps.get_model("orgs", "Permission")
    Role = apps.get_model("orgs", "Role")
    for order, (code, name, name_en, short, member) in enumerate(ORGANISATION_TYPES, start=1):
        OrganisationType.objects.update_or_create(code=code, defaults={
            "name": name, "name_en": name_en, "short_name": short,
            "is_member_organisation": member, "order": order * 10,
        })
    perms = {}
    for code, name, name_en, sensitive in PERMISSIONS:
        perms[code], _ = Permission.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "is_sensitive": sensitive}
        )
    for code, name, name_en, codes in ROLES:
        role, _ = Role.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})
        role.permissions.set(perms.values() if codes == ["*"] else [perms[c] for c in codes])
