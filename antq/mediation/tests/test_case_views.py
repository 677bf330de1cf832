"""The mediation case pages: every route three ways, refused steps back with what was typed, the citizens'
request and follow-up, the register and the written agreement without a phone, the list's queries pinned."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from antq.core.models import AuditEvent
from antq.core.testing import check_three_ways
from antq.mediation import selectors, services
from antq.mediation.choices import CaseStatus, Source
from antq.mediation.models import MediationCase, MediationSession, Subject
from antq.mediation.tests.factories import OTHER, REQUESTER, team_with
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def front(tree):
    user = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(user, "commune_front", tree.a)
    return user


def _case(tree, front, team=None, **changes):
    values = {"subject": Subject.objects.get(code="land"), "source": Source.REQUEST, "commune": tree.a,
              "team": team, "description": "Hai hộ tranh chấp ranh giới đất ở hẻm 5.", "requester": dict(REQUESTER),
              "other": dict(OTHER), "consent": True, **changes}
    return services.case_open(actor=front, **values)


def _agreed(tree, front):
    team = team_with(front, tree.a1)
    case = _case(tree, front, team=team)
    today = timezone.localdate()
    services.case_assign(actor=front, case=case, mediators=selectors.serving_mediators(team)[:2])
    services.session_record(actor=front, case=case, held_on=today, place="Nhà văn hóa khu phố 1",
                            participants="Hai bên", summary="Hai bên trình bày ý kiến, đo lại ranh giới.")
    services.case_conclude(actor=front, case=case, outcome=CaseStatus.AGREED, ended_on=today,
                           terms="Dỡ phần tường lấn 0,3 m trong 15 ngày.", written=True)
    return team, case


def test_the_case_page_three_ways_and_parties_only_with_the_permission(tree, people, front, login):
    case = _case(tree, front)
    page = check_three_ways(client_for=login, url=reverse("mediation:case_detail", args=[case.pk]), allowed=front,
                            outsider=people.officer_b, unpermitted=UserFactory(home_unit=tree.a), denied=404)
    assert REQUESTER["phone"] in page.content.decode()
    observer = UserFactory(home_unit=tree.a)
    grant(observer, "commune_leader", tree.a)  # sees the matter, not who the parties are
    seen = login(observer).get(reverse("mediation:case_detail", args=[case.pk])).content.decode()
    assert "tranh chấp ranh giới" in seen and REQUESTER["full_name"] not in seen and REQUESTER["phone"] not in seen
    assert AuditEvent.objects.filter(action="mediation.parties_read").count() == 1  # the Front's look only


def test_each_step_three_ways_and_a_write_refused_changes_nothing(tree, people, front, login):
    team = team_with(front, tree.a1)
    case = _case(tree, front)
    police = UserFactory(home_unit=tree.a)
    grant(police, "commune_police", tree.a)  # sees the matters, does not handle them
    mediators = selectors.serving_mediators(team)
    check_three_ways(client_for=login, url=reverse("mediation:case_assign", args=[case.pk]), method="post",
                     data={"mediators": [mediators[0].pk]}, allowed=front, outsider=people.officer_b,
                     unpermitted=police, ok=(302,), state=lambda: MediationCase.objects.get(pk=case.pk).status)
    assert MediationCase.objects.get(pk=case.pk).status == CaseStatus.ASSIGNED
    check_three_ways(client_for=login, url=reverse("mediation:session_record", args=[case.pk]), method="post",
                     data={"held_on": timezone.localdate().strftime("%d/%m/%Y"), "place": "Nhà văn hóa",
                           "participants": "Hai bên", "summary": "Hai bên trình bày ý kiến của mình."},
                     allowed=front, outsider=people.officer_b, unpermitted=police, ok=(302,),
                     state=lambda: MediationSession.objects.count())
    for name in ("case_conclude", "agreement_follow_up", "case_decline", "mediator_recuse"):
        url = reverse(f"mediation:{name}", args=[case.pk])
        assert login(people.officer_b).post(url, {}).status_code == 404
        assert login(police).post(url, {}).status_code == 403
    create = reverse("mediation:case_create", args=[tree.a.pk])
    check_three_ways(client_for=login, url=create, allowed=front, outsider=people.officer_b, unpermitted=police)


def test_a_refused_step_comes_back_400_with_what_was_typed(tree, front, login):
    team = team_with(front, tree.a1)
    case = _case(tree, front, team=team)
    services.case_assign(actor=front, case=case, mediators=selectors.serving_mediators(team)[:1])
    response = login(front).post(reverse("mediation:session_record", args=[case.pk]), {
        "held_on": "01/01/2020", "place": "Nhà văn hóa khu phố 1", "participants": "Hai bên",
        "summary": "Hai bên trình bày ý kiến của mình."})
    page = response.content.decode()
    assert response.status_code == 400 and 'value="Nhà văn hóa khu phố 1"' in page
    assert "Buổi hòa giải không thể trước ngày phân công" in page
    assert not MediationSession.objects.exists()


def test_entering_a_matter_that_may_not_be_mediated_is_refused_on_the_page(tree, front, login):
    criminal = Subject.objects.get(code="criminal")
    response = login(front).post(reverse("mediation:case_create", args=[tree.a.pk]), {
        "source": Source.REQUEST, "subject": criminal.pk, "description": "Đánh nhau gây thương tích nặng."})
    page = response.content.decode()
    assert response.status_code == 400 and "Điều 3 khoản 1 điểm c" in page and "Đánh nhau gây thương tích" in page
    assert not MediationCase.objects.exists()


def test_the_public_request_refuses_offers_the_route_then_gives_a_code_to_follow(tree, client):
    url = reverse("public_mediation:request")
    data = {"subject": Subject.objects.get(code="criminal").pk, "description": "Bị hàng xóm đánh gây thương tích.",
            "province": tree.province.pk, "commune": tree.a.pk, "unit": tree.a1.pk,
            "requester_name": REQUESTER["full_name"], "requester_phone": "0912 345 678",
            "other_name": OTHER["full_name"], "consent": "on"}
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 400 and reverse("public_tips:report") in page and "Điều 3" in page
    assert not MediationCase.objects.exists()
    data["subject"] = Subject.objects.get(code="neighbours").pk
    received = client.post(url, data)
    assert received.status_code == 200 and "sessionid" not in received.cookies
    case = MediationCase.objects.get()
    secret = received.context["secret"]
    assert case.unit == tree.a1 and case.source == Source.PUBLIC
    status = client.post(reverse("public_mediation:follow"), {"receipt_code": case.receipt_code, "secret": secret})
    assert status.status_code == 200 and "Đã tiếp nhận, chờ phân công" in status.content.decode()
    wrong = client.post(reverse("public_mediation:follow"), {"receipt_code": case.receipt_code,
                                                            "secret": "ACDE-FHJK-MNPQ-RTUV"})
    assert wrong.status_code == 400 and "không đúng" in wrong.content.decode()


def test_the_register_is_numbered_and_names_the_parties_without_their_phone(tree, people, front, login):
    team, _agreed_case = _agreed(tree, front)
    _case(tree, front, team=team, subject=Subject.objects.get(code="debt"))
    year = timezone.localdate().year
    url = reverse("mediation:register_xlsx", args=[team.pk]) + f"?year={year}"
    response = check_three_ways(client_for=login, url=url, allowed=front, outsider=people.officer_b,
                                unpermitted=UserFactory(home_unit=tree.a), denied=404)
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == [1, 2] and rows[0][5] == "Hòa giải thành"
    cells = " ".join(str(c) for row in rows for c in row if c is not None)
    assert REQUESTER["full_name"] in cells and REQUESTER["address"] in cells
    assert "0912" not in cells and "345 678" not in cells
    docx = login(front).get(reverse("mediation:register_docx", args=[team.pk]) + f"?year={year}")
    text = "\n".join(c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells)
    assert "Hòa giải thành" in text and "0912" not in text
    assert AuditEvent.objects.filter(action="mediation.register_export").count() == 2
    page = login(front).get(reverse("mediation:team_detail", args=[team.pk]))
    assert [c.register_number for c in page.context["register"]] == [1, 2]
    assert reverse("mediation:register_docx", args=[team.pk]) in page.content.decode()
    assert all("0912" not in str(e.after) and "0912" not in str(e.before) for e in AuditEvent.objects.all())


def test_the_written_agreement_has_a_signing_block_for_each_party_and_mediator(tree, front, login):
    _team, case = _agreed(tree, front)
    response = login(front).get(reverse("mediation:agreement_docx", args=[case.pk]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "VĂN BẢN HÒA GIẢI THÀNH" in text and "Dỡ phần tường lấn 0,3 m" in text
    assert cells.count("(Ký, ghi rõ họ tên hoặc điểm chỉ)") == 4  # two parties, two mediators
    assert "0912" not in text + cells


def test_the_list_filters_what_to_act_on_and_pins_its_queries(tree, front, login):
    team = team_with(front, tree.a1)
    _case(tree, front)
    client = login(front)
    url = reverse("mediation:case_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(4):
        case = _case(tree, front, team=team)
    services.case_assign(actor=front, case=case, mediators=selectors.serving_mediators(team)[:1])
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(many) == len(few)
    assert "Hai hộ tranh chấp" not in page.content.decode()  # what the parties said stays on the case's page
    assert len(client.get(url + "?state=to_assign").context["table"].data.data) == 4


def test_the_home_page_leads_the_front_to_the_matters_to_act_on(tree, front, login, monkeypatch):
    import datetime

    team = team_with(front, tree.a1)
    case = _case(tree, front, team=team)
    services.case_assign(actor=front, case=case, mediators=selectors.serving_mediators(team)[:1])
    _case(tree, front)
    later = timezone.now() + datetime.timedelta(days=10)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    cards = {c.label: c for c in login(front).get(reverse("home")).context["todo"]}
    late, waiting = cards["Hòa giải quá hạn bắt đầu"], cards["Vụ việc chờ phân công"]
    assert late.count == 1 and late.url == reverse("mediation:case_list") + "?state=late"
    assert waiting.count == 1
    listed = login(front).get(late.url).context["table"].data.data
    assert [c.pk for c in listed] == [case.pk]
    _case(tree, front)  # the cards' counts stay live under the kept SQL
    cards = {c.label: c for c in login(front).get(reverse("home")).context["todo"]}
    assert cards["Vụ việc chờ phân công"].count == 2


def test_statistics_roll_up_a_level_at_a_time_and_hide_small_counts_from_leaders(tree, people, front, login):
    team = team_with(front, tree.a1)
    today = timezone.localdate()
    for n in range(4):
        case = _case(tree, front, team=team)
        services.case_assign(actor=front, case=case, mediators=selectors.serving_mediators(team)[:1])
        services.session_record(actor=front, case=case, held_on=today, place="Nhà văn hóa", participants="Hai bên",
                                summary="Hai bên trình bày ý kiến của mình.")
        if n < 3:
            services.case_conclude(actor=front, case=case, outcome=CaseStatus.AGREED, ended_on=today,
                                   terms="Hai bên thống nhất phương án.")
        else:
            services.case_conclude(actor=front, case=case, outcome=CaseStatus.NOT_AGREED, ended_on=today,
                                   next_step="Tòa án nhân dân khu vực")
    _case(tree, front, subject=Subject.objects.get(code="family"))
    url = reverse("mediation:statistics")
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    province = login(leader).get(url).context["stats"]
    (row,) = province["rows"]
    assert row["unit"] == tree.a and row["received"] == 5 and row["agreed"] == 3 and row["not_agreed"] == "< 3"
    assert row["share"] == 75  # 3 of 4 settled: exact, rounded only when shown
    assert {r["subject"].code: r["total"] for r in province["subjects"]} == {"land": 4, "family": "< 3"}
    commune = login(front).get(url, {"unit": tree.a.pk}).context["stats"]  # the Front sees exact counts
    assert commune["totals"]["not_agreed"] == 1 and commune["rows"][0]["unit"] == tree.a1
    assert login(people.officer_b).get(url, {"unit": tree.a.pk}).status_code == 404
    national = UserFactory(home_unit=tree.root)
    grant(national, "central_leader", tree.root)
    client = login(national)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        (by_province,) = client.get(url).context["stats"]["rows"]
    assert by_province["unit"] == tree.province and by_province["received"] == 5
    for _n in range(3):
        _case(tree, front, team=team)
    with CaptureQueriesContext(connection) as many:
        (again,) = client.get(url).context["stats"]["rows"]
    assert len(many) == len(few)
    assert again["received"] == 8  # the built SQL is kept (antq.core.sqlcache), the rows are read anew
