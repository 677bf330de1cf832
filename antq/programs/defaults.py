"""Shipped review rules and permissions (seed 002 §IV: yearly review in Q4; 5-year and final reviews).

Loaded by a data migration; afterwards they are rows an administrator may edit.
"""

from antq.orgs.defaults import grant_permissions

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
    for kind, every_year, years_after, last_year, month in REVIEW_RULES:
        ReviewRule.objects.get_or_create(kind=kind, defaults={
            "every_year": every_year, "years_after_start": years_after, "in_last_year": last_year,
            "due_month": month, "source": SOURCE})
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)


MONTHLY_FORM = {
    "code": "bao-cao-thang-antq",
    "name": "Báo cáo tháng về công tác xây dựng phong trào toàn dân bảo vệ ANTQ",
    "period_type": "month",
    "deadline": (5, "days"),
    "levels": ["commune", "province"],
    "source": "Chương trình phối hợp 09/CTPH-MTTQ-BCA (seed 000) §IV.4: thông tin hai chiều, báo cáo cấp trên",
    "indicators": [
        # section, code, label, kind, roll-up, unit of measure
        ("Hoạt động của Ban Chỉ đạo", "giao-ban", "Số cuộc họp, giao ban của Ban Chỉ đạo", "number", "sum", "cuộc"),
        ("Hoạt động của Ban Chỉ đạo", "kiem-tra", "Số cuộc kiểm tra, đôn đốc cơ sở", "number", "sum", "cuộc"),
        ("Tình hình ANTT", "tin-bao", "Số tin báo, tố giác của Nhân dân được tiếp nhận", "number", "sum", "tin"),
        ("Tình hình ANTT", "vu-viec", "Số vụ việc phức tạp phát sinh", "number", "sum", "vụ"),
        ("Tình hình ANTT", "hoa-giai", "Số vụ việc hòa giải thành", "number", "sum", "vụ"),
        ("Phong trào", "tuyen-truyen", "Số buổi tuyên truyền, vận động", "number", "sum", "buổi"),
        ("Phong trào", "mo-hinh", "Số mô hình tự quản đang hoạt động", "number", "sum", "mô hình"),
        ("Phong trào", "ty-le-ho", "Tỷ lệ hộ gia đình đăng ký tham gia phong trào", "number", "avg", "%"),
        ("Phong trào", "tuan-tra-max", "Số người tham gia tuần tra nhiều nhất trong một đêm", "number", "max", "người"),
        ("Đánh giá, kiến nghị", "danh-gia", "Đánh giá chung", "text", "sum", ""),
        ("Đánh giá, kiến nghị", "kien-nghi", "Kiến nghị, đề xuất với cấp trên", "text", "sum", ""),
    ],
}
# The shipped form's words in English (the English interface shows them; the Vietnamese stay the text).
MONTHLY_FORM_EN = {
    "name": "Monthly report on building the all-people movement for protecting national security",
    "sections": {"Hoạt động của Ban Chỉ đạo": "Steering committee", "Tình hình ANTT": "Security and order",
                 "Phong trào": "The movement", "Đánh giá, kiến nghị": "Assessment and proposals"},
    "indicators": {
        "giao-ban": ("Meetings and briefings of the steering committee", "meetings"),
        "kiem-tra": ("Inspections and follow-ups of the grassroots", "inspections"),
        "tin-bao": ("Tips and denunciations received from the people", "tips"),
        "vu-viec": ("Complex incidents that arose", "incidents"),
        "hoa-giai": ("Cases mediated successfully", "cases"),
        "tuyen-truyen": ("Awareness and mobilisation sessions", "sessions"),
        "mo-hinh": ("Self-managed models in operation", "models"),
        "ty-le-ho": ("Share of households registered in the movement", "%"),
        "tuan-tra-max": ("Most people on patrol in one night", "people"),
        "danh-gia": ("Overall assessment", ""),
        "kien-nghi": ("Proposals to the level above", ""),
    },
}


def apply_report_english(apps, schema_editor=None) -> None:
    """Fill the English words of the shipped form where nobody entered any."""
    ReportForm = apps.get_model("programs", "ReportForm")
    ReportIndicator = apps.get_model("programs", "ReportIndicator")
    ReportForm.objects.filter(code=MONTHLY_FORM["code"], name_en="").update(name_en=MONTHLY_FORM_EN["name"])
    for indicator in ReportIndicator.objects.filter(form__code=MONTHLY_FORM["code"]):
        label, unit = MONTHLY_FORM_EN["indicators"].get(indicator.code, ("", ""))
        indicator.label_en = indicator.label_en or label
        indicator.unit_label_en = indicator.unit_label_en or unit
        indicator.section_en = indicator.section_en or MONTHLY_FORM_EN["sections"].get(indicator.section, "")
        indicator.save(update_fields=["label_en", "unit_label_en", "section_en"])


REPORT_PERMISSIONS = [
    ("programs.view_report", "Xem báo cáo định kỳ và tổng hợp", "View periodic reports and roll-ups", False),
    ("programs.submit_report", "Lập và gửi báo cáo định kỳ", "Write and submit periodic reports", False),
    ("programs.review_report", "Trả lại báo cáo của cấp dưới để sửa", "Return reports of the level below", False),
]
REPORT_ROLE_PERMISSIONS = {
    "central_leader": ["programs.view_report"],
    "province_leader": ["programs.view_report"],
    "province_police": ["programs.view_report", "programs.submit_report", "programs.review_report"],
    "commune_police": ["programs.view_report", "programs.submit_report"],
    "commune_front": ["programs.view_report", "programs.submit_report"],
    "member_org_officer": ["programs.view_report"],
    "observer": ["programs.view_report"],
}


def apply_reports(apps, schema_editor=None) -> None:
    Level = apps.get_model("geo", "Level")
    ReportForm = apps.get_model("programs", "ReportForm")
    ReportIndicator = apps.get_model("programs", "ReportIndicator")
    spec = MONTHLY_FORM
    form, created = ReportForm.objects.get_or_create(code=spec["code"], defaults={
        "name": spec["name"], "period_type": spec["period_type"], "source": spec["source"]})
    if created:
        form.submitting_levels.set(Level.objects.filter(code__in=spec["levels"]))
        for order, (section, code, label, kind, aggregate, unit_label) in enumerate(spec["indicators"], start=1):
            ReportIndicator.objects.create(form=form, section=section, order=order, code=code, label=label, kind=kind,
                                           aggregate=aggregate, unit_label=unit_label)
    grant_permissions(apps, REPORT_PERMISSIONS, REPORT_ROLE_PERMISSIONS)


def apply_report_deadlines(apps, schema_editor=None) -> None:
    """The shipped form's deadline as a dated row (undated: in force from the start)."""
    ReportForm = apps.get_model("programs", "ReportForm")
    ReportDeadline = apps.get_model("programs", "ReportDeadline")
    amount, unit = MONTHLY_FORM["deadline"]
    for form in ReportForm.objects.filter(code=MONTHLY_FORM["code"]):
        ReportDeadline.objects.get_or_create(form=form, valid_from=None, defaults={
            "amount": amount, "unit": unit, "source": MONTHLY_FORM["source"][:300]})
