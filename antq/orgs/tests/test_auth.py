import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.orgs.tests.factories import PASSWORD, UserFactory, grant

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_vietnamese_even_for_an_english_browser(db):
    response = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert 'lang="vi"' in body and "Đăng nhập ANTQ" in body


def test_language_switch_to_english(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in to ANTQ" in client.get(reverse("login")).content.decode()


def test_a_user_without_sensitive_roles_logs_in_with_a_password(tree):
    user = UserFactory(home_unit=tree.a)
    grant(user, "observer", tree.a)
    client = Client()
    assert _login(client, user.username).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_sensitive_role_needs_the_totp_code(tree, people, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code is tried first
    client = Client()
    _login(client, people.officer_a.username)
    response = client.get(reverse("geo:unit_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("otp_verify"))
    # No device yet: sent to set one up.
    assert client.get(reverse("otp_verify")).url.startswith(reverse("otp_setup"))
    setup = client.get(reverse("otp_setup"))
    assert "<svg" in setup.content.decode()
    assert 'id="nav"' not in setup.content.decode() and reverse("logout") in setup.content.decode()  # no menu yet
    device = TOTPDevice.objects.get(user=people.officer_a, confirmed=False)
    wrong = client.post(reverse("otp_setup"), {"token": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    code = f"{totp(device.bin_key):06d}"
    assert client.post(reverse("otp_setup"), {"token": code}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    page = client.get(reverse("geo:unit_list"))
    assert page.status_code == 200 and 'id="nav"' in page.content.decode()  # the menu, once verified


def test_api_with_an_unverified_session_is_refused(tree, people):
    client = Client()
    _login(client, people.officer_a.username)
    response = client.get("/api/v1/units/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"


def test_lockout_after_repeated_failures(tree, settings):
    user = UserFactory(home_unit=tree.a)
    grant(user, "observer", tree.a)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.username, "sai-mat-khau")
    response = _login(client, user.username)  # even the right password is refused now
    assert response.status_code in (403, 429)
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_change_is_audited_and_takes_effect(tree):
    from antq.core.models import AuditEvent

    user = UserFactory(home_unit=tree.a)
    grant(user, "observer", tree.a)
    client = Client()
    _login(client, user.username)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Mat-khau-moi-2027", "new_password2": "Mat-khau-moi-2027"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200  # still logged in
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2027")
    assert AuditEvent.objects.filter(action="orgs.password_change", actor=user).count() == 1


def test_wrong_old_password_changes_nothing(tree):
    user = UserFactory(home_unit=tree.a)
    grant(user, "observer", tree.a)
    client = Client()
    _login(client, user.username)
    response = client.post(reverse("password_change"), {
        "old_password": "sai", "new_password1": "Mat-khau-moi-2027", "new_password2": "Mat-khau-moi-2027"})
    assert response.status_code == 200
    assert "Mật khẩu cũ" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_logout_needs_post_and_ends_the_session(tree):
    user = UserFactory(home_unit=tree.a)
    grant(user, "observer", tree.a)
    client = Client()
    _login(client, user.username)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_bootstrap_admin_command(tree, monkeypatch):
    from django.core.management import CommandError, call_command

    from antq.orgs.models import User

    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Quan-tri-vien-2026!")
    call_command("bootstrap_admin", username="admin", full_name="Quản trị viên")
    admin = User.objects.get(username="admin")
    assert admin.requires_second_factor and admin.home_unit == tree.root
    with pytest.raises(CommandError, match="Đã có quản trị hệ thống"):
        call_command("bootstrap_admin", username="admin2", full_name="Hai")
    assert not User.objects.filter(username="admin2").exists()
