"""Requests that used to be server errors now answer a clear 400 (413) in the API's error format or a
page, and change nothing (issue 14: "Server errors found")."""

import pytest

from antq.tips.models import TipIntake

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(people, login, api_login, client):
    found = {"api": api_login(people.officer_a), "page": login(people.officer_a), "public": client}
    for each in found.values():
        each.raise_request_exception = False
    return found


@pytest.mark.parametrize("url", [
    "/api/v1/meetings/?year=0", "/api/v1/meetings/?year=99999999999", "/api/v1/evaluations/?year=-5",
    "/api/v1/units/?unit_type=%00", "/api/v1/organisations/?org_type=%00", "/api/v1/reports/?form=%00",
    "/api/v1/role-assignments/?role=%00",
])
def test_a_bad_filter_is_a_400_in_the_api_format(clients, url):
    response = clients["api"].get(url)
    assert response.status_code == 400, response.status_code
    assert response.json()["error"]["status"] == 400


@pytest.mark.parametrize("url", ["/programs/reports/bao-cao-thang-antq/?unit=abc", "/tips/register.xlsx?month=0-1",
                                 "/audit/?action=%00"])
def test_a_bad_query_on_a_page_is_no_server_error(clients, url):
    response = clients["page"].get(url)
    assert response.status_code in (200, 400, 404), response.status_code
    if "%00" in url:
        assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.parametrize(("who", "url"), [("public", "/api/v1/public/tips/"), ("api", "/api/v1/programs/"),
                                          ("api", "/api/v1/tips/")])
def test_json_nested_100000_deep_is_refused_like_any_unreadable_body(clients, who, url):
    deep = "[" * 100_000 + "]" * 100_000
    response = clients[who].post(url, deep, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "parse_error"
    assert not TipIntake.objects.exists()


def test_a_10_mb_body_is_answered_in_the_api_format(clients, settings):
    response = clients["public"].post("/api/v1/public/tips/", "x" * (10 * 1024 * 1024),
                                      content_type="application/json")
    assert response.status_code in (400, 413) and response.json()["error"]["status"] == response.status_code
    assert not TipIntake.objects.exists()


def test_a_report_with_a_nul_character_is_refused_not_acknowledged(clients, tree):
    response = clients["public"].post("/api/v1/public/tips/", {
        "category": "drugs", "description": "Có người bán ma túy \x00 ở quán nước đầu ngõ", "commune": tree.a.pk},
        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["description"] == ["Không được chứa ký tự rỗng (NUL)."]
    assert not TipIntake.objects.exists()


def test_no_answer_is_kept_by_a_cache_and_the_api_description_needs_an_account(clients):
    for response in (clients["page"].get("/"), clients["api"].get("/api/v1/units/"),
                     clients["public"].get("/bao-tin/")):
        assert "no-store" in response["Cache-Control"] and "camera=()" in response["Permissions-Policy"]
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
    assert clients["public"].get("/api/v1/schema/").status_code in (401, 403)
    assert clients["public"].get("/api/v1/docs/").status_code in (401, 403)
    assert clients["api"].get("/api/v1/schema/").status_code == 200


def test_a_number_too_large_for_the_database_is_a_400_on_pages_and_in_the_api(clients):
    huge = "9" * 40
    assert clients["api"].get(f"/api/v1/committee-members/?committee={huge}").status_code in (200, 400)
    assert clients["api"].get(f"/api/v1/committees/{huge}/").status_code in (400, 404)
    response = clients["api"].get("/api/v1/committees/-1.4e-45/")  # no route: the API's 404, not the page
    assert response.status_code == 404 and response.json()["error"]["status"] == 404


def test_a_nul_character_in_any_body_field_is_a_400_on_that_field(clients):
    for content in ({"unit_type": "ap\x00"}, ):
        response = clients["api"].post("/api/v1/residential-areas/", content, format="multipart")
        assert response.status_code == 400 and "unit_type" in response.json()["error"]["fields"]
        response = clients["api"].post("/api/v1/residential-areas/", content, format="json")
        assert response.status_code == 400 and "unit_type" in response.json()["error"]["fields"]
