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
