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


def build_programs(*, admin, root, province, communes) -> None:
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
