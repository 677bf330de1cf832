"""Notifications to identified reporters, sent by the worker after the handling step commits."""

from django_tasks import task


@task()
def notify_reporter(*, tip_id: int, text: str) -> bool:
    from antq.core.notify import backend
    from antq.tips.models import Tip
    from antq.tips.services import reporter_contact

    tip = Tip.objects.filter(pk=tip_id, anonymous=False).first()
    if tip is None:
        return False
    phone, email = reporter_contact(tip)
    if not (phone or email):
        return False
    backend().send(phone=phone, email=email, text=text, label=f"người báo tin {tip.receipt_code}")
    return True


def deadline_reminders(*, today) -> int:
    """Daily job (antq.core.tasks.daily): each officer in charge of open tips that are past a deadline or
    reach their resolution limit within 3 days gets one email listing them — codes and dates only,
    never who reported."""
    import datetime
    from collections import defaultdict

    from django.conf import settings
    from django.core.mail import send_mail
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from antq.tips.choices import OPEN_STATUSES
    from antq.tips.models import Tip
    from antq.tips.selectors import overdue

    soon = today + datetime.timedelta(days=3)
    tips = (Tip.objects.filter(status__in=OPEN_STATUSES, assigned_to__isnull=False, assigned_to__is_active=True)
            .filter(Q(pk__in=overdue(Tip.objects.all()).values("pk")) | Q(resolve_due__lte=soon))
            .select_related("assigned_to").order_by("resolve_due"))
    by_officer = defaultdict(list)
    for tip in tips:
        by_officer[tip.assigned_to].append(tip)
    base = settings.ANTQ_BASE_URL.rstrip("/")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for officer, rows in by_officer.items():
            if not officer.email:
                continue
            lines = [_("Tips in your charge near or past a deadline:"), ""]
            lines += [_("- %(code)s (%(status)s): resolve by %(due)s — %(link)s") % {
                "code": t.receipt_code, "status": t.get_status_display().lower(), "due": f"{t.resolve_due:%d/%m/%Y}",
                "link": base + reverse("tips:tip_detail", args=[t.pk])} for t in rows]
            send_mail(_("ANTQ: tips near their deadline"), "\n".join(lines), None, [officer.email])
            sent += 1
    return sent


# --- The registrar --------------------------------------------------------------------------------

CHECK_EVERY = 1.0  # seconds: how often one server process makes sure a registrar run is queued
FOLLOW_UP = 1.0  # seconds: while reports keep coming, the registrar looks again this much later
_checked_at = -CHECK_EVERY


@task()
def register_intake() -> int:
    """Register the pending reports of the journal, a batch per transaction (services.intake_register),
    until it has caught up; under a steady flow each run then takes what gathered since the last one,
    which costs less per report than many small batches.

    A server process checks that a run is queued at most once a second (`register_soon`), so a report
    may arrive just after the run that would have taken it: while the newest report is younger than
    that second plus the follow-up delay, each run queues one more."""
    import datetime

    from django.utils import timezone

    from antq.tips.models import TipIntake
    from antq.tips.services import intake_drain

    total = intake_drain()
    newest = TipIntake.objects.order_by("-pk").values_list("received_at", flat=True).first()
    recent = newest is not None and timezone.now() - newest < datetime.timedelta(seconds=CHECK_EVERY + FOLLOW_UP)
    if total or recent:
        _queue_run(after=FOLLOW_UP)
    return total


def register_pending(*, today) -> int:
    """Daily job (antq.core.tasks.daily): whatever is still pending, should a run have been lost."""
    from antq.tips.services import intake_drain

    return intake_drain()


def _queue_run(*, after: float) -> bool:
    """Queue a registrar run unless one is already waiting; True when one was added."""
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=register_intake.module_path, status="READY").exists():
        return False
    register_intake.using(run_after=timezone.now() + datetime.timedelta(seconds=after)).enqueue()
    return True


def register_soon() -> None:
    """After a report is accepted: make sure the worker will register it. One query at most once a
    second per process: the public intake is the hot path (bench/tips_intake.py)."""
    import time

    global _checked_at
    now = time.monotonic()
    if now - _checked_at >= CHECK_EVERY:
        _checked_at = now
        _queue_run(after=FOLLOW_UP)  # a second for the reports that follow to join the same batch


def sweep_intake_files(*, today) -> int:
    """Daily job (antq.core.tasks.daily): files of reports that never reached the journal."""
    from antq.tips.services import intake_files_sweep

    return intake_files_sweep()
