import pytest

from antq.core.testing import check_three_ways
from antq.orgs.models import Organisation, RoleAssignment, User
from antq.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_organisations_users_and_assignments_are_scoped(tree, people, api_login):
    client = api_login(people.officer_a)
    orgs = client.get("/api/v1/organisations/").json()["results"]
    assert {o["id"] for o in orgs} == {people.police_a.pk}
    users = client.get("/api/v1/users/").json()["results"]
    assert {u["username"] for u in users} == {"congan.a", "xem.a"}
    assert client.get(f"/api/v1/users/{people.officer_b.pk}/").status_code == 404
    assert client.get(f"/api/v1/organisations/{people.police_b.pk}/").status_code == 404
    assignments = client.get("/api/v1/role-assignments/").json()["results"]
    assert {a["user"] for a in assignments} == {people.officer_a.pk, people.viewer_a.pk}


def test_filters_are_shared_with_the_list_pages(tree, people, api_login):
    body = api_login(people.province).get("/api/v1/organisations/", {"q": "hoa hoi"}).json()
    assert [o["name"] for o in body["results"]] == ["Công an xã Hoà Hội"]
    assert body["count"] == 1


def test_grant_via_api_three_ways(tree, people, api_login):
    newcomer = UserFactory(home_unit=tree.a)
    count = lambda: RoleAssignment.objects.filter(user=newcomer).count()  # noqa: E731
    check_three_ways(
        client_for=api_login, url="/api/v1/role-assignments/", method="post", api=True,
        data={"user": newcomer.pk, "organisation": people.police_a.pk, "role": "observer", "scope": tree.a.pk},
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(201,), state=count,
    )
    assert count() == 1


def test_cannot_grant_a_scope_in_another_commune_via_api(tree, people, api_login):
    newcomer = UserFactory(home_unit=tree.a)
    response = api_login(people.officer_a).post("/api/v1/role-assignments/", {
        "user": newcomer.pk, "organisation": people.police_a.pk, "role": "observer", "scope": tree.b.pk,
    }, format="json")
    assert response.status_code == 404
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_create_user_and_organisation_via_api(tree, people, api_login):
    client = api_login(people.officer_a)
    response = client.post("/api/v1/users/", {"home_unit": tree.a.pk, "username": "api.user",
                                              "full_name": "Người Dùng API",
                                              "password": "Mot-mat-khau-dai-2026"}, format="json")
    assert response.status_code == 201 and "password" not in response.json()
    assert User.objects.get(username="api.user").home_unit == tree.a
    response = client.post("/api/v1/organisations/", {"unit": tree.b.pk, "org_type": "women",
                                                      "name": "Hội Phụ nữ xã Hoà Hội"}, format="json")
    assert response.status_code == 404
    assert not Organisation.objects.filter(name="Hội Phụ nữ xã Hoà Hội").exists()


def test_revoke_via_api(tree, people, api_login):
    assignment = RoleAssignment.objects.get(user=people.viewer_a)
    assert api_login(people.officer_b).post(f"/api/v1/role-assignments/{assignment.pk}/revoke/").status_code == 404
    response = api_login(people.officer_a).post(f"/api/v1/role-assignments/{assignment.pk}/revoke/")
    assert response.status_code == 200 and response.json()["revoked_at"]
