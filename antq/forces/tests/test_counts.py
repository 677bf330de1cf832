"""The nation's and a province's counts: teams, recognised members, the share trained, last year's decided
ratings, one row per unit a level down, in a fixed number of queries; another province 404."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from antq.forces import selectors, services
from antq.geo.tests.factories import AdminUnitFactory
from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def test_the_province_by_commune_and_the_nation_by_province(crew, people, tree, login, django_assert_num_queries):
    course = services.course_create(actor=people.officer_a, commune=tree.a, title="Nghiệp vụ", trainer="Công an",
                                    content="Kỹ năng tuần tra ban đêm", place="", starts_on=datetime.date(2026, 6, 1),
                                    ends_on=datetime.date(2026, 6, 2), required=True)
    services.attendance_record(actor=people.officer_a, course=course, results={crew.members[0]: "passed",
                                                                               crew.members[1]: "failed"})
    figures = selectors.counts(people.province, tree.province, datetime.date(2026, 12, 1))
    [row] = figures["rows"]
    assert (row["unit"], row["teams"], row["members"], row["trained"]) == (tree.a.pk, 1, 3, 1)
    assert round(row["share"], 1) == Decimal("33.3")  # one in three, rounded only here
    client = login(people.province)
    url = reverse("forces:counts") + f"?unit={tree.province.pk}"
    client.get(url)
    with django_assert_num_queries(11):
        page = client.get(url)
    assert "Phường Tân Ninh" in page.content.decode() and "33,3%" in page.content.decode()
    other = AdminUnitFactory(name="Tỉnh Khác", unit_type="tinh", parent=tree.root, code="99")
    assert client.get(reverse("forces:counts") + f"?unit={other.pk}").status_code == 404
    leader = UserFactory(username="lanhdao.tw", home_unit=tree.root)
    grant(leader, "central_leader", tree.root, OrganisationFactory(unit=tree.root, name="Bộ Công an"))
    national = login(leader).get(reverse("forces:counts")).content.decode()
    assert "Tây Ninh" in national and f"?unit={tree.province.pk}" in national
    assert login(people.officer_a).get(reverse("forces:counts")).url == reverse("forces:team_list")  # its board
