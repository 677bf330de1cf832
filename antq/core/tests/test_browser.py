"""End-to-end in headless Chromium (Debian's `chromium`), skipped when it is not installed."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.geo.models import AdminUnit
from antq.orgs.tests.factories import PASSWORD, UserFactory, grant

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(settings.VAR_DIR) / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.django_db(transaction=True),
]
# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain set-up.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield instance
        instance.close()


def _page(browser, width=1280, height=800):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    return context.new_page()


def _log_in(page, live_server, username, second_factor=True):
    """Sign in; a role holding a sensitive permission (a Front officer may open a supervision file in an
    emergency) passes its second factor too, from a device enrolled here."""
    from antq.orgs.models import User

    user = User.objects.get(username=username)
    device = None
    if second_factor and user.requires_second_factor:
        device, _created = TOTPDevice.objects.get_or_create(user=user, name="phone", defaults={"confirmed": True})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    if device is not None and "/accounts/otp/" in page.url:
        page.fill("#id_token", f"{totp(device.bin_key):06d}")
        page.click("main button[type=submit]")


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_front_officer_adds_a_residential_area(browser, live_server, tree):
    officer = UserFactory(username="mttq.a", full_name="Huỳnh Thị Mai", home_unit=tree.a)
    grant(officer, "commune_front", tree.a)
    page = _page(browser)
    _log_in(page, live_server, "mttq.a")
    assert page.locator("h1").inner_text() == "Xin chào, Huỳnh Thị Mai"  # Vietnamese despite an English browser
    page.click("section[aria-labelledby=units] a:has-text('Phường Tân Ninh')")  # not a card of the day
    page.click("a:has-text('Thêm khu dân cư')")
    page.fill("#id_name", "Khu phố 6")
    page.select_option("#id_unit_type", label="Khu phố")
    page.click("main button[type=submit]")
    assert "Đã thêm khu dân cư “Khu phố 6”." in page.locator(".alert-success").inner_text()
    assert AdminUnit.objects.filter(parent=tree.a, name="Khu phố 6").exists()
    # The same name again is refused with a clear message, and nothing is added.
    page.click("a:has-text('Thêm khu dân cư')")
    page.fill("#id_name", "khu phố 6")
    page.click("main button[type=submit]")
    assert "đã có khu dân cư tên" in page.locator(".invalid-feedback").inner_text()
    assert AdminUnit.objects.filter(parent=tree.a).count() == 2
    # Live search without accents narrows the table.
    page.goto(f"{live_server.url}/units/{tree.a.pk}/")
    page.fill("#id_q", "khu pho 6")
    page.locator('#unit-table tbody tr').nth(1).wait_for(state="detached")  # no eval: the policy forbids it
    assert page.locator('#unit-table tbody tr').count() == 1
    _shot(page, "unit-desktop")


def test_sensitive_role_logs_in_with_totp_on_a_phone(browser, live_server, tree):
    officer = UserFactory(username="congan.a", full_name="Võ Thành An", home_unit=tree.a)
    grant(officer, "commune_police", tree.a)
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    page = _page(browser, width=360, height=740)
    page.goto(f"{live_server.url}/accounts/login/")
    _shot(page, "login-phone")
    _log_in(page, live_server, "congan.a", second_factor=False)
    assert "/accounts/otp/" in page.url
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Xin chào, Võ Thành An"
    page.goto(f"{live_server.url}/units/{tree.a.pk}/")
    # Nothing wider than a 360-px phone: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Its table is a stack of cards: every value after its column's heading, nothing off-screen.
    row = page.locator("#unit-table tbody tr").first
    headings = [th.text_content().strip() for th in page.locator("#unit-table thead th").all()]
    assert [td.get_attribute("data-label") for td in row.locator("td").all()] == headings
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert row.locator("td").last.is_visible()
    # Fingers need 44 px: buttons and fields on a phone.
    for control in page.locator("main .btn, main .form-control, main .form-select").all():
        if control.is_visible():
            assert control.bounding_box()["height"] >= 44, control.evaluate("e => e.outerHTML")
    _shot(page, "unit-phone")
    page.click(".navbar-toggler")
    page.wait_for_selector("#nav.show")  # the menu has finished opening (slow under load)
    page.click("#nav >> text=Danh mục")
    page.click(".dropdown-menu.show >> text=Tổ chức")
    assert page.locator("h1").inner_text() == "Tổ chức"


def test_out_of_scope_unit_is_not_found(browser, live_server, tree):
    officer = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(officer, "commune_front", tree.a)
    page = _page(browser)
    _log_in(page, live_server, "mttq.a")
    response = page.goto(f"{live_server.url}/units/{tree.b.pk}/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy"
