"""Demo mediation (called by `antq demo`): a team in each residential area of the demo communes, made up
as the law requires — except one with no woman, flagged on the pages — and a year of matters in their
registers, in every outcome: agreements carried out, followed and broken, no agreement, stopped, one
found not mediable, one late to start, one being mediated and one request from the public waiting.
Everything goes through the services; the matters are then dated back over the year (a demo's history,
not an edit a user could make). Running it again adds nothing."""

import datetime
from decimal import Decimal

from django.utils import timezone

from antq.geo.models import AdminUnit
from antq.mediation import selectors, services
from antq.mediation.choices import CaseStatus, Compliance, Source
from antq.mediation.models import CaseMediator, MediationCase, MediationSession, MediationTeam, Subject

# (full name, sex, ethnicity, ethnic minority, share elected, leader)
MEDIATORS = [("Nguyễn Thị Lan", "female", "Kinh", False, "78.5", True),
             ("Trần Văn Tư", "male", "Kinh", False, "66.0", False),
             ("Lê Văn Sáu", "male", "Khmer", True, "71.2", False),
             ("Phạm Thị Bảy", "female", "Kinh", False, "59.4", False)]
FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ", "Đỗ", "Huỳnh", "Phan", "Trương", "Bùi", "Đặng", "Ngô"]
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
            # Each area its own people: the family name and the middle name vary with the area.
            family, *rest = name.split()
            name = " ".join([FAMILIES[(FAMILIES.index(family) + index) % len(FAMILIES)], *rest])
            services.mediator_add(actor=admin, team=team, full_name=name, sex=sex, ethnicity=ethnicity,
                                  ethnic_minority=minority,
                                  election_share=Decimal(share), term_start=start, is_leader=leader,
                                  recognition_decision=f"{10 + index}/QĐ-UBND", recognised_on=start, trained=n < 2)
    build_cases(context)
    build_disputes(context)


PARTIES = [({"full_name": "Trần Thị Hoa", "phone": "0912 345 678", "address": "Số 12, hẻm 5"},
            {"full_name": "Lê Văn Bình", "phone": "", "address": "Số 14, hẻm 5"}),
           ({"full_name": "Nguyễn Văn Phúc", "phone": "0987 111 222", "address": "Số 3, đường 30/4"},
            {"full_name": "Nguyễn Thị Mai", "phone": "", "address": "Số 3, đường 30/4"}),
           ({"full_name": "Phạm Văn Long", "phone": "0903 456 789", "address": "Tổ 4"},
            {"full_name": "Đặng Văn Tài", "phone": "0934 222 333", "address": "Tổ 5"})]
# (subject, source, what, outcome, days ago received, compliance)
MATTERS = [
    ("land", Source.REQUEST, "Hai hộ tranh chấp ranh giới đất, bên xây tường lấn khoảng 0,3 m sang lối đi chung.",
     CaseStatus.AGREED, 300, Compliance.COMPLIED),
    ("inheritance", Source.LEADER, "Anh em tranh chấp phần đất thừa kế của cha mẹ để lại, chưa chia.",
     CaseStatus.AGREED, 250, Compliance.BREACHED),
    ("neighbours", Source.PUBLIC, "Hàng xóm mở nhạc lớn đến khuya nhiều ngày liền, đã nhắc nhưng không sửa.",
     CaseStatus.NOT_AGREED, 200, ""),
    ("debt", Source.REQUEST, "Vay 20 triệu đồng quá hạn 6 tháng chưa trả, hai bên to tiếng nhiều lần.",
     CaseStatus.STOPPED, 150, ""),
    ("other", Source.PUBLIC, "Một bên bị đánh gây thương tích, đã đi viện, đề nghị tổ hòa giải giải quyết.",
     CaseStatus.DECLINED, 60, ""),
    ("family", Source.OWN_KNOWLEDGE, "Vợ chồng mâu thuẫn kéo dài về chăm sóc con, hàng xóm báo hòa giải viên.",
     CaseStatus.AGREED, 40, Compliance.FOLLOWING),
    ("neighbours", Source.REQUEST, "Nước thải chăn nuôi chảy sang vườn nhà bên cạnh gây mùi hôi.",
     CaseStatus.IN_PROGRESS, 12, ""),
    ("land", Source.PROPOSAL, "Tranh chấp lối đi vào nhà trong hẻm, Ban công tác Mặt trận đề nghị hòa giải.",
     CaseStatus.ASSIGNED, 9, ""),
    ("debt", Source.PUBLIC, "Tiền hụi chưa trả đủ cho các thành viên, nhiều hộ đề nghị hòa giải.",
     CaseStatus.RECEIVED, 0, ""),
]


def _back(case: MediationCase, days: int, mediated: bool) -> None:
    """Date a demo matter back: received `days` ago, assigned the next day, mediated two days later."""
    case.refresh_from_db()
    received = timezone.now() - datetime.timedelta(days=days)
    assigned = received + datetime.timedelta(days=1)
    changes = {"received_at": received}
    if case.assigned_at:
        changes.update(assigned_at=assigned, start_due=timezone.localdate(assigned) + datetime.timedelta(days=3))
    if mediated:
        start = timezone.localdate(assigned) + datetime.timedelta(days=2)
        changes.update(started_on=start)
        MediationSession.objects.filter(case=case).update(held_on=start)
        if case.ended_on:
            changes.update(ended_on=start + datetime.timedelta(days=7))
        if case.agreement_due:
            changes.update(agreement_due=start + datetime.timedelta(days=37))
        if case.compliance_on:
            changes.update(compliance_on=start + datetime.timedelta(days=40))
    MediationCase.objects.filter(pk=case.pk).update(**changes)
    CaseMediator.objects.filter(case=case).update(assigned_at=assigned)


def build_cases(context: dict) -> None:
    admin, communes = context["admin"], context["communes"]
    if MediationCase.objects.filter(commune__in=communes, source__in=[s for s in Source.values if s != Source.TIP]
                                    ).exists():
        return
    today = timezone.localdate()
    teams = list(MediationTeam.objects.filter(commune__in=communes).select_related("commune", "unit")
                 .order_by("commune_id", "name"))
    teams = [t for t in teams if t.commune_id == teams[0].commune_id]  # one commune's year, whole
    for index, (subject, source, text, outcome, days, compliance) in enumerate(MATTERS):
        team = teams[index % len(teams)]
        requester, other = PARTIES[index % len(PARTIES)]
        values = {"subject": Subject.objects.get(code=subject), "description": text, "commune": team.commune,
                  "unit": team.unit, "place": other["address"], "requester": requester, "other": other,
                  "consent": True}
        if source == Source.PUBLIC:
            case, secret = services.case_request(**values)
            if outcome == CaseStatus.RECEIVED:
                context["log"](f"  a request for mediation waiting in {team.commune.display_name}: receipt code "
                               f"{case.receipt_code}, secret {secret} (/hoa-giai/theo-doi/)")
        else:
            case = services.case_open(actor=admin, source=source, team=team, **values)
        if outcome == CaseStatus.DECLINED:
            services.case_decline(actor=admin, case=case, subject=Subject.objects.get(code="criminal"),
                                  note="Có dấu hiệu tội phạm cố ý gây thương tích: hướng dẫn báo Công an phường.")
        if outcome in (CaseStatus.RECEIVED, CaseStatus.DECLINED):
            _back(case, days, mediated=False)
            continue
        mediators = selectors.serving_mediators(team)
        services.case_assign(actor=admin, case=case, mediators=mediators[:2])
        if outcome == CaseStatus.ASSIGNED:
            _back(case, days, mediated=False)
            continue
        services.session_record(actor=admin, case=case, held_on=today, place=f"Nhà văn hóa {team.unit.name}",
                                participants="Hai bên, hai hòa giải viên, trưởng khu dân cư",
                                summary="Hai bên trình bày; hòa giải viên giải thích quy định pháp luật liên quan "
                                        "và gợi ý hướng giải quyết.")
        if outcome != CaseStatus.IN_PROGRESS:
            services.case_conclude(
                actor=admin, case=case, outcome=outcome, ended_on=today,
                terms="Hai bên thống nhất phương án, cam kết thực hiện đúng hạn." if outcome == CaseStatus.AGREED
                else "", due=today if outcome == CaseStatus.AGREED else None,
                written=outcome == CaseStatus.AGREED, next_step="Ủy ban nhân dân phường hoặc Tòa án nhân dân khu vực"
                if outcome == CaseStatus.NOT_AGREED else "", reason="Bên yêu cầu rút đề nghị hòa giải"
                if outcome == CaseStatus.STOPPED else "")
        if compliance in (Compliance.COMPLIED, Compliance.BREACHED):
            services.agreement_follow_up(actor=admin, case=case, compliance=compliance, checked_on=today,
                                         note="" if compliance == Compliance.COMPLIED
                                         else "Một bên chưa giao phần đất như đã thỏa thuận.")
        _back(case, days, mediated=True)


def build_disputes(context: dict) -> None:
    """A dispute that grew into a hot spot (by the rule, on its updates), one at risk, one settled through
    mediation, and a complex area with its plan half done — in the first demo commune, handled by its police
    officer."""
    from antq.mediation.models import ComplexArea, Dispute
    from antq.orgs.models import User

    communes = context["communes"]
    commune = communes[0]
    if Dispute.objects.filter(commune=commune).exists():
        return
    officer = User.objects.filter(username="congan.tanninh").first() or context["admin"]
    today = timezone.localdate()
    areas = list(AdminUnit.objects.current().filter(parent=commune).order_by("search_name"))
    land = Subject.objects.get(code="land")
    hot = services.dispute_record(
        actor=officer, commune=commune, unit=areas[0], kind="mass_complaint", subject=land,
        title="Khiếu kiện đông người về bồi thường giải phóng mặt bằng đường vành đai",
        description="Nhiều hộ không đồng ý mức bồi thường, đề nghị xem xét lại đơn giá đất.",
        parties="Khoảng 30 hộ dân Khu phố 1 có đất bị thu hồi", people_involved=18, gatherings=1,
        began_on=today - datetime.timedelta(days=25))
    services.dispute_update(actor=officer, dispute=hot, people_involved=35, gatherings=2,
                            what="Tổ chức đối thoại tại nhà văn hóa, các hộ chưa đồng ý.",
                            taken_on=today - datetime.timedelta(days=10))
    services.dispute_update(actor=officer, dispute=hot, people_involved=60, gatherings=3,
                            what="Các hộ tụ tập lần thứ ba trước trụ sở UBND phường; báo cáo Công an tỉnh.",
                            taken_on=today - datetime.timedelta(days=2))
    # A demo's history: the steps the rule took on those updates, dated as the updates were.
    Dispute.objects.filter(pk=hot.pk).update(risk_on=today - datetime.timedelta(days=10),
                                             hot_spot_on=today - datetime.timedelta(days=2))
    services.dispute_record(
        actor=officer, commune=commune, unit=areas[1 % len(areas)], kind="dispute",
        subject=Subject.objects.get(code="neighbours"), title="Tranh chấp lối đi chung hẻm 7",
        description="Hai nhóm hộ tranh chấp lối đi chung, đã xảy ra xô xát nhỏ.", people_involved=22,
        began_on=today - datetime.timedelta(days=8))
    settled = services.dispute_record(
        actor=officer, commune=commune, unit=areas[2 % len(areas)], kind="dispute", subject=land,
        title="Tranh chấp ranh giới đất vườn", description="Hai hộ tranh chấp ranh giới đất vườn phía sau nhà.",
        people_involved=6, began_on=today - datetime.timedelta(days=50))
    agreed = MediationCase.objects.filter(commune=commune, status=CaseStatus.AGREED).first()
    services.dispute_resolve(actor=officer, dispute=settled, resolved_on=today - datetime.timedelta(days=3),
                             resolution="Hai hộ thống nhất mốc giới qua hòa giải ở cơ sở", case=agreed)
    if ComplexArea.objects.filter(commune=commune).exists():
        return
    area = services.complex_area_designate(
        actor=officer, commune=commune, name="Khu vực chợ đêm và bến xe", areas=areas[:2],
        reasons="Tụ điểm đánh bạc, cho vay nặng lãi; trộm cắp tài sản về đêm tăng so với năm trước.",
        designated_on=today - datetime.timedelta(days=120), decision="25/QĐ-UBND")
    plan = [("Lắp camera an ninh ở cổng chợ và bến xe", "Công an phường", 90, 95),
            ("Tuần tra ban đêm các ngày cuối tuần", "Lực lượng tham gia bảo vệ ANTT ở cơ sở", 60, 70),
            ("Tuyên truyền phòng, chống tín dụng đen tại chợ", "Ủy ban MTTQ phường", 20, None),
            ("Giải tỏa tụ điểm đánh bạc", "Công an phường", -30, None)]
    for measure, owner, due_ago, done_ago in plan:
        row = services.measure_add(actor=officer, area=area, measure=measure, owner=owner,
                                   due=today - datetime.timedelta(days=due_ago))
        if done_ago is not None:
            services.measure_done(actor=officer, measure=row, done_on=today - datetime.timedelta(days=done_ago))
    services.assessment_record(actor=officer, area=area, assessed_on=today - datetime.timedelta(days=30),
                               progress="better", summary="Trộm cắp về đêm giảm; tụ điểm đánh bạc vẫn còn hoạt động.")
