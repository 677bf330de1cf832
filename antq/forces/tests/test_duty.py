"""Duty of the security teams (seed 004 §4.5): recurring night patrols laid out ahead with the members taking
turns, each member confirming (or excusing themselves) before the shift, signing on and off from the phone;
a crime seen on patrol lands as a tip in the tips app, a dispute recorded by the commune police through the
mediation app — both through their own services; a no-show counted; nobody answers for another member."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.forces import selectors, services
from antq.forces.models import Assignment, Incident, Shift
from antq.mediation.models import Dispute
from antq.orgs.tests.factories import UserFactory, grant
from antq.tips.models import Tip

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 12, 7)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def patrols(crew, people):
    with time_machine.travel(_at(MONDAY, 9), tick=False):
        schedule = services.schedule_create(
            actor=people.officer_a, team=crew.team, kind="night_patrol", title="Tuần tra đêm", place="Khu phố 1",
            weekdays=[1, 3, 5], start_time=datetime.time(22), end_time=datetime.time(2), first_day=MONDAY,
            last_day=None, per_shift=2, members=crew.members)
    return schedule


def test_a_schedule_lays_out_its_weekdays_ahead_with_members_in_turn(crew, people, patrols):
    shifts = list(Shift.objects.filter(schedule=patrols).order_by("starts_at"))
    assert len(shifts) == 12  # Mon, Wed, Fri over the 28 days of the duty rule
    assert {s.starts_at.astimezone(timezone.get_current_timezone()).isoweekday() for s in shifts} == {1, 3, 5}
    first = shifts[0]
    assert timezone.localtime(first.starts_at) == _at(MONDAY, 22)
    assert timezone.localtime(first.ends_at) == _at(MONDAY + datetime.timedelta(days=1), 2)  # the next morning
    turns = [sorted(a.member.full_name for a in s.assignments.all()) for s in shifts[:3]]
    assert turns == [["Lê Văn Cường", "Nguyễn Văn An"], ["Trần Văn Bình", "Lê Văn Cường"][::-1],
                     ["Nguyễn Văn An", "Trần Văn Bình"]]
    # the daily job goes on from where it stopped, and running it again adds nothing
    assert services.schedules_lay_out(today=MONDAY + datetime.timedelta(days=7)) == 3
    assert services.schedules_lay_out(today=MONDAY + datetime.timedelta(days=7)) == 0
    assert AuditEvent.objects.filter(action="forces.schedule_create").count() == 1


def test_a_schedule_refuses_bad_input_and_another_communes_officer(crew, people):
    with time_machine.travel(_at(MONDAY, 9), tick=False):
        with pytest.raises(ValidationError) as refused:
            services.schedule_create(actor=people.officer_a, team=crew.team, kind="night_patrol", title="",
                                     place="", weekdays=[], start_time=datetime.time(22), end_time=datetime.time(22),
                                     first_day=MONDAY - datetime.timedelta(days=1), last_day=None, per_shift=4,
                                     members=crew.members)
        assert {"title", "weekdays", "end_time", "first_day", "per_shift"} <= set(refused.value.message_dict)
        with pytest.raises(PermissionDenied):
            services.schedule_create(actor=people.officer_b, team=crew.team, kind="night_patrol", title="Tuần tra",
                                     place="", weekdays=[1], start_time=datetime.time(22), end_time=datetime.time(2),
                                     first_day=MONDAY, last_day=None, per_shift=1, members=crew.members)
    assert not Shift.objects.exists()


def _mine(crew, day=MONDAY):
    return Assignment.objects.get(member=crew.members[0], shift__starts_at__date__gte=day,
                                  shift__starts_at=Shift.objects.filter(assignments__member=crew.members[0])
                                  .order_by("starts_at").values("starts_at")[:1])


def test_confirm_sign_on_report_a_tip_and_sign_off(crew, people, patrols):
    mine = _mine(crew)
    start = timezone.localtime(mine.shift.starts_at)
    with time_machine.travel(start - datetime.timedelta(hours=5), tick=False):
        assert list(selectors.unconfirmed(Assignment.objects.filter(pk=mine.pk))) == [mine]
        services.assignment_answer(actor=crew.user, assignment=mine, confirm=True)
        assert not selectors.unconfirmed(Assignment.objects.filter(pk=mine.pk)).exists()
        with pytest.raises(ValidationError, match="signed_on_at"):  # five hours early
            services.assignment_sign_on(actor=crew.user, assignment=mine)
        with pytest.raises(ValidationError, match="description"):
            services.incident_report(actor=crew.user, assignment=mine, kind="tip",
                                     description="Hai thanh niên cạy khóa xe máy trước nhà số 5")
    with time_machine.travel(start - datetime.timedelta(minutes=30), tick=False):
        services.assignment_sign_on(actor=crew.user, assignment=mine)
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        with pytest.raises(ValidationError, match="description"):
            services.incident_report(actor=crew.user, assignment=mine, kind="tip", description="trộm")
        assert not Tip.objects.exists()
        incident = services.incident_report(actor=crew.user, assignment=mine, kind="tip", place="Hẻm 12",
                                            description="Hai thanh niên cạy khóa xe máy trước nhà số 5")
    tip = Tip.objects.get()
    assert (tip.channel, tip.commune, tip.reporter_organisation) == ("patrol", crew.team.commune, crew.team.name)
    assert "cạy khóa" in tip.description and tip.address == "Hẻm 12"
    assert incident.sent_as == "tip" and incident.reference == tip.receipt_code
    assert incident.url == f"/tips/{tip.pk}/"
    assert AuditEvent.objects.filter(action="tips.tip_from_patrol").exists()
    with time_machine.travel(start + datetime.timedelta(hours=4), tick=False):
        services.assignment_sign_off(actor=crew.user, assignment=mine, seen="Một vụ cạy khóa xe, đã báo",
                                     done="Giữ hiện trường chờ Công an")
    mine.refresh_from_db()
    assert mine.signed_off_at is not None and mine.seen.startswith("Một vụ")


def test_a_failing_tip_leaves_no_incident(crew, people, patrols, monkeypatch):
    from antq.core import registry

    mine = _mine(crew)
    start = timezone.localtime(mine.shift.starts_at)
    with time_machine.travel(start, tick=False):
        services.assignment_sign_on(actor=crew.user, assignment=mine)
        sinks = registry.contributions("forces.incident_sinks")

        def broken(**kwargs):
            raise ValidationError({"description": ["hỏng"]})
        monkeypatch.setitem(registry._HOOKS["forces.incident_sinks"], "tip", broken)
        with pytest.raises(ValidationError, match="hỏng"):
            services.incident_report(actor=crew.user, assignment=mine, kind="tip",
                                     description="Người lạ đột nhập vào nhà trống")
        monkeypatch.setitem(registry._HOOKS["forces.incident_sinks"], "tip", sinks["tip"])
    assert not Incident.objects.exists() and not Tip.objects.exists()


def test_a_dispute_seen_waits_for_the_police_who_record_it_in_one_step(crew, people, patrols):
    mine = _mine(crew)
    start = timezone.localtime(mine.shift.starts_at)
    with time_machine.travel(start, tick=False):
        services.assignment_sign_on(actor=crew.user, assignment=mine)
        incident = services.incident_report(actor=crew.user, assignment=mine, kind="dispute",
                                            description="Hai nhà cãi nhau to về ranh giới đất, sắp xô xát")
        assert incident.sent_as == "" and list(selectors.disputes_to_record(people.officer_a)) == [incident]
        assert not selectors.disputes_to_record(people.officer_b).exists()
        with pytest.raises(PermissionDenied):
            services.incident_record_dispute(actor=people.officer_b, incident=incident)
        services.incident_record_dispute(actor=people.officer_a, incident=incident)
    dispute = Dispute.objects.get()
    assert dispute.commune == crew.team.commune and dispute.owner == people.officer_a
    assert "ranh giới" in dispute.description and "Nguyễn Văn An" in dispute.description
    incident.refresh_from_db()
    assert incident.sent_as == "dispute" and incident.url == f"/mediation/disputes/{dispute.pk}/"
    with pytest.raises(ValidationError, match="không phải"):
        services.incident_record_dispute(actor=people.officer_a, incident=incident)
    assert Dispute.objects.count() == 1


def test_nobody_answers_for_another_member(crew, people, patrols):
    theirs = Assignment.objects.filter(member=crew.members[1]).first()
    stranger = UserFactory(username="tobv.la", home_unit=crew.team.commune)
    grant(stranger, "security_team_member", crew.team.commune, people.police_a)
    for actor in (crew.user, stranger, people.officer_a):
        with pytest.raises(Assignment.DoesNotExist):
            services.assignment_answer(actor=actor, assignment=theirs, confirm=True)
    theirs.refresh_from_db()
    assert theirs.state == "assigned" and not AuditEvent.objects.filter(action="forces.assignment_answer").exists()


def test_a_decline_needs_a_reason_and_a_no_show_is_counted(crew, people, patrols):
    mine = _mine(crew)
    start = timezone.localtime(mine.shift.starts_at)
    partner = mine.shift.assignments.exclude(pk=mine.pk).get()
    with time_machine.travel(start - datetime.timedelta(hours=2), tick=False):
        with pytest.raises(ValidationError, match="reason"):
            services.assignment_answer(actor=crew.user, assignment=mine, confirm=False, reason="")
        services.assignment_answer(actor=crew.user, assignment=mine, confirm=False, reason="Đi viện thăm mẹ")
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        with pytest.raises(ValidationError, match="reason"):
            services.assignment_answer(actor=crew.user, assignment=mine, confirm=True)
    after = start + datetime.timedelta(hours=5)
    shift_rows = Assignment.objects.filter(shift=mine.shift)
    assert list(selectors.no_show(shift_rows, after)) == [partner]  # excused ahead is no no-show
    assert not selectors.no_show(shift_rows, start + datetime.timedelta(hours=1)).exists()  # not over yet


def test_a_one_off_shift_and_its_cancellation(crew, people):
    with time_machine.travel(_at(MONDAY, 9), tick=False):
        with pytest.raises(ValidationError, match="ends_at"):
            services.shift_create(actor=people.officer_a, team=crew.team, kind="festival", title="Lễ hội",
                                  place="Đình làng", starts_at=_at(MONDAY, 18), ends_at=_at(MONDAY, 17),
                                  members=crew.members[:2])
        shift = services.shift_create(actor=people.officer_a, team=crew.team, kind="festival", title="Lễ hội",
                                      place="Đình làng", starts_at=_at(MONDAY, 18), ends_at=_at(MONDAY, 23),
                                      members=crew.members[:2])
        assert shift.assignments.count() == 2
        with pytest.raises(ValidationError, match="reason"):
            services.shift_cancel(actor=people.officer_a, shift=shift, reason="")
        services.shift_cancel(actor=people.officer_a, shift=shift, reason="Hoãn lễ hội vì mưa bão")
        assert not selectors.shifts_of(people.officer_a).exists()
        mine = shift.assignments.get(member=crew.members[0])
        with pytest.raises(Assignment.DoesNotExist):  # a cancelled shift is no one's to answer
            services.assignment_answer(actor=crew.user, assignment=mine, confirm=True)


def test_an_account_is_linked_only_with_the_role_in_the_commune(crew, people, tree):
    other = UserFactory(username="khongvaitro", home_unit=tree.a)
    with pytest.raises(ValidationError, match="username"):
        services.member_account_link(actor=people.officer_a, member=crew.members[1], username="khongvaitro")
    with pytest.raises(ValidationError, match="thành viên khác"):
        services.member_account_link(actor=people.officer_a, member=crew.members[1], username="tobv.an")
    with pytest.raises(ValidationError, match="username"):
        services.member_account_link(actor=people.officer_a, member=crew.members[1], username="khongco")
    crew.members[1].refresh_from_db()
    assert crew.members[1].user is None and other.pk


def test_a_replacement_is_added_and_a_stopped_duty_cancels_what_follows(crew, people, patrols):
    mine = _mine(crew)
    shift = mine.shift
    on_it = set(shift.assignments.values_list("member_id", flat=True))
    spare = next(m for m in crew.members if m.pk not in on_it)
    with time_machine.travel(_at(MONDAY, 9), tick=False):
        with pytest.raises(ValidationError, match="member"):
            services.shift_assign(actor=people.officer_a, shift=shift, member=crew.members[0])  # on it already
        with pytest.raises(PermissionDenied):
            services.shift_assign(actor=people.officer_b, shift=shift, member=spare)
        added = services.shift_assign(actor=people.officer_a, shift=shift, member=spare)
        assert added.state == "assigned" and shift.assignments.count() == 3
        with pytest.raises(ValidationError, match="ended_on"):
            services.schedule_end(actor=people.officer_a, schedule=patrols,
                                  ended_on=MONDAY - datetime.timedelta(days=1))
        services.schedule_end(actor=people.officer_a, schedule=patrols, ended_on=MONDAY + datetime.timedelta(days=7))
    live = Shift.objects.filter(schedule=patrols, cancelled_at__isnull=True)
    assert live.count() == 4  # Mon 7, Wed 9, Fri 11, Mon 14; the eight after are cancelled
    assert services.schedules_lay_out(today=MONDAY + datetime.timedelta(days=20)) == 0


def test_a_member_who_leaves_comes_off_the_shifts_to_come(crew, people, patrols):
    with time_machine.travel(_at(MONDAY, 9), tick=False):
        services.member_leave(actor=people.officer_a, member=crew.members[2], left_on=MONDAY, reason="Chuyển nơi ở")
    assert not Assignment.objects.filter(member=crew.members[2]).exists()
    assert Assignment.objects.filter(member=crew.members[0]).exists()
