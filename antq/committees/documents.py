"""The yearly review (sơ kết năm) draft of a committee, filled from the data (issue 3).

The user downloads it as DOCX in the Decree 30/2020 layout, edits the assessment and
directions, and issues it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from antq.committees import selectors
from antq.committees.models import CommitteeMember, SteeringCommittee
from antq.core.documents import OfficialDocument, Section
from antq.core.text import fold
from antq.geo.models import Level
from antq.programs import selectors as program_selectors
from antq.programs.choices import ProgramStatus
from antq.programs.models import InspectionVisit, Program, ReportForm


def _place(unit) -> str:
    """The locality's own name: "Tây Ninh" for "Tỉnh Tây Ninh", "Hoà Hội" for "Xã Hoà Hội"."""
    name, type_name = unit.name, unit.unit_type.name
    if fold(name).startswith(fold(type_name) + " "):
        return name[len(type_name) + 1:]
    return name


def yearly_review(committee: SteeringCommittee, year: int, user,
                  today: datetime.date | None = None) -> OfficialDocument:
    today = today or timezone.localdate()
    unit = committee.unit
    calendar = selectors.committee_year(committee, year, today)
    sections = [Section("I. CÔNG TÁC CHỈ ĐẠO, GIAO BAN", [
        f"Năm {year}, Ban Chỉ đạo đã tổ chức {calendar['held']} kỳ họp, giao ban trên {calendar['due']} kỳ phải "
        f"họp đến thời điểm báo cáo (định kỳ {calendar['months'] or '—'} tháng một lần)"
        + (f"; còn {len(calendar['overdue'])} kỳ chưa tổ chức." if calendar["overdue"] else "; không có kỳ quá hạn."),
    ])]
    children = SteeringCommittee.objects.visible_to(user, "committees.view_committee").active().filter(
        unit__parent=unit)
    level_id = children.values_list("unit__level_id", flat=True).first()
    if level_id:
        rows, _months = selectors.meetings_table(children, level_id=level_id, year=year, today=today)
        late = [row for row in rows if row["overdue"]]
        incomplete = selectors.with_composition_problems(children).count()
        sections[0].paragraphs.append(
            f"Ở cấp dưới: {len(rows)} Ban Chỉ đạo; {len(late)} Ban Chỉ đạo có kỳ giao ban quá hạn; "
            f"{incomplete} Ban Chỉ đạo chưa đủ thành phần theo quy định.")
        if late:
            sections[0].table = [["Đơn vị", "Đã họp", "Phải họp", "Quá hạn"],
                                 *[[r["committee"].unit.display_name, r["held"], r["due"], r["overdue"]] for r in late]]

    programs = Program.objects.filter(unit=unit, status=ProgramStatus.ISSUED, start_year__lte=year, end_year__gte=year)
    program_section = Section("II. THỰC HIỆN CHƯƠNG TRÌNH, KẾ HOẠCH PHỐI HỢP")
    for program in programs:
        counts = program_selectors.by_organisation(program, today)
        total = sum(r["total"] for r in counts)
        done = sum(r["done"] for r in counts)
        overdue = sum(r["overdue"] for r in counts)
        program_section.paragraphs.append(
            f"{program.get_kind_display()} số {program.reference or '—'}: {done}/{total} nhiệm vụ đã hoàn thành, "
            f"{overdue} nhiệm vụ quá hạn.")
    if not program_section.paragraphs:
        program_section.paragraphs.append("Chưa có chương trình, kế hoạch phối hợp nào được ban hành cho năm này.")
    sections.append(program_section)

    base = Level.objects.get(code="commune")
    report_section = Section("III. KẾT QUẢ THEO BÁO CÁO ĐỊNH KỲ")
    for form in ReportForm.objects.filter(is_active=True):
        rolled = program_selectors.year_rollup(form, year, unit, base.pk)
        rows = [[item["indicator"].label, f"{item['value']:.0f} {item['indicator'].unit_label}".strip()]
                for item in rolled.values() if item["value"] is not None]
        if rows:
            report_section.paragraphs.append(f"Tổng hợp từ {form.name.lower()} của cấp xã trong năm {year}:")
            report_section.table = [["Chỉ tiêu", "Kết quả"], *rows]
    if not report_section.paragraphs:
        report_section.paragraphs.append("Chưa có báo cáo định kỳ nào được gửi trong năm.")
    sections.append(report_section)
    sections.append(Section("IV. CÔNG TÁC KIỂM TRA", [_inspection_summary(unit, year)]))
    sections.append(Section("V. ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI", [
        "(Ban Chỉ đạo đánh giá ưu điểm, tồn tại, nguyên nhân và bổ sung phương hướng, nhiệm vụ năm tới.)"]))

    head = CommitteeMember.objects.current().filter(committee=committee, position="head").first()
    parent = unit.parent
    return OfficialDocument(
        parent_body=f"UBND {unit.display_name}", issuing_body="Ban Chỉ đạo", number="Số:      /BC-BCĐ",
        place=_place(unit), date=today, doc_type="Báo cáo",
        summary=f"Sơ kết công tác năm {year} về phòng, chống tội phạm và xây dựng phong trào toàn dân bảo vệ ANTQ",
        sections=sections, signer_authority="TM. Ban Chỉ đạo", signer_title="Trưởng ban",
        signer_name=head.full_name if head else "",
        recipients=[*([f"Ban Chỉ đạo {parent.display_name}"] if parent and parent.parent_id else []),
                    "Các thành viên Ban Chỉ đạo"],
    )


def _inspection_summary(unit, year: int) -> str:
    visits = InspectionVisit.objects.filter(plan__unit=unit, plan__year=year)
    if not visits.exists():
        return "Chưa ghi nhận cuộc kiểm tra nào trên hệ thống trong năm."
    inspected = visits.exclude(findings="").count()
    done = visits.filter(follow_up="done").count()
    plans = visits.values("plan").distinct().count()
    return (f"Ban Chỉ đạo tổ chức {plans} đợt kiểm tra, đã kiểm tra {inspected}/{visits.count()} đơn vị; "
            f"{done} đơn vị đã khắc phục xong các kiến nghị sau kiểm tra.")
