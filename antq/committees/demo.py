"""Demo committees for Tây Ninh (called by `antq demo`): a province committee and three commune
committees, a year of meetings with some communes overdue and one committee missing its
police standing deputy.
"""

import datetime

from django.utils import timezone

from antq.committees import services
from antq.committees.choices import DEFAULT_COMMITTEE_NAME
from antq.committees.models import CommitteeMember, SteeringCommittee
from antq.core.dates import add_months
from antq.orgs.models import Organisation

SEATS = [
    # position, organisation type, title, a name per unit (province, then the three communes)
    ("head", "people_committee", "Phó Chủ tịch UBND",
     ["Nguyễn Thanh Ngân", "Trần Văn Lộc", "Lê Thị Hồng", "Phạm Văn Thắng"]),
    ("standing_deputy", "police", "Trưởng Công an",
     ["Nguyễn Văn Trưởng", "Võ Thành An", None, "Huỳnh Minh Tâm"]),
    ("deputy", "front", "Phó Chủ tịch Ủy ban MTTQ",
     ["Đặng Thị Hoa", "Huỳnh Thị Mai", "Nguyễn Thị Bé", "Trần Thị Thu"]),
    ("member", "veterans", "Chủ tịch Hội Cựu chiến binh",
     ["Lê Văn Chiến", "Phan Văn Hùng", "Võ Văn Dũng", "Đỗ Văn Bình"]),
    ("member", "women", "Chủ tịch Hội Liên hiệp Phụ nữ",
     ["Ngô Thị Lan", "Ngô Thị Lan", "Lý Thị Hương", "Mai Thị Nga"]),
    ("member", "youth", "Bí thư Đoàn Thanh niên", ["Trương Minh Khoa", "Lâm Quốc Bảo", "Đinh Văn Tài", "Tô Minh Trí"]),
    ("member", "labour", "Chủ tịch Công đoàn", ["Bùi Thị Yến", "Cao Văn Lực", "Hà Thị Diễm", "Dương Văn Kiên"]),
    ("member", "farmers", "Chủ tịch Hội Nông dân",
     ["Lưu Văn Điền", "Châu Văn Ruộng", "Kiều Văn Lúa", "Tạ Văn Mùa"]),
    ("member", "elderly", "Chủ tịch Hội Người cao tuổi",
     ["Hồ Văn Thọ", "Quách Văn Phúc", "Lương Văn Khang", "Âu Văn Minh"]),
]
# Months of this year without a meeting, per commune code: some communes fall behind.
SKIPPED_MONTHS = {"25459": set(), "25606": {8, 9, 10}, "25486": {3, 9}}


def _meetings(committee, dates, admin):
    members = list(CommitteeMember.objects.current().filter(committee=committee))
    chair = next((m for m in members if m.position == "head"), None)
    for held_on in dates:
        services.meeting_record(
            actor=admin, committee=committee, held_on=held_on, place=f"Hội trường {committee.unit.display_name}",
            chair=chair, agenda="Đánh giá tình hình an ninh, trật tự; kết quả phong trào; nhiệm vụ tháng tới.",
            minutes="Các thành viên báo cáo kết quả phối hợp; thống nhất nội dung phối hợp thời gian tới.",
            attendance=[services.AttendanceLine(m, "present") for m in members],
            decisions=[services.DecisionLine("Tăng cường tuần tra, nắm tình hình địa bàn", None,
                                             held_on + datetime.timedelta(days=25))],
        )


def build_committees(context: dict) -> None:
    admin, province, communes = context["admin"], context["province"], context["communes"]
    today = timezone.localdate()
    for index, unit in enumerate([province, *communes]):
        if SteeringCommittee.objects.active().filter(unit=unit).exists():
            continue
        committee = services.committee_create(
            actor=admin, unit=unit, name=DEFAULT_COMMITTEE_NAME, established_on=datetime.date(2025, 7, 15),
            decision_number=f"{100 + index}/QĐ-UBND")
        where = unit.display_name[0].lower() + unit.display_name[1:]  # "tỉnh Tây Ninh", "xã Hoà Hội"
        for position, org_code, title, names in SEATS:
            if names[index] is None:  # one commune has no police standing deputy on record
                continue
            services.member_add(
                actor=admin, committee=committee, full_name=names[index], title=f"{title} {where}",
                organisation=Organisation.objects.get(unit=unit, org_type__code=org_code), position=position,
                term_start=datetime.date(2025, 7, 15))
        if unit == province:
            dates = [datetime.date(today.year - 1, 12, 18), datetime.date(today.year, 6, 20)]
        else:
            # A year of monthly meetings: the twelve months before this one, as the overdue count reads them.
            skipped = SKIPPED_MONTHS.get(unit.code, set())
            months = [add_months(today.replace(day=5), -back) for back in range(12, 0, -1)]
            dates = [day for day in months if day.month not in skipped]
        _meetings(committee, [d for d in dates if d <= today], admin)
