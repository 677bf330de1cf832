import pytest
from django.utils import timezone

from antq.core.testing import check_three_ways
from antq.initiatives.models import Initiative, Site, Team
from antq.initiatives.tests.factories import graded, long_ago, model
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _without_view(tree):
    user = UserFactory(home_unit=tree.a)
    grant(user, "member_org_officer", tree.a)
    role = user.role_assignments.get().role
    role.permissions.remove(*role.permissions.filter(code="initiatives.view_initiative"))
    return user


def test_model_detail_three_ways(tree, people, api_login):
    own = model(people.officer_a, tree.a, people.police_a)
    check_three_ways(client_for=api_login, url=f"/api/v1/initiatives/{own.pk}/", allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=_without_view(tree), api=True, denied=403)


def test_register_a_model_with_a_site_and_a_team_through_the_api(tree, people, api_login):
    client = api_login(people.officer_a)
    response = client.post("/api/v1/initiatives/", {
        "unit": tree.a.pk, "organisation": people.police_a.pk, "name": "Camera an ninh", "kind": "self_protection",
        "started_on": long_ago().isoformat()}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    site = client.post(f"/api/v1/initiatives/{pk}/sites/", {"unit": tree.a1.pk, "name": "Khu phố 1",
                                                            "started_on": long_ago().isoformat()}, format="json")
    assert site.status_code == 201, site.json()
    team = client.post(f"/api/v1/initiatives/{pk}/teams/", {
        "name": "Tổ camera", "formed_on": long_ago().isoformat(), "site": site.json()["id"],
        "members": [{"full_name": "Nguyễn Văn An", "role": "leader"}, {"full_name": "Lê Thị Bình"}]}, format="json")
    assert team.status_code == 201, team.json()
    assert [m["role"] for m in team.json()["members"]] == ["leader", "member"]
    counts = client.get(f"/api/v1/initiatives/counts/?unit={tree.a.pk}").json()
    assert counts["total"] == {"models": 1, "exemplary": 0, "sites": 1, "teams": 1, "members": 2}
    assert client.get(f"/api/v1/initiatives/counts/?unit={tree.b.pk}").status_code == 404
    bad = client.get("/api/v1/initiatives/counts/?unit=x&on=yesterday")
    assert bad.status_code == 400 and set(bad.json()["error"]["fields"]) == {"unit", "on"}


def test_a_site_in_another_commune_answers_404_and_saves_nothing(tree, people, api_login):
    camera = model(people.province, tree.province, people.police_p, name="Camera an ninh")
    response = api_login(people.officer_a).post(f"/api/v1/initiatives/{camera.pk}/sites/", {
        "unit": tree.b1.pk, "name": "Ấp Hòa Bình", "started_on": long_ago().isoformat()}, format="json")
    assert response.status_code == 404
    assert not Site.objects.exists()


def test_field_errors_come_back_in_vietnamese_and_nothing_is_saved(tree, people, api_login):
    own = model(people.officer_a, tree.a, people.police_a)
    year = timezone.localdate().year - 1
    graded(people.officer_a, own, "good", year)
    response = api_login(people.officer_a).post(f"/api/v1/initiatives/{own.pk}/grade/", {
        "period_start": f"{year}-06-01", "period_end": f"{year}-12-31", "grade": "fair"}, format="json")
    assert response.status_code == 400
    assert "period_start" in response.json()["error"]["fields"]
    assert own.gradings.count() == 1


def test_removal_through_the_api_needs_the_permission(tree, people, api_login):
    own = model(people.officer_a, tree.a, people.police_a)
    data = {"removed_on": timezone.localdate().isoformat(), "reason": "formalistic", "note": "Hình thức"}
    response = api_login(people.officer_a).post(f"/api/v1/initiatives/{own.pk}/remove/", data, format="json")
    assert response.status_code == 403
    assert Initiative.objects.get().status == "active"
    response = api_login(people.province).post(f"/api/v1/initiatives/{own.pk}/remove/", data, format="json")
    assert response.status_code == 200 and response.json()["status"] == "removed"


def test_lists_of_sites_teams_and_exemplary_units_are_scoped(tree, people, api_login):
    camera = model(people.province, tree.province, people.police_p, name="Camera an ninh")
    client_p = api_login(people.province)
    for unit in (tree.a1, tree.b1):
        site = client_p.post(f"/api/v1/initiatives/{camera.pk}/sites/", {
            "unit": unit.pk, "name": unit.name, "started_on": long_ago().isoformat()}, format="json").json()
        client_p.post(f"/api/v1/initiatives/{camera.pk}/teams/", {
            "name": f"Tổ {unit.name}", "formed_on": long_ago().isoformat(), "site": site["id"],
            "members": [{"full_name": "An", "role": "leader"}]}, format="json")
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    created = api_login(leader).post("/api/v1/exemplary-units/", {
        "unit": tree.b.pk, "recognised_on": long_ago().isoformat(), "decision_number": "1/QĐ-UBND",
        "issued_by": "UBND tỉnh"}, format="json")
    assert created.status_code == 201, created.json()
    client_a = api_login(people.officer_a)
    assert [s["unit"] for s in client_a.get("/api/v1/initiative-sites/").json()["results"]] == [tree.a1.pk]
    assert [t["unit"] for t in client_a.get("/api/v1/initiative-teams/").json()["results"]] == [tree.a1.pk]
    assert client_a.get("/api/v1/exemplary-units/").json()["results"] == []
    assert Team.objects.count() == 2
