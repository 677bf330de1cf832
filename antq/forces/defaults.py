"""Shipped rules of the grassroots security teams (Law 30/2023/QH15, in force 1 July 2024; LAW.md §4).

The eligibility of a member (aged 18 to 70, a clean record, lower-secondary schooling — primary in a commune
of special hardship — living in the commune) is the law's; the number of members per team is the province's
to fix: the default shipped is marked to verify, for each province to set its own.
"""

from antq.orgs.defaults import grant_permissions

LAW = "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở 30/2023/QH15"
ELIGIBILITY = {"min_age": 18, "max_age": 70, "min_education": "lower_secondary", "min_education_hardship": "primary",
               "needs_residence": True, "needs_clean_record": True, "warn_months": 6,  # health: its default
               "source": f"{LAW}, tiêu chuẩn tham gia lực lượng"}
TEAM_SIZE = {"min_members": 3, "max_members": 5, "unconfirmed": True,
             "source": f"{LAW}; Nghị định 40/2024/NĐ-CP — số lượng do UBND cấp tỉnh quyết định (cần đối chiếu)"}

DUTY = {"sign_on_early_minutes": 60, "sign_off_late_hours": 6, "flag_unconfirmed_hours": 24, "plan_days": 28,
        "source": "Thực tiễn của ANTQ (không phải quy định pháp luật): mỗi Công an xã có thể sửa"}
GUIDANCE = "Hướng dẫn 01/HD-BCA-V05 về đánh giá, xếp loại lực lượng tham gia bảo vệ ANTT ở cơ sở"
RATING = {"excellent_above": 95, "good_from": 80, "completed_from": 50, "disciplined_at_most": "completed",
          "unconfirmed": True,
          "source": f"{GUIDANCE}: xuất sắc khi hoàn thành trên 95% nhiệm vụ; các mức khác cần đối chiếu"}
TRAINING = {"refresh_months": 12, "grace_months": 6, "unconfirmed": True,
            "source": f"{LAW}: thành viên được bồi dưỡng, huấn luyện — chu kỳ cần đối chiếu văn bản của Bộ Công an"}
TEAM_MEMBER_ROLE = ("security_team_member", "Thành viên tổ bảo vệ ANTT ở cơ sở", "Grassroots security team member")

PERMISSIONS = [
    ("forces.view_team", "Xem tổ bảo vệ an ninh, trật tự ở cơ sở", "View grassroots security teams", False),
    ("forces.manage_team", "Đề xuất, ghi nhận thành lập tổ và thành viên tổ bảo vệ ANTT",
     "Propose and record security teams and their members", False),
    ("forces.do_duty", "Nhận ca trực, tuần tra, nhiệm vụ và báo cáo của mình", "Own shifts, tasks and reports",
     False),
    ("forces.manage_community", "Quản lý tổ tự quản và người có uy tín ở khu dân cư",
     "Manage self-managed groups and people of prestige", False),
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
    grant_permissions(apps, PERMISSIONS[:2], ROLE_PERMISSIONS)


def apply_duty(apps, schema_editor=None) -> None:
    """Duty, tasks and ratings (issue 18, part 2): their rules and the team member's own role."""
    DutyRule = apps.get_model("forces", "DutyRule")
    RatingRule = apps.get_model("forces", "RatingRule")
    Role = apps.get_model("orgs", "Role")
    DutyRule.objects.get_or_create(valid_from=None, defaults=DUTY)
    RatingRule.objects.get_or_create(valid_from=None, defaults=RATING)
    code, name, name_en = TEAM_MEMBER_ROLE
    Role.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    grant_permissions(apps, PERMISSIONS[2:3], {code: ["forces.do_duty"]})


def apply_training(apps, schema_editor=None) -> None:
    """Training, allowances, equipment and the community (issue 18, part 3): the training rule."""
    apps.get_model("forces", "TrainingRule").objects.get_or_create(valid_from=None, defaults=TRAINING)
    grant_permissions(apps, PERMISSIONS[3:4], {"commune_front": ["forces.manage_community"],
                                               "commune_police": ["forces.manage_community"],
                                               "commune_police_chief": ["forces.manage_community"]})
