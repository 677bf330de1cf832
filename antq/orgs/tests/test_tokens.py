"""API tokens: hashed at rest with an expiry, made and revoked with a fresh second-factor code; the last
system administrator stays."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from antq.core.models import AuditEvent
from antq.orgs import services
from antq.orgs.models import RoleAssignment
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):  # the messages matched below; pages pick their own language
        yield


def _device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _code(device, step=0):
    """The authenticator's code now (step=1: the next one, so two codes in a test are not a reuse)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=step):06d}"


def test_a_token_is_stored_hashed_expires_and_opens_the_api_until_revoked(tree, people):
    device = _device(people.viewer_a)
    key = services.api_token_issue(actor=people.viewer_a, days=7, code=_code(device))
    token = AuthToken.objects.get(user=people.viewer_a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM knox_authtoken")
        assert key not in " ".join(str(v) for row in cursor.fetchall() for v in row)  # only its hash
    assert datetime.timedelta(days=6, hours=23) < token.expiry - timezone.now() <= datetime.timedelta(days=7)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/units/").status_code == 200
    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/api/v1/units/").status_code == 401  # expired
    assert AuditEvent.objects.filter(action="orgs.api_token_issue", after__token=token.token_key).exists()


def test_without_a_fresh_code_no_token_is_made_or_revoked(tree, people):
    with pytest.raises(ValidationError, match="Set up your authenticator"):
        services.api_token_issue(actor=people.viewer_a, days=7, code="123456")
    device = _device(people.viewer_a)
    with pytest.raises(ValidationError, match="wrong or has expired"):
        services.api_token_issue(actor=people.viewer_a, days=7, code="000000" if _code(device) != "000000" else "1")
    with pytest.raises(ValidationError, match="Between 1 and 90 days"):
        services.api_token_issue(actor=people.viewer_a, days=365, code=_code(device))
    assert not AuthToken.objects.exists()
    services.api_token_issue(actor=people.viewer_a, days=7, code=_code(device))
    token = AuthToken.objects.get()
    with pytest.raises(ValidationError, match="wrong or has expired"):  # the same code twice is refused
        services.api_token_revoke(actor=people.viewer_a, token=token, code=_code(device))
    assert AuthToken.objects.exists()
    services.api_token_revoke(actor=people.viewer_a, token=token, code=_code(device, step=1))
    assert not AuthToken.objects.exists()
    assert AuditEvent.objects.filter(action="orgs.api_token_revoke").count() == 1


def test_an_administrator_revokes_a_users_token_and_an_outsider_cannot(tree, people, login):
    owner_device = _device(people.viewer_a)
    key = services.api_token_issue(actor=people.viewer_a, days=7, code=_code(owner_device))
    token = AuthToken.objects.get()
    admin = UserFactory(home_unit=tree.province)
    grant(admin, "system_admin", tree.root)
    admin_device = _device(admin)
    url = reverse("api_token_revoke", args=[token.token_key])
    assert login(people.officer_b).post(url, {"code": "123456"}).status_code == 404  # not theirs to see
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=people.officer_b, token=token, code="123456")
    page = login(admin).get(reverse("orgs:user_detail", args=[people.viewer_a.pk]))
    assert token.token_key in page.content.decode() and key not in page.content.decode()
    assert login(admin).post(url, {"code": _code(admin_device)}).status_code == 302
    assert not AuthToken.objects.exists()


def test_the_token_page_keeps_what_was_typed_and_shows_the_key_once(tree, people, login):
    device = _device(people.viewer_a)
    client = login(people.viewer_a)
    bad = client.post(reverse("api_token"), {"days": "400", "code": _code(device)})
    assert bad.status_code == 400 and 'value="400"' in bad.content.decode() and not AuthToken.objects.exists()
    made = client.post(reverse("api_token"), {"days": "30", "code": _code(device, step=1)})
    key = made.context["key"]
    assert made.status_code == 200 and key.startswith("antq_") and key in made.content.decode()
    assert key not in client.get(reverse("api_token")).content.decode()  # shown once


def test_the_last_system_administrator_cannot_be_revoked(tree, people):
    first = UserFactory(home_unit=tree.root)
    only = grant(first, "system_admin", tree.root)
    with pytest.raises(ValidationError, match="last system administrator"):
        services.role_revoke(actor=first, assignment=only)
    assert RoleAssignment.objects.get(pk=only.pk).revoked_at is None
    second = UserFactory(home_unit=tree.root)
    grant(second, "system_admin", tree.root)
    services.role_revoke(actor=second, assignment=only)
    assert RoleAssignment.objects.get(pk=only.pk).revoked_at is not None
