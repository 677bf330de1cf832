"""A team member on a 390-px phone confirms a shift starting soon, signs on, reports what they saw — it lands
as a tip with the commune police — and signs off; nothing runs off the screen's side."""

import datetime

import pytest
from django.utils import timezone

from antq.core.tests.test_browser import CHROMIUM, _log_in, _page, _shot, browser  # noqa: F401 (fixture)
from antq.forces import services
from antq.forces.models import Assignment
from antq.tips.models import Tip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.django_db(transaction=True),
]


def test_a_member_confirms_signs_on_and_reports_a_tip_from_a_phone(browser, live_server, crew, people):  # noqa: F811
    soon = (timezone.now() + datetime.timedelta(minutes=20)).replace(second=0, microsecond=0)
    shift = services.shift_create(actor=people.officer_a, team=crew.team, kind="duty", title="Tuần tra khu chợ",
                                  place="Chợ Tân Ninh", starts_at=soon, ends_at=soon + datetime.timedelta(hours=3),
                                  members=crew.members[:2])
    page = _page(browser, width=390, height=844)
    _log_in(page, live_server, crew.user.username)
    page.goto(f"{live_server.url}/forces/me/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button:has-text('Tôi sẽ có mặt')")
    assert "Đã xác nhận" in page.locator(".alert").first.inner_text()
    page.click("button:has-text('Nhận ca trực')")
    page.fill("textarea[name=incident-description]", "trộm")
    page.click("button:has-text('Gửi báo cáo')")
    assert "ít nhất 10 ký tự" in page.locator(".invalid-feedback").first.inner_text()
    assert page.input_value("textarea[name=incident-description]") == "trộm"  # what was typed stays
    page.fill("textarea[name=incident-description]", "Hai thanh niên cạy khóa xe máy trước sạp số 12")
    page.fill("input[name=incident-place]", "Cổng chợ")
    page.click("button:has-text('Gửi báo cáo')")
    tip = Tip.objects.get()
    assert tip.receipt_code in page.locator(".alert").first.inner_text()
    assert (tip.channel, tip.commune_id, tip.address) == ("patrol", crew.team.commune_id, "Cổng chợ")
    _shot(page, "forces-phone-report")
    page.click("summary:has-text('Kết thúc ca')")
    page.fill("textarea[name=off-seen]", "Một vụ cạy khóa xe, đã báo Công an")
    page.click("form[action$='/sign-off/'] button")
    mine = Assignment.objects.get(shift=shift, member=crew.members[0])
    assert mine.state == "confirmed" and mine.signed_on_at and mine.signed_off_at
