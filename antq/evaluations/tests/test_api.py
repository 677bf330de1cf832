import pytest
from django.utils import timezone

from antq.core.testing import check_three_ways
from antq.evaluations.models import Evaluation
from antq.evaluations.tests.factories import register, this_year
from antq.orgs.models import Establishment
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_evaluation_detail_three_ways(tree, people, api_login):
    evaluation = register(people.officer_a, unit=tree.a1)
    no_role = UserFactory(home_unit=tree.a)
    grant(no_role, "member_org_officer", tree.a)
    no_role.role_assignments.get().role.permissions.remove(
        *no_role.role_assignments.get().role.permissions.filter(code="evaluations.view_evaluation"))
    check_three_ways(client_for=api_login, url=f"/api/v1/evaluations/{evaluation.pk}/", allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=no_role, api=True, denied=403)


def test_register_through_the_api_and_the_list_is_scoped(tree, people, api_login):
    client = api_login(people.officer_a)
    response = client.post("/api/v1/evaluations/", {
        "kind": "residential_area", "year": this_year(), "registered_on": f"{this_year()}-03-01",
        "unit": tree.a1.pk, "households": 80, "households_registered": 80}, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()["results"]) == 7
    register(people.officer_b, unit=tree.b1)
    listed = client.get("/api/v1/evaluations/").json()
    assert [row["unit"] for row in listed["results"]] == [tree.a1.pk]


def test_registering_another_communes_area_answers_404_and_saves_nothing(tree, people, api_login):
    response = api_login(people.officer_b).post("/api/v1/evaluations/", {
        "kind": "residential_area", "year": this_year(), "registered_on": f"{this_year()}-03-01",
        "unit": tree.a1.pk, "households": 80, "households_registered": 80}, format="json")
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


def test_a_bad_establishment_is_refused_with_a_field_message(tree, people, api_login):
    response = api_login(people.officer_a).post("/api/v1/establishments/", {
        "kind": "enterprise", "name": "Công ty X", "commune": tree.a.pk, "size_class": "", "tax_code": "abc"},
        format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"size_class", "tax_code"}
    assert not Establishment.objects.exists()


def test_summary_answers_for_a_visible_unit_only(tree, people, api_login):
    register(people.officer_a, unit=tree.a1)
    body = api_login(people.province).get(f"/api/v1/evaluations/summary/?unit={tree.province.pk}").json()
    assert body["total"]["expected"] == 4 and body["total"]["registered"] == 1
    assert body["year"] == timezone.localdate().year
    assert api_login(people.officer_a).get(f"/api/v1/evaluations/summary/?unit={tree.b.pk}").status_code == 404
    bad = api_login(people.officer_a).get("/api/v1/evaluations/summary/?unit=abc")
    assert bad.status_code == 400 and "unit" in bad.json()["error"]["fields"]
