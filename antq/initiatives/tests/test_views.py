import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from antq.core.testing import check_three_ways
from antq.initiatives import services
from antq.initiatives.models import ExemplaryUnit, Grading, Initiative, Site, Team
from antq.initiatives.tests.factories import graded, long_ago, model
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _without_view(tree):
    """A member-organisation officer of A whose role lost the models permission."""
    user = UserFactory(home_unit=tree.a)
    grant(user, "member_org_officer", tree.a)
    role = user.role_assignments.get().role
    role.permissions.remove(*role.permissions.filter(code="initiatives.view_initiative"))
    return user


def test_model_page_three_ways(tree, people, login):
    own = model(people.officer_a, tree.a, people.police_a)
    check_three_ways(client_for=login, url=reverse("initiatives:initiative_detail", args=[own.pk]),
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=_without_view(tree), denied=404)


def test_grading_through_the_page_three_ways_and_nothing_saved_when_refused(tree, people, login):
    own = model(people.officer_a, tree.a, people.police_a)
    year = timezone.localdate().year - 1
    data = {"period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "grade": "good", "note": "Tốt"}
    check_three_ways(client_for=login, url=reverse("initiatives:initiative_grade", args=[own.pk]), method="post",
                     data=data, allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
                     ok=(302,), state=lambda: Grading.objects.count())
    assert own.gradings.get().grade == "good"


def test_a_bad_grading_shows_why_and_saves_nothing(tree, people, login):
    own = model(people.officer_a, tree.a, people.police_a)
    client = login(people.officer_a)
    response = client.post(reverse("initiatives:initiative_grade", args=[own.pk]), {
        "period_start": "2025-12-31", "period_end": "2025-01-01", "grade": "good"}, follow=True)
    assert not Grading.objects.exists()
    text = response.content.decode()
    assert "Kỳ đánh giá phải kết thúc sau khi bắt đầu" in text


def test_registering_a_model_through_the_page(tree, people, login):
    client = login(people.officer_a)
    url = reverse("initiatives:initiative_create") + f"?unit={tree.a.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert people.police_b not in page.context["form"].fields["organisation"].queryset
    response = client.post(url, {"unit": tree.a1.pk, "organisation": people.police_a.pk, "name": "Camera khu phố 1",
                                 "kind": "self_protection", "started_on": "2024-05-01"})
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/initiatives/{initiative.pk}/")
    assert (initiative.unit, initiative.commune) == (tree.a1, tree.a)
    # Another commune's page is not there for A's officer.
    assert client.get(reverse("initiatives:initiative_create") + f"?unit={tree.b.pk}").status_code == 404
    bad = client.post(url, {"unit": tree.a.pk, "organisation": people.police_a.pk, "name": "",
                            "kind": "self_protection", "started_on": "2024-05-01"})
    assert bad.status_code == 400 and Initiative.objects.count() == 1


def test_sites_and_teams_through_the_page(tree, people, login):
    own = model(people.officer_a, tree.a, people.police_a)
    client = login(people.officer_a)
    client.post(reverse("initiatives:site_add", args=[own.pk]), {
        "unit": tree.a1.pk, "name": "Khu phố 1", "started_on": long_ago().isoformat()})
    site = Site.objects.get()
    client.post(reverse("initiatives:team_form", args=[own.pk]), {
        "name": "Tổ tự quản số 1", "site": site.pk, "formed_on": long_ago().isoformat(), "leader": "Nguyễn Văn An",
        "leader_phone": "0912 345 678", "members": "Trần Thị Bình, 0987654321\nLê Văn Cường\n\n"})
    team = Team.objects.get()
    assert sorted(team.members.values_list("full_name", "role", "phone")) == [
        ("Lê Văn Cường", "member", ""), ("Nguyễn Văn An", "leader", "0912 345 678"),
        ("Trần Thị Bình", "member", "0987654321")]
    page = client.get(reverse("initiatives:initiative_detail", args=[own.pk]))
    assert "Nguyễn Văn An" in page.content.decode()
    # B's officer cannot add a member to A's team.
    response = login(people.officer_b).post(reverse("initiatives:member_add", args=[team.pk]), {
        "full_name": "Người lạ", "role": "member", "joined_on": timezone.localdate().isoformat()})
    assert response.status_code == 404 and team.members.count() == 3


def test_the_list_is_scoped_and_a_commune_sees_its_provinces_models(tree, people, login):
    camera = model(people.province, tree.province, people.police_p, name="Camera an ninh")
    own_a = model(people.officer_a, tree.a, people.police_a, name="Tổ tự quản A")
    own_b = model(people.officer_b, tree.b, people.police_b, name="Tổ tự quản B")
    listed = login(people.officer_a).get(reverse("initiatives:initiative_list"))
    assert {m.pk for m in listed.context["table"].data} == {camera.pk, own_a.pk}
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    listed = login(leader).get(reverse("initiatives:initiative_list"))
    assert {m.pk for m in listed.context["table"].data} == {camera.pk, own_a.pk, own_b.pk}
    assert login(people.officer_a).get(reverse("initiatives:initiative_detail", args=[own_b.pk])).status_code == 404
    found = login(leader).get(reverse("initiatives:initiative_list") + "?q=to tu quan")
    assert {m.pk for m in found.context["table"].data} == {own_a.pk, own_b.pk}


def test_list_and_dashboard_pin_their_query_counts(tree, people, login):
    client = login(people.province)
    urls = [reverse("initiatives:initiative_list"), reverse("initiatives:dashboard") + f"?unit={tree.province.pk}",
            reverse("initiatives:dashboard") + f"?unit={tree.a.pk}"]
    first = model(people.officer_a, tree.a, people.police_a)
    # One model already to review: with none, the review list skips its second query.
    graded(people.officer_a, first, "ineffective", timezone.localdate().year - 2)
    for url in urls:
        client.get(url)
    with CaptureQueriesContext(connection) as few:
        for url in urls:
            assert client.get(url).status_code == 200
    for n in range(6):
        initiative = model(people.officer_a, tree.a, people.police_a, name=f"Mô hình {n}")
        site = services.site_add(actor=people.officer_a, initiative=initiative, unit=tree.a1, name=f"Điểm {n}",
                                 started_on=long_ago())
        services.team_form(actor=people.officer_a, initiative=initiative, site=site, name=f"Tổ {n}",
                           formed_on=long_ago(), members=[{"full_name": "An", "role": "leader"}])
        graded(people.officer_a, initiative, "ineffective" if n % 2 else "good", timezone.localdate().year - 2)
    with CaptureQueriesContext(connection) as many:
        for url in urls:
            assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_province_recognises_an_exemplary_ward_three_ways(tree, people, login):
    observer = UserFactory(home_unit=tree.province)
    grant(observer, "observer", tree.province)
    data = {"unit": tree.a.pk, "recognised_on": long_ago().isoformat(), "decision_number": "2150/QĐ-UBND",
            "issued_by": "UBND tỉnh Tây Ninh"}
    check_three_ways(client_for=login, url=reverse("initiatives:exemplary_create", args=[tree.province.pk]),
                     method="post", data=data, allowed=people.province, outsider=people.officer_a,
                     unpermitted=observer, ok=(302,), state=lambda: ExemplaryUnit.objects.count())
    assert ExemplaryUnit.objects.get().unit == tree.a
    page = login(people.province).get(reverse("initiatives:dashboard") + f"?unit={tree.province.pk}")
    line = page.context["coverage"]["provinces"][0]
    assert (line["wards"], line["lacks_commune"]) == (1, True)
    assert "chưa có xã điển hình" in page.content.decode()


def test_dashboard_exports_xlsx(tree, people, login):
    model(people.officer_a, tree.a, people.police_a)
    response = login(people.province).get(reverse("initiatives:dashboard_xlsx") + f"?unit={tree.province.pk}")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True))
    assert rows[0][:2] == ("Phường Tân Ninh", 1)
    assert rows[-1][1] == 1
