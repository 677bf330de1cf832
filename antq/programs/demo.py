"""Demo programs (called by `antq demo`): Program 07 of the ministry and the central Front →
Tây Ninh's program 13 (seed 002) → plans of two communes, with assignments in every state."""

import datetime

from django.utils import timezone

from antq.orgs.models import Organisation
from antq.programs import services
from antq.programs.models import Program

TITLE_07 = ("Đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới giai đoạn 2023 - 2033")
CONTENT = [
    "Đổi mới công tác tuyên truyền, vận động cán bộ, đoàn viên, hội viên và Nhân dân thực hiện Chỉ thị 09-CT/TW.",
    "Đổi mới nội dung, hình thức, biện pháp nâng cao hiệu quả phong trào toàn dân bảo vệ ANTQ.",
    "Tăng cường phối hợp, trao đổi thông tin về tình hình phong trào trên các địa bàn, lĩnh vực.",
    "Phối hợp kiểm tra, giám sát, sơ kết, tổng kết; biểu dương, khen thưởng kịp thời.",
]
PROVINCE_TASKS = [
    ("police", "Chủ trì tham mưu Ban Chỉ đạo tỉnh sơ kết năm thực hiện Chương trình phối hợp", 12, 15),
    ("front", "Chỉ đạo Ủy ban MTTQ cấp xã tổ chức Ngày hội toàn dân bảo vệ ANTQ", 8, 19),
    ("women", "Vận động hội viên xây dựng gia đình \"5 không, 3 sạch\"", 9, 30),
    ("youth", "Duy trì đội thanh niên xung kích tham gia tuần tra", 6, 30),
    ("elderly", "Phát động phong trào \"Tuổi cao – Gương sáng\" bảo vệ ANTQ", 5, 31),
]


def _org(unit, code):
    return Organisation.objects.get(unit=unit, org_type__code=code)


def build_programs(context: dict) -> None:
    admin, root, province, communes = context["admin"], context["root"], context["province"], context["communes"]
    if Program.objects.filter(unit=province).exists():
        return
    year = timezone.localdate().year
    p07 = services.program_create(
        actor=admin, unit=root, number="07", code="CTrPH-BCA-MTTW", issued_on=datetime.date(2023, 10, 17),
        title=TITLE_07, start_year=2023, end_year=2033,
        issuers=list(Organisation.objects.filter(unit=root)),
        objectives="Phát huy sức mạnh tổng hợp của cả hệ thống chính trị và toàn dân trong phong trào toàn dân "
                   "bảo vệ ANTQ.")
    for text in CONTENT:
        services.content_item_add(actor=admin, program=p07, text=text)
    for org in Organisation.objects.filter(unit=root):
        services.assignment_add(actor=admin, program=p07, organisation=org, recurrence="yearly",
                                task="Hướng dẫn, kiểm tra, đôn đốc thực hiện Chương trình phối hợp ở các cấp",
                                due_on=datetime.date(year, 12, 31))
    services.program_issue(actor=admin, program=p07)

    p13 = services.program_create(
        actor=admin, unit=province, number="13", code="CTrPH-CA-MTTQ", issued_on=datetime.date(2024, 1, 12),
        title="Phối hợp thực hiện Chương trình phối hợp số 07/CTrPH-BCA-MTTW giai đoạn 2023 - 2033",
        start_year=2023, end_year=2033, parent=p07,
        issuers=[_org(province, "police"), _org(province, "front")])
    for code, task, month, day in PROVINCE_TASKS:
        services.assignment_add(actor=admin, program=p13, organisation=_org(province, code), task=task,
                                due_on=datetime.date(year, month, day), recurrence="yearly")
    services.program_issue(actor=admin, program=p13)
    done = p13.assignments.get(organisation__org_type__code="youth")
    services.assignment_report(actor=admin, assignment=done, status="done", progress="Đã duy trì 97 đội")

    _directive_and_inspection(admin, province, communes)
    for program in (p07, p13):  # the reviews of past years were held
        for milestone in program.milestones.filter(year__lt=year):
            services.review_milestone_done(actor=admin, milestone=milestone,
                                           done_on=milestone.due_on - datetime.timedelta(days=10))
    for index, commune in enumerate(communes[:2]):
        plan = services.program_create(
            actor=admin, unit=commune, kind="plan", number=f"{20 + index:02d}", code="KH-CAX",
            issued_on=datetime.date(2024, 2, 20), title="Kế hoạch thực hiện Chương trình phối hợp số 13",
            start_year=2024, end_year=2033, parent=p13)
        services.program_issue(actor=admin, program=plan)
        for n, assignment in enumerate(plan.assignments.order_by("due_on")):
            if index == 0 or n == 0:
                services.assignment_report(actor=admin, assignment=assignment,
                                           status="done" if n % 2 == 0 else "in_progress",
                                           progress="Đã triển khai tại các khu phố")


def _directive_and_inspection(admin, province, communes) -> None:
    from antq.programs.services import coordination

    today = timezone.localdate()
    directive = coordination.directive_issue(
        actor=admin, unit=province, number="25/CĐ-BCĐ", reply_by=today + datetime.timedelta(days=10),
        title="Đợt cao điểm tấn công, trấn áp tội phạm dịp cuối năm",
        body="Ban Chỉ đạo các xã, phường xây dựng kế hoạch, tổ chức tuần tra và báo cáo kết quả triển khai.")
    for commune in communes[:2]:
        coordination.directive_reply(actor=admin, directive=directive, unit=commune,
                                     text="Đã xây dựng kế hoạch, thành lập 3 tổ tuần tra vũ trang.")
    september = datetime.date(today.year if today.month >= 10 else today.year - 1, 9, 1)
    plan = coordination.inspection_plan_create(
        actor=admin, unit=province, title=f"Kiểm tra phong trào toàn dân bảo vệ ANTQ năm {september.year}",
        year=september.year, starts_on=september, ends_on=september.replace(day=30),
        team="Đại tá Nguyễn Văn Trưởng, Giám đốc Công an tỉnh (trưởng đoàn)\n"
             "Bà Đặng Thị Hoa, Phó Chủ tịch Ủy ban MTTQ tỉnh\nÔng Lê Văn Chiến, Hội Cựu chiến binh tỉnh",
        targets=communes)
    first, second = plan.visits.order_by("pk")[:2]
    coordination.inspection_findings_record(
        actor=admin, visit=first, visited_on=september.replace(day=10),
        findings="Ban Chỉ đạo giao ban đều hằng tháng; mô hình camera an ninh hoạt động tốt.",
        recommendations="Nhân rộng mô hình camera an ninh ra các khu phố còn lại.")
    coordination.inspection_follow_up(actor=admin, visit=first, status="in_progress",
                                      note="Đã lắp thêm camera ở Khu phố 3.")
    coordination.inspection_findings_record(
        actor=admin, visit=second, visited_on=september.replace(day=17),
        findings="Thiếu Phó Trưởng ban Thường trực; ba tháng liền chưa tổ chức giao ban.",
        recommendations="Kiện toàn Ban Chỉ đạo; tổ chức giao ban hằng tháng theo quy định.")
