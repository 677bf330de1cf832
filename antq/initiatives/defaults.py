"""Shipped rules for models and exemplary examples (LAW.md §1 "Models"; seed 001).

Guidance 22/HD-BCA-V05 (2022) counts models by name, sites and teams and grades them; its
grading cadence and the rule for removing an ineffective model are not in the text we hold,
so the shipped rule is marked unconfirmed until an administrator confirms it. Seed 001
(Plan 279 §I.4): each province keeps at least one exemplary commune and one exemplary ward.
"""

from antq.orgs.defaults import grant_permissions

RULE = {"grading_interval_months": 12, "ineffective_gradings_for_review": 2,
        "exemplary_communes_per_province": 1, "exemplary_wards_per_province": 1, "confirmed": False,
        "source": "Hướng dẫn 22/HD-BCA-V05 (2022); Kế hoạch 279 mục I.4 (mỗi tỉnh ít nhất một xã, một phường "
                  "điển hình); chu kỳ xếp loại và điều kiện loại bỏ: chưa xác nhận"}

PERMISSIONS = [
    ("initiatives.view_initiative", "Xem mô hình, điển hình tiên tiến", "View models and exemplary examples", False),
    ("initiatives.manage_initiative", "Quản lý mô hình, điểm, tổ", "Manage models, sites and teams", False),
    ("initiatives.grade_initiative", "Đánh giá, xếp loại mô hình", "Grade models", False),
    ("initiatives.recognise_exemplary", "Công nhận điển hình tiên tiến, loại bỏ mô hình",
     "Recognise exemplary examples, remove models", False),
]
_VIEW = ["initiatives.view_initiative"]
_MANAGE = [*_VIEW, "initiatives.manage_initiative"]
ROLE_PERMISSIONS = {
    "central_leader": [*_VIEW, "initiatives.recognise_exemplary"],
    "province_leader": [*_VIEW, "initiatives.grade_initiative", "initiatives.recognise_exemplary"],
    "province_police": [*_MANAGE, "initiatives.grade_initiative", "initiatives.recognise_exemplary"],
    "commune_police": [*_MANAGE, "initiatives.grade_initiative"],
    "commune_front": [*_MANAGE, "initiatives.grade_initiative"],
    "member_org_officer": _MANAGE,
    "area_head": _MANAGE,
    "observer": _VIEW,
    "commune_leader": [*_VIEW, "initiatives.grade_initiative", "initiatives.recognise_exemplary"],
}


def apply(apps, schema_editor=None) -> None:
    InitiativeRule = apps.get_model("initiatives", "InitiativeRule")
    if not InitiativeRule.objects.filter(valid_from=None).exists():
        InitiativeRule.objects.create(valid_from=None, **RULE)
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)
