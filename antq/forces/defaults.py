"""Shipped rules of the grassroots security teams (Law 30/2023/QH15, in force 1 July 2024; LAW.md §4).

The eligibility of a member (aged 18 to 70, a clean record, lower-secondary schooling — primary in a commune
of special hardship — living in the commune) is the law's; the number of members per team is the province's
to fix: the default shipped is marked to verify, for each province to set its own.
"""

from antq.orgs.defaults import grant_permissions

LAW = "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở 30/2023/QH15"
ELIGIBILITY = {"min_age": 18, "max_age": 70, "min_education": "lower_secondary", "min_education_hardship": "primary",
               "needs_residence": True, "needs_clean_record": True, "warn_months": 6,
               "source": f"{LAW}, tiêu chuẩn tham gia lực lượng"}
TEAM_SIZE = {"min_members": 3, "max_members": 5, "unconfirmed": True,
             "source": f"{LAW}; Nghị định 40/2024/NĐ-CP — số lượng do UBND cấp tỉnh quyết định (cần đối chiếu)"}

PERMISSIONS = [
    ("forces.view_team", "Xem tổ bảo vệ an ninh, trật tự ở cơ sở", "View grassroots security teams", False),
    ("forces.manage_team", "Đề xuất, ghi nhận thành lập tổ và thành viên tổ bảo vệ ANTT",
     "Propose and record security teams and their members", False),
]
_VIEW = ["forces.view_team"]
ROLE_PERMISSIONS = {
    "commune_police": [*_VIEW, "forces.manage_team"],
    "commune_police_chief": [*_VIEW, "forces.manage_team"],
    "province_police": _VIEW,
    "commune_front": _VIEW,
    "province_leader": _VIEW,
    "central_leader": _VIEW,
    "observer": _VIEW,
}


def apply(apps, schema_editor=None) -> None:
    EligibilityRule = apps.get_model("forces", "EligibilityRule")
    TeamSize = apps.get_model("forces", "TeamSize")
    EligibilityRule.objects.get_or_create(valid_from=None, defaults=ELIGIBILITY)
    TeamSize.objects.get_or_create(province=None, valid_from=None, defaults=TEAM_SIZE)
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)
