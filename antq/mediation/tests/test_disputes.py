"""Disputes and hot spots: escalation by the rule in force (data) or by an officer with a reason, each step
audited; the province sees each hot spot with its age and owner; a hot spot and a prolonged dispute appear
in the residential area's evaluation facts (Circular 124/2021 Art. 4 items 3–4)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.core.testing import check_three_ways
from antq.mediation import selectors, services
from antq.mediation.choices import DisputeState
from antq.mediation.models import Dispute, EscalationRule, Subject
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _dispute(tree, actor, people=12, began=None, gatherings=0, **changes):
    values = {"commune": tree.a, "unit": tree.a1, "kind": "dispute", "subject": Subject.objects.get(code="land"),
              "title": "Tranh chấp lối đi hẻm 5", "description": "Hai nhóm hộ tranh chấp lối đi chung của hẻm 5.",
              "people_involved": people, "gatherings": gatherings,
              "began_on": began or timezone.localdate() - datetime.timedelta(days=3), **changes}
    return services.dispute_record(actor=actor, **values)


def test_the_rule_marks_a_risk_then_a_hot_spot_with_its_reason(tree, people):
    dispute = _dispute(tree, people.officer_a)
    assert dispute.state == DisputeState.WATCHED
    services.dispute_update(actor=people.officer_a, dispute=dispute, people_involved=25, gatherings=1,
                            what="Họp hai bên tại nhà văn hóa, chưa thống nhất.")
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.RISK and dispute.risk_on == timezone.localdate()
    services.dispute_update(actor=people.officer_a, dispute=dispute, people_involved=25, gatherings=3,
                            what="Nhóm hộ tụ tập lần thứ ba trước trụ sở UBND phường.")
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.HOT_SPOT and dispute.hot_spot_on == timezone.localdate()
    steps = AuditEvent.objects.filter(action="mediation.dispute_escalate").order_by("id")
    assert [s.after["state"] for s in steps] == ["risk", "hot_spot"]
    assert "25 người liên quan" in steps[0].after["reason"] and "3 lần tụ tập" in steps[1].after["reason"]
    assert "Hai nhóm hộ" not in str([s.after for s in AuditEvent.objects.all()])  # what it is about stays sealed


def test_the_rule_is_data_and_days_unsettled_step_up_by_the_daily_job(tree, people):
    dispute = _dispute(tree, people.officer_a, began=timezone.localdate() - datetime.timedelta(days=40))
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.RISK  # 40 days ≥ 30
    assert services.disputes_escalate_due(today=timezone.localdate()) == 0
    assert services.disputes_escalate_due(today=timezone.localdate() + datetime.timedelta(days=60)) == 1
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.HOT_SPOT
    EscalationRule.objects.create(valid_from=timezone.localdate() - datetime.timedelta(days=1), risk_people=5,
                                  risk_gatherings=9, risk_days=999, hot_people=999, hot_gatherings=99, hot_days=999,
                                  prolonged_days=999)
    quiet = _dispute(tree, people.officer_a, people=6)
    assert quiet.state == DisputeState.RISK  # 6 ≥ 5 under the province's newer rule


def test_an_officer_marks_earlier_only_with_a_reason_and_only_upwards(tree, people):
    dispute = _dispute(tree, people.officer_a)
    with pytest.raises(ValidationError, match="reason"):
        services.dispute_escalate(actor=people.officer_a, dispute=dispute, state="hot_spot", reason="vì")
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.WATCHED
    services.dispute_escalate(actor=people.officer_a, dispute=dispute, state="hot_spot",
                              reason="Có dấu hiệu bị kích động, lôi kéo người ngoài địa phương")
    with pytest.raises(ValidationError, match="state"):
        services.dispute_escalate(actor=people.officer_a, dispute=dispute, state="risk", reason="Hạ mức theo dõi")
    with pytest.raises(PermissionDenied):
        services.dispute_escalate(actor=people.officer_b, dispute=dispute, state="hot_spot", reason="x" * 20)


def test_a_hot_spot_and_a_prolonged_dispute_fail_the_areas_evaluation(tree, people, monkeypatch):
    from antq.evaluations import services as evaluation_services
    from antq.evaluations.tests.factories import register

    evaluation = register(people.officer_a, unit=tree.a1)
    # Recorded a month before the period ends (an area's period ends on 31 October).
    moment = timezone.make_aware(datetime.datetime.combine(evaluation.period_end - datetime.timedelta(days=30),
                                                           datetime.time(9)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    _dispute(tree, people.officer_a, people=60, title="Khiếu kiện đông người về bồi thường")
    old = _dispute(tree, people.officer_a, people=3, title="Tranh chấp ranh giới kéo dài",
                   began=evaluation.period_start - datetime.timedelta(days=200))
    _dispute(tree, people.officer_b, commune=tree.b, unit=tree.b1, people=80, title="Điểm nóng xã khác")
    evaluation_services.refresh_checks(evaluation)
    facts = evaluation.results.get(criterion__code="no_serious_incident").auto_facts
    assert any("Điểm nóng mới: Khiếu kiện đông người" in f for f in facts)
    assert not any("xã khác" in f for f in facts)
    disputes = evaluation.results.get(criterion__code="no_security_activity").auto_facts
    assert any("Tranh chấp kéo dài" in f and "Tranh chấp ranh giới kéo dài" in f for f in disputes)
    # Settled the day before the period began: however long it lasted, not a dispute of this period.
    services.dispute_resolve(actor=people.officer_a, dispute=old,
                             resolved_on=evaluation.period_start - datetime.timedelta(days=1),
                             resolution="Hai bên thống nhất mốc giới, ký biên bản")
    evaluation_services.refresh_checks(evaluation)
    assert not any("Tranh chấp ranh giới" in f for f in
                   evaluation.results.get(criterion__code="no_security_activity").auto_facts)


def test_the_pages_three_ways_and_the_province_sees_hot_spots_with_age_and_owner(tree, people, login):
    dispute = _dispute(tree, people.officer_a, people=70, began=timezone.localdate() - datetime.timedelta(days=12),
                       parties="Ông Nguyễn Văn Tám và 20 hộ")
    check_three_ways(client_for=login, url=reverse("mediation:dispute_detail", args=[dispute.pk]),
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=UserFactory(home_unit=tree.a),
                     denied=404)
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    page = login(leader).get(reverse("mediation:dispute_list") + "?state=hot_spot")
    (row,) = page.context["table"].data.data
    assert row == dispute
    text = page.content.decode()
    assert "12 ngày" in text and people.officer_a.full_name in text and "Hai nhóm hộ" not in text
    detail = login(leader).get(reverse("mediation:dispute_detail", args=[dispute.pk])).content.decode()
    assert "Ông Nguyễn Văn Tám" not in detail  # who is involved: not for the province's leader
    assert "Ông Nguyễn Văn Tám" in login(people.officer_a).get(
        reverse("mediation:dispute_detail", args=[dispute.pk])).content.decode()
    url = reverse("mediation:dispute_update", args=[dispute.pk])
    data = {"taken_on": timezone.localdate().strftime("%d/%m/%Y"), "what": "Đối thoại với các hộ",
            "people_involved": "70", "gatherings": "1"}
    assert login(leader).post(url, data).status_code == 403
    assert login(people.officer_b).post(url, data).status_code == 404
    refused = login(people.officer_a).post(url, {**data, "people_involved": "0"})
    assert refused.status_code == 400 and "Đối thoại với các hộ" in refused.content.decode()
    assert not dispute.actions.exists()
    assert login(people.officer_a).post(url, data).status_code == 302 and dispute.actions.count() == 1


def test_recording_a_dispute_on_the_page_refuses_bad_input_and_keeps_it(tree, people, login):
    url = reverse("mediation:dispute_create", args=[tree.a.pk])
    land = Subject.objects.get(code="land")
    refused = login(people.officer_a).post(url, {"kind": "dispute", "subject": land.pk, "title": "Lối đi hẻm 5",
                                                 "description": "Tranh chấp lối đi chung", "people_involved": "4",
                                                 "gatherings": "0", "began_on": "01/01/2099"})
    assert refused.status_code == 400 and 'value="Lối đi hẻm 5"' in refused.content.decode()
    assert not Dispute.objects.exists()
    counts = selectors.dispute_counts(Dispute.objects.all())
    assert counts == {"watched": 0, "risk": 0, "hot_spot": 0}


def test_the_provinces_board_shows_its_hot_spots_per_commune(tree, people, login):
    dispute = _dispute(tree, people.officer_a, people=70, title="Khiếu kiện đông người về bồi thường")
    from antq.mediation.tests.factories import OTHER, REQUESTER

    services.case_request(subject=Subject.objects.get(code="land"), description="Tranh chấp ranh giới đất",
                          commune=tree.a, requester=dict(REQUESTER), other=dict(OTHER), consent=True)
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    page = login(leader).get(reverse("mediation:statistics"))
    assert page.context["live"] == {"risk": 0, "hot_spot": 1}
    assert page.context["stats"]["rows"][0]["hot_spot"] == 1
    assert list(page.context["hot_spots"].data) == [dispute]
    assert "Khiếu kiện đông người về bồi thường" in page.content.decode()


def test_the_dispute_and_complex_area_api_in_scope_through_the_services(tree, people):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(people.officer_a)
    created = api.post("/api/v1/disputes/", {
        "commune": tree.a.pk, "unit": tree.a1.pk, "kind": "gathering", "subject": "land", "title": "Tụ tập trước UBND",
        "description": "Nhóm hộ tụ tập phản đối việc thu hồi đất", "people_involved": 55,
        "began_on": timezone.localdate().isoformat()}, format="json")
    assert created.status_code == 201 and created.json()["state"] == "hot_spot"
    url = f"/api/v1/disputes/{created.json()['id']}/"
    assert "description" not in created.json() and "parties" not in created.json()
    resolved = api.post(url + "resolve/", {"resolved_on": timezone.localdate().isoformat(),
                                           "resolution": "Đối thoại, các hộ đồng ý phương án bồi thường"},
                        format="json")
    assert resolved.json()["state"] == "resolved"
    other = APIClient()
    other.force_authenticate(people.officer_b)
    assert other.get(url).status_code == 404
    area = api.post("/api/v1/complex-areas/", {
        "commune": tree.a.pk, "areas": [tree.a1.pk], "name": "Khu vực chợ đêm",
        "reasons": "Tụ điểm đánh bạc về đêm", "designated_on": timezone.localdate().isoformat(),
        "decision": "25/QĐ-UBND"}, format="json")
    assert area.status_code == 201, area.json()
    measure = api.post(f"/api/v1/complex-areas/{area.json()['id']}/measures/", {
        "measure": "Tuần tra ban đêm", "owner": "Công an phường", "due": timezone.localdate().isoformat()},
        format="json")
    assert len(measure.json()["measures"]) == 1
    assert other.post(f"/api/v1/complex-areas/{area.json()['id']}/measures/", {}, format="json").status_code == 404
