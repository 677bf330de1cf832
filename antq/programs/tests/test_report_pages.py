import datetime

import pytest
from django.urls import reverse

from antq.core.testing import check_three_ways
from antq.programs.models import Report, ReportForm
from antq.programs.services import reports

pytestmark = pytest.mark.django_db
OCT = datetime.date(2026, 10, 1)
CODE = "bao-cao-thang-antq"


@pytest.fixture
def form(tree):
    return ReportForm.objects.get(code=CODE)


def _url(unit, name="programs:unit_report"):
    return reverse(name, kwargs={"code": CODE, "unit_pk": unit.pk, "period": OCT.isoformat()})


def test_write_and_submit_a_report_three_ways(tree, people, login, form):
    check_three_ways(client_for=login, url=_url(tree.a), method="post",
                     data={"giao-ban": "2", "danh-gia": "Ổn định", "action": "submit"},
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
                     ok=(302,), state=Report.objects.count)
    report = Report.objects.get()
    assert report.status == "submitted" and report.values.get(indicator__code="giao-ban").number == 2


def test_a_viewer_sees_the_report_but_no_form(tree, people, login, form):
    response = login(people.viewer_a).get(_url(tree.a))
    assert response.status_code == 200 and response.context["values_form"] is None


def test_bad_number_shows_a_message_and_saves_nothing(tree, people, login, form):
    response = login(people.officer_a).post(_url(tree.a), {"giao-ban": "ba", "action": "submit"})
    assert response.status_code == 400
    assert "hãy nhập một số" in response.content.decode()
    assert not Report.objects.exists()


def test_province_rollup_page_and_xlsx(tree, people, login, form, django_assert_max_num_queries):
    draft = reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=OCT,
                                values={"giao-ban": "2"})
    reports.report_submit(actor=people.officer_a, report=draft)
    client = login(people.province)
    url = reverse("programs:report_rollup", args=[CODE])
    client.get(url, {"unit": tree.province.pk, "period": OCT.isoformat()})
    with django_assert_max_num_queries(17):
        response = client.get(url, {"unit": tree.province.pk, "period": OCT.isoformat()})
    assert response.context["rates"]["received"] == 1 and response.context["rates"]["expected"] == 2
    rolled = {item["indicator"].code: item["value"] for item in response.context["rolled"]}
    assert rolled["giao-ban"] == 2
    missing = client.get(url, {"unit": tree.province.pk, "period": OCT.isoformat(), "missing": "1"})
    assert [row["unit"] for row in missing.context["rows"]] == [tree.b]
    xlsx = client.get(reverse("programs:report_rollup_xlsx", args=[CODE]), {"unit": tree.province.pk,
                                                                          "period": OCT.isoformat()})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert login(people.officer_a).get(url, {"unit": tree.b.pk}).status_code == 404


def test_return_and_correct_through_the_pages(tree, people, login, form):
    draft = reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=OCT,
                                values={"giao-ban": "2"})
    reports.report_submit(actor=people.officer_a, report=draft)
    assert login(people.officer_b).post(_url(tree.a, "programs:unit_report_return"),
                                        {"reason": "x"}).status_code == 404
    assert login(people.officer_a).post(_url(tree.a, "programs:unit_report_return"),
                                        {"reason": "x"}).status_code == 403
    login(people.province).post(_url(tree.a, "programs:unit_report_return"), {"reason": "Thiếu số liệu"})
    assert Report.objects.get().status == "returned"
    login(people.officer_a).post(_url(tree.a, "programs:unit_report_correct"))
    assert Report.objects.filter(version=2, status="draft").exists()


def test_api_report_flow_and_rollup(tree, people, api_login, form):
    client = api_login(people.officer_a)
    response = client.post("/api/v1/reports/", {"form": CODE, "unit": tree.a.pk, "period_start": "2026-10-15",
                                                "values": {"giao-ban": "3", "ty-le-ho": "90"}}, format="json")
    assert response.status_code == 201 and response.json()["values"]["giao-ban"] == "3.00"
    report_id = response.json()["id"]
    assert client.post(f"/api/v1/reports/{report_id}/submit/").json()["status"] == "submitted"
    assert api_login(people.officer_b).get(f"/api/v1/reports/{report_id}/").status_code == 404
    body = api_login(people.province).get(f"/api/v1/report-forms/{CODE}/rollup/",
                                          {"unit": tree.province.pk, "period": "2026-10-01"}).json()
    assert body["received"] == 1 and body["expected"] == 2 and body["completeness"] == 50.0
    assert {i["code"]: i["value"] for i in body["indicators"]}["giao-ban"] == "3.00"
    bad = client.post("/api/v1/reports/", {"form": CODE, "unit": tree.b.pk, "period_start": "2026-10-01"},
                      format="json")
    assert bad.status_code == 404


def test_the_forms_words_follow_the_readers_language(tree, people, login, form):
    client = login(people.officer_a)
    page = client.get(_url(tree.a)).content.decode()
    assert "Số cuộc họp, giao ban của Ban Chỉ đạo (cuộc)" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(_url(tree.a)).content.decode()
    assert "Meetings and briefings of the steering committee (meetings)" in page
    assert "Monthly report on building the all-people movement" in page and "Steering committee" in page
    assert "Số cuộc họp, giao ban" not in page


def test_the_rollup_lists_the_units_worst_first(tree, people, login, form):
    draft = reports.report_save(actor=people.officer_b, form=form, unit=tree.b, period_start=OCT,
                                values={"giao-ban": "1"})
    reports.report_submit(actor=people.officer_b, report=draft)
    url = reverse("programs:report_rollup", args=[CODE]) + f"?unit={tree.province.pk}&period={OCT.isoformat()}"
    rows = login(people.province).get(url).context["rows"]
    assert [row["unit"] for row in rows] == [tree.a, tree.b]  # Tân Ninh sent nothing: before Hoà Hội
