"""The supervision API for every step: breaches, warnings, proposals and decisions, completion, moves (offered,
accepted by the receiving commune), helpers and their record, the helper's own endpoint (no offence), opening a
file outside the police (asked or in an emergency); a restricted or out-of-scope file 404 on each; bad input
400 on its field with nothing written."""

import pytest
from rest_framework.test import APIClient

from antq.core.models import AccessGrant, AuditEvent
from antq.orgs.tests.factories import UserFactory, grant
from antq.supervision import services
from antq.supervision.models import Breach, Proposal, Transfer, Visit
from antq.supervision.tests.conftest import ID_NUMBER, NAME, REFERENCE

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_steps_of_a_file_through_the_api(tree, people, chief, register):
    measure = register()
    url = f"/api/v1/supervision-files/{measure.person_id}/"
    officer = _api(people.officer_a)
    refused = officer.post(url + "breaches/", {"measure": measure.pk, "occurred_on": "2099-01-01", "what": "Vắng"},
                           format="json")
    assert refused.status_code == 400 and "occurred_on" in refused.json()["error"]["fields"]
    assert not Breach.objects.exists()
    body = officer.post(url + "breaches/", {"measure": measure.pk, "occurred_on": "2026-05-04",
                                            "what": "Vắng mặt buổi trình diện"}, format="json").json()
    breach = body["measures"][0]["breaches"][0]
    assert "what" not in breach and "Vắng mặt" not in str(body)  # sealed: on the file's page only
    assert officer.post(url + "proposals/", {"measure": measure.pk, "kind": "revoke", "proposed_on": "2026-05-10",
                                             "grounds": "Vi phạm nghĩa vụ", "breaches": [breach["id"]]},
                        format="json").status_code == 403  # the head's
    head = _api(chief)
    made = head.post(url + "proposals/", {"measure": measure.pk, "kind": "revoke", "proposed_on": "2026-05-10",
                                          "grounds": "Vi phạm nghĩa vụ nhiều lần", "breaches": [breach["id"]]},
                     format="json")
    assert made.status_code == 200, made.json()
    proposal = Proposal.objects.get()
    decided = head.post(url + "decision/", {"proposal": proposal.pk, "granted": False, "decided_on": "2026-05-20",
                                            "decision": "QĐ 7/QĐ-TA"}, format="json")
    assert decided.json()["measures"][0]["proposals"][0]["state"] == "refused"
    done = head.post(url + "complete/", {"measure": measure.pk, "ended_on": "2026-11-30",
                                         "certificate_number": "9/GCN"}, format="json").json()
    assert done["measures"][0]["end_reason"] == "completed" and done["keep_until"] == "2031-11-30"
    assert _api(people.officer_b).post(url + "breaches/", {"measure": measure.pk, "occurred_on": "2026-05-04",
                                                           "what": "x"}, format="json").status_code == 404


def test_a_move_through_the_api(tree, people, register):
    measure = register()
    url = f"/api/v1/supervision-files/{measure.person_id}/move/"
    assert _api(people.officer_a).post(url, {"to_unit": tree.a1.pk, "reason": "Chuyển nhà"},
                                       format="json").status_code == 400
    assert _api(people.officer_a).post(url, {"to_unit": tree.b1.pk, "reason": "Về ở với gia đình"},
                                       format="json").status_code == 200
    moves = _api(people.officer_b).get("/api/v1/supervision-moves/").json()["results"]
    assert [m["person"] for m in moves] == [measure.person_id] and NAME not in str(moves)
    assert _api(people.officer_a).get("/api/v1/supervision-moves/").json()["results"] == []
    transfer = Transfer.objects.get()
    assert _api(people.officer_a).post(f"/api/v1/supervision-moves/{transfer.pk}/accept/").status_code == 404
    accepted = _api(people.officer_b).post(f"/api/v1/supervision-moves/{transfer.pk}/accept/", {}, format="json")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"


def test_a_helper_through_the_api_sees_no_offence(tree, people, women, register):
    union, helper = women
    measure = register(kind="released_prison")
    url = f"/api/v1/supervision-files/{measure.person_id}/"
    assert _api(people.officer_a).post(url + "helpers/", {"organisation": union.pk, "decision": "15/QĐ-UBND",
                                                          "decided_on": "2026-05-04"}, format="json").status_code == 200
    listed = _api(helper).get("/api/v1/supervision-helping/").json()["results"]
    assert [p["id"] for p in listed] == [measure.person_id] and "measures" not in listed[0]
    mine = f"/api/v1/supervision-helping/{measure.person_id}/"
    identity = _api(helper).get(mine + "identity/").json()
    assert identity == {"full_name": NAME, "address": "Số 7, hẻm 3, Khu phố 1"}
    assert _api(helper).get(url).status_code == 403  # the police's endpoint
    written = _api(helper).post(mine + "visits/", {"visited_on": "2026-05-05", "wishes": "Muốn học nghề"},
                                format="json")
    assert written.status_code == 201 and written.json()["visits"][0]["wishes"] == "Muốn học nghề"
    assert _api(helper).post(mine + "visits/", {"visited_on": "2026-05-05"}, format="json").status_code == 400
    assert Visit.objects.count() == 1
    whole = str(_api(helper).get(mine + "reintegration/").json())
    assert REFERENCE not in whole and ID_NUMBER not in whole
    assert _api(people.viewer_a).get("/api/v1/supervision-helping/").status_code == 403


def test_opening_a_file_through_the_api(tree, people, front, chief, register):
    measure = register()
    openings = "/api/v1/supervision-file-openings/"
    assert _api(people.officer_a).post(openings, {"person": measure.person_id, "reason": "Cần xem gấp có việc",
                                                  "emergency": True}, format="json").status_code == 403
    front_b = UserFactory(home_unit=tree.b)
    grant(front_b, "commune_front", tree.b)
    assert _api(front_b).post(openings, {"person": measure.person_id, "reason": "Cần xem gấp có việc",
                                         "emergency": True}, format="json").status_code == 404
    assert _api(front).post(openings, {"person": measure.person_id, "reason": "gấp", "emergency": True},
                            format="json").status_code == 400
    assert not AccessGrant.objects.exists()
    opened = _api(front).post(openings, {"person": measure.person_id, "emergency": True,
                                         "reason": "Người này đang gây rối, cần liên hệ gia đình"}, format="json")
    assert opened.status_code == 201 and opened.json()["emergency"] is True
    asked = _api(front).get(f"/api/v1/supervision-files/{measure.person_id}/")
    assert asked.status_code == 403  # the police's list and actions stay theirs; the file reads on the page
    relative = UserFactory(home_unit=tree.a)
    grant(relative, "commune_front", tree.a)
    services.restriction_add(actor=chief, person=measure.person, user=relative, reason="Là vợ của người này ạ")
    assert _api(relative).post(openings, {"person": measure.person_id, "reason": "Cần xem gấp có việc",
                                          "emergency": True}, format="json").status_code == 404
    assert AuditEvent.objects.filter(action="core.access_break_glass").count() == 1
