"""Training (a member lacking a required course flagged after the grace months), allowances at the province's
rate per role (none set: the month refused, naming the role; a month paid once), equipment issued and
returned, self-managed groups and people of prestige the Front introduces, with what they took part in."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antq.core.models import AuditEvent
from antq.forces import selectors, services
from antq.forces.models import AllowancePayment, AllowanceRate, Attendance, Member, PrestigePerson
from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def _course(crew, officer, ends=datetime.date(2026, 6, 3), required=True):
    return services.course_create(actor=officer, commune=crew.team.commune, title="Nghiệp vụ tuần tra",
                                  content="Kỹ năng tuần tra, bắt giữ người phạm tội quả tang", trainer="Công an xã",
                                  place="Hội trường", starts_on=datetime.date(2026, 6, 1), ends_on=ends,
                                  required=required)


def test_a_member_without_a_required_course_is_flagged_after_the_grace_months(crew, people):
    members = Member.objects.filter(team=crew.team)
    assert not selectors.lacking_training(members, datetime.date(2026, 11, 3)).exists()  # recognised 04/05: grace
    assert selectors.lacking_training(members, datetime.date(2026, 11, 4)).count() == 3
    course = _course(crew, people.officer_a)
    an, binh, cuong = crew.members
    with pytest.raises(ValidationError, match="results"):
        services.attendance_record(actor=people.officer_a, course=course, results={an: "passed", 999999: "passed"})
    assert not Attendance.objects.exists()
    services.attendance_record(actor=people.officer_a, course=course, results={an: "passed", binh: "failed",
                                                                               cuong: "absent"})
    lacking = set(selectors.lacking_training(members, datetime.date(2026, 12, 1)))
    assert lacking == {binh, cuong}
    assert cuong in selectors.lacking_training(members, datetime.date(2027, 6, 3)) and \
        an in selectors.lacking_training(members, datetime.date(2027, 6, 3))  # twelve months on: due again
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=people.officer_b, course=course, results={an: "failed"})


def test_results_wait_for_the_course_to_end_and_a_plan_is_checked(crew, people):
    later = services.course_create(actor=people.officer_a, commune=crew.team.commune, title="Chữa cháy",
                                   content="Sử dụng bình chữa cháy, cứu nạn", trainer="PCCC tỉnh", place="",
                                   starts_on=datetime.date(2099, 1, 1), ends_on=datetime.date(2099, 1, 2),
                                   required=False)
    with pytest.raises(ValidationError, match="results"):
        services.attendance_record(actor=people.officer_a, course=later, results={crew.members[0]: "passed"})
    with pytest.raises(ValidationError) as refused:
        services.training_plan_save(actor=people.officer_a, commune=crew.team.commune, year=2030, courses_planned=0,
                                    content="ngắn", approved_on=datetime.date(2026, 1, 5))
    assert {"year", "courses_planned", "content"} <= set(refused.value.message_dict)
    plan = services.training_plan_save(actor=people.officer_a, commune=crew.team.commune, year=2026,
                                       courses_planned=4, content="Bốn lớp: tuần tra, PCCC, sơ cứu, pháp luật",
                                       approved_on=datetime.date(2026, 1, 5))
    again = services.training_plan_save(actor=people.officer_a, commune=crew.team.commune, year=2026,
                                        courses_planned=5, content="Năm lớp: thêm lớp kỹ năng vận động quần chúng",
                                        approved_on=datetime.date(2026, 2, 5))
    assert again.pk == plan.pk and again.courses_planned == 5


def test_allowances_at_the_provinces_rate_per_role_once_a_month(crew, people, tree):
    june = datetime.date(2026, 6, 1)
    with pytest.raises(ValidationError) as refused:
        services.allowances_pay(actor=people.officer_a, commune=tree.a, month=june, paid_on=datetime.date(2026, 6, 30))
    assert "tổ trưởng" in " ".join(refused.value.message_dict["month"]).lower()
    assert not AllowancePayment.objects.exists()
    for role, amount in (("leader", 1_500_000), ("deputy", 1_300_000), ("member", 1_000_000)):
        AllowanceRate.objects.create(province=tree.province, role=role, valid_from=datetime.date(2024, 7, 1),
                                     monthly_amount=amount, insurance_amount=80_000, source="NQ HĐND tỉnh")
    assert services.allowances_pay(actor=people.officer_a, commune=tree.a, month=june,
                                   paid_on=datetime.date(2026, 6, 30)) == 3
    paid = {p.member.role: p.amount for p in AllowancePayment.objects.select_related("member")}
    assert paid == {"leader": Decimal(1_500_000), "deputy": Decimal(1_300_000), "member": Decimal(1_000_000)}
    with pytest.raises(ValidationError, match="month"):  # paid already
        services.allowances_pay(actor=people.officer_a, commune=tree.a, month=june, paid_on=datetime.date(2026, 7, 1))
    assert AllowancePayment.objects.count() == 3
    april = datetime.date(2026, 4, 1)  # before anyone was recognised (04/05/2026)
    with pytest.raises(ValidationError, match="month"):
        services.allowances_pay(actor=people.officer_a, commune=tree.a, month=april, paid_on=datetime.date(2026, 6, 1))


def test_equipment_issued_and_returned(crew, people):
    issue = services.equipment_issue(actor=people.officer_a, member=crew.members[0], item="Đèn pin", quantity=1,
                                     issued_on=datetime.date(2026, 6, 1))
    with pytest.raises(ValidationError, match="returned_on"):
        services.equipment_return(actor=people.officer_a, issue=issue, returned_on=datetime.date(2026, 5, 1))
    services.equipment_return(actor=people.officer_a, issue=issue, returned_on=datetime.date(2026, 7, 1))
    with pytest.raises(ValidationError, match="returned_on"):
        services.equipment_return(actor=people.officer_a, issue=issue, returned_on=datetime.date(2026, 7, 2))
    with pytest.raises(ValidationError, match="quantity"):
        services.equipment_issue(actor=people.officer_a, member=crew.members[0], item="Gậy", quantity=0,
                                 issued_on=datetime.date(2026, 6, 1))


def test_the_front_introduces_people_of_prestige_to_the_groups(crew, people, tree):
    front = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(front, "commune_front", tree.a, OrganisationFactory(unit=tree.a, name="Ủy ban MTTQ phường Tân Ninh"))
    group = services.group_create(actor=front, commune=tree.a, area=tree.a1, name="Tổ tự quản số 3",
                                  leader_name="Lê Văn Tư", households=42, set_up_on=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.prestige_introduce(actor=front, commune=tree.a, area=tree.b1, full_name="", kind="nope",
                                    phone="12", introduced_on=datetime.date(2026, 1, 10), groups=[group])
    assert {"area", "full_name", "kind", "phone"} <= set(refused.value.message_dict)
    person = services.prestige_introduce(actor=front, commune=tree.a, area=tree.a1, full_name="Hòa thượng Thích Minh",
                                         kind="religious", phone="0912345678", introduced_on=datetime.date(2026, 1, 10),
                                         groups=[group])
    assert list(person.groups.all()) == [group] and person.search_name == "hoa thuong thich minh"
    services.participation_record(actor=front, person=person, kind="mediation", on=datetime.date(2026, 3, 2),
                                  note="Cùng tổ hòa giải vụ tranh chấp lối đi")
    event = AuditEvent.objects.get(action="forces.prestige_introduce")
    assert "0912345678" not in str(event.after)
    with pytest.raises(PermissionDenied):
        services.prestige_introduce(actor=people.officer_b, commune=tree.a, area=tree.a1, full_name="Ông Năm",
                                    kind="elder", phone="", introduced_on=datetime.date(2026, 1, 10))
    assert PrestigePerson.objects.count() == 1
