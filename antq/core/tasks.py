"""The daily job: deadline reminders and other once-a-day work, run by the worker itself.

There is no cron on a commune's server. The worker, when it starts, makes sure one `daily`
task waits in the queue for the next morning; each run enqueues the next. The jobs are dotted
paths in `ANTQ_DAILY_JOBS`, each `job(today=date) -> int`, and must be safe to run twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

DAILY_HOUR = 7  # local time: before the working day starts


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    now = timezone.localtime(now)
    run = now.replace(hour=DAILY_HOUR, minute=0, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)


@task()
def daily(*, day: str | None = None) -> dict[str, int]:
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    results = {path: import_string(path)(today=today) for path in settings.ANTQ_DAILY_JOBS}
    schedule_daily()
    return results


@task()
def notify_break_glass(*, grant_id: int) -> int:
    """Tell everyone who could have approved that a file was opened in an emergency: what (its label, never
    its content), by whom, until when; the reason is read in the product. Answers how many were told."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from antq.core import grants
    from antq.core.access import holders
    from antq.core.models import AccessGrant
    from antq.core.notify import backend

    grant = AccessGrant.objects.select_related("requested_by").filter(pk=grant_id, emergency=True).first()
    if grant is None:
        return 0
    told = 0
    with translation.override(settings.LANGUAGE_CODE):
        text = _("ANTQ: %(who)s opened %(what)s in an emergency at %(at)s, until %(until)s. The reason is on the "
                 "access requests page; you may close it there.") % {
            "who": grant.requested_by.full_name or grant.requested_by.username, "what": grant.object_repr,
            "at": timezone.localtime(grant.requested_at).strftime("%H:%M %d/%m/%Y"),
            "until": timezone.localtime(grant.expires_at).strftime("%H:%M %d/%m/%Y")}
        approvers = holders(grants.purpose(grant.purpose).approve_permission, grant.unit_path)
        for user in approvers.exclude(pk=grant.requested_by_id):
            backend().send(phone=user.phone, email=user.email, text=text, label=user.username)
            told += 1
    return told


def schedule_daily() -> bool:
    """Enqueue the next `daily` run unless one is already waiting; True when one was added."""
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=daily.module_path, status="READY").exists():
        return False
    daily.using(run_after=next_run()).enqueue()
    return True


def record_audit_head(*, today: datetime.date) -> int:
    """The daily anchor: append the audit trail's head to ANTQ_AUDIT_HEAD_FILE — a file outside the
    database, for the operator to ship elsewhere — and to the log, so rows cut off the end of the chain
    (which the chain alone cannot show) are caught by `antq audit verify --anchor-file`. Safe twice."""
    import logging

    from antq.core.audit import audit_head

    count, head = audit_head()
    line = f"{today.isoformat()} {count} {head}\n"
    with open(settings.ANTQ_AUDIT_HEAD_FILE, "a", encoding="utf-8") as handle:
        handle.write(line)
    logging.getLogger("antq.audit").info("Audit head %s: %s rows, %s", today.isoformat(), count, head)
    return 1
