import pytest
from django.core import mail
from django.urls import reverse

from antq.core.testing import check_three_ways
from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User
from antq.orgs.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organisation_detail_three_ways(tree, people, login):
    check_three_ways(client_for=login, url=reverse("orgs:organisation_detail", args=[people.police_a.pk]),
                     allowed=people.officer_a, outsider=people.officer_b,
                     unpermitted=UserFactory(home_unit=tree.a), denied=404)


def test_organisation_edit_three_ways(tree, people, login):
    name = lambda: Organisation.objects.get(pk=people.police_a.pk).name  # noqa: E731
    check_three_ways(
        client_for=login, url=reverse("orgs:organisation_edit", args=[people.police_a.pk]), method="post",
        data={"name": "Công an phường Tân Ninh (mới)", "org_type": OrganisationType.objects.get(code="police").pk,
              "is_active": "on"},
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(302,), state=name,
    )
    assert name() == "Công an phường Tân Ninh (mới)"


def test_organisation_create_from_the_unit(tree, people, login):
    count = lambda: Organisation.objects.filter(unit=tree.a).count()  # noqa: E731
    check_three_ways(
        client_for=login, url=reverse("orgs:organisation_create", args=[tree.a.pk]), method="post",
        data={"name": "Hội Phụ nữ phường Tân Ninh", "org_type": OrganisationType.objects.get(code="women").pk},
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(302,), state=count,
    )
    assert count() == 2


def test_user_detail_three_ways(tree, people, login):
    check_three_ways(client_for=login, url=reverse("orgs:user_detail", args=[people.viewer_a.pk]),
                     allowed=people.officer_a, outsider=people.officer_b,
                     unpermitted=_member_org_officer(tree), denied=404)


def _member_org_officer(tree):
    from antq.orgs.tests.factories import grant

    user = UserFactory(home_unit=tree.a)
    grant(user, "member_org_officer", tree.a)
    return user


def test_grant_role_three_ways(tree, people, login):
    newcomer = UserFactory(home_unit=tree.a)
    count = lambda: RoleAssignment.objects.filter(user=newcomer).count()  # noqa: E731
    check_three_ways(
        client_for=login, url=reverse("orgs:role_grant", args=[newcomer.pk]), method="post",
        data={"organisation": people.police_a.pk, "role": Role.objects.get(code="area_head").pk,
              "scope": tree.a1.pk},
        allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(302,), state=count,
    )
    assert count() == 1


def test_grant_with_a_scope_outside_the_commune_is_refused(tree, people, login):
    newcomer = UserFactory(home_unit=tree.a)
    response = login(people.officer_a).post(
        reverse("orgs:role_grant", args=[newcomer.pk]),
        {"organisation": people.police_b.pk, "role": Role.objects.get(code="observer").pk, "scope": tree.b.pk},
    )
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()  # not among the offered choices
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_revoke_three_ways(tree, people, login):
    assignment = RoleAssignment.objects.get(user=people.viewer_a)
    revoked = lambda: RoleAssignment.objects.get(pk=assignment.pk).revoked_at is not None  # noqa: E731
    check_three_ways(client_for=login, url=reverse("orgs:role_revoke", args=[assignment.pk]), method="post",
                     data={}, allowed=people.officer_a, outsider=people.officer_b,
                     unpermitted=_member_org_officer(tree), denied=404, ok=(302,), state=revoked)
    assert revoked()


def test_create_user_sends_the_setup_link_through_the_worker(tree, people, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(people.officer_a).post(reverse("orgs:user_create", args=[tree.a.pk]), {
            "username": "phunu.a", "full_name": "Nguyễn Thị Phụ Nữ", "email": "phunu@example.vn"})
    assert response.status_code == 302
    user = User.objects.get(username="phunu.a")
    assert user.home_unit == tree.a and not user.has_usable_password()
    # The task was queued, not run in the request.
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="send_password_setup_email").count() == 1
    assert mail.outbox == []


def test_user_create_outside_scope_is_404(tree, people, login):
    response = login(people.officer_a).post(reverse("orgs:user_create", args=[tree.b.pk]), {
        "username": "x.b", "full_name": "X", "password": "Mot-mat-khau-dai-2026"})
    assert response.status_code == 404
    assert not User.objects.filter(username="x.b").exists()


def test_lists_show_only_the_scope_with_pinned_queries(tree, people, login, django_assert_num_queries):
    for i in range(15):
        OrganisationFactory(unit=tree.a, name=f"Chi hội {i}")
        OrganisationFactory(unit=tree.b, name=f"Chi hội B {i}")
        UserFactory(home_unit=tree.a)
    client = login(people.officer_a)
    client.get(reverse("orgs:organisation_list"))
    with django_assert_num_queries(7):
        response = client.get(reverse("orgs:organisation_list"))
    orgs = list(response.context["table"].data)
    assert len(orgs) == 16 and all(o.unit_id == tree.a.pk for o in orgs)
    with django_assert_num_queries(6):
        response = client.get(reverse("orgs:user_list"))
    users = list(response.context["table"].data)
    assert people.officer_b not in users and len(users) == 17


def test_home_shows_the_jurisdiction(tree, people, login, django_assert_num_queries):
    client = login(people.officer_a)
    client.get(reverse("home"))
    with django_assert_num_queries(35):  # the day's cards and the glance: a fixed number of aggregate queries
        response = client.get(reverse("home"))
    assert "Phường Tân Ninh" in response.content.decode()


def test_audit_trail_page_is_scoped(tree, people, login):
    from antq.geo import services
    from antq.geo.models import UnitType

    services.residential_area_create(actor=people.officer_b, commune=tree.b, name="Ấp Mới",
                                     unit_type=UnitType.objects.get(code="ap"))
    response = login(people.officer_a).get(reverse("audit_list"))
    assert response.status_code == 200
    assert list(response.context["table"].data) == []
    response = login(people.officer_b).get(reverse("audit_list"))
    assert len(list(response.context["table"].data)) == 1
    assert login(people.viewer_a).get(reverse("audit_list")).status_code == 403


def test_grant_form_offers_only_roles_the_actor_may_grant(tree, people, login):
    response = login(people.officer_a).get(reverse("orgs:user_detail", args=[people.viewer_a.pk]))
    offered = {role.code for role in response.context["grant_form"].fields["role"].queryset}
    assert "system_admin" not in offered
    assert {"commune_police", "area_head", "observer"} <= offered
    scopes = set(response.context["grant_form"].fields["scope"].queryset)
    assert scopes == {tree.a, tree.a1}  # the province above is not the officer's to grant
