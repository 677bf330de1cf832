import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from antq.core.testing import check_three_ways
from antq.core.text import fold
from antq.orgs.tests.factories import UserFactory, grant
from antq.tips import services
from antq.tips.models import Tip
from antq.tips.tests.factories import IDENTITY, anonymous_tip, category, identified_tip, open_identity

pytestmark = pytest.mark.django_db


def test_tip_page_three_ways(tree, people, login):
    tip, _ = anonymous_tip(tree.a)
    check_three_ways(client_for=login, url=reverse("tips:tip_detail", args=[tip.pk]), allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=people.viewer_a, denied=404)


def test_an_officer_without_the_identity_permission_sees_the_tip_but_not_the_identity(tree, people, login):
    tip, _ = identified_tip(tree.a)
    services.tip_assign(actor=people.officer_a, tip=tip, officer=people.officer_a)
    helper = UserFactory(home_unit=tree.a)
    grant(helper, "commune_police", tree.a)
    role = helper.role_assignments.get().role
    page = login(people.officer_a).get(reverse("tips:tip_detail", args=[tip.pk]))
    assert IDENTITY["reporter_name"] not in page.content.decode()  # not shown until asked, and then audited
    assert login(people.officer_a).post(reverse("tips:tip_identity", args=[tip.pk])).status_code == 403
    open_identity(Tip.objects.get(pk=tip.pk), people.officer_a, people.province)
    shown = login(people.officer_a).post(reverse("tips:tip_identity", args=[tip.pk]))
    assert IDENTITY["reporter_name"] in shown.content.decode()
    # A colleague in the same commune, not in charge: the tip, but not who reported it.
    page = login(helper).get(reverse("tips:tip_detail", args=[tip.pk]))
    assert page.status_code == 200 and IDENTITY["reporter_name"] not in page.content.decode()
    assert login(helper).post(reverse("tips:tip_identity", args=[tip.pk])).status_code == 403
    assert role.code == "commune_police"


def test_the_queue_is_scoped_shows_no_identity_and_pins_its_queries(tree, people, login):
    identified_tip(tree.a)
    other, _ = anonymous_tip(tree.b)
    client = login(people.officer_a)
    client.get(reverse("tips:tip_list"))
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("tips:tip_list"))
    for _ in range(5):
        anonymous_tip(tree.a)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("tips:tip_list"))
    assert len(many) == len(few)
    codes = {t.receipt_code for t in page.context["table"].data}
    assert other.receipt_code not in codes and len(codes) == 6
    assert IDENTITY["reporter_name"] not in page.content.decode()


def test_the_register_export_holds_no_identity(tree, people, login):
    identified_tip(tree.a)
    response = login(people.officer_a).get(reverse("tips:register_xlsx"))
    cells = " ".join(str(c) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(
        values_only=True) for c in row if c is not None)
    assert "Lừa đảo qua mạng" in cells
    for value in IDENTITY.values():
        assert value not in cells


def test_the_public_form_refuses_bad_input_in_vietnamese_and_stores_nothing(tree, client):
    response = client.post(reverse("public_tips:report"), {
        "category": category().pk, "description": "ngắn", "province": tree.province.pk, "commune": tree.b.pk,
        "anonymous": "no", "reporter_name": "", "reporter_id_number": "123"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Hãy mô tả sự việc (ít nhất 10 ký tự)." in text and "Số căn cước công dân gồm 12 chữ số." in text
    assert not Tip.objects.exists()


def test_a_short_description_is_reported_with_the_missing_fields_at_once(tree, client):
    response = client.post(reverse("public_tips:report"), {"description": "ngắn", "anonymous": "yes"})
    form = response.context["form"]
    assert set(form.errors) >= {"category", "province", "commune", "description"}
    assert "Hãy mô tả sự việc (ít nhất 10 ký tự)." in response.content.decode()
    assert not Tip.objects.exists()


def test_the_public_pages_keep_no_session_and_no_address(tree, client):
    response = client.post(reverse("public_tips:report"), {
        "category": category().pk, "description": "Có nhóm thanh niên tụ tập đua xe mỗi tối thứ bảy",
        "province": tree.province.pk, "commune": tree.b.pk, "anonymous": "yes"}, REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 (Android 14; Mobile)")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
    assert not Tip.objects.exists()  # in the journal until the registrar runs
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tips_tipintake")
        journal = " ".join(str(v) for v in cursor.fetchone())
    assert "203.0.113" not in journal and "Android" not in journal and "đua xe" not in journal  # encrypted
    (tip,) = services.intake_register()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tips_tip WHERE id = %s", [tip.pk])
        row = " ".join(str(v) for v in cursor.fetchone())
        cursor.execute("SELECT * FROM tips_tipintake")
        journal = " ".join(str(v) for v in cursor.fetchone())
    assert "203.0.113" not in row and "Android" not in row
    assert "v1:" not in journal  # the report is erased from the journal once registered
    from antq.core.models import AuditEvent

    assert all("203.0.113" not in str(e.after) for e in AuditEvent.objects.all())


def test_the_public_form_is_rate_limited_per_network(tree, client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}}
    settings.ANTQ_TIP_SUBMIT_LIMIT = "3/3600"
    data = {"category": category().pk, "description": "Có nhóm thanh niên tụ tập đua xe mỗi tối",
            "province": tree.province.pk, "commune": tree.b.pk, "anonymous": "yes"}
    for _ in range(3):
        assert client.post(reverse("public_tips:report"), data, REMOTE_ADDR="198.51.100.7").status_code == 200
    refused = client.post(reverse("public_tips:report"), data, REMOTE_ADDR="198.51.100.99")  # same /24
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert len(services.intake_register()) == 3


def test_the_page_and_the_api_share_one_bucket_and_say_when_to_retry(tree, client, settings):
    from rest_framework.test import APIClient

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl2"}}
    settings.ANTQ_TIP_SUBMIT_LIMIT = "2/600"
    settings.ANTQ_TRUSTED_PROXIES = ["127.0.0.1"]
    data = {"category": category().pk, "description": "Có nhóm thanh niên tụ tập đua xe mỗi tối",
            "province": tree.province.pk, "commune": tree.b.pk, "anonymous": "yes"}
    behind_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client.post(reverse("public_tips:report"), data, **behind_proxy).status_code == 200
    api = APIClient()
    body = {"category": "drugs", "description": "Có người bán ma túy đầu ngõ", "commune": tree.b.pk}
    assert api.post("/api/v1/public/tips/", body, format="json", **behind_proxy).status_code == 201
    refused = api.post("/api/v1/public/tips/", body, format="json", **behind_proxy)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 600
    # Another citizen behind the same proxy has their own bucket.
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert client.post(reverse("public_tips:report"), data, **other).status_code == 200
    assert len(services.intake_register()) == 3


def test_statistics_roll_up_by_commune_and_hide_small_counts_outside_the_police(tree, people, login):
    anonymous_tip(tree.a)
    anonymous_tip(tree.b)
    police = login(people.province).get(reverse("tips:statistics"))
    assert [row[:2] for row in police.context["stats"]["by_commune"]] == [("Phường Tân Ninh", 1), ("Xã Hoà Hội", 1)]
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    outside = login(leader).get(reverse("tips:statistics"))
    assert [row[1] for row in outside.context["stats"]["by_commune"]] == ["< 3", "< 3"]


def test_an_identified_reporter_sees_their_details_and_withdraws_consent(tree, client):
    from antq.core.models import AuditEvent
    from antq.tips.tests.factories import IDENTITY, identified_tip

    tip, secret = identified_tip(tree.a)
    url = reverse("public_tips:follow")
    keys = {"receipt_code": tip.receipt_code, "secret": secret}
    shown = client.post(url, {**keys, "action": "my_data"}).content.decode()
    assert IDENTITY["reporter_name"] in shown and IDENTITY["reporter_phone"] in shown
    assert IDENTITY["reporter_id_number"] not in shown and IDENTITY["reporter_id_number"][-4:] in shown  # masked
    assert AuditEvent.objects.filter(action="tips.reporter_own_data", object_id=str(tip.pk)).exists()

    wrong = client.post(url, {**keys, "secret": "AAAA-AAAA-AAAA-AAAA", "action": "withdraw_all"})
    assert "Mã tra cứu hoặc mã bí mật không đúng" in wrong.content.decode()
    tip.refresh_from_db()
    assert not tip.anonymous and tip.reporter_phone  # nothing changed without the secret

    client.post(url, {**keys, "action": "withdraw_contact"})
    tip.refresh_from_db()
    assert tip.reporter_phone == tip.reporter_email == "" and tip.reporter_name and tip.consent["contact"] is False
    page = client.post(url, {**keys, "action": "withdraw_all"}).content.decode()
    assert "rút lại toàn bộ" in page and f"{tip.receipt_code} reporter" not in page  # the thread, not an alert
    tip.refresh_from_db()
    assert tip.anonymous and tip.reporter_name == tip.reporter_id_number == "" and tip.acknowledge_due is None
    assert any("rút lại toàn bộ" in m.body for m in tip.messages.all())  # the officer reads why
    audit = " ".join(str(e.after) + str(e.before) for e in AuditEvent.objects.filter(action="tips.reporter_withdraw"))
    assert "reporter_name" in audit and IDENTITY["reporter_name"] not in audit
    refused = client.post(url, {**keys, "action": "withdraw_all"})
    assert "Tin báo này không còn thông tin cá nhân nào." in refused.content.decode()


def test_the_public_form_checks_its_choices_without_queries_and_stores_in_one_insert(tree, client, monkeypatch):
    from antq.tips import tasks
    from antq.tips.models import TipIntake

    monkeypatch.setattr(tasks, "_checked_at", 10**9)  # the registrar was queued a moment ago
    data = {"category": category().pk, "description": "Có nhóm thanh niên tụ tập đua xe mỗi tối thứ bảy",
            "province": tree.province.pk, "commune": tree.b.pk, "anonymous": "yes"}
    client.post(reverse("public_tips:report"), data)  # fills the reference cache
    with CaptureQueriesContext(connection) as queries:
        assert client.post(reverse("public_tips:report"), data).status_code == 200
    # The journal's insert, nothing else (the savepoint around it exists only inside the test's transaction).
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 1 and statements[0].startswith("INSERT INTO tips_tipintake")
    for bad in ({"commune": tree.b1.pk}, {"commune": tree.province.pk}, {"province": tree.a.pk},
                {"category": 999_999}, {"commune": "1; DROP TABLE"}):
        response = client.post(reverse("public_tips:report"), {**data, **bad})
        assert response.status_code == 200 and response.context["form"].errors
    assert TipIntake.objects.count() == 2


def test_an_officer_records_a_tip_on_the_page_three_ways(tree, people, login):
    """The page sends the form's map point to the service (it used to fail there with a 500)."""
    form = {"channel": "phone", "report_type": "information", "category": category().pk,
            "description": "Người dân gọi điện báo có nhóm thanh niên mang hung khí", "province": tree.province.pk,
            "commune": tree.a.pk, "latitude": "11.300000", "longitude": "106.100000", "anonymous": "yes"}
    check_three_ways(client_for=login, url=reverse("tips:tip_record", args=[tree.a.pk]), method="post", data=form,
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a, ok=(200,),
                     denied=403, state=lambda: Tip.objects.count())
    tip = Tip.objects.get()
    client = login(people.officer_a)
    response = client.post(reverse("tips:tip_record", args=[tree.a.pk]), form)
    assert response.status_code == 200 and response.context["tip"].receipt_code in response.content.decode()
    secret = response.context["secret"]
    assert secret in response.content.decode() and response["Cache-Control"].startswith("no-store")
    assert not any(secret in morsel.value for morsel in response.cookies.values())  # never in a cookie
    assert (tip.channel, str(tip.latitude), str(tip.longitude)) == ("phone", "11.300000", "106.100000")


def test_a_province_leader_reaches_the_tip_statistics_from_the_menu(tree, people, login):
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    menu = login(leader).get(reverse("home")).content.decode()
    tips = f'href="{reverse("tips:tip_list")}"'
    assert f'href="{reverse("tips:statistics")}"' in menu and tips not in menu  # the counts, not the tips
    assert tips in login(people.officer_a).get(reverse("home")).content.decode()


def test_the_receipt_says_what_happens_next_and_by_when_and_keeps_each_group_whole(tree, client):
    from django.utils import timezone

    from antq.core.limits import in_force

    data = {"category": category().pk, "description": "Có nhóm thanh niên tụ tập đua xe mỗi tối thứ bảy",
            "province": tree.province.pk, "commune": tree.b.pk, "anonymous": "yes"}
    page = client.post(reverse("public_tips:report"), data).content.decode()
    today = timezone.localdate()
    assert in_force("tips.resolve", today).last_day(today).strftime("%d/%m/%Y") in page
    ack = in_force("tips.acknowledge", today).last_day(today).strftime("%d/%m/%Y")
    assert ack not in page  # no acknowledgement is owed to an anonymous reporter
    assert '<span class="text-nowrap">' in page and "-<wbr>" in page and "data-copy=" in page and "data-print" in page
    named = client.post(reverse("public_tips:report"), {
        **data, "anonymous": "no", "reporter_name": "Trần Thị Hạnh", "reporter_phone": "0909123456",
        "consent_handle": "on"}).content.decode()
    assert ack in named


def test_the_citizens_pages_load_no_icon_font_and_no_script_they_do_not_use_and_come_compressed(tree, client):
    for url in (reverse("public_tips:report"), reverse("public_tips:follow")):
        page = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert page["Content-Encoding"] == "gzip"  # bench/page_weight.py measures what is sent
        html = client.get(url).content.decode()
        for heavy in ("bootstrap-icons", "bootstrap.bundle", "htmx.min.js"):
            assert heavy not in html, heavy
        assert "core/antq.js" in html
    assert '<svg aria-hidden="true"' in client.get(reverse("public_tips:report")).content.decode()  # inline icon


def test_a_refused_handling_step_comes_back_with_what_was_typed_on_its_field(tree, people, login):
    tip, _ = anonymous_tip(tree.a)
    client = login(people.officer_a)
    client.post(reverse("tips:tip_action", args=[tip.pk, "triage"]), {"urgent": ""})
    before = Tip.objects.values_list("status", "suspension_reason").get(pk=tip.pk)
    typed = "Chờ kết quả giám định của Phòng Kỹ thuật hình sự " + "x" * 400  # over the 300 characters allowed
    page = client.post(reverse("tips:tip_action", args=[tip.pk, "suspend"]), {"reason": typed})
    assert page.status_code == 400
    body = page.content.decode()
    assert "Chờ kết quả giám định" in body and 'id="id_reason_error"' in body  # kept, and said on the field
    assert Tip.objects.values_list("status", "suspension_reason").get(pk=tip.pk) == before  # nothing changed
    assert 'data-confirm="' in body  # final steps ask once before they are sent
    wrong = client.post(reverse("tips:tip_merge", args=[tip.pk]), {"into": "ACDE-FHJK"})
    assert wrong.status_code == 400 and 'value="ACDE-FHJK"' in wrong.content.decode()


def test_units_are_listed_by_their_own_name_with_their_type_after(tree, client):
    from antq.geo.tests.factories import AdminUnitFactory

    AdminUnitFactory(name="Thành phố Hà Nội", unit_type="thanh_pho", parent=tree.root, code="01")
    page = client.get(reverse("public_tips:report")).content.decode()
    select = re.search(r'<select name="province".*?</select>', page, re.S).group(0)
    provinces = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    assert provinces == sorted(provinces, key=fold) and any(p.startswith("Hà Nội (") for p in provinces)
    communes = client.get(reverse("public_units:communes"), {"province": tree.province.pk}).content.decode()
    assert re.findall(r">([^<]+)</option>", communes)[1:] == ["Hoà Hội (xã)", "Tân Ninh (phường)"]


def test_use_my_location_picks_the_nearest_commune_with_a_known_centre(tree, client):
    from antq.geo.services import unit_centres_load

    unit_centres_load(rows=[("25459", "11.3101", "106.0983"), ("25606", "11.2650", "106.0180")])
    url = reverse("public_units:nearest_commune")
    answer = client.get(url, {"lat": "11.3050", "lon": "106.0900"})
    assert answer.status_code == 200
    assert answer.json() == {"province": tree.province.pk, "commune": tree.a.pk,
                             "label": f"{tree.a.display_name}, {tree.province.display_name}"}
    assert client.get(url, {"lat": "11.27", "lon": "106.02"}).json()["commune"] == tree.b.pk
    far = client.get(url, {"lat": "21.03", "lon": "105.85"})  # Hà Nội: no centre known near it
    assert far.status_code == 404 and "chọn trong danh sách" in far.json()["detail"]
    assert client.get(url, {"lat": "abc", "lon": "1"}).status_code == 400


def test_loading_centres_refuses_bad_lines_and_saves_nothing(tree):
    from django.core.exceptions import ValidationError

    from antq.geo.models import AdminUnit
    from antq.geo.services import unit_centres_load

    with pytest.raises(ValidationError, match="ngoài lãnh thổ Việt Nam"):
        unit_centres_load(rows=[("25459", "11.31", "106.09"), ("25459", "48.85", "2.35")])
    with pytest.raises(ValidationError, match="99999"):
        unit_centres_load(rows=[("25459", "11.31", "106.09"), ("99999", "11.0", "106.0")])
    assert not AdminUnit.objects.filter(centre_latitude__isnull=False).exists()


def test_the_provinces_statistics_colour_its_communes_by_overdue_tips(tree, people, login):
    from django.utils import timezone

    late, _ = anonymous_tip(tree.a)
    Tip.objects.filter(pk=late.pk).update(triage_due=timezone.now() - timezone.timedelta(hours=2))
    client = login(people.province)
    tiles = {t["unit"].pk: t for t in client.get(reverse("tips:statistics")).context["commune_tiles"]}
    assert tiles[tree.a.pk]["tone"] == "low" and tiles[tree.a.pk]["value"] == 1
    assert tiles[tree.b.pk]["tone"] == "none"  # no tip at all there
    listed = client.get(tiles[tree.a.pk]["href"]).context["table"].data.data
    assert [tip.pk for tip in listed] == [late.pk]  # the tile leads to the rows it counts
