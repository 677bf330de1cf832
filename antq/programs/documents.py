"""The programs' parts of a steering committee's yearly review (sơ kết năm): programs carried out,
the periodic reports rolled up, inspections. Contributed to the committees app under
"committees.review_sections" (antq.core.registry), which numbers and places them."""

from __future__ import annotations

import datetime

from antq.core.documents import Section
from antq.geo.models import Level
from antq.programs import selectors
from antq.programs.choices import ProgramStatus
from antq.programs.models import InspectionVisit, Program, ReportForm


def review_sections(unit, year: int, today: datetime.date) -> list[Section]:
    return [_programs(unit, year, today), _reports(unit, year),
            Section("CÔNG TÁC KIỂM TRA", [_inspections(unit, year)])]


def _programs(unit, year: int, today: datetime.date) -> Section:
    section = Section("THỰC HIỆN CHƯƠNG TRÌNH, KẾ HOẠCH PHỐI HỢP")
    programs = Program.objects.filter(unit=unit, status=ProgramStatus.ISSUED, start_year__lte=year, end_year__gte=year)
    for program in programs:
        counts = selectors.by_organisation(program, today)
        total = sum(r["total"] for r in counts)
        done = sum(r["done"] for r in counts)
        overdue = sum(r["overdue"] for r in counts)
        section.paragraphs.append(
            f"{program.get_kind_display()} số {program.reference or '—'}: {done}/{total} nhiệm vụ đã hoàn thành, "
            f"{overdue} nhiệm vụ quá hạn.")
    if not section.paragraphs:
        section.paragraphs.append("Chưa có chương trình, kế hoạch phối hợp nào được ban hành cho năm này.")
    return section


def _reports(unit, year: int) -> Section:
    section = Section("KẾT QUẢ THEO BÁO CÁO ĐỊNH KỲ")
    base = Level.objects.get(code="commune")
    for form in ReportForm.objects.filter(is_active=True):
        rolled = selectors.year_rollup(form, year, unit, base.pk)
        rows = [[item["indicator"].label, f"{item['value']:.0f} {item['indicator'].unit_label}".strip()]
                for item in rolled.values() if item["value"] is not None]
        if rows:
            section.paragraphs.append(f"Tổng hợp từ {form.name.lower()} của cấp xã trong năm {year}:")
            section.table = [["Chỉ tiêu", "Kết quả"], *rows]
    if not section.paragraphs:
        section.paragraphs.append("Chưa có báo cáo định kỳ nào được gửi trong năm.")
    return section


def _inspections(unit, year: int) -> str:
    visits = InspectionVisit.objects.filter(plan__unit=unit, plan__year=year)
    if not visits.exists():
        return "Chưa ghi nhận cuộc kiểm tra nào trên hệ thống trong năm."
    inspected = visits.exclude(findings="").count()
    done = visits.filter(follow_up="done").count()
    plans = visits.values("plan").distinct().count()
    return (f"Ban Chỉ đạo tổ chức {plans} đợt kiểm tra, đã kiểm tra {inspected}/{visits.count()} đơn vị; "
            f"{done} đơn vị đã khắc phục xong các kiến nghị sau kiểm tra.")
