import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from antq.core.testing import check_three_ways, pdf_bytes
from antq.evaluations.choices import Status
from antq.evaluations.models import Evaluation
from antq.evaluations.tests.factories import establishment, recognise, register, this_year
from antq.orgs.models import Establishment
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _no_evaluation_role(tree):
    user = UserFactory(home_unit=tree.a)
    grant(user, "area_head", tree.a1)  # an area head of A: sees A's evaluations, cannot approve or import
    return user


@pytest.fixture
def leader_a(tree):
    user = UserFactory(username="lanhdao.a", home_unit=tree.a)
    grant(user, "commune_leader", tree.a)
    return user


def test_evaluation_detail_three_ways(tree, people, login):
    evaluation = register(people.officer_a, unit=tree.a1)
    stranger = UserFactory(home_unit=tree.a)
    grant(stranger, "member_org_officer", tree.a)
    stranger_role = stranger.role_assignments.get()
    stranger_role.role.permissions.remove(*stranger_role.role.permissions.filter(code="evaluations.view_evaluation"))
    check_three_ways(client_for=login, url=reverse("evaluations:evaluation_detail", args=[evaluation.pk]),
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=stranger, denied=404)


def test_a_province_leader_sees_the_whole_province_and_a_commune_officer_only_theirs(tree, people, login):
    a = register(people.officer_a, unit=tree.a1)
    b = register(people.officer_b, unit=tree.b1)
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    listed = login(leader).get(reverse("evaluations:evaluation_list"))
    assert {e.pk for e in listed.context["table"].data} == {a.pk, b.pk}
    listed = login(people.officer_a).get(reverse("evaluations:evaluation_list"))
    assert {e.pk for e in listed.context["table"].data} == {a.pk}
    assert login(people.officer_a).get(reverse("evaluations:evaluation_detail", args=[b.pk])).status_code == 404


def test_registering_through_the_page_and_a_bad_input_saves_nothing(tree, people, login):
    client = login(people.officer_a)
    url = reverse("evaluations:evaluation_register", args=["residential_area", tree.a1.pk])
    response = client.post(url, {"registered_on": f"{this_year()}-02-10", "households": "50",
                                 "households_registered": "60"})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Evaluation.objects.exists()
    response = client.post(url, {"registered_on": f"{this_year()}-02-10", "households": "50",
                                 "households_registered": "50",
                                 "plan_file": SimpleUploadedFile("plan.pdf", pdf_bytes("plan"))})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{evaluation.pk}/")
    assert evaluation.plan_file.name.endswith(".pdf")
    # The plan is downloaded whole from the evaluation's page (stored sealed), by whoever may see it.
    url = reverse("evaluations:evaluation_document", args=[evaluation.pk, "plan"])
    assert url in client.get(reverse("evaluations:evaluation_detail", args=[evaluation.pk])).content.decode()
    download = check_three_ways(client_for=login, url=url, allowed=people.officer_a, outsider=people.officer_b,
                                unpermitted=UserFactory(home_unit=tree.a), denied=404)
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF") and download["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("evaluations:evaluation_document", args=[evaluation.pk, "resolution"])).status_code \
        == 404  # none was sent


def test_another_commune_cannot_register_my_area(tree, people, login):
    url = reverse("evaluations:evaluation_register", args=["residential_area", tree.a1.pk])
    assert login(people.officer_b).post(url, {"registered_on": "2026-02-10"}).status_code == 404
    assert not Evaluation.objects.exists()


def test_the_full_flow_through_the_pages_ends_with_a_certificate(tree, people, login, leader_a):
    evaluation = register(people.officer_a, unit=tree.a1)
    client = login(people.officer_a)
    results = list(evaluation.results.select_related("criterion"))
    data = {}
    for r in results:
        data[f"met_{r.pk}"] = "yes"
        data[f"note_{r.pk}"] = "Đủ hồ sơ"
    response = client.post(reverse("evaluations:evaluation_assess", args=[evaluation.pk]), data)
    assert response.status_code == 302
    today = timezone.localdate().isoformat()
    client.post(reverse("evaluations:evaluation_review", args=[evaluation.pk]),
                {"held_on": today, "chair": "Ông Trần Văn Ba", "votes_for": "30", "votes_against": "1"})
    client.post(reverse("evaluations:evaluation_propose", args=[evaluation.pk]),
                {"number": "05/TTr-KP1", "proposed_on": today})
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PROPOSED
    # The officer cannot decide: the page offers no form and the POST changes nothing.
    client.post(reverse("evaluations:evaluation_decide", args=[evaluation.pk]),
                {"recognise": "yes", "decided_on": today, "decision_number": "1/QĐ"})
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PROPOSED
    login(leader_a).post(reverse("evaluations:evaluation_decide", args=[evaluation.pk]),
                         {"recognise": "yes", "decided_on": today, "decision_number": "09/QĐ-UBND"})
    evaluation.refresh_from_db()
    assert evaluation.status == Status.RECOGNISED
    response = client.get(reverse("evaluations:evaluation_certificate", args=[evaluation.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = "\n".join(c.text for t in Document(io.BytesIO(response.content)).tables for row in t.rows
                       for c in row.cells)
    assert "GIẤY CÔNG NHẬN" in text and "Khu phố 1" in text and str(this_year()) in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in tables and "Số: 09/QĐ-UBND" in tables and "Nơi nhận:" in tables


def test_dashboard_pins_its_query_count_whatever_the_number_of_units(tree, people, login, leader_a):
    client = login(people.province)
    url = reverse("evaluations:dashboard") + f"?unit={tree.province.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(5):
        establishment(tree.a, name=f"Công ty {n}")
        establishment(tree.b, name=f"Nhà máy {n}")
    recognise(people.officer_a, leader_a, register(people.officer_a, unit=tree.a1))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert response.context["summary"]["total"]["expected"] == 4 + 10


def test_commune_dashboard_lists_units_to_evaluate(tree, people, login):
    establishment(tree.a, name="Công ty Minh Phát")
    establishment(tree.a, name="Hộ kinh doanh nhỏ", size_class="micro", exempt=True)
    response = login(people.officer_a).get(reverse("evaluations:dashboard") + f"?unit={tree.a.pk}")
    names = [row["name"] for row in response.context["board"]]
    assert names == ["Khu phố 1", "Công ty Minh Phát"]
    assert login(people.officer_a).get(reverse("evaluations:dashboard") + f"?unit={tree.b.pk}").status_code == 404


def test_dashboard_exports_xlsx(tree, people, login):
    response = login(people.province).get(reverse("evaluations:dashboard_xlsx") + f"?unit={tree.province.pk}")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows[:2]] == ["Phường Tân Ninh", "Xã Hoà Hội"]
    assert [r[1] for r in rows] == [2, 2, 4]  # each commune and its area; then the total


def test_establishment_list_is_scoped_and_the_import_is_refused_without_permission(tree, people, login):
    establishment(tree.a, name="Công ty A")
    establishment(tree.b, name="Công ty B")
    response = login(people.officer_a).get(reverse("evaluations:establishment_list"))
    assert [e.name for e in response.context["table"].data] == ["Công ty A"]
    viewer = _no_evaluation_role(tree)
    response = login(viewer).post(reverse("evaluations:establishment_import"),
                                  {"within": tree.a.pk, "file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04")})
    assert response.status_code == 403
    assert Establishment.objects.count() == 2


def test_incident_form_refuses_a_future_date(tree, people, login):
    url = reverse("evaluations:incident_record", args=[tree.a.pk])
    response = login(people.officer_a).post(url, {"kind": "serious_crime", "unit": tree.a1.pk,
                                                  "occurred_on": "2999-01-01", "description": "x"})
    assert response.status_code == 400 and response.context["form"].errors
    assert login(people.officer_b).get(url).status_code == 404


def test_the_national_dashboard_draws_the_province_tile_map(tree, people, login):
    from antq.geo.tiles import PROVINCE_TILES

    viewer = UserFactory(home_unit=tree.root)
    grant(viewer, "central_leader", tree.root)
    recognise_leader = UserFactory(home_unit=tree.a)
    grant(recognise_leader, "commune_leader", tree.a)
    recognise(people.officer_a, recognise_leader, register(people.officer_a, unit=tree.a1))
    response = login(viewer).get(reverse("evaluations:dashboard") + f"?unit={tree.root.pk}")
    [tile] = response.context["map_tiles"]
    row, column, label = PROVINCE_TILES["80"]
    assert (tile["unit"], tile["row"], tile["column"], tile["label"]) == (tree.province, row + 1, column + 1, label)
    assert tile["value"] == response.context["summary"]["children"][0]["share"]
    assert 'class="antq-tile antq-tile-low"' in response.content.decode()  # 1 of 4 units: under 75 %


def test_a_criterions_evidence_file_is_downloaded_from_the_evaluation_page(tree, people, login):
    from antq.evaluations import services

    evaluation = register(people.officer_a, unit=tree.a1)
    result = evaluation.results.order_by("pk").first()
    services.evaluation_assess(actor=people.officer_a, evaluation=evaluation, answers={result.pk: {
        "met": True, "value": None, "note": "Biên bản họp dân", "evidence": SimpleUploadedFile("bb.pdf", pdf_bytes())}})
    url = reverse("evaluations:criterion_evidence", args=[result.pk])
    assert url in login(people.officer_a).get(reverse("evaluations:evaluation_detail",
                                                      args=[evaluation.pk])).content.decode()
    download = check_three_ways(client_for=login, url=url, allowed=people.officer_a, outsider=people.officer_b,
                                unpermitted=UserFactory(home_unit=tree.a), denied=404)
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_refused_step_comes_back_with_what_was_typed_and_saves_nothing(tree, people, login, leader_a):
    """Review, proposal, decision and exception: the error on its field, the typed values kept, status 400."""
    from antq.evaluations import services
    from antq.evaluations.tests.factories import assess_all_yes

    today = timezone.localdate()
    evaluation = register(people.officer_a, unit=tree.a1)
    services.incident_record(actor=people.officer_a, unit=tree.a1, kind="serious_crime",
                             occurred_on=evaluation.period_end - datetime.timedelta(days=30),
                             description="Cướp tài sản")
    evaluation = assess_all_yes(people.officer_a, evaluation)
    client = login(people.officer_a)
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    url = reverse("evaluations:evaluation_review", args=[evaluation.pk])
    response = client.post(url, {"held_on": today.isoformat(), "chair": "Ông Trần Văn Ba",
                                 "participants": "Bí thư chi bộ, MTTQ", "votes_for": "ba mươi", "votes_against": "1"})
    assert response.status_code == 400
    form = response.context["review_form"]
    assert "votes_for" in form.errors
    assert 'value="Ông Trần Văn Ba"' in response.content.decode() and "Bí thư chi bộ, MTTQ" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == Status.ASSESSED and evaluation.review_held_on is None

    client.post(url, {"held_on": today.isoformat(), "chair": "Ông Trần Văn Ba", "votes_for": "30",
                      "votes_against": "1"})
    response = client.post(reverse("evaluations:evaluation_propose", args=[evaluation.pk]),
                           {"number": "05/TTr-KP1", "proposed_on": tomorrow})
    assert response.status_code == 400
    assert "proposed_on" in response.context["proposal_form"].errors
    assert 'value="05/TTr-KP1"' in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == Status.REVIEWED

    client.post(reverse("evaluations:evaluation_propose", args=[evaluation.pk]),
                {"number": "05/TTr-KP1", "proposed_on": today.isoformat()})
    response = login(leader_a).post(reverse("evaluations:evaluation_decide", args=[evaluation.pk]),
                                    {"recognise": "yes", "decided_on": tomorrow, "decision_number": "09/QĐ-UBND"})
    assert response.status_code == 400
    assert "decided_on" in response.context["decision_form"].errors
    assert 'value="09/QĐ-UBND"' in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PROPOSED

    check = evaluation.results.get(criterion__code="no_serious_incident")
    response = client.post(reverse("evaluations:result_exception", args=[check.pk]), {"reason": "ngắn"})
    assert response.status_code == 400
    page = response.content.decode()
    assert ">ngắn</textarea>" in page and "ít nhất 10 ký tự" in page
    check.refresh_from_db()
    assert check.exception_reason == ""


def test_the_province_dashboard_puts_the_worst_first_filters_below_target_and_says_no_data(tree, people, login,
                                                                                          leader_a):
    recognise(people.officer_a, leader_a, register(people.officer_a, unit=tree.a1))
    client = login(people.province)
    url = reverse("evaluations:dashboard") + f"?unit={tree.province.pk}"
    page = client.get(url)
    names = [row["unit"].pk for row in page.context["areas"]]
    assert names == [tree.b.pk, tree.a.pk]  # B recognised nothing: first
    below = client.get(url + "&below=1").context["areas"]
    assert [row["unit"].pk for row in below] == [tree.b.pk, tree.a.pk]  # A: 1 of its 2 units, under 75 %
    by_name = client.get(url + "&order=name").context["areas"]
    assert [row["unit"].pk for row in by_name] == [tree.b.pk, tree.a.pk]  # Hoà Hội before Tân Ninh
    tiles = page.context["commune_tiles"]
    assert [t["unit"].pk for t in tiles] == [tree.b.pk, tree.a.pk]
    # Years nobody registered for have no data, never 0 %.
    chart = page.context["history_chart"]
    assert chart["values"][:4] == [None] * 4 and chart["values"][4] is not None
    assert "chưa có số liệu" in page.content.decode()


def test_areas_below_the_target_compare_exact_shares(tree):
    from decimal import Decimal

    from antq.evaluations.selectors import area_rows

    rows = [{"unit": tree.a, "share": Decimal("74.995")}, {"unit": tree.b, "share": Decimal("75")},
            {"unit": tree.province, "share": None}]
    assert [r["unit"] for r in area_rows(rows, Decimal("75"), below=True)] == [tree.a]
    assert [r["unit"] for r in area_rows(rows, Decimal("75"))] == [tree.a, tree.b, tree.province]
