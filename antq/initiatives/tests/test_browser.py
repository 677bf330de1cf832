"""A commune Front officer grades a model on a phone; the province page fits an office screen."""

import datetime

import pytest

from antq.core.tests.test_browser import CHROMIUM, _log_in, _page, _shot, browser  # noqa: F401 (fixture)
from antq.initiatives.models import Grading
from antq.initiatives.tests.factories import model
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.django_db(transaction=True),
]


def test_grading_a_model_on_a_phone(browser, live_server, tree, people):  # noqa: F811
    officer = UserFactory(username="mttq.a", full_name="Huỳnh Thị Mai", home_unit=tree.a)
    grant(officer, "commune_front", tree.a)
    own = model(people.officer_a, tree.a, people.police_a, name="Tổ phụ nữ tự hòa giải", kind="self_mediation")
    page = _page(browser, width=360, height=740)
    _log_in(page, live_server, "mttq.a")
    page.goto(f"{live_server.url}/initiatives/?unit={tree.a.pk}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("text=Tổ phụ nữ tự hòa giải")
    page.click("text=Đánh giá mô hình")
    page.select_option("form[action$='/grade/'] select[name=grade]", "ineffective")
    page.click("form[action$='/grade/'] button")
    assert "Hãy nêu vì sao mô hình không hiệu quả" in page.locator(".alert").inner_text()
    assert not Grading.objects.exists()
    page.click("text=Đánh giá mô hình")
    page.select_option("form[action$='/grade/'] select[name=grade]", "good")
    page.fill("form[action$='/grade/'] textarea[name=note]", "Hòa giải thành 12/13 vụ việc")
    page.click("form[action$='/grade/'] button")
    assert "Đã lưu kết quả đánh giá" in page.locator(".alert").inner_text()
    assert Grading.objects.get(initiative=own).grade == "good"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, "initiative-phone")


def test_the_province_page_fits_an_office_screen(browser, live_server, tree, people):  # noqa: F811
    leader = UserFactory(username="lanhdao.tinh", home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    model(people.officer_a, tree.a, people.police_a, started_on=datetime.date(2024, 1, 1))
    page = _page(browser, width=1280, height=800)
    _log_in(page, live_server, "lanhdao.tinh")
    page.goto(f"{live_server.url}/initiatives/")
    assert page.locator("h1").inner_text() == "Mô hình, điển hình tiên tiến"
    assert "chưa có xã điển hình" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    _shot(page, "initiatives-province")
