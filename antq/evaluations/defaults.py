"""Shipped rules of the "Safe in security and order" evaluation (LAW.md §1).

Circular 124/2021/TT-BCA: who is evaluated (Art. 1), the criteria per unit kind (Art. 4–7),
periods (Art. 8), procedure and deadlines (Art. 9–10); Decision 510/QĐ-BCA-V05 for movement
grading; Plan 279 and Directive 09 for the targets. Loaded by a data migration; afterwards
they are rows an administrator edits. What the texts leave open ships marked unconfirmed.
"""

import datetime

from antq.orgs.defaults import grant_permissions

CIRCULAR = "Thông tư 124/2021/TT-BCA"
IN_FORCE = datetime.date(2022, 2, 10)

# kind: (period end, decision due, grading file due, approving level, approving level confirmed, exempt classes)
KIND_RULES = {
    "residential_area": ((10, 31), (11, 15), (11, 20), "commune", True, []),
    "commune": ((11, 15), (11, 20), (11, 30), "province", False, []),
    "agency": ((11, 15), (11, 20), (11, 30), "commune", False, ["armed_forces"]),
    "enterprise": ((11, 15), (11, 20), (11, 30), "commune", False, ["micro", "small"]),
    "school": ((11, 15), (11, 20), (11, 30), "commune", False, ["nursery", "kindergarten", "primary"]),
}
KIND_RULE_SOURCE = (f"{CIRCULAR} Điều 1, 8, 10; Quyết định 510/QĐ-BCA-V05 (cấp công nhận xã sau 01/7/2025 "
                    "và cấp công nhận cơ quan, doanh nghiệp, nhà trường: chưa xác nhận)")

# Automatic checks read the facts recorded in the period (antq.evaluations.checks).
_EXCEPTION = "Trường hợp bất khả kháng; hoặc phát hiện, báo cáo kịp thời"
_POLICY = ("policy_rules", "Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước và quy định, "
           "hương ước, quy ước về bảo đảm an ninh, trật tự", "Điều 4 khoản 2", "yes_no", None, "", False, "")
_NO_SECURITY = ("no_security_activity", "Không có hoạt động chống Đảng, chính quyền, phá hoại mục tiêu trọng điểm, "
                "truyền đạo trái pháp luật, lợi dụng tôn giáo, dân tộc, tranh chấp; không có mâu thuẫn, tranh chấp "
                "kéo dài, kích động khiếu kiện đông người", "Điều 4 khoản 3", "automatic", None,
                "no_security_activity", False, "")
_NO_SERIOUS = ("no_serious_incident", "Không xảy ra tội phạm nghiêm trọng trở lên (hoặc xảy ra nhưng được phát hiện, "
               "báo cáo kịp thời), không phát sinh điểm nóng, người nghiện mới; không cháy, nổ nghiêm trọng, tai nạn "
               "lao động chết người", "Điều 4 khoản 4", "automatic", None, "no_serious_incident", True, _EXCEPTION)
_CRIME_LOWER = ("crime_lower", "Tội phạm, tệ nạn xã hội giảm so với năm trước", "Điều 4 khoản 4", "yes_no", None, "",
                False, "")
# Judged on the security teams' records (the forces app contributes the check).
_FORCES = ("security_force", "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở được đánh giá hoàn thành nhiệm vụ trở "
           "lên, không có thành viên bị kỷ luật", "Điều 4 khoản 5", "automatic", None, "forces_rated", False, "")
# Judged on the supervision files (the supervision app contributes the check).
_MANAGED = ("supervised_managed", "Người phải quản lý, giáo dục được quản lý theo quy định (kế hoạch giám sát, nhận "
            "xét hằng tháng đúng hạn; không có vi phạm chưa xử lý)", "Điều 4 khoản 4", "automatic", None,
            "supervised_managed", False, "")
_MODEL = ("working_model", "Có ít nhất một mô hình, điển hình tiên tiến về phong trào hoạt động hiệu quả",
          "Điều 5 khoản 1", "automatic", None, "working_model", False, "")
_ESTABLISHMENT = [
    ("q1_plan", "Trong quý I có nghị quyết (nơi có tổ chức Đảng), kế hoạch và đăng ký xây dựng đơn vị đạt tiêu chuẩn",
     "Điều 6 khoản 1", "yes_no", None, "", False, ""),
    ("internal_rules", "Có nội quy, quy chế bảo vệ cơ quan, bí mật nhà nước, an toàn lao động, phòng cháy, môi "
     "trường; 100 % cán bộ, nhân viên được phổ biến", "Điều 6 khoản 2", "yes_no", None, "", False, ""),
    ("working_model", "Có ít nhất một mô hình bảo đảm an ninh, trật tự hoạt động hiệu quả", "Điều 6 khoản 3",
     "automatic", None, "working_model", False, ""),
    ("police_coordination", "Phối hợp chặt chẽ với Công an trong bảo đảm an ninh, trật tự", "Điều 6 khoản 4",
     "yes_no", None, "", False, ""),
    ("no_security_activity", "Không có hoạt động tôn giáo trái pháp luật, lợi dụng tranh chấp, kích động khiếu kiện "
     "đông người, đình công trái pháp luật", "Điều 6 khoản 5", "automatic", None, "no_security_activity", False, ""),
    ("no_serious_incident", "Không xảy ra tội phạm nghiêm trọng, lộ bí mật nhà nước, cháy nổ nghiêm trọng, tai nạn "
     "chết người, sự cố môi trường, an toàn thực phẩm nghiêm trọng; không có người bị xử lý về an ninh, trật tự",
     "Điều 6 khoản 5", "automatic", None, "no_serious_incident", True, _EXCEPTION),
    ("guard_force", "Lực lượng bảo vệ được đánh giá hoàn thành tốt nhiệm vụ", "Điều 6 khoản 6", "yes_no", None, "",
     False, ""),
    ("sub_units_rated", "Ít nhất 70 % đơn vị trực thuộc được đánh giá tốt (tỷ lệ %)", "Điều 6 khoản 7", "threshold",
     70, "", False, ""),
]
CRITERIA = {
    "residential_area": [
        ("q1_registration", "Quý I chi bộ có nghị quyết, khu dân cư đăng ký và 100 % hộ gia đình đăng ký thực hiện "
         "(tỷ lệ hộ đăng ký, %)", "Điều 4 khoản 1", "automatic", 100, "households_registered", False, ""),
        _POLICY, _NO_SECURITY, _NO_SERIOUS, _CRIME_LOWER, _MANAGED,
        _FORCES,
    ],
    "commune": [
        ("q1_plan", "Quý I có nghị quyết của Đảng ủy, kế hoạch của UBND và đăng ký xây dựng xã đạt tiêu chuẩn",
         "Điều 5 khoản 1", "yes_no", None, "", False, ""),
        _MODEL, _POLICY, _NO_SECURITY, _NO_SERIOUS, _CRIME_LOWER, _MANAGED,
        ("police_proactive", "Công an xã chủ động tham mưu, không có cán bộ bị kỷ luật", "Điều 5 khoản 3", "yes_no",
         None, "", False, ""),
        ("units_registered", "100 % khu dân cư, cơ quan, doanh nghiệp, nhà trường trên địa bàn đăng ký (%)",
         "Điều 5 khoản 4", "automatic", 100, "units_registered", False, ""),
        ("units_recognised", "Ít nhất 70 % khu dân cư, cơ quan, doanh nghiệp, nhà trường được công nhận (%)",
         "Điều 5 khoản 4", "automatic", 70, "units_recognised", False, ""),
    ],
    "agency": _ESTABLISHMENT,
    "enterprise": _ESTABLISHMENT,
    "school": [
        *_ESTABLISHMENT,
        ("parents_coordination", "Phối hợp với Ban đại diện cha mẹ học sinh trong bảo đảm an ninh, trật tự",
         "Điều 7", "yes_no", None, "", False, ""),
        ("no_school_violence", "Không xảy ra bạo lực học đường", "Điều 7", "automatic", None, "no_school_violence",
         False, ""),
    ],
}

SCORE_SOURCE = "Quyết định 510/QĐ-BCA-V05 (thang điểm và ngưỡng xếp loại chưa xác nhận)"
SCORE_ITEMS = [
    ("Lãnh đạo, chỉ đạo, xây dựng kế hoạch", 20),
    ("Tuyên truyền, vận động quần chúng", 20),
    ("Xây dựng, nhân rộng mô hình và lực lượng nòng cốt", 20),
    ("Kết quả bảo đảm an ninh, trật tự", 30),
    ("Phối hợp, sơ kết, báo cáo", 10),
]
GRADE_BANDS = [("excellent", 90), ("good", 70), ("average", 50), ("weak", 0)]

TARGETS = [
    ("recognised_share", 75, 2023, "Kế hoạch 279 (seed 001 §I.4): ít nhất 75 % đơn vị đạt tiêu chuẩn"),
    ("weak_communes", 0, 2023, "Chỉ thị 09-CT/TW: không để xã, đơn vị yếu kém về phong trào"),
]

PERMISSIONS = [
    ("evaluations.view_evaluation", "Xem đánh giá an toàn về ANTT", "View safety evaluations", False),
    ("evaluations.run_evaluation", "Thực hiện đăng ký, tự đánh giá, bình xét",
     "Run evaluations (register, self-assess, review)", False),
    ("evaluations.approve_evaluation", "Công nhận đạt tiêu chuẩn an toàn về ANTT", "Approve evaluations", False),
    ("evaluations.manage_establishment", "Quản lý cơ quan, doanh nghiệp, nhà trường",
     "Manage agencies, enterprises and schools", False),
    ("evaluations.record_incident", "Ghi nhận vụ việc ảnh hưởng đánh giá", "Record incidents", False),
    ("evaluations.manage_criteria", "Quản lý bộ tiêu chí, thang điểm, chỉ tiêu", "Manage criteria, score sheets, "
     "targets", False),
    ("evaluations.grade_movement", "Chấm điểm, xếp loại phong trào", "Grade the movement", False),
]
_VIEW = ["evaluations.view_evaluation"]
_RUN = [*_VIEW, "evaluations.run_evaluation", "evaluations.manage_establishment", "evaluations.grade_movement"]
ROLE_PERMISSIONS = {
    "central_leader": _VIEW,
    "province_leader": [*_VIEW, "evaluations.approve_evaluation"],
    "province_police": [*_RUN, "evaluations.record_incident", "evaluations.manage_criteria"],
    "commune_police": [*_RUN, "evaluations.record_incident"],
    "commune_front": _RUN,
    "member_org_officer": _VIEW,
    "area_head": [*_VIEW, "evaluations.run_evaluation"],
    "observer": _VIEW,
    "commune_leader": [*_VIEW, "evaluations.approve_evaluation"],
}
# The commune People's Committee chairman recognises residential areas (Art. 10); no earlier
# role could approve at commune level.
COMMUNE_LEADER = ("commune_leader", "Lãnh đạo UBND xã", "Commune People's Committee leader",
                  ["geo.view_unit", "orgs.view_organisation", "orgs.view_user"])


def apply(apps, schema_editor=None) -> None:
    Level = apps.get_model("geo", "Level")
    Role = apps.get_model("orgs", "Role")
    Permission = apps.get_model("orgs", "Permission")
    KindRule = apps.get_model("evaluations", "KindRule")
    CriteriaSet = apps.get_model("evaluations", "CriteriaSet")
    Criterion = apps.get_model("evaluations", "Criterion")
    ScoreSheet = apps.get_model("evaluations", "ScoreSheet")
    Target = apps.get_model("evaluations", "Target")

    code, name, name_en, perms = COMMUNE_LEADER
    role, created = Role.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    if created:
        role.permissions.set(Permission.objects.filter(code__in=perms))

    levels = {level.code: level for level in Level.objects.all()}
    for kind, (end, decision, grading, approver, confirmed, exempt) in KIND_RULES.items():
        KindRule.objects.get_or_create(kind=kind, valid_from=None, defaults={
            "period_end_month": end[0], "period_end_day": end[1],
            "decision_due_month": decision[0], "decision_due_day": decision[1],
            "grading_due_month": grading[0], "grading_due_day": grading[1],
            "approving_level": levels[approver], "approving_level_confirmed": confirmed,
            "exempt_classes": exempt, "source": KIND_RULE_SOURCE})
        criteria_set, created = CriteriaSet.objects.get_or_create(
            kind=kind, province=None, version=1, defaults={"valid_from": IN_FORCE, "source": CIRCULAR})
        if created:
            Criterion.objects.bulk_create([
                Criterion(criteria_set=criteria_set, order=order, code=c_code, text=text, article=article,
                          judgement=judgement, threshold=threshold, check_code=check, allows_exception=allows,
                          exception_text=exception)
                for order, (c_code, text, article, judgement, threshold, check, allows, exception)
                in enumerate(CRITERIA[kind], start=1)])
        sheet, created = ScoreSheet.objects.get_or_create(kind=kind, valid_from=IN_FORCE,
                                                          defaults={"source": SCORE_SOURCE, "confirmed": False})
        if created:
            for order, (text, points) in enumerate(SCORE_ITEMS, start=1):
                sheet.items.create(order=order, text=text, max_points=points)
            for grade, points in GRADE_BANDS:
                sheet.bands.create(grade=grade, min_points=points)
    for kind, value, year, source in TARGETS:
        Target.objects.get_or_create(kind=kind, year_from=year, defaults={"value": value, "source": source})
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)
