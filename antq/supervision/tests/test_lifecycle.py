"""A file's life (Law 127/2025; LAW.md §5): handed to the commune the person moved to, which accepts it and owes
a new plan; breaches warned or proposed on; a revocation or a shortening decided; the measure served with its
certificate; the closed file kept as long as its kind says, then anonymised by the daily job with one audit
row of what was removed and the statistics kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.supervision import selectors, services
from antq.supervision.models import Breach, Helper, Measure, Person, Proposal, Transfer
from antq.supervision.tests.conftest import ID_NUMBER, NAME

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 4)


def test_a_move_waits_for_the_receiving_commune_then_the_file_is_theirs(tree, people, register):
    measure = register()
    person = measure.person
    with pytest.raises(ValidationError, match="to_unit"):  # an area of the same commune
        services.transfer_request(actor=people.officer_a, person=person, to_unit=tree.a1, reason="Chuyển nhà")
    with pytest.raises(ValidationError, match="to_unit"):  # a commune, not a residential area
        services.transfer_request(actor=people.officer_a, person=person, to_unit=tree.b, reason="Chuyển nhà")
    assert not Transfer.objects.exists()
    transfer = services.transfer_request(actor=people.officer_a, person=person, to_unit=tree.b1,
                                         reason="Về ở với gia đình")
    with pytest.raises(ValidationError, match="đang chờ"):
        services.transfer_request(actor=people.officer_a, person=person, to_unit=tree.b1, reason="Lần nữa")  # waiting
    # Until accepted the file stays with A: B sees the move (number, measure), not the file.
    assert list(selectors.moving_in(people.officer_b)) == [transfer]
    assert not selectors.files_of(people.officer_b, "supervision.view_file").exists()
    assert not selectors.moving_in(people.officer_a).exists()
    with pytest.raises(PermissionDenied):
        services.transfer_decide(actor=people.officer_a, transfer=transfer, accept=True)  # not the receiving side
    with pytest.raises(ValidationError, match="note"):
        services.transfer_decide(actor=people.officer_b, transfer=transfer, accept=False)  # refusing says why
    services.transfer_decide(actor=people.officer_b, transfer=transfer, accept=True)
    person.refresh_from_db()
    assert (person.commune, person.unit) == (tree.b, tree.b1)
    assert list(selectors.files_of(people.officer_b, "supervision.view_file")) == [person]
    assert not selectors.files_of(people.officer_a, "supervision.view_file").exists()
    measure.refresh_from_db()
    today = timezone.localdate()
    assert measure.intake_on == today and measure.plan_issued_on is None and measure.plan_due > today
    assert list(person.transfers.values_list("state", flat=True)) == ["accepted"]  # the history stays


def test_breaches_are_warned_or_proposed_on_and_a_revocation_ends_the_measure(tree, people, chief, register):
    measure = register()
    with pytest.raises(ValidationError, match="what"):
        services.breach_record(actor=people.officer_a, measure=measure, occurred_on=DAY, what="")
    with pytest.raises(ValidationError, match="occurred_on"):  # before the measure started
        services.breach_record(actor=people.officer_a, measure=measure, occurred_on=datetime.date(2026, 1, 1),
                               what="Vắng mặt không lý do")
    first = services.breach_record(actor=people.officer_a, measure=measure, occurred_on=DAY,
                                   what="Vắng mặt buổi trình diện không lý do")
    second = services.breach_record(actor=people.officer_a, measure=measure, occurred_on=datetime.date(2026, 5, 20),
                                    what="Đi khỏi nơi cư trú không xin phép")
    assert set(selectors.breaches_unhandled(Breach.objects.all())) == {first, second}
    services.breach_warn(actor=people.officer_a, breach=first, warned_on=datetime.date(2026, 5, 5))
    with pytest.raises(ValidationError, match="breaches"):  # a revocation rests on breaches named
        services.proposal_make(actor=chief, measure=measure, kind="revoke", proposed_on=datetime.date(2026, 5, 25),
                               grounds="Vi phạm nghĩa vụ hai lần trở lên")
    with pytest.raises(PermissionDenied):  # the head proposes
        services.proposal_make(actor=people.officer_a, measure=measure, kind="revoke",
                               proposed_on=datetime.date(2026, 5, 25), grounds="Vi phạm nghĩa vụ hai lần trở lên",
                               breaches=[first, second])
    proposal = services.proposal_make(actor=chief, measure=measure, kind="revoke",
                                      proposed_on=datetime.date(2026, 5, 25),
                                      grounds="Vi phạm nghĩa vụ hai lần trở lên", breaches=[first, second])
    assert not selectors.breaches_unhandled(Breach.objects.all()).exists()
    with pytest.raises(ValidationError, match="decided_on"):
        services.proposal_decide(actor=chief, proposal=proposal, granted=True, decided_on=datetime.date(2026, 5, 1),
                                 decision="Quyết định 12/2026/QĐ-TA")
    assert Measure.objects.get(pk=measure.pk).state == "active"
    services.proposal_decide(actor=chief, proposal=proposal, granted=True, decided_on=datetime.date(2026, 6, 10),
                             decision="Quyết định 12/2026/QĐ-TA, Tòa án nhân dân khu vực 1")
    measure.refresh_from_db()
    assert (measure.state, measure.end_reason, measure.ended_on) == ("ended", "revoked", datetime.date(2026, 6, 10))
    person = Person.objects.get(pk=measure.person_id)
    assert person.closed_on == datetime.date(2026, 6, 10) and person.keep_until == datetime.date(2031, 6, 10)


def test_a_shortening_moves_the_end_and_completion_closes_the_file(tree, people, chief, register):
    measure = register()
    proposal = services.proposal_make(actor=chief, measure=measure, kind="shorten",
                                      proposed_on=datetime.date(2026, 10, 1), grounds="Chấp hành tốt, lập công")
    with pytest.raises(ValidationError, match="new_end"):  # after the present end
        services.proposal_decide(actor=chief, proposal=proposal, granted=True, decided_on=datetime.date(2026, 10, 20),
                                 decision="QĐ 30/QĐ-TA", new_end=datetime.date(2027, 12, 1))
    with pytest.raises(ValidationError, match="ended_on"):  # a proposal waits for its decision
        services.measure_complete(actor=chief, measure=measure, ended_on=datetime.date(2026, 10, 25),
                                  certificate_number="12/GCN-CAX")
    services.proposal_decide(actor=chief, proposal=proposal, granted=True, decided_on=datetime.date(2026, 10, 20),
                             decision="QĐ 30/QĐ-TA", new_end=datetime.date(2026, 11, 30))
    assert Measure.objects.get(pk=measure.pk).ends_on == datetime.date(2026, 11, 30)
    with pytest.raises(ValidationError, match="certificate_number"):
        services.measure_complete(actor=chief, measure=measure, ended_on=datetime.date(2026, 11, 30))
    services.measure_complete(actor=chief, measure=measure, ended_on=datetime.date(2026, 11, 30),
                              certificate_number="12/GCN-CAX")
    measure.refresh_from_db()
    assert (measure.state, measure.end_reason, measure.certificate_number) == ("ended", "completed", "12/GCN-CAX")
    assert Person.objects.get(pk=measure.person_id).keep_until == datetime.date(2031, 11, 30)
    assert Proposal.objects.get().state == "granted"


def test_a_file_past_its_keeping_is_anonymised_with_one_row_of_what_was_removed(tree, people, chief, register):
    measure = register()
    person = measure.person
    services.assessment_record(actor=people.officer_a, measure=measure, month=datetime.date(2026, 5, 1), grade="good",
                               roll_call="in_person", signed_on=datetime.date(2026, 6, 3), note="Chấp hành tốt")
    services.breach_record(actor=people.officer_a, measure=measure, occurred_on=DAY, what="Vắng mặt một buổi")
    services.helper_assign(actor=people.officer_a, person=person, organisation=people.police_a,
                           decision="15/QĐ-UBND", decided_on=DAY)
    services.measure_complete(actor=chief, measure=measure, ended_on=datetime.date(2026, 11, 30),
                              certificate_number="12/GCN-CAX")
    keep_until = Person.objects.get(pk=person.pk).keep_until
    assert services.anonymise_due(today=keep_until) == 0  # kept through its last day
    assert services.anonymise_due(today=keep_until + datetime.timedelta(days=1)) == 1
    person.refresh_from_db()
    assert person.anonymised_at is not None and person.full_name == "" and person.id_number == ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, id_number FROM supervision_person")
        sealed = cursor.fetchone()
    assert sealed == ("", "")  # nothing left to seal
    assert Measure.objects.get(pk=measure.pk).reference == "" and Breach.objects.get().what == ""
    assert Measure.objects.get(pk=measure.pk).assessments.get().grade == "good"  # statistics kept
    row = AuditEvent.objects.get(action="supervision.anonymise_due")
    assert row.after["people"] == [person.pk] and row.after["removed"]["person"] == 4
    assert NAME not in f"{row.after}"
    assert services.anonymise_due(today=keep_until + datetime.timedelta(days=2)) == 0  # safe twice
    assert services.file_read(actor=people.officer_a, person=person) == {}
    assert Helper.objects.count() == 1


def test_another_communes_officer_reaches_nothing(tree, people, chief, register):
    measure = register()
    with pytest.raises(PermissionDenied):  # the pages answer 404 before a service is reached
        services.breach_record(actor=people.officer_b, measure=measure, occurred_on=DAY, what="Vắng mặt")
    with pytest.raises(PermissionDenied):
        services.transfer_request(actor=people.officer_b, person=measure.person, to_unit=tree.b1, reason="Chuyển")
    assert not Breach.objects.exists() and not Transfer.objects.exists()


def test_the_head_is_mailed_the_plans_due_and_the_months_unsigned_without_names(tree, people, chief, register,
                                                                              mailoutbox):
    from antq.supervision.tasks import plan_reminders

    measure = register()  # plan due 07/05/2026
    assert plan_reminders(today=datetime.date(2026, 5, 4)) == 0  # three days before: not yet
    assert plan_reminders(today=datetime.date(2026, 5, 5)) == 1
    body = mailoutbox[-1].body
    assert mailoutbox[-1].to == [chief.email] and f"#{measure.person_id}" in body and "07/05/2026" in body
    assert NAME not in body and ID_NUMBER not in body
    assert plan_reminders(today=datetime.date(2026, 5, 8)) == 1 and "quá hạn" in mailoutbox[-1].body
    services.plan_issue(actor=chief, measure=measure, officer=people.officer_a, issued_on=datetime.date(2026, 5, 6))
    assert plan_reminders(today=datetime.date(2026, 6, 8)) == 1  # May's assessment, due 05/06, not signed
    assert "Nhận xét hằng tháng" in mailoutbox[-1].body and "Kế hoạch giám sát" not in mailoutbox[-1].body
