"""Demo supervision files (called by `antq demo`): people of Phường Tân Ninh under each measure — one plan
issued, one late, one monthly assessment missing — and one file kept from a named officer. Everything goes
through the services; intakes are dated back. Running it again adds nothing."""

import datetime

from django.utils import timezone

from antq.geo.models import AdminUnit
from antq.orgs.models import User
from antq.supervision import services
from antq.supervision.models import Measure, MeasureType, Person

# (full name, birth date, citizen ID, measure, days since intake)
PEOPLE = [("Đinh Văn Khải", datetime.date(1998, 5, 2), "072098001234", "suspended_sentence", 70),
          ("Hồ Thị Nga", datetime.date(1990, 11, 17), "072190004321", "non_custodial_reform", 12),
          ("Lâm Văn Phước", datetime.date(1985, 3, 9), "072085007788", "conditional_release", 45),
          ("Trịnh Văn Lực", datetime.date(1979, 7, 25), "072079002468", "released_prison", 30),
          ("Mai Văn Tùng", datetime.date(2006, 1, 14), "072206009753", "commune_education", 3)]


def build_supervision(context: dict) -> None:
    commune = context["communes"][0]
    if Person.objects.filter(commune=commune).exists():
        return
    officer = User.objects.filter(username="congan.tanninh").first()
    chief = User.objects.filter(username="truong.tanninh").first()
    if officer is None or chief is None:
        return
    today = timezone.localdate()
    areas = list(AdminUnit.objects.current().filter(parent=commune).order_by("search_name"))
    measures = []
    for index, (name, born, id_number, kind, days) in enumerate(PEOPLE):
        intake = today - datetime.timedelta(days=days)
        measures.append(services.person_register(
            actor=officer, unit=areas[index % len(areas)], full_name=name, birth_date=born, id_number=id_number,
            address=f"Số {index * 4 + 3}, hẻm {index + 2}, {areas[index % len(areas)].name}",
            kind=MeasureType.objects.get(code=kind), started_on=intake - datetime.timedelta(days=5),
            intake_on=intake, ends_on=intake + datetime.timedelta(days=365),
            reference=f"Bản án {20 + index}/2026/HS-ST"))
    # The first person's plan issued on time and the last two months assessed; the second's plan is late; the
    # third's plan issued but the latest month already due not assessed.
    services.plan_issue(actor=chief, measure=measures[0], officer=officer,
                        issued_on=measures[0].intake_on + datetime.timedelta(days=3))
    services.plan_issue(actor=chief, measure=measures[2], officer=officer,
                        issued_on=measures[2].intake_on + datetime.timedelta(days=4))
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    before = (last_month - datetime.timedelta(days=1)).replace(day=1)
    for month, grade in ((before, "fair"), (last_month, "good")):
        services.assessment_record(actor=officer, measure=measures[0], month=month, grade=grade,
                                   roll_call="in_person", signed_on=min(today, services.assessment_due(month)))
    Measure.objects.filter(pk=measures[1].pk).update(plan_due=today - datetime.timedelta(days=2))  # a late plan
    # A file kept from an officer whose relative it is.
    relative = User.objects.filter(username="congan.hoahoi").first()
    if relative is not None:
        services.restriction_add(actor=chief, person=measures[3].person, user=relative,
                                 reason="Là người thân của người được giúp đỡ")
    context["log"](f"  supervision: {len(measures)} files in {commune.display_name}, one plan late")
