"""A citizen reports anonymously with a photo on a phone, then reads the officer's reply."""


import pytest
from django.core.management import call_command
from PIL import Image

from antq.core.tests.test_browser import CHROMIUM, _page, _shot, browser  # noqa: F401 (fixture)
from antq.tips import services, tasks
from antq.tips.models import Tip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.django_db(transaction=True),
]


def test_anonymous_tip_with_a_photo_then_the_officers_reply(browser, live_server, tree, people, tmp_path,  # noqa: F811
                                                            monkeypatch):
    monkeypatch.setattr(tasks, "_checked_at", -tasks.CHECK_EVERY)  # this process has not queued a registrar yet
    monkeypatch.setattr(tasks, "FOLLOW_UP", 0)  # and queues it to run at once
    photo = tmp_path / "hien-truong.jpg"
    Image.new("RGB", (64, 48), "blue").save(photo, format="JPEG")
    page = _page(browser, width=360, height=740)
    refused = []  # what the Content-Security-Policy blocked: the form must work with scripts from files only
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(f"{live_server.url}/bao-tin/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.select_option("#id_category", label="Ma túy")
    page.fill("#id_description", "Có người bán ma túy ở quán nước đầu ngõ, tối nào cũng có khách lạ")
    page.select_option("#id_province", str(tree.province.pk))
    page.locator('#id_commune option').nth(1).wait_for(state="attached")  # no eval: the policy forbids it
    page.fill("#commune-filter", "tan ninh")  # typed without accents, the one match is chosen
    assert page.input_value("#id_commune") == str(tree.a.pk)
    page.set_input_files("#id_attachments", str(photo))
    assert page.is_hidden("#id_reporter_name")  # anonymous by default: no identity fields shown
    page.check("input[name=anonymous][value=no]")
    assert page.is_visible("#id_reporter_name")  # the form's script (a file) runs under the policy
    page.check("input[name=anonymous][value=yes]")
    page.click("main button[type=submit]")
    code = page.locator("#receipt-code").inner_text()
    assert refused == []
    secret = page.locator("#secret").inner_text()
    _shot(page, "tip-receipt-phone")
    assert not Tip.objects.filter(receipt_code=code).exists()  # answered from the journal
    call_command("worker", batch=True)  # the registrar, queued by the report
    tip = Tip.objects.get(receipt_code=code)
    assert tip.anonymous and tip.attachments.count() == 1

    services.tip_triage(actor=people.officer_a, tip=tip, urgent=False)
    services.officer_message(actor=people.officer_a, tip=tip, body="Công an phường đã nhận tin, đang xác minh.")

    page.goto(f"{live_server.url}/bao-tin/theo-doi/")
    page.fill("#id_receipt_code", code)
    page.fill("#id_secret", secret)
    page.click("main button[type=submit]")
    assert page.locator("#status").inner_text() == "Đã phân loại"
    assert "Công an phường đã nhận tin, đang xác minh." in page.locator("#thread").inner_text()
    page.fill("#id_body", "Tối nay họ lại đến, khoảng 21 giờ.")
    page.click("main button[type=submit]")
    assert "Tối nay họ lại đến" in page.locator("#thread").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, "tip-status-phone")


def test_use_my_location_chooses_the_province_and_commune(browser, live_server, tree):  # noqa: F811
    from antq.geo.services import unit_centres_load

    unit_centres_load(rows=[(tree.a.code, "11.3101", "106.0983"), (tree.b.code, "11.2650", "106.0180")])
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN",
                                  geolocation={"latitude": 11.3050, "longitude": 106.0900},
                                  permissions=["geolocation"])
    page = context.new_page()
    page.goto(f"{live_server.url}/bao-tin/")
    page.click("#locate")
    page.locator("#located", has_text="✔").wait_for()  # no eval: the policy forbids it
    assert page.input_value("#id_province") == str(tree.province.pk)
    assert page.input_value("#id_commune") == str(tree.a.pk)
    assert tree.a.display_name in page.locator("#located").inner_text()
    assert page.input_value("#id_latitude") == "11.305000"  # the map point goes with the report
    _shot(page, "tip-located-phone")
    context.close()
