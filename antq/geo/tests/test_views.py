import pytest
from django.urls import reverse

from antq.core.testing import check_three_ways
from antq.geo.models import AdminUnit
from antq.geo.tests.factories import AdminUnitFactory

pytestmark = pytest.mark.django_db


def test_unit_detail_three_ways(tree, people, login):
    response = check_three_ways(
        client_for=login, url=reverse("geo:unit_detail", args=[tree.a1.pk]),
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=_no_role_user(tree),
        denied=404,
    )
    assert "Khu phố 1" in response.content.decode()


def _no_role_user(tree):
    from antq.orgs.tests.factories import UserFactory

    return UserFactory(home_unit=tree.a)


def test_add_residential_area_three_ways_and_refusals_change_nothing(tree, people, login):
    count = lambda: AdminUnit.objects.filter(parent=tree.a).count()  # noqa: E731
    response = check_three_ways(
        client_for=login, url=reverse("geo:area_create", args=[tree.a.pk]), method="post",
        data={"name": "Khu phố 7", "unit_type": _type("khu_pho")},
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
        ok=(302,), state=count,
    )
    assert response.url == reverse("geo:unit_detail", args=[tree.a.pk])
    assert AdminUnit.objects.filter(parent=tree.a, name="Khu phố 7").exists()


def _type(code):
    from antq.geo.models import UnitType

    return UnitType.objects.get(code=code).pk


def test_duplicate_name_shows_a_vietnamese_message_and_saves_nothing(tree, people, login):
    response = login(people.officer_a).post(reverse("geo:area_create", args=[tree.a.pk]),
                                            {"name": "khu phố 1", "unit_type": _type("khu_pho")})
    assert response.status_code == 400
    assert "đã có khu dân cư tên" in response.content.decode()
    assert AdminUnit.objects.filter(parent=tree.a).count() == 1


def test_empty_form_shows_required_message_in_vietnamese(tree, people, login):
    response = login(people.officer_a).post(reverse("geo:area_create", args=[tree.a.pk]), {"name": ""})
    assert "Trường này là bắt buộc" in response.content.decode()
    assert AdminUnit.objects.filter(parent=tree.a).count() == 1


def test_search_ignores_diacritics_and_stays_in_scope(tree, people, login):
    response = login(people.province).get(reverse("geo:unit_list"), {"q": "hoa binh"})
    units = list(response.context["table"].data)
    assert units == [tree.b1]
    response = login(people.officer_a).get(reverse("geo:unit_list"), {"q": "hoa binh"})
    assert list(response.context["table"].data) == []


def test_unit_list_query_count_does_not_grow_with_rows(tree, people, login, django_assert_num_queries):
    for i in range(30):
        AdminUnitFactory(parent=tree.b, name=f"Ấp Số {i}", unit_type="ap")
    client = login(people.province)
    client.get(reverse("geo:unit_list"), {"q": "ap"})  # warm the session
    with django_assert_num_queries(7):
        response = client.get(reverse("geo:unit_list"), {"q": "ap"})
    assert len(response.context["table"].page.object_list) == 31


def test_unit_detail_query_count_is_pinned(tree, people, login, django_assert_num_queries):
    for i in range(20):
        AdminUnitFactory(parent=tree.a, name=f"Khu phố {i + 10}", unit_type="khu_pho")
    client = login(people.officer_a)
    client.get(reverse("geo:unit_detail", args=[tree.a.pk]))
    with django_assert_num_queries(9):
        client.get(reverse("geo:unit_detail", args=[tree.a.pk]))


def test_htmx_search_returns_only_the_table(tree, people, login):
    response = login(people.officer_a).get(reverse("geo:unit_detail", args=[tree.a.pk]), {"q": "khu pho"},
                                           HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="unit-table"' in body and "<html" not in body


def test_the_breadcrumb_links_only_to_units_the_user_may_open(tree, people, login):
    page = login(people.officer_a).get(reverse("geo:unit_detail", args=[tree.a1.pk])).content.decode()
    assert reverse("geo:unit_detail", args=[tree.a.pk]) in page  # their commune
    for above in (tree.province, tree.root):  # outside their scope: a link would be a 404
        assert reverse("geo:unit_detail", args=[above.pk]) not in page
