"""Shipped rules for tips (LAW.md §2): the limits of the Criminal Procedure Code 2015 Art. 144–148,
Joint Circular 01/2017 Art. 8 and 14, Circular 28/2020; the categories the public form offers;
the permissions, the identity one marked sensitive."""

from django.utils.translation import gettext_lazy as _

from antq.core.models import TimeUnit
from antq.orgs.defaults import grant_permissions

_CPC, _JC, _C28 = "BLTTHS 2015", "TTLT 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC", "Thông tư 28/2020/TT-BCA"
_HOURS_OR_DAYS = (TimeUnit.HOURS, TimeUnit.DAYS)
LIMITS = [
    # code, label, amount, unit, source, units an administrator may choose, unconfirmed
    ("tips.triage", _("Triage a tip received"), 24, TimeUnit.HOURS, f"{_JC} Điều 8 (thời hạn nội bộ)",
     _HOURS_OR_DAYS, True),
    ("tips.forward_urgent", _("Forward an urgent tip"), 24, TimeUnit.HOURS, f"{_JC} Điều 8", _HOURS_OR_DAYS, False),
    ("tips.forward_urgent_remote", _("Forward an urgent tip from a remote commune"), 48, TimeUnit.HOURS,
     f"{_JC} Điều 8", _HOURS_OR_DAYS, False),
    ("tips.forward", _("Forward any other tip"), 7, TimeUnit.DAYS, f"{_JC} Điều 8; {_CPC} Điều 134", None, False),
    ("tips.resolve", _("Resolve a tip"), 20, TimeUnit.DAYS, f"{_CPC} Điều 134, 147", None, False),
    ("tips.resolve_complex", _("Resolve a complex tip"), 2, TimeUnit.MONTHS, f"{_CPC} Điều 134, 147", None, False),
    ("tips.extension", _("One extension, at most"), 2, TimeUnit.MONTHS, f"{_CPC} Điều 147", (TimeUnit.MONTHS,), False),
    ("tips.extension_notice", _("Ask for the extension at least this long before the limit"), 5, TimeUnit.DAYS,
     f"{_CPC} Điều 147", (TimeUnit.DAYS,), False),
    ("tips.suspension_notice", _("Tell the reporter and the procuracy of a suspension"), 24, TimeUnit.HOURS,
     f"{_CPC} Điều 148", _HOURS_OR_DAYS, False),
    ("tips.cancelled_suspension", _("Resolve after the procuracy cancels a suspension"), 1, TimeUnit.MONTHS,
     f"{_CPC} Điều 134, 148", None, False),
    ("tips.acknowledge", _("Acknowledge receipt to the reporter"), 3, TimeUnit.WORKING_DAYS,
     f"{_JC} Điều 14; {_C28} Điều 17", None, False),
    ("tips.outcome_notice", _("Tell the reporter the outcome"), 3, TimeUnit.DAYS,
     f"{_JC} Điều 14; {_CPC} Điều 134", None, False),
    # No text sets it: the ministry's own rule for how long an approved look at an identity stays open.
    ("tips.identity_grant", _("See a reporter's identity, once a second person approved"), 8, TimeUnit.HOURS,
     "Luật BVDLCN 91/2025 (quy định nội bộ)", (TimeUnit.HOURS,), True),
]
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
    ("tips.approve_identity", "Duyệt cho cán bộ xem danh tính người tố giác",
     "Approve an officer's access to a reporter's identity", True),
    ("tips.supervise_tip", "Chỉ huy xử lý tin báo (Trưởng Công an xã)", "Supervise tips (commune police chief)",
     False),
    ("tips.view_statistics", "Xem thống kê tin báo", "View tip statistics", False),
]
_STATS = ["tips.view_statistics"]
ROLE_PERMISSIONS = {
    "central_leader": _STATS,
    "province_leader": _STATS,
    "province_police": [*_STATS, "tips.view_tip", "tips.approve_identity"],
    "commune_police": [*_STATS, "tips.view_tip", "tips.handle_tip", "tips.record_tip", "tips.view_identity"],
    "commune_front": [*_STATS, "tips.record_tip"],
    "commune_leader": _STATS,
}
CHIEF = ("commune_police_chief", "Trưởng Công an xã", "Commune police chief",
         ["geo.view_unit", "orgs.view_organisation", "orgs.view_user"])


def apply(apps, schema_editor=None) -> None:
    TipCategory = apps.get_model("tips", "TipCategory")
    Role = apps.get_model("orgs", "Role")
    Permission = apps.get_model("orgs", "Permission")
    for order, (code, name, name_en) in enumerate(CATEGORIES, start=1):
        TipCategory.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order * 10})
    code, name, name_en, perms = CHIEF
    role, created = Role.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    if created:
        role.permissions.set(Permission.objects.filter(code__in=perms))
    grant_permissions(apps, PERMISSIONS, {
        **ROLE_PERMISSIONS,
        "commune_police_chief": [*_STATS, "tips.view_tip", "tips.handle_tip", "tips.record_tip", "tips.view_identity",
                                 "tips.supervise_tip", "tips.approve_identity"]})


def apply_identity_approval(apps, schema_editor=None) -> None:
    """Identity needs a second person's approval (issue 14): the approving permission and its time limit."""
    from antq.core.limits import seed_limits

    grant_permissions(apps, [row for row in PERMISSIONS if row[0] == "tips.approve_identity"],
                      {"province_police": ["tips.approve_identity"],
                       "commune_police_chief": ["tips.approve_identity"]})
    seed_limits(apps, LIMITS)
