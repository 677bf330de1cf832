"""Shipped review rules and permissions (seed 002 §IV: yearly review in Q4; 5-year and final reviews).

Loaded by a data migration; afterwards they are rows an administrator may edit.
"""

SOURCE = "Chương trình phối hợp 13/CTrPH-CA-MTTQ (seed 002) §IV"
REVIEW_RULES = [
    # kind, every year, years after the start, in the last year, due by the end of month
    ("yearly", True, None, False, 12),
    ("midterm", False, 5, False, 12),
    ("final", False, None, True, 12),
]
PERMISSIONS = [
    ("programs.view_program", "Xem chương trình, kế hoạch phối hợp", "View coordination programs", False),
    ("programs.manage_program", "Quản lý chương trình, kế hoạch và phân công", "Manage programs and assignments",
     False),
    ("programs.update_assignment", "Cập nhật tiến độ nhiệm vụ được phân công", "Report progress on assignments",
     False),
]
_ALL = ["programs.view_program", "programs.manage_program", "programs.update_assignment"]
ROLE_PERMISSIONS = {
    "central_leader": ["programs.view_program"],
    "province_leader": ["programs.view_program"],
    "province_police": _ALL,
    "commune_police": _ALL,
    "commune_front": _ALL,
    "member_org_officer": ["programs.view_program", "programs.update_assignment"],
    "area_head": [],
    "observer": ["programs.view_program"],
}


def apply(apps, schema_editor=None) -> None:
    ReviewRule = apps.get_model("programs", "ReviewRule")
    Permission = apps.get_model("orgs", "Permission")
    Role = apps.get_model("orgs", "Role")
    for kind, every_year, years_after, last_year, month in REVIEW_RULES:
        ReviewRule.objects.get_or_create(kind=kind, defaults={
            "every_year": every_year, "years_after_start": years_after, "in_last_year": last_year,
            "due_month": month, "source": SOURCE})
    perms = {}
    for code, name, name_en, sensitive in PERMISSIONS:
        perms[code], _ = Permission.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "is_sensitive": sensitive})
    Role.objects.get(code="system_admin").permissions.add(*perms.values())
    for role_code, codes in ROLE_PERMISSIONS.items():
        Role.objects.get(code=role_code).permissions.add(*[perms[c] for c in codes])
