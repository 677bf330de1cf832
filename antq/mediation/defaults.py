"""Shipped rules for mediation teams (Law 35/2013/QH13 on grassroots mediation, LAW.md §3).

Art. 12: a team has at least three mediators, women among them, and in an area where ethnic minorities
live, an ethnic-minority mediator; Art. 8: a mediator is elected by more than half of the household
representatives (or of the area's meeting) and recognised by the commune chairman.
"""

from django.utils.translation import gettext_lazy as _

from antq.core.models import TimeUnit
from antq.orgs.defaults import grant_permissions

SOURCE = "Luật Hòa giải ở cơ sở 35/2013/QH13, Điều 8 (bầu hòa giải viên), Điều 12 (tổ hòa giải)"
LAW = "Luật Hòa giải ở cơ sở 35/2013/QH13"
RULE = {"min_mediators": 3, "min_women": 1, "min_ethnic_minority": 1, "min_election_share": 50, "source": SOURCE}

LIMITS = [
    # code, label, amount, unit, source, units an administrator may choose, unconfirmed
    ("mediation.start", _("Start mediating once mediators are assigned"), 3, TimeUnit.DAYS,
     f"{LAW}, Điều 21 khoản 1; BLTTHS 2015 Điều 134 (cách tính)", None, False),
]
_ART3 = f"{LAW}, Điều 3 khoản 1"
# (code, name, English name, may be mediated, article, where it goes instead)
SUBJECTS = [
    ("land", "Đất đai, ranh giới", "Land and boundaries", True, "", ""),
    ("family", "Hôn nhân và gia đình", "Marriage and family", True, "", ""),
    ("neighbours", "Mâu thuẫn láng giềng, sinh hoạt", "Neighbours and daily life", True, "", ""),
    ("debt", "Vay mượn, nợ nần", "Loans and debts", True, "", ""),
    ("inheritance", "Thừa kế", "Inheritance", True, "", ""),
    ("other", "Việc khác", "Other matters", True, "", ""),
    ("state_interest", "Xâm phạm lợi ích của Nhà nước, lợi ích công cộng",
     "Harms the State's or the public interest", False, f"{_ART3} điểm a", "administrative"),
    ("procedure_forbidden", "Hôn nhân, gia đình, giao dịch dân sự mà pháp luật tố tụng dân sự không cho hòa giải",
     "Marriage, family or civil matters that civil procedure forbids mediating", False, f"{_ART3} điểm b",
     "court"),
    ("criminal", "Hành vi phải bị truy cứu trách nhiệm hình sự", "An act liable to criminal prosecution", False,
     f"{_ART3} điểm c", "tip"),
    ("administrative_offence", "Hành vi phải bị xử lý vi phạm hành chính", "An act liable to an administrative fine",
     False, f"{_ART3} điểm c", "administrative"),
    ("other_law", "Tranh chấp khác mà pháp luật không cho hòa giải ở cơ sở",
     "Other disputes the law does not let the grassroots mediate", False, f"{_ART3} điểm d", "court"),
]

# No text sets these (LAW.md §12: local practice): shipped marked unconfirmed, for each province to confirm.
ESCALATION_SOURCE = "Thực tiễn địa phương (chưa có văn bản quy định; LAW.md §12)"
ESCALATION = {"risk_people": 20, "risk_gatherings": 2, "risk_days": 30, "hot_people": 50, "hot_gatherings": 3,
              "hot_days": 90, "prolonged_days": 90, "source": ESCALATION_SOURCE, "unconfirmed": True}

PERMISSIONS = [
    ("mediation.view_team", "Xem tổ hòa giải, hòa giải viên", "View mediation teams and mediators", False),
    ("mediation.manage_team", "Quản lý tổ hòa giải, hòa giải viên", "Manage mediation teams and mediators", False),
    ("mediation.view_case", "Xem vụ việc hòa giải (không kèm thông tin các bên)",
     "View mediation cases (without the parties' details)", False),
    ("mediation.handle_case", "Tiếp nhận, phân công, ghi kết quả hòa giải", "Receive, assign and record mediation",
     False),
    ("mediation.view_parties", "Xem thông tin cá nhân của các bên hòa giải", "See the parties' personal details",
     False),
    ("mediation.view_dispute", "Xem tranh chấp, khiếu kiện, điểm nóng", "View disputes, complaints and hot spots",
     False),
    ("mediation.record_dispute", "Ghi nhận, xử lý tranh chấp, điểm nóng", "Record and handle disputes and hot spots",
     False),
    ("mediation.manage_complex_area", "Quản lý địa bàn phức tạp và kế hoạch chuyển hóa",
     "Manage complex areas and their transformation plans", False),
]
_VIEW = ["mediation.view_team", "mediation.view_case", "mediation.view_dispute"]
_MANAGE = [*_VIEW, "mediation.manage_team"]
_PARTIES = "mediation.view_parties"
ROLE_PERMISSIONS = {
    "central_leader": _VIEW,
    "province_leader": _VIEW,
    "province_police": _VIEW,
    # The commune chairman recognises the mediators (Art. 8) and designates complex areas with the police.
    "commune_leader": [*_MANAGE, "mediation.manage_complex_area"],
    # The Front leads mediation at the grassroots (seed 000 §III.1): it receives, assigns and records.
    "commune_front": [*_MANAGE, "mediation.handle_case", _PARTIES, "mediation.record_dispute"],
    # Settles disputes on the spot with the Front (seed 001 §II.3).
    "commune_police": [*_VIEW, _PARTIES, "mediation.record_dispute", "mediation.manage_complex_area"],
    "commune_police_chief": [*_VIEW, _PARTIES, "mediation.record_dispute", "mediation.manage_complex_area"],
    "member_org_officer": ["mediation.view_team"],
    "area_head": ["mediation.view_team"],
    "observer": ["mediation.view_team"],
}


def apply(apps, schema_editor=None) -> None:
    TeamRule = apps.get_model("mediation", "TeamRule")
    if not TeamRule.objects.filter(valid_from=None).exists():
        TeamRule.objects.create(valid_from=None, **RULE)
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)


def apply_cases(apps, schema_editor=None) -> None:
    """The subjects (mediable and not), the start limit, the case permissions; rows already there are kept."""
    from antq.core.limits import seed_limits

    Subject = apps.get_model("mediation", "Subject")
    for order, (code, name, name_en, mediable, article, route) in enumerate(SUBJECTS, start=1):
        Subject.objects.get_or_create(code=code, defaults={
            "name": name, "name_en": name_en, "order": order * 10, "mediable": mediable, "article": article,
            "route": route})
    seed_limits(apps, LIMITS)
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)


def apply_disputes(apps, schema_editor=None) -> None:
    EscalationRule = apps.get_model("mediation", "EscalationRule")
    if not EscalationRule.objects.filter(valid_from=None).exists():
        EscalationRule.objects.create(valid_from=None, **ESCALATION)
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)
