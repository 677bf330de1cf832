"""Demo security teams (called by `antq demo`): a team for every residential area of the demo communes, three
or four recognised members each — one team short of the minimum, one member ageing out within months, one
proposed and waiting for the chairman. Through the services; running it again adds nothing."""

import datetime

from django.utils import timezone

from antq.forces import services
from antq.forces.models import SecurityTeam
from antq.geo.models import AdminUnit
from antq.orgs.models import User

NAMES = ["Nguyễn Văn Hùng", "Trần Minh Tâm", "Lê Thị Hoa", "Phạm Văn Đức", "Võ Thanh Sơn", "Đặng Thị Thu",
         "Bùi Văn Long", "Huỳnh Văn Phát", "Ngô Thị Hạnh", "Dương Văn Tài"]


def build_forces(context: dict) -> None:
    if SecurityTeam.objects.exists():
        return
    officers = {"25459": User.objects.filter(username="congan.tanninh").first(),
                "25606": User.objects.filter(username="congan.hoahoi").first()}
    today = timezone.localdate()
    made = 0
    for commune in context["communes"]:
        officer = officers.get(commune.code)
        if officer is None:
            continue
        areas = list(AdminUnit.objects.current().filter(parent=commune, level__code="residential_area")
                     .order_by("search_name"))
        for index, area in enumerate(areas):
            team = services.team_create(actor=officer, commune=commune, name=f"Tổ bảo vệ ANTT {area.name}",
                                        areas=[area], decision_number=f"{10 + index}/QĐ-UBND",
                                        decided_on=datetime.date(2024, 9, 1))
            count = 2 if index == 0 else 4  # the first team is short of the minimum
            for n in range(count):
                born = datetime.date(1975 + 3 * n + index, 1 + n, 10)
                if index == 1 and n == 0:  # reaches 71 within months
                    born = today.replace(year=today.year - 71, day=1) + datetime.timedelta(days=100)
                member = services.member_propose(
                    actor=officer, team=team, full_name=NAMES[(index * 3 + n) % len(NAMES)], birth_date=born,
                    id_number=f"072{(born.year // 100 - 19) * 2}{born.year % 100:02d}{index:03d}{n:03d}",
                    area=area, education="upper_secondary" if n % 2 else "lower_secondary", clean_record=True,
                    role=["leader", "deputy", "member", "member"][n], proposed_on=datetime.date(2024, 9, 5))
                if not (index == 2 and n == 3):  # one waits for the chairman
                    services.member_recognise(actor=officer, member=member,
                                              decision_number=f"{20 + index}/QĐ-UBND",
                                              recognised_on=datetime.date(2024, 9, 15))
            made += 1
    context["log"](f"  forces: {made} security teams, one short of members, one member ageing out")
