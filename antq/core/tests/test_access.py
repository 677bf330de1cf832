import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from antq.core.access import has_permission
from antq.geo.models import AdminUnit
from antq.geo.tests.factories import AdminUnitFactory
from antq.orgs.models import RoleAssignment
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_visible_to_is_a_prefix_match_on_the_scope(tree, people):
    visible = set(AdminUnit.objects.visible_to(people.officer_a, "geo.view_unit"))
    assert visible == {tree.a, tree.a1}


def test_a_sibling_whose_id_shares_a_prefix_is_not_inside_the_scope(tree, people):
    # "/1/2/" must not match "/1/22/": paths end with a slash.
    siblings = [AdminUnitFactory(parent=tree.province, name=f"Xã {i}") for i in range(12)]
    for unit in siblings:
        assert not unit.path.startswith(tree.a.path)
    assert not AdminUnit.objects.visible_to(people.officer_a, "geo.view_unit").filter(
        pk__in=[u.pk for u in siblings]).exists()


def test_scopes_are_read_once_then_each_visible_to_is_one_query(tree, people):
    with CaptureQueriesContext(connection) as ctx:
        first = list(AdminUnit.objects.visible_to(people.province, "geo.view_unit"))
    assert len(ctx.captured_queries) == 2  # the user's scopes, then the units
    with CaptureQueriesContext(connection) as ctx:
        again = list(AdminUnit.objects.visible_to(people.province, "geo.view_unit"))
        allowed = has_permission(people.province, "geo.view_unit", tree.b1)
    assert len(ctx.captured_queries) == 1
    assert again == first and allowed
    # The prefixes are constants in the SQL, so the path index can serve them.
    assert tree.province.path in ctx.captured_queries[0]["sql"]


def test_a_grant_is_seen_at_once_by_the_same_user_object(tree, people):
    from antq.orgs import services
    from antq.orgs.tests.factories import UserFactory

    newcomer = UserFactory(home_unit=tree.a)
    assert not AdminUnit.objects.visible_to(newcomer, "geo.view_unit").exists()
    services.role_grant(actor=people.officer_a, user=newcomer, organisation=people.police_a,
                        role=_role("observer"), scope=tree.a1)
    assert list(AdminUnit.objects.visible_to(newcomer, "geo.view_unit")) == [tree.a1]


def _role(code):
    from antq.orgs.models import Role

    return Role.objects.get(code=code)


def test_a_revoked_role_or_inactive_user_sees_nothing(tree, people):
    RoleAssignment.objects.filter(user=people.officer_a).update(revoked_at=timezone.now())
    assert not AdminUnit.objects.visible_to(people.officer_a, "geo.view_unit").exists()
    people.officer_b.is_active = False
    people.officer_b.save()
    assert not AdminUnit.objects.visible_to(people.officer_b, "geo.view_unit").exists()


def test_anonymous_sees_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not AdminUnit.objects.visible_to(AnonymousUser(), "geo.view_unit").exists()
    assert not has_permission(AnonymousUser(), "geo.view_unit")


def test_has_permission_checks_the_action_and_the_unit(tree, people):
    assert has_permission(people.officer_a, "geo.manage_residential_area", tree.a1)
    assert not has_permission(people.officer_a, "geo.manage_residential_area", tree.b1)
    assert not has_permission(people.viewer_a, "geo.manage_residential_area", tree.a1)
    assert has_permission(people.province, "geo.manage_residential_area", tree.b1)


def test_a_large_table_is_scoped_on_its_own_columns_without_a_join(tree, people):
    """Tips and evaluations carry their province and commune: a commune or province scope is an equality
    on that indexed column (no join to the unit path), a national scope no condition at all."""
    from antq.evaluations.models import Evaluation
    from antq.tips.models import Tip
    from antq.tips.tests.factories import anonymous_tip

    mine, _ = anonymous_tip(tree.a)
    other, _ = anonymous_tip(tree.b)
    commune_sql = str(Tip.objects.visible_to(people.officer_a, "tips.view_tip").query)
    assert "geo_adminunit" not in commune_sql and f'"commune_id" = {tree.a.pk}' in commune_sql
    province_sql = str(Evaluation.objects.visible_to(people.province, "evaluations.view_evaluation").query)
    assert "geo_adminunit" not in province_sql and f'"province_id" = {tree.province.pk}' in province_sql
    assert list(Tip.objects.visible_to(people.officer_a, "tips.view_tip")) == [mine]
    assert set(Tip.objects.visible_to(people.province, "tips.view_tip")) == {mine, other}
    national = UserFactory(home_unit=tree.root)
    grant(national, "central_leader", tree.root)
    assert "WHERE" not in str(Evaluation.objects.visible_to(national, "evaluations.view_evaluation").query)


def test_a_long_list_counts_up_to_a_bound(tree, people, login, monkeypatch):
    from antq.core.views import BoundedPaginator
    from antq.tips.tests.factories import anonymous_tip

    for _ in range(4):
        anonymous_tip(tree.a)
    monkeypatch.setattr(BoundedPaginator, "LIMIT", 2)
    page = login(people.officer_a).get(reverse("tips:tip_list"))
    assert page.context["table"].paginator.count == 3 and page.context["table"].paginator.beyond
    assert "Hơn 2 dòng" in page.content.decode()
    monkeypatch.setattr(BoundedPaginator, "LIMIT", 10)
    page = login(people.officer_a).get(reverse("tips:tip_list"))
    assert page.context["table"].paginator.count == 4 and "4 dòng" in page.content.decode()
