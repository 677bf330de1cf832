"""Every rule table in an administrator's hands: a page, the API, one service, dated changes, audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from antq.committees import selectors as committee_selectors
from antq.committees.models import MeetingCadence
from antq.core import rules, services
from antq.core.models import AuditEvent
from antq.orgs.tests.factories import UserFactory, grant
from antq.tips.models import RemoteCommune, TipCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(tree):
    user = UserFactory(username="quantri", home_unit=tree.root)
    grant(user, "system_admin", tree.root)
    return user


def test_every_rule_table_is_listed_and_its_page_opens_for_anyone_signed_in(tree, people, login):
    client = login(people.officer_a)
    listing = client.get("/rules/").content.decode()
    keys = [table.key for table in rules.tables()]
    assert {"committees.cadence", "committees.composition", "programs.review", "programs.report_forms",
            "initiatives.rule", "tips.categories", "tips.remote_communes", "evaluations.criteria"} <= set(keys)
    for key in keys:
        assert f"/rules/tables/{key}/" in listing
        page = client.get(f"/rules/tables/{key}/")
        assert page.status_code == 200 and "Thêm một dòng" not in page.content.decode()
    assert client.get("/rules/tables/nothing.here/").status_code == 404


def test_a_cadence_changed_from_tomorrow_leaves_today_as_it_was(tree, admin, login):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    level = tree.a.level
    current = MeetingCadence.objects.get(level=level, valid_to__isnull=True)
    response = login(admin).post(f"/rules/tables/committees.cadence/{current.pk}/", {
        "level": level.pk, "months": "3", "source": "Quy chế mới", "valid_from": f"{tomorrow:%d/%m/%Y}"})
    assert response.status_code == 302
    assert committee_selectors.cadence_months(level.pk, today) == 1
    assert committee_selectors.cadence_months(level.pk, tomorrow) == 3
    current.refresh_from_db()
    assert current.valid_to == today and current.months == 1
    event = AuditEvent.objects.get(action="core.rule_row_save")
    assert (event.before["months"], event.after["months"], event.after["table"]) == (1, 3, "committees.cadence")


def test_a_bad_row_keeps_what_was_typed_and_changes_nothing(tree, admin, login):
    level = tree.a.level
    current = MeetingCadence.objects.get(level=level, valid_to__isnull=True)
    response = login(admin).post(f"/rules/tables/committees.cadence/{current.pk}/", {
        "level": level.pk, "months": "5", "source": "Gõ sai", "valid_from": "01/01/2020"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Gõ sai"' in html and "is-invalid" in html
    assert MeetingCadence.objects.filter(level=level).count() == 1
    assert not AuditEvent.objects.filter(action="core.rule_row_save").exists()


def test_only_the_ministry_changes_a_rule_table(tree, people, login):
    level = tree.a.level
    current = MeetingCadence.objects.get(level=level, valid_to__isnull=True)
    data = {"level": level.pk, "months": "3", "valid_from": "01/01/2099"}
    for user in (people.officer_a, people.province):
        assert login(user).post(f"/rules/tables/committees.cadence/{current.pk}/", data).status_code == 403
        assert login(user).post(f"/rules/tables/committees.cadence/{current.pk}/remove/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.rule_row_save(actor=people.province, table=rules.table("committees.cadence"), row=current,
                               values={"months": 3}, valid_from=datetime.date(2099, 1, 1))
    assert MeetingCadence.objects.filter(level=level).count() == 1


def test_a_remote_commune_added_on_its_page_gets_48_hours(tree, people, admin, login):
    from antq.tips import services as tips_services
    from antq.tips.tests.factories import anonymous_tip

    response = login(admin).post("/rules/tables/tips.remote_communes/new/", {"commune": tree.a.pk, "note": "Xa"})
    assert response.status_code == 302 and RemoteCommune.objects.filter(commune=tree.a).exists()
    tip, _ = anonymous_tip(tree.a)
    tips_services.tip_triage(actor=people.officer_a, tip=tip, urgent=True, urgent_reason="Bắt quả tang")
    tip.refresh_from_db()
    assert tip.forward_due - tip.received_at == datetime.timedelta(hours=48)


def test_a_category_switched_off_leaves_the_public_form_and_a_used_one_is_not_deleted(tree, admin, login):
    from antq.tips.tests.factories import anonymous_tip

    anonymous_tip(tree.a)
    drugs = TipCategory.objects.get(code="drugs")
    client = login(admin)
    assert client.post(f"/rules/tables/tips.categories/{drugs.pk}/remove/").status_code == 302
    assert TipCategory.objects.filter(pk=drugs.pk).exists()  # tips use it: deactivate instead
    response = client.post(f"/rules/tables/tips.categories/{drugs.pk}/", {
        "code": "drugs", "name": drugs.name, "name_en": drugs.name_en, "order": drugs.order})
    assert response.status_code == 302
    assert not TipCategory.objects.get(pk=drugs.pk).is_active
    assert f"value=\"{drugs.pk}\"" not in Client().get("/bao-tin/").content.decode()


def test_rule_tables_in_the_api_read_by_all_changed_by_the_ministry(tree, people, admin, api_login):
    listing = api_login(people.officer_a).get("/api/v1/rules/tables/").json()
    assert "committees.cadence" in {t["key"] for t in listing}
    table = api_login(people.officer_a).get("/api/v1/rules/tables/committees.cadence/").json()
    row = next(r for r in table["rows"] if r["level"] == tree.a.level_id and r["valid_to"] is None)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    body = {"values": {"level": tree.a.level_id, "months": 6, "source": "API"}, "valid_from": tomorrow,
            "replaces": row["id"]}
    url = "/api/v1/rules/tables/committees.cadence/rows/"
    assert api_login(people.officer_a).post(url, body, format="json").status_code == 403
    bad = api_login(admin).post(url, {**body, "values": {**body["values"], "months": 7}}, format="json")
    assert bad.status_code == 400 and "months" in bad.json()["error"]["fields"]
    assert api_login(admin).post(url, body, format="json").status_code == 201
    assert committee_selectors.cadence_months(tree.a.level_id, datetime.date.fromisoformat(tomorrow)) == 6
    assert api_login(admin).post("/api/v1/rules/tables/evaluations.criteria/rows/", {"values": {}},
                                 format="json").status_code == 400  # changed on the evaluation's own page
