"""Reintegration and who reaches a file (Decree 49/2020; LAW.md §5, §8): a helper sees the people assigned to
them and only what helping needs — never the offence; a commune Front officer sees nothing until a request is
approved or the glass is broken with a reason, which the commune police head is told of and the province
reports; the visits, needs and help given are sealed and on the record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from antq.core import services as core_services
from antq.core.models import AccessGrant, AuditEvent
from antq.orgs.tests.factories import UserFactory, grant
from antq.supervision import selectors, services
from antq.supervision.models import Helper, Need, Support, Visit
from antq.supervision.tests.conftest import ID_NUMBER, NAME, REFERENCE

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 4)


def _assign(person, actor, **helper):
    return services.helper_assign(actor=actor, person=person, decision="15/QĐ-UBND", decided_on=DAY, **helper)


def test_a_helper_sees_the_person_assigned_and_not_the_offence(tree, people, women, register):
    union, helper = women
    person = register(kind="released_prison").person
    other = register(kind="released_prison").person
    assert not selectors.helping(helper).exists()
    with pytest.raises(Http404):
        services.file_read(actor=helper, person=person, fields=selectors.HELPER_FIELDS)
    _assign(person, people.officer_a, organisation=union)
    assert list(selectors.helping(helper)) == [person]  # through the organisation, and only that person
    assert services.file_read(actor=helper, person=person, fields=selectors.HELPER_FIELDS) == {
        "full_name": NAME, "address": "Số 7, hẻm 3, Khu phố 1"}
    with pytest.raises(PermissionDenied):  # the ID number, the birth date: not what helping needs
        services.file_read(actor=helper, person=person)
    with pytest.raises(Http404):
        services.file_read(actor=helper, person=other, fields=selectors.HELPER_FIELDS)
    assert not selectors.files_of(helper, "supervision.view_file").exists()  # no police list
    read = AuditEvent.objects.filter(action="supervision.file_read").latest("pk")
    assert read.after["reach"] == "helper" and read.after["fields"] == ["full_name", "address"]


def test_a_mentor_by_name_helps_until_the_assignment_ends(tree, people, front, register):
    person = register(kind="released_prison").person
    with pytest.raises(ValidationError, match="helper"):  # neither an organisation nor a person
        _assign(person, people.officer_a)
    outsider = UserFactory(home_unit=tree.b)
    with pytest.raises(ValidationError, match="helper"):  # holds no helper's purpose at the commune
        _assign(person, people.officer_a, user=outsider)
    assert not Helper.objects.exists()
    helper = _assign(person, people.officer_a, user=front)
    assert list(selectors.helping(front)) == [person]
    services.helper_end(actor=people.officer_a, helper=helper, ended_on=datetime.date(2026, 6, 1))
    assert not selectors.helping(front).exists()
    with pytest.raises(PermissionDenied):  # the Front does not assign: the police record the committee's decision
        _assign(person, front, user=front)


def test_visits_needs_and_help_are_sealed_and_on_the_record(tree, people, women, register):
    union, helper = women
    person = register(kind="released_prison").person
    _assign(person, people.officer_a, organisation=union)
    services.visit_record(actor=helper, person=person, visited_on=DAY, attitude="Chăm chỉ, hối cải",
                          wishes="Muốn học nghề sửa xe máy")
    need = services.need_record(actor=helper, person=person, kind="work", noted_on=DAY, detail="Chưa có việc làm")
    with pytest.raises(ValidationError, match="kind"):  # the same need, still open
        services.need_record(actor=helper, person=person, kind="work", noted_on=DAY)
    services.support_record(actor=helper, person=person, kind="loan", given_on=DAY, provider="Ngân hàng CSXH",
                            amount=30_000_000, outcome="Mở tiệm sửa xe", need=need, need_met=True)
    assert Need.objects.get().met_on == DAY and Support.objects.get().amount == 30_000_000
    with pytest.raises(ValidationError, match="attitude"):
        services.visit_record(actor=helper, person=person, visited_on=DAY)
    with pytest.raises(ValidationError, match="visited_on"):
        services.visit_record(actor=helper, person=person, visited_on=datetime.date(2099, 1, 1), note="…")
    assert Visit.objects.count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT attitude, wishes FROM supervision_visit")
        row = " ".join(cursor.fetchone())
        cursor.execute("SELECT detail FROM supervision_need")
        row += cursor.fetchone()[0]
        cursor.execute("SELECT outcome FROM supervision_support")
        row += cursor.fetchone()[0]
    assert "hối cải" not in row and "sửa xe" not in row and "việc làm" not in row
    trail = " ".join(f"{e.object_repr} {e.before} {e.after}" for e in AuditEvent.objects.all())
    assert "hối cải" not in trail and "sửa xe" not in trail and NAME not in trail
    with pytest.raises(Http404):  # another commune's officer
        services.visit_record(actor=people.officer_b, person=person, visited_on=DAY, note="…")


def test_the_front_sees_nothing_until_the_glass_is_broken_and_the_police_head_is_told(
        tree, people, front, chief, register, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path
    person = register().person
    with pytest.raises(Http404):
        services.file_read(actor=front, person=person)
    assert not selectors.files_of(front, "supervision.view_file").exists()
    with pytest.raises(ValidationError, match="reason"):
        services.file_break_glass(actor=front, person=person, reason="gấp")
    assert not AccessGrant.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        grant_row = services.file_break_glass(actor=front, person=person,
                                              reason="Người này đang gây rối tại nhà văn hóa, cần liên hệ gia đình")
    assert grant_row.emergency and grant_row.is_active()
    hours = (grant_row.expires_at - grant_row.requested_at).total_seconds() / 3600
    assert hours == 4  # the emergency limit in force
    identity = services.file_read(actor=front, person=person)
    assert identity["id_number"] == ID_NUMBER
    read = AuditEvent.objects.filter(action="supervision.file_read").latest("pk")
    assert read.after["reach"] == "grant" and read.after["grant"] == grant_row.pk
    assert AuditEvent.objects.filter(action="core.access_break_glass").count() == 1
    from antq.core.tasks import notify_break_glass

    assert notify_break_glass.call(grant_id=grant_row.pk) == 1  # the chief; not the officer who broke it
    log = (tmp_path / "notifications.log").read_text()
    assert "truong.a" in log and NAME not in log and ID_NUMBER not in log and REFERENCE not in log
    with pytest.raises(ValidationError, match="đang mở"):  # once is enough
        services.file_break_glass(actor=front, person=person, reason="Lần nữa cho chắc chắn, vẫn gấp")
    # The province's report lists it, with the reads made under it.
    [row] = selectors.emergency_openings(people.province)
    assert row.pk == grant_row.pk and row.reads == 1
    assert not selectors.emergency_openings(people.officer_b)
    # The chief closes it: from then the Front sees nothing again.
    core_services.access_end(actor=chief, grant=grant_row)
    with pytest.raises(Http404):
        services.file_read(actor=front, person=person)


def test_the_front_may_ask_and_the_police_head_approves(tree, people, front, chief, register):
    person = register().person
    request = services.file_access_request(actor=front, person=person, reason="Phối hợp giúp đỡ học nghề, cần địa chỉ")
    assert request.object_repr == f"hồ sơ #{person.pk}" and NAME not in request.object_repr
    with pytest.raises(Http404):
        services.file_read(actor=front, person=person)
    with pytest.raises(PermissionDenied):
        core_services.access_approve(actor=people.officer_a, grant=request)  # an officer is not the head
    core_services.access_approve(actor=chief, grant=request, hours=2)
    assert services.file_read(actor=front, person=person)["full_name"] == NAME
    assert not selectors.emergency_openings(people.province)  # approved, not an emergency
    with pytest.raises(PermissionDenied):  # a grant reads; it does not write
        services.breach_record(actor=front, measure=person.measures.get(), occurred_on=DAY, what="Vắng mặt")


def test_a_restriction_wins_over_a_grant_and_an_assignment(tree, people, front, chief, women, register):
    union, helper = women
    person = register(kind="released_prison").person
    _assign(person, people.officer_a, organisation=union)
    services.restriction_add(actor=chief, person=person, user=helper, reason="Là em gái của người được giúp đỡ")
    services.restriction_add(actor=chief, person=person, user=front, reason="Là chồng của người được giúp đỡ")
    assert not selectors.helping(helper).exists()
    with pytest.raises(Http404):
        services.file_read(actor=helper, person=person, fields=selectors.HELPER_FIELDS)
    with pytest.raises(Http404):
        services.file_break_glass(actor=front, person=person, reason="Cần xem gấp vì có việc khẩn")
    assert not AccessGrant.objects.exists()
    grant(UserFactory(home_unit=tree.a), "commune_police", tree.a)  # others unaffected
    assert selectors.files_of(people.officer_a, "supervision.view_file").get() == person
