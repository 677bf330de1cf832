import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from antq.core.tasks import daily, next_run, schedule_daily
from antq.evaluations.models import Reminder
from antq.evaluations.tasks import deadline_reminders
from antq.evaluations.tests.factories import register
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_registration_reminder_goes_to_the_commune_that_still_owes_and_only_once(tree, people):
    year = 2026
    register(people.officer_b, unit=tree.b1, year=year)  # B registered its only area and itself; A has not
    register(people.officer_b, unit=tree.b, year=year)
    fourteen_days_before = datetime.date(year, 3, 17)  # registration is due 31/03
    assert deadline_reminders(today=fourteen_days_before) == 1
    assert [m.to for m in mail.outbox] == [[people.officer_a.email]]
    body = mail.outbox[0].body
    assert "Phường Tân Ninh: 1 khu dân cư chưa đăng ký — hạn 31/03/2026 (còn 14 ngày)" in body
    assert "Phường Tân Ninh: 1 xã, phường chưa đăng ký" in body  # its own registration too
    assert "Xã Hoà Hội" not in body
    assert sorted(Reminder.objects.values_list("user_id", "kind")) == [(people.officer_a.pk, "commune"),
                                                                    (people.officer_a.pk, "residential_area")]
    assert deadline_reminders(today=fourteen_days_before) == 0  # the same day again: nothing more
    assert len(mail.outbox) == 1
    assert deadline_reminders(today=datetime.date(year, 3, 16)) == 0  # not a reminder day


def test_decision_reminder_also_reaches_the_approver(tree, people):
    leader = UserFactory(username="lanhdao.a", home_unit=tree.a)
    grant(leader, "commune_leader", tree.a)
    register(people.officer_a, unit=tree.a1, year=2026)
    deadline_reminders(today=datetime.date(2026, 11, 12))  # residential areas are decided by 15/11
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people.officer_a.email, leader.email])
    assert "chưa được công nhận hoặc từ chối" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_the_worker_keeps_one_daily_run_waiting_and_the_daily_job_runs(tree, people):
    assert schedule_daily() is True
    assert schedule_daily() is False
    waiting = DBTaskResult.objects.get()
    assert waiting.run_after == next_run()
    result = daily.call(day="2026-03-17")  # neither commune registered anything: both officers are told
    assert result == {"antq.evaluations.tasks.deadline_reminders": 2, "antq.tips.tasks.deadline_reminders": 0,
                      "antq.tips.tasks.register_pending": 0, "antq.tips.tasks.sweep_intake_files": 0,
                      "antq.mediation.tasks.escalate_disputes": 0, "antq.mediation.tasks.start_reminders": 0,
                      "antq.supervision.tasks.plan_reminders": 0, "antq.supervision.tasks.anonymise_due": 0,
                      "antq.forces.tasks.lay_out_schedules": 0, "antq.core.tasks.record_audit_head": 1}
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # still one, not two
    call_command("worker", batch=True)  # a batch run does not execute tomorrow's job early
    assert DBTaskResult.objects.filter(status="READY").count() == 1
