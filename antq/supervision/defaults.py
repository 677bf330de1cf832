"""Shipped rules of supervision in the community and reintegration (LAW.md §5): the Law on Execution of
Criminal Judgments 127/2025/QH15 (from 1 July 2026; its decree's text still to verify, so the rows are
marked unconfirmed), Decree 49/2020/NĐ-CP and Circular 10/2024/TT-BCA on reintegration."""

from django.utils.translation import gettext_lazy as _

from antq.core.models import TimeUnit
from antq.orgs.defaults import grant_permissions

SOURCE = "Luật Thi hành án hình sự 127/2025/QH15; Nghị định 49/2020/NĐ-CP; Thông tư 10/2024/TT-BCA"
_LAW = "Luật Thi hành án hình sự 127/2025/QH15"
LIMITS = [
    # code, label, amount, unit, source, units an administrator may choose, unconfirmed
    ("supervision.plan", _("Issue the supervision plan after intake"), 5, TimeUnit.WORKING_DAYS,
     f"{_LAW} (kế hoạch giám sát, giáo dục; văn bản hướng dẫn cần đối chiếu)", None, True),
    # From the month's last day: the 5th of the next month, moved past a day off.
    ("supervision.assessment", _("Sign the monthly assessment after the month ends"), 5, TimeUnit.DAYS,
     f"{_LAW} (nhận xét hằng tháng trong 05 ngày đầu tháng sau; văn bản hướng dẫn cần đối chiếu)", None, True),
    # Opening a file outside the police: on a second person's approval, or at once in an emergency.
    ("supervision.file_grant", _("Open a supervision file on approval"), 24, TimeUnit.HOURS,
     "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (dữ liệu nhạy cảm: tối thiểu, đúng mục đích)",
     [TimeUnit.HOURS], False),
    ("supervision.break_glass", _("Open a supervision file in an emergency"), 4, TimeUnit.HOURS,
     "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (dữ liệu nhạy cảm: tối thiểu, đúng mục đích)",
     [TimeUnit.HOURS], False),
]
# (code, name, English name, supervised by the police, article, years the file is kept after the end)
MEASURE_TYPES = [
    ("commune_education", "Giáo dục tại xã, phường, thị trấn", "Education at the commune", True,
     "Luật Xử lý vi phạm hành chính 2012, Điều 90", 5),
    ("suspended_sentence", "Án treo", "Suspended sentence", True, f"{_LAW}; Bộ luật Hình sự Điều 65", 5),
    ("non_custodial_reform", "Cải tạo không giam giữ", "Non-custodial reform", True,
     f"{_LAW}; Bộ luật Hình sự Điều 36", 5),
    ("conditional_release", "Tha tù trước thời hạn có điều kiện", "Conditional early release", True,
     f"{_LAW}; Bộ luật Hình sự Điều 66", 5),
    ("released_prison", "Chấp hành xong án phạt tù trở về địa phương", "Back from prison", False,
     "Nghị định 49/2020/NĐ-CP; Thông tư 10/2024/TT-BCA", 3),
    ("released_reformatory", "Chấp hành xong biện pháp trường giáo dưỡng, cơ sở giáo dục bắt buộc",
     "Back from a reformatory or compulsory education", False, "Nghị định 49/2020/NĐ-CP", 3),
]
PERMISSIONS = [
    ("supervision.view_file", "Xem hồ sơ người được giám sát, giáo dục", "View supervision files", True),
    ("supervision.manage_file", "Lập, cập nhật hồ sơ giám sát, giáo dục", "Keep supervision files", True),
    ("supervision.issue_plan", "Ban hành kế hoạch giám sát, giáo dục", "Issue supervision plans", True),
    ("supervision.restrict_file", "Hạn chế người được xem hồ sơ", "Restrict who sees a file", True),
    ("supervision.assess", "Nhận xét, đánh giá hằng tháng", "Record monthly assessments", True),
    ("supervision.propose", "Đề nghị thu hồi, rút ngắn; cấp giấy chứng nhận chấp hành xong",
     "Propose revocation or shortening; certify completion", True),
    ("supervision.assign_helper", "Ghi nhận phân công người giúp đỡ", "Record helpers' assignment", True),
    ("supervision.help", "Giúp đỡ người được giao (tái hòa nhập)", "Help the people assigned (reintegration)", True),
    ("supervision.request_file", "Đề nghị mở hồ sơ; mở khẩn cấp có lý do",
     "Ask to open a file; open one in an emergency with a reason", True),
    ("supervision.approve_file", "Duyệt đề nghị mở hồ sơ; nhận báo mở khẩn cấp",
     "Approve opening a file; be told of emergency openings", True),
    ("supervision.review_access", "Xem báo cáo mở hồ sơ khẩn cấp", "Review emergency openings", True),
    ("supervision.view_statistics", "Xem thống kê giám sát, tái hòa nhập", "View supervision statistics", False),
]
_POLICE = ["supervision.view_file", "supervision.manage_file", "supervision.assess", "supervision.assign_helper",
           "supervision.view_statistics"]
ROLE_PERMISSIONS = {
    "commune_police": _POLICE,
    "commune_police_chief": [*_POLICE, "supervision.issue_plan", "supervision.restrict_file", "supervision.propose",
                             "supervision.approve_file", "supervision.review_access"],
    "province_police": ["supervision.view_file", "supervision.restrict_file", "supervision.review_access",
                        "supervision.view_statistics"],
    "commune_front": ["supervision.help", "supervision.request_file", "supervision.view_statistics"],
    "member_org_officer": ["supervision.help"],
    "province_leader": ["supervision.view_statistics"],
    "central_leader": ["supervision.view_statistics"],
}


def apply(apps, schema_editor=None) -> None:
    from antq.core.limits import seed_limits

    MeasureType = apps.get_model("supervision", "MeasureType")
    for order, (code, name, name_en, police, article, years) in enumerate(MEASURE_TYPES, start=1):
        MeasureType.objects.get_or_create(code=code, defaults={
            "name": name, "name_en": name_en, "order": order * 10, "police_supervised": police, "article": article,
            "retention_years": years})
    seed_limits(apps, LIMITS)
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)
