import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User

PASSWORD = "Mat-khau-thu-2026"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Tổ chức {n}")
    org_type = factory.LazyFunction(lambda: OrganisationType.objects.get(code="police"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def grant(user: User, role_code: str, scope, organisation: Organisation | None = None) -> RoleAssignment:
    """Test set-up shortcut: give `user` a role over `scope` (bypasses the service on purpose)."""
    org = organisation or Organisation.objects.filter(unit=scope).first() or OrganisationFactory(unit=scope)
    return RoleAssignment.objects.create(user=user, organisation=org, role=Role.objects.get(code=role_code),
                                         scope=scope)


def verified_login(client, user: User) -> None:
    """Log in and mark the session as having passed the second factor."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
