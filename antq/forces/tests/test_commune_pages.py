"""The commune's training, allowances and community pages three ways (in scope, another commune → 404, no
permission → 404 on reading, 403 on writing), each form refused with what was typed kept and nothing written,
the people of prestige found by a name typed without accents, their phones only for those who manage them."""

import datetime

import pytest
from django.urls import reverse

from antq.core.testing import check_three_ways
from antq.forces import services
from antq.forces.models import AllowancePayment, Attendance, Course, PrestigePerson, SelfManagedGroup, TrainingPlan
from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def front(tree):
    user = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(user, "commune_front", tree.a, OrganisationFactory(unit=tree.a, name="Ủy ban MTTQ phường Tân Ninh"))
    return user


def test_the_commune_pages_three_ways(crew, people, tree, login):
    for name in ("forces:training", "forces:allowances", "forces:community"):
        check_three_ways(client_for=login, url=reverse(name, args=[tree.a.pk]), allowed=people.officer_a,
                         outsider=people.officer_b, unpermitted=UserFactory(home_unit=tree.a), denied=404)


def test_a_bad_course_is_kept_and_results_recorded_once_it_ends(crew, people, tree, login):
    client = login(people.officer_a)
    url = reverse("forces:course_create", args=[tree.a.pk])
    data = {"course-title": "Nghiệp vụ tuần tra", "course-content": "Kỹ năng tuần tra ban đêm",
            "course-trainer": "Công an phường", "course-starts_on": "10/06/2026", "course-ends_on": "01/06/2026",
            "course-required": "on"}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=people.viewer_a, ok=(400,),
                     state=lambda: Course.objects.count())
    refused = client.post(url, data)
    assert "Kỹ năng tuần tra ban đêm" in refused.content.decode() and not Course.objects.exists()
    assert client.post(url, {**data, "course-ends_on": "12/06/2026"}).status_code == 302
    course = Course.objects.get()
    detail = reverse("forces:course_detail", args=[course.pk])
    assert login(people.officer_b).get(detail).status_code == 404
    assert login(people.viewer_a).post(detail, {f"attendance-m{crew.members[0].pk}": "passed"}).status_code == 403
    assert client.post(detail, {f"attendance-m{crew.members[0].pk}": "nope"}).status_code == 400
    assert client.post(detail, {f"attendance-m{crew.members[0].pk}": "passed"}).status_code == 302
    assert Attendance.objects.get().result == "passed"
    plan = reverse("forces:training_plan_save", args=[tree.a.pk])
    assert client.post(plan, {"plan-year": "2026", "plan-courses_planned": "0", "plan-content": "Bốn lớp trong năm",
                              "plan-approved_on": "05/01/2026"}).status_code == 400
    assert not TrainingPlan.objects.exists()


def test_a_month_without_the_provinces_rate_is_refused_on_the_page(crew, people, tree, login):
    client = login(people.officer_a)
    url = reverse("forces:allowances_pay", args=[tree.a.pk])
    refused = client.post(url, {"pay-month": "15/06/2026", "pay-paid_on": "30/06/2026"})
    assert refused.status_code == 400 and "15/06/2026" in refused.content.decode()
    assert not AllowancePayment.objects.exists()
    assert login(people.viewer_a).post(url, {}).status_code == 403
    issue = reverse("forces:equipment_issue", args=[tree.a.pk])
    assert client.post(issue, {"equipment-member": crew.members[0].pk, "equipment-item": "Đèn pin",
                               "equipment-quantity": "1", "equipment-issued_on": "01/06/2026"}).status_code == 302


def test_people_of_prestige_found_without_accents_phone_for_the_front_only(crew, people, tree, login, front):
    group = services.group_create(actor=front, commune=tree.a, area=tree.a1, name="Tổ tự quản số 1",
                                  leader_name="Lê Văn Tư", households=40, set_up_on=datetime.date(2025, 1, 1))
    url = reverse("forces:prestige_introduce", args=[tree.a.pk])
    data = {"prestige-area": tree.a1.pk, "prestige-full_name": "Ông Nguyễn Văn Bảy", "prestige-kind": "elder",
            "prestige-phone": "12", "prestige-introduced_on": "10/01/2026", "prestige-groups": [group.pk]}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=front, outsider=people.officer_b,
                     unpermitted=people.viewer_a, ok=(400,), state=lambda: PrestigePerson.objects.count())
    refused = login(front).post(url, data)
    assert "Ông Nguyễn Văn Bảy" in refused.content.decode()
    assert login(front).post(url, {**data, "prestige-phone": "0912345678"}).status_code == 302
    page = login(front).get(reverse("forces:community", args=[tree.a.pk]), {"q": "nguyen van bay"})
    assert "Ông Nguyễn Văn Bảy" in page.content.decode() and "0912345678" in page.content.decode()
    viewer = login(people.viewer_a).get(reverse("forces:community", args=[tree.a.pk])).content.decode()
    assert "Ông Nguyễn Văn Bảy" in viewer and "0912345678" not in viewer
    none = login(front).get(reverse("forces:community", args=[tree.a.pk]), {"q": "tran"}).content.decode()
    assert "Ông Nguyễn Văn Bảy" not in none
    assert login(front).post(reverse("forces:group_create", args=[tree.a.pk]), {
        "group-area": tree.a1.pk, "group-name": "", "group-leader_name": "Bà Sáu", "group-households": "30",
        "group-set_up_on": "01/01/2026"}).status_code == 400
    assert SelfManagedGroup.objects.count() == 1
