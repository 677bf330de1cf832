"""The supervision pages: three ways, no name in the list, each opening of a file recorded, a restricted
file 404 for that user, a refused form back 400 with what was typed."""

import datetime

import pytest
from django.urls import reverse

from antq.core.models import AuditEvent
from antq.core.testing import check_three_ways
from antq.orgs.tests.factories import UserFactory, grant
from antq.supervision import services
from antq.supervision.models import MeasureType, Person
from antq.supervision.tests.test_services import ID_NUMBER, NAME, _register

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(tree):
    user = UserFactory(username="truong.a", home_unit=tree.a)
    grant(user, "commune_police_chief", tree.a)
    return user


def test_the_file_three_ways_and_each_opening_recorded(tree, people, login):
    person = _register(tree, people.officer_a).person
    page = check_three_ways(client_for=login, url=reverse("supervision:file_detail", args=[person.pk]),
                            allowed=people.officer_a, outsider=people.officer_b,
                            unpermitted=UserFactory(home_unit=tree.a), denied=404)
    assert NAME in page.content.decode() and ID_NUMBER in page.content.decode()
    assert AuditEvent.objects.filter(action="supervision.file_read", actor=people.officer_a).count() == 1
    listed = login(people.officer_a).get(reverse("supervision:file_list")).content.decode()
    assert f"#{person.pk}" in listed and NAME not in listed and ID_NUMBER not in listed


def test_a_restricted_user_gets_404_and_the_plan_is_issued_on_the_page(tree, people, chief, login):
    measure = _register(tree, people.officer_a)
    person = measure.person
    relative = UserFactory(home_unit=tree.a, full_name="Cán bộ Người Thân")
    grant(relative, "commune_police", tree.a)
    url = reverse("supervision:restriction_add", args=[person.pk])
    assert login(people.officer_a).post(url, {"user": relative.pk, "reason": "Là em ruột của người này"}
                                        ).status_code == 403
    assert login(chief).post(url, {"user": relative.pk, "reason": "Là em ruột của người này"}).status_code == 302
    assert login(relative).get(reverse("supervision:file_detail", args=[person.pk])).status_code == 404
    assert f"#{person.pk}" not in login(relative).get(reverse("supervision:file_list")).content.decode()
    plan = reverse("supervision:plan_issue", args=[person.pk, measure.pk])
    refused = login(chief).post(plan, {"officer": people.officer_a.pk, "issued_on": "01/01/2020"})
    assert refused.status_code == 400 and 'value="01/01/2020"' in refused.content.decode()
    assert login(chief).post(plan, {"officer": people.officer_a.pk, "issued_on": "30/04/2026"}).status_code == 302
    assert Person.objects.get(pk=person.pk).measures.get().officer == people.officer_a


def test_receiving_a_person_refuses_bad_input_and_keeps_it(tree, people, login):
    url = reverse("supervision:person_register", args=[tree.a.pk])
    data = {"kind": MeasureType.objects.get(code="suspended_sentence").pk, "unit": tree.a1.pk, "full_name": NAME,
            "birth_date": "02/05/1998", "id_number": "12345", "address": "Số 7, hẻm 3", "started_on": "20/04/2026",
            "intake_on": "28/04/2026"}
    refused = login(people.officer_a).post(url, data)
    assert refused.status_code == 400 and "12 chữ số" in refused.content.decode()
    assert f'value="{NAME}"' in refused.content.decode() and not Person.objects.exists()
    assert login(people.officer_b).post(url, {**data, "id_number": ID_NUMBER}).status_code == 404
    assert login(people.officer_a).post(url, {**data, "id_number": ID_NUMBER}).status_code == 302
    assert Person.objects.get().measures.get().plan_due == datetime.date(2026, 5, 7)


def test_a_months_assessment_on_the_file_page_and_a_refused_one_kept(tree, people, login):
    measure = _register(tree, people.officer_a, intake=datetime.date(2026, 4, 28))
    url = reverse("supervision:assessment_record", args=[measure.person_id, measure.pk])
    refused = login(people.officer_a).post(url, {"month": "13/2026", "grade": "good", "roll_call": "app",
                                                 "signed_on": "05/05/2026", "note": "Chấp hành tốt"})
    assert refused.status_code == 400 and "Chấp hành tốt" in refused.content.decode()
    assert login(people.officer_b).post(url, {}).status_code == 404
    done = login(people.officer_a).post(url, {"month": "05/2026", "grade": "good", "roll_call": "app",
                                              "signed_on": "05/06/2026"})
    assert done.status_code == 302 and measure.assessments.get().grade == "good"


def test_the_api_keeps_identity_apart_and_restricted_files_out(tree, people, chief):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(people.officer_a)
    created = api.post("/api/v1/supervision-files/", {
        "unit": tree.a1.pk, "full_name": NAME, "birth_date": "1998-05-02", "id_number": ID_NUMBER,
        "address": "Số 7, hẻm 3", "kind": "suspended_sentence", "started_on": "2026-04-20",
        "intake_on": "2026-04-28"}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert NAME not in str(body) and ID_NUMBER not in str(body) and body["measures"][0]["plan_due"] == "2026-05-07"
    url = f"/api/v1/supervision-files/{body['id']}/"
    assert api.get(url + "identity/").json()["id_number"] == ID_NUMBER
    assert AuditEvent.objects.filter(action="supervision.file_read").count() == 1
    relative = UserFactory(home_unit=tree.a)
    grant(relative, "commune_police", tree.a)
    services.restriction_add(actor=chief, person=Person.objects.get(), user=relative,
                             reason="Là người thân của người này")
    other = APIClient()
    other.force_authenticate(relative)
    assert other.get(url).status_code == 404 and other.get(url + "identity/").status_code == 404
    assert other.get("/api/v1/supervision-files/").json()["results"] == []
    stranger = APIClient()
    stranger.force_authenticate(people.officer_b)
    assert stranger.get(url).status_code == 404
    chief_api = APIClient()
    chief_api.force_authenticate(chief)
    issued = chief_api.post(url + "plan/", {"measure": body["measures"][0]["id"], "officer": people.officer_a.pk,
                                            "issued_on": "2026-04-30"}, format="json")
    assert issued.status_code == 200 and issued.json()["measures"][0]["plan_issued_on"] == "2026-04-30"


def test_the_home_page_tells_the_commune_police_of_a_late_plan(tree, people, login):
    _register(tree, people.officer_a)  # intake 28/4/2026, plan due 7/5
    cards = {c.label: c for c in login(people.officer_a).get(reverse("home")).context["todo"]}
    assert cards["Kế hoạch giám sát quá hạn"].count == 1
    assert cards["Kế hoạch giám sát quá hạn"].url == reverse("supervision:file_list") + "?show=late"
