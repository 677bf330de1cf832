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
