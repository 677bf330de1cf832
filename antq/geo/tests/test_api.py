import pytest

from antq.core.testing import check_three_ways
from antq.geo.models import AdminUnit

pytestmark = pytest.mark.django_db


def test_units_are_listed_within_scope_and_searchable(tree, people, api_login):
    client = api_login(people.officer_a)
    body = client.get("/api/v1/units/").json()
    assert {u["id"] for u in body["results"]} == {tree.a.pk, tree.a1.pk}
    body = api_login(people.province).get("/api/v1/units/", {"q": "hoa hoi"}).json()
    assert [u["name"] for u in body["results"]] == ["Xã Hoà Hội"]


def test_unit_out_of_scope_is_404(tree, people, api_login):
    response = api_login(people.officer_a).get(f"/api/v1/units/{tree.b1.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_create_residential_area_three_ways(tree, people, api_login):
    count = lambda: AdminUnit.objects.filter(parent=tree.a).count()  # noqa: E731
    response = check_three_ways(
        client_for=api_login, url="/api/v1/residential-areas/", method="post", api=True,
        data={"commune": tree.a.pk, "name": "Khu phố 8", "unit_type": "khu_pho"},
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
        ok=(201,), state=count,
    )
    assert response.json()["display_name"] == "Khu phố 8"
    assert count() == 2


def test_errors_have_one_translated_format(tree, people, api_login):
    client = api_login(people.officer_a)
    response = client.post("/api/v1/residential-areas/",
                           {"commune": tree.a.pk, "name": "Khu Phố 1", "unit_type": "khu_pho"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"] == "Một số dữ liệu không hợp lệ; chưa có gì được lưu."
    assert "đã có khu dân cư tên" in error["fields"]["name"][0]
    response = client.post("/api/v1/residential-areas/", {"commune": "x", "unit_type": "khu_pho"}, format="json")
    assert response.json()["error"]["fields"] == {
        "commune": ["Sai kiểu dữ liệu: cần mã số (id), nhận được str."], "name": ["Trường này là bắt buộc."]}
    response = client.post("/api/v1/residential-areas/", {"commune": tree.a.pk, "unit_type": "khu_pho"},
                           format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"]["fields"]["name"] == ["This field is required."]
    assert AdminUnit.objects.filter(parent=tree.a).count() == 1


def test_update_residential_area_out_of_scope_is_404_and_unchanged(tree, people, api_login):
    response = api_login(people.officer_b).put(f"/api/v1/residential-areas/{tree.a1.pk}/",
                                               {"name": "Đổi tên", "unit_type": "khu_pho"}, format="json")
    assert response.status_code == 404
    tree.a1.refresh_from_db()
    assert tree.a1.name == "Khu phố 1"


def test_anonymous_api_is_refused(tree):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/units/").status_code in (401, 403)


def test_schema_and_docs_are_served(tree, people, api_login):
    client = api_login(people.officer_a)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/residential-areas/" in schema.content.decode()
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content.lower()
