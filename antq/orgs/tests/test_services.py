import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antq.core.models import AuditEvent
from antq.orgs import services
from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User
from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def _role(code):
    return Role.objects.get(code=code)


def test_commune_officer_grants_a_role_within_the_commune(tree, people):
    newcomer = UserFactory(home_unit=tree.a)
    assignment = services.role_grant(actor=people.officer_a, user=newcomer, organisation=people.police_a,
                                     role=_role("area_head"), scope=tree.a1)
    assert assignment.granted_by == people.officer_a
    event = AuditEvent.objects.get(action="orgs.role_grant")
    assert event.after["scope"] == tree.a1.pk and event.unit_path == tree.a1.path


def test_cannot_grant_outside_own_scope(tree, people):
    user_b = UserFactory(home_unit=tree.b)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=people.officer_a, user=user_b, organisation=people.police_b,
                            role=_role("area_head"), scope=tree.b1)
    # Nor pull a user of A into a scope in B, nor a scope of B for a user of A.
    user_a = UserFactory(home_unit=tree.a)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=people.officer_a, user=user_a, organisation=people.police_b,
                            role=_role("area_head"), scope=tree.b)
    assert not RoleAssignment.objects.filter(user__in=[user_a, user_b]).exists()
    assert not AuditEvent.objects.exists()


def test_cannot_grant_more_than_one_holds(tree, people):
    newcomer = UserFactory(home_unit=tree.a)
    with pytest.raises(ValidationError) as exc:
        services.role_grant(actor=people.officer_a, user=newcomer, organisation=people.police_a,
                            role=_role("system_admin"), scope=tree.a)
    assert "role" in exc.value.message_dict
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_scope_must_lie_within_the_organisation_unit(tree, people):
    org_a1 = OrganisationFactory(unit=tree.a1, name="Ban công tác Mặt trận khu phố 1")
    newcomer = UserFactory(home_unit=tree.a)
    with pytest.raises(ValidationError) as exc:
        services.role_grant(actor=people.officer_a, user=newcomer, organisation=org_a1,
                            role=_role("observer"), scope=tree.a)
    assert "scope" in exc.value.message_dict


def test_a_role_cannot_be_granted_twice_but_can_after_revoke(tree, people):
    newcomer = UserFactory(home_unit=tree.a)
    kwargs = {"user": newcomer, "organisation": people.police_a, "role": _role("observer"), "scope": tree.a}
    first = services.role_grant(actor=people.officer_a, **kwargs)
    with pytest.raises(ValidationError):
        services.role_grant(actor=people.officer_a, **kwargs)
    services.role_revoke(actor=people.officer_a, assignment=first)
    assert not RoleAssignment.objects.active().filter(user=newcomer).exists()
    second = services.role_grant(actor=people.officer_a, **kwargs)
    assert second.pk != first.pk
    assert RoleAssignment.objects.filter(user=newcomer).count() == 2  # history kept


def test_user_create_validates_and_audits_without_the_password(tree, people):
    user = services.user_create(actor=people.officer_a, home_unit=tree.a, username="mttq.a",
                                full_name="Lê Thị Mặt Trận", password="Mot-mat-khau-dai-2026")
    assert user.check_password("Mot-mat-khau-dai-2026")
    event = AuditEvent.objects.get(action="orgs.user_create")
    assert "password" not in event.after and event.after["username"] == "mttq.a"
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=people.officer_a, home_unit=tree.a, username="MTTQ.A", full_name="X",
                             password="Mot-mat-khau-dai-2026")
    assert "username" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=people.officer_a, home_unit=tree.a, username="ngan", full_name="X",
                             password="123")
    assert "password" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.user_create(actor=people.officer_a, home_unit=tree.b, username="b2", full_name="X",
                             password="Mot-mat-khau-dai-2026")
    assert set(User.objects.filter(username__in=["ngan", "b2"])) == set()


def test_organisation_names_are_unique_per_unit(tree, people):
    front = OrganisationType.objects.get(code="front")
    services.organisation_create(actor=people.officer_a, unit=tree.a, org_type=front,
                                 name="Ủy ban MTTQ phường Tân Ninh")
    with pytest.raises(ValidationError):
        services.organisation_create(actor=people.officer_a, unit=tree.a, org_type=front,
                                     name="ủy ban mttq phường tân ninh")
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=people.officer_a, unit=tree.b, org_type=front, name="Khác")
    assert Organisation.objects.filter(org_type=front).count() == 1


def test_first_admin_bootstrap_only_once(tree):
    ministry = OrganisationFactory(unit=tree.root, name="Bộ Công an")
    admin = services.system_admin_bootstrap(username="quantri", password="Quan-tri-2026!",
                                            full_name="Quản trị", organisation=ministry)
    assert admin.requires_second_factor
    with pytest.raises(ValidationError):
        services.system_admin_bootstrap(username="quantri2", password="Quan-tri-2026!",
                                        full_name="Quản trị 2", organisation=ministry)
    assert not User.objects.filter(username="quantri2").exists()


def test_deactivated_user_loses_access(tree, people):
    services.user_set_active(actor=people.officer_a, user=people.viewer_a, is_active=False)
    from antq.geo.models import AdminUnit

    assert not AdminUnit.objects.visible_to(people.viewer_a, "geo.view_unit").exists()
    with pytest.raises(ValidationError):
        services.user_set_active(actor=people.officer_a, user=people.officer_a, is_active=False)


def test_sensitive_permission_requires_second_factor(tree, people):
    assert people.officer_a.requires_second_factor  # commune police hold orgs.manage_user
    observer = UserFactory(home_unit=tree.a)
    grant(observer, "observer", tree.a)
    assert not observer.requires_second_factor


def test_the_system_administrator_holds_every_shipped_permission(db):
    from antq.orgs.models import Permission

    admin = set(Role.objects.get(code="system_admin").permissions.values_list("code", flat=True))
    assert admin == set(Permission.objects.values_list("code", flat=True))
    assert {"committees.view_committee", "programs.submit_report", "orgs.manage_user"} <= admin
