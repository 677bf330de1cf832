"""Mediation cases (Law 35/2013 Art. 3, 16–27): what may not be mediated is refused with its article, the
start limit is counted per Art. 134 across days off, mediators step aside on the record, the register is
numbered per team and year, and a party's details stay out of the trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from antq.core.models import AuditEvent
from antq.mediation import selectors, services
from antq.mediation.choices import CaseStatus, Compliance, Source
from antq.mediation.models import CaseMediator, MediationCase, Party, Subject
from antq.mediation.tests.factories import OTHER, REQUESTER, team_with
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def front(tree):
    user = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(user, "commune_front", tree.a)
    return user


def _at(monkeypatch, day: datetime.date, hour: int = 9):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def _request(tree, subject="neighbours", **changes):
    values = {"subject": Subject.objects.get(code=subject),
              "description": "Nhà bên cạnh xây tường lấn sang lối đi chung.", "commune": tree.a, "unit": tree.a1,
              "place": "Hẻm 5, Khu phố 1", "requester": dict(REQUESTER), "other": dict(OTHER), "consent": True,
              **changes}
    return services.case_request(**values)


def test_a_matter_that_may_not_be_mediated_is_refused_with_its_article_and_nothing_is_kept(tree):
    with translation.override("vi"), pytest.raises(ValidationError, match=r"Điều 3 khoản 1 điểm c.*báo cho Công an"):
        _request(tree, subject="criminal")
    assert not MediationCase.objects.exists() and not Party.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="mediation.").exists()
    # The list is data: a subject the ministry marks not mediable is refused from then on.
    Subject.objects.filter(code="debt").update(mediable=False, article="Điều 3 khoản 1 điểm d", route="court")
    with translation.override("en"), pytest.raises(ValidationError, match="take it to the court"):
        _request(tree, subject="debt")


def test_a_public_request_gets_a_code_the_person_opens_and_the_phone_is_sealed(tree):
    case, secret = _request(tree)
    assert case.status == CaseStatus.RECEIVED and case.source == Source.PUBLIC and case.register_number is None
    assert services.requester_access(receipt_code=case.receipt_code.lower().replace("-", " "), secret=secret) == case
    with pytest.raises(ValidationError, match="không đúng"):
        services.requester_access(receipt_code=case.receipt_code, secret="ACDE-FHJK-MNPQ-RTUV")
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, phone, address FROM mediation_party")
        raw = " ".join(str(v) for row in cursor.fetchall() for v in row)
        cursor.execute("SELECT description FROM mediation_mediationcase")
        raw += str(cursor.fetchone()[0])
    assert REQUESTER["phone"] not in raw and "Trần" not in raw and "tường lấn" not in raw
    trail = " ".join(str(e.after) for e in AuditEvent.objects.all())
    assert REQUESTER["phone"] not in trail and REQUESTER["full_name"] not in trail and "tường" not in trail


def test_a_request_without_the_parties_or_consent_is_refused_on_its_fields(tree):
    with pytest.raises(ValidationError) as refused:
        _request(tree, requester={"full_name": " ", "phone": "12", "address": ""}, consent=False)
    assert {"requester_name", "requester_phone", "consent"} <= set(refused.value.message_dict)
    assert not MediationCase.objects.exists()


def test_mediation_starts_within_3_days_counted_across_the_holiday(tree, front, monkeypatch):
    team = team_with(front, tree.a1)
    case, _secret = _request(tree)
    _at(monkeypatch, datetime.date(2026, 4, 28))  # a Tuesday: day 3 is 1 May, a holiday, then a weekend
    services.case_assign(actor=front, case=case, mediators=selectors.serving_mediators(team)[:2])
    case.refresh_from_db()
    assert case.start_due == datetime.date(2026, 5, 4) and (case.register_year, case.register_number) == (2026, 1)
    cases = MediationCase.objects.all()
    assert not selectors.late_to_start(cases, datetime.date(2026, 5, 4)).exists()  # until 24:00 of the 4th
    assert list(selectors.late_to_start(cases, datetime.date(2026, 5, 5))) == [case]
    _at(monkeypatch, datetime.date(2026, 5, 5))
    services.session_record(actor=front, case=case, held_on=datetime.date(2026, 5, 5), place="Nhà văn hóa khu phố 1",
                            participants="Hai bên, 2 hòa giải viên", summary="Hai bên trình bày, hẹn đo lại ranh giới.")
    assert not selectors.late_to_start(cases, datetime.date(2026, 5, 6)).exists()
    case.refresh_from_db()
    assert case.started_on == datetime.date(2026, 5, 5) and case.status == CaseStatus.IN_PROGRESS


def test_numbers_run_per_team_and_year(tree, front):
    team = team_with(front, tree.a1)
    neighbours = Subject.objects.get(code="neighbours")
    opened = [services.case_open(actor=front, commune=tree.a, team=team, source=Source.OWN_KNOWLEDGE,
                                 subject=neighbours, description=f"Mâu thuẫn số {n} về tiếng ồn buổi tối.")
              for n in range(3)]
    assert [c.register_number for c in opened] == [1, 2, 3]
    assert [c.register_number for c in selectors.register_rows(team, timezone.localdate().year)] == [1, 2, 3]


def test_a_recused_mediator_is_replaced_on_the_record(tree, front):
    team = team_with(front, tree.a1)
    _lan, tu, sau = selectors.serving_mediators(team)
    case, _secret = _request(tree)
    services.case_assign(actor=front, case=case, mediators=[tu])
    only = CaseMediator.objects.get(case=case, mediator=tu)
    with pytest.raises(ValidationError, match="replacement"):
        services.mediator_recuse(actor=front, case=case, assignment=only, reason="Là anh ruột của một bên")
    assert CaseMediator.objects.get(pk=only.pk).recused_at is None
    services.mediator_recuse(actor=front, case=case, assignment=only, reason="Là anh ruột của một bên",
                             replacement=sau)
    only.refresh_from_db()
    assert only.recused_at and only.replaced_by.mediator == sau and only.recusal_reason == "Là anh ruột của một bên"
    assert AuditEvent.objects.filter(action="mediation.mediator_recuse").count() == 1


def test_an_agreement_is_followed_until_carried_out_and_no_agreement_says_where_to_go(tree, front):
    team = team_with(front, tree.a1)
    today = timezone.localdate()
    cases = []
    for _n in range(2):
        case, _secret = _request(tree)
        services.case_assign(actor=front, case=case, mediators=selectors.serving_mediators(team)[:2])
        services.session_record(actor=front, case=case, held_on=today, place="Nhà văn hóa",
                                participants="Hai bên", summary="Hai bên trình bày ý kiến của mình.")
        cases.append(case)
    with pytest.raises(ValidationError, match="terms"):
        services.case_conclude(actor=front, case=cases[0], outcome=CaseStatus.AGREED, ended_on=today)
    services.case_conclude(actor=front, case=cases[0], outcome=CaseStatus.AGREED, ended_on=today,
                           terms="Dỡ phần tường lấn 0,3 m trong 15 ngày.", due=today + datetime.timedelta(days=15),
                           written=True)
    assert list(selectors.agreements_to_follow(MediationCase.objects.all())) == [cases[0]]
    services.agreement_follow_up(actor=front, case=cases[0], compliance=Compliance.COMPLIED, checked_on=today)
    assert not selectors.agreements_to_follow(MediationCase.objects.all()).exists()
    with translation.override("en"), pytest.raises(ValidationError, match=r"Art\. 25"):
        services.case_conclude(actor=front, case=cases[1], outcome=CaseStatus.NOT_AGREED, ended_on=today)
    assert MediationCase.objects.get(pk=cases[1].pk).status == CaseStatus.IN_PROGRESS
    services.case_conclude(actor=front, case=cases[1], outcome=CaseStatus.NOT_AGREED, ended_on=today,
                           next_step="Tòa án nhân dân khu vực 1 – Tây Ninh")


def test_a_tip_found_no_crime_comes_to_the_communes_mediation(tree, people):
    from antq.tips import services as tips_services
    from antq.tips.choices import Referral
    from antq.tips.tests.factories import anonymous_tip

    tip, _secret = anonymous_tip(tree.a)
    tips_services.tip_not_crime(actor=people.officer_a, tip=tip, referral=Referral.MEDIATION,
                                note="Tranh chấp lối đi giữa hai hộ, không có dấu hiệu tội phạm")
    case = MediationCase.objects.get()
    assert case.source == Source.TIP and case.source_ref == tip.receipt_code and case.commune == tree.a
    assert case.status == CaseStatus.RECEIVED and not case.parties.exists()
    assert AuditEvent.objects.filter(action="mediation.case_from_referral").count() == 1


def test_an_open_matter_found_not_mediable_is_declined_with_where_to_go(tree, front):
    case, _secret = _request(tree)
    with pytest.raises(ValidationError):
        services.case_decline(actor=front, case=case, subject=Subject.objects.get(code="land"))
    services.case_decline(actor=front, case=case, subject=Subject.objects.get(code="criminal"))
    case.refresh_from_db()
    assert case.status == CaseStatus.DECLINED and case.declined_subject.code == "criminal" and case.next_step


def test_only_the_commune_front_handles_and_the_parties_are_read_on_the_record(tree, people, front):
    case, _secret = _request(tree)
    with pytest.raises(PermissionDenied):
        services.case_decline(actor=people.officer_b, case=case, subject=Subject.objects.get(code="criminal"))
    with pytest.raises(PermissionDenied):
        services.parties_read(actor=people.viewer_a, case=case)
    assert [p.full_name for p in services.parties_read(actor=people.officer_a, case=case)] == [
        REQUESTER["full_name"], OTHER["full_name"]]
    assert AuditEvent.objects.filter(action="mediation.parties_read", actor=people.officer_a).count() == 1
