"""Shipped rules for tips (LAW.md §2): the limits of the Criminal Procedure Code 2015 Art. 144–148,
Joint Circular 01/2017 Art. 8 and 14, Circular 28/2020; the categories the public form offers;
the permissions, the identity one marked sensitive."""

from antq.orgs.defaults import grant_permissions

RULE_SOURCE = ("Bộ luật Tố tụng hình sự 2015 Điều 134, 144–148 (sửa đổi bởi Luật 99/2025/QH15: ảnh hưởng chưa "
               "xác nhận); Thông tư liên tịch 01/2017 Điều 8, 14; Thông tư 28/2020 Điều 5, 17")
CATEGORIES = [
    ("life_health", "Xâm phạm tính mạng, sức khỏe", "Crime against life or health"),
    ("property", "Xâm phạm tài sản", "Property crime"),
    ("drugs", "Ma túy", "Drugs"),
    ("trafficking", "Mua bán người", "Human trafficking"),
    ("online_fraud", "Lừa đảo qua mạng", "Online fraud"),
    ("security", "An ninh quốc gia", "National security"),
    ("social_evils", "Tệ nạn xã hội", "Social evils"),
    ("public_order", "Trật tự công cộng", "Public order"),
    ("other", "Khác", "Other"),
]
PERMISSIONS = [
    ("tips.view_tip", "Xem tin báo, tố giác", "View tips", False),
    ("tips.handle_tip", "Xử lý tin báo, tố giác", "Handle tips", False),
    ("tips.record_tip", "Tiếp nhận tin báo trực tiếp, qua điện thoại, thư", "Record tips received in person",
     False),
    ("tips.view_identity", "Xem danh tính người tố giác", "See a reporter's identity", True),
    ("tips.supervise_tip", "Chỉ huy xử lý tin báo (Trưởng Công an xã)", "Supervise tips (commune police chief)",
     False),
    ("tips.view_statistics", "Xem thống kê tin báo", "View tip statistics", False),
]
_STATS = ["tips.view_statistics"]
ROLE_PERMISSIONS = {
    "central_leader": _STATS,
    "province_leader": _STATS,
    "province_police": [*_STATS, "tips.view_tip"],
    "commune_police": [*_STATS, "tips.view_tip", "tips.handle_tip", "tips.record_tip", "tips.view_identity"],
    "commune_front": [*_STATS, "tips.record_tip"],
    "commune_leader": _STATS,
}
CHIEF = ("commune_police_chief", "Trưởng Công an xã", "Commune police chief",
         ["geo.view_unit", "orgs.view_organisation", "orgs.view_user"])


def apply(apps, schema_editor=None) -> None:
    TipRule = apps.get_model("tips", "TipRule")
    TipCategory = apps.get_model("tips", "TipCategory")
    Role = apps.get_model("orgs", "Role")
    Permission = apps.get_model("orgs", "Permission")
    if not TipRule.objects.filter(valid_from=None).exists():
        TipRule.objects.create(valid_from=None, source=RULE_SOURCE)
    for order, (code, name, name_en) in enumerate(CATEGORIES, start=1):
        TipCategory.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order * 10})
    code, name, name_en, perms = CHIEF
    role, created = Role.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    if created:
        role.permissions.set(Permission.objects.filter(code__in=perms))
    grant_permissions(apps, PERMISSIONS, {
        **ROLE_PERMISSIONS,
        "commune_police_chief": [*_STATS, "tips.view_tip", "tips.handle_tip", "tips.record_tip", "tips.view_identity",
                                 "tips.supervise_tip"]})
