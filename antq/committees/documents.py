"""The yearly review (sơ kết năm) draft of a committee, filled from the data (issue 3).

The user downloads it as DOCX in the Decree 30/2020 layout, edits the assessment and
directions, and issues it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from antq.committees import permissions as perms
from antq.committees import selectors
from antq.committees.models import CommitteeMember, SteeringCommittee
from antq.core import registry
from antq.core.documents import OfficialDocument, Section
from antq.core.text import fold


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
    sections = [Section("CÔNG TÁC CHỈ ĐẠO, GIAO BAN", [
        f"Năm {year}, Ban Chỉ đạo đã tổ chức {calendar['held']} kỳ họp, giao ban trên {calendar['due']} kỳ phải "
        f"họp đến thời điểm báo cáo (định kỳ {calendar['months'] or '—'} tháng một lần)"
        + (f"; còn {len(calendar['overdue'])} kỳ chưa tổ chức." if calendar["overdue"] else "; không có kỳ quá hạn."),
    ])]
    children = SteeringCommittee.objects.visible_to(user, perms.VIEW_COMMITTEE).active().filter(
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

    # The other apps' parts of the review (programs, reports, inspections), contributed under
    # "committees.review_sections": `part(unit, year, today) -> list[Section]` (antq.core.registry).
    for part in registry.contributions("committees.review_sections").values():
        sections.extend(part(unit, year, today))
    sections.append(Section("ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI", [
        "(Ban Chỉ đạo đánh giá ưu điểm, tồn tại, nguyên nhân và bổ sung phương hướng, nhiệm vụ năm tới.)"]))
    for number, section in enumerate(sections, start=1):
        section.heading = f"{_roman(number)}. {section.heading}"

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


def _roman(number: int) -> str:
    return "I II III IV V VI VII VIII IX X".split()[number - 1]
