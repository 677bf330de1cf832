"""Demo mediation teams (called by `antq demo`): a team in each residential area of the demo communes,
made up as the law requires — except one with no woman, flagged on the pages. Running it again adds
nothing."""

import datetime
from decimal import Decimal

from antq.geo.models import AdminUnit
from antq.mediation import services
from antq.mediation.models import MediationTeam

# (full name, sex, ethnicity, ethnic minority, share elected, leader)
MEDIATORS = [("Nguyễn Thị Lan", "female", "Kinh", False, "78.5", True),
             ("Trần Văn Tư", "male", "Kinh", False, "66.0", False),
             ("Lê Văn Sáu", "male", "Khmer", True, "71.2", False),
             ("Phạm Thị Bảy", "female", "Kinh", False, "59.4", False)]
ALL_MEN = [("Võ Văn Hai", "male", "Kinh", False, "62.0", True), ("Đỗ Văn Ba", "male", "Kinh", False, "55.5", False),
           ("Huỳnh Văn Năm", "male", "Kinh", False, "58.0", False)]


def build_mediation(context: dict) -> None:
    admin, communes = context["admin"], context["communes"]
    if MediationTeam.objects.filter(commune__in=communes).exists():
        return
    start = datetime.date(datetime.date.today().year - 1, 3, 1)
    areas = list(AdminUnit.objects.current().filter(parent__in=communes).order_by("parent_id", "search_name"))
    for index, area in enumerate(areas):
        team = services.team_create(actor=admin, unit=area, name=f"Tổ hòa giải {area.name}",
                                    minorities_live_here=index % 4 == 1, established_on=start)
        people = ALL_MEN if index == 2 else MEDIATORS[: 3 + index % 2]
        for n, (name, sex, ethnicity, minority, share, leader) in enumerate(people):
            services.mediator_add(actor=admin, team=team, full_name=name, sex=sex, ethnicity=ethnicity,
                                  ethnic_minority=minority,
                                  election_share=Decimal(share), term_start=start, is_leader=leader,
                                  recognition_decision=f"{10 + index}/QĐ-UBND", recognised_on=start, trained=n < 2)
