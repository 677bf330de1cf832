"""Demo supervision files (called by `antq demo`): people of Phường Tân Ninh under each measure — one plan
issued, one late, one monthly assessment missing, a breach not yet handled — one file kept from a named officer,
one handed to Xã Hòa Hội and waiting there, a man back from prison helped by the women's union (a visit, a need,
a loan), and a file the commune Front opened in an emergency. Everything goes through the services; intakes are
dated back. Running it again adds nothing."""

import datetime

from django.utils import timezone

from antq.geo.models import AdminUnit
from antq.orgs.models import Organisation, User
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
            reference=f"Quyết định {20 + index}/QĐ-UBND" if kind == "commune_education"
            else f"Bản án {20 + index}/2026/HS-ST"))
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
    services.breach_record(actor=officer, measure=measures[0], occurred_on=today - datetime.timedelta(days=6),
                           what="Vắng mặt buổi trình diện tháng này, không báo lý do")
    _reintegration(measures[3], commune, officer, today)
    _move(measures[4], context, officer)
    _break_glass(measures[2])
    context["log"](f"  supervision: {len(measures)} files in {commune.display_name}, one plan late, one moving to "
                   "another commune, one helped by the women's union, one opened in an emergency by the Front")


def _reintegration(measure, commune, officer, today) -> None:
    """The man back from prison: the women's union assigned to help him, a visit, a need and a loan."""
    union = Organisation.objects.filter(unit=commune, org_type__code="women").first()
    helper = User.objects.filter(username="phunu.tanninh").first()
    if union is None or helper is None:
        return
    person = measure.person
    services.helper_assign(actor=officer, person=person, organisation=union, decision="27/QĐ-UBND",
                           decided_on=measure.intake_on + datetime.timedelta(days=4))
    services.visit_record(actor=helper, person=person, visited_on=today - datetime.timedelta(days=10),
                          attitude="Chịu khó, hối cải; sống cùng mẹ già",
                          wishes="Muốn học nghề sửa xe máy, vay vốn mở tiệm")
    need = services.need_record(actor=helper, person=person, kind="work", noted_on=today - datetime.timedelta(days=10),
                                detail="Chưa có việc làm ổn định")
    services.need_record(actor=helper, person=person, kind="documents", noted_on=today - datetime.timedelta(days=10),
                         detail="Cần làm lại căn cước")
    services.support_record(actor=helper, person=person, kind="loan", given_on=today - datetime.timedelta(days=3),
                            provider="Ngân hàng Chính sách xã hội", amount=30_000_000, outcome="Đã mua dụng cụ sửa xe",
                            need=need)


def _move(measure, context, officer) -> None:
    """A file handed to Xã Hòa Hội, waiting for its police to accept it."""
    other = next((c for c in context["communes"] if c.code == "25606"), None)
    area = AdminUnit.objects.current().filter(parent=other).order_by("search_name").first() if other else None
    if area is not None:
        services.transfer_request(actor=officer, person=measure.person, to_unit=area,
                                  reason="Chuyển về ở với gia đình bên vợ")


def _break_glass(measure) -> None:
    """The commune Front opened a file at once, with its reason: the police head is told."""
    front = User.objects.filter(username="mttq.tanninh").first()
    if front is None:
        return
    services.file_break_glass(actor=front, person=measure.person,
                              reason="Người này đang gây rối tại nhà văn hóa khu phố; cần liên hệ gia đình ngay")
    services.file_read(actor=front, person=measure.person)
