"""Messages to people outside the product (SMS, email), through a pluggable backend.

`ANTQ_NOTIFY_BACKEND` names a class with `send(*, phone: str, email: str, text: str, label: str)`.
The demo's `FileBackend` writes to var/notifications.log without the address — the label
names whom it is for ("the reporter of tip ABCD-EFGH"), so no identity reaches a log; a real
deployment plugs in its SMS gateway and mail server.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string


class FileBackend:
    """The demo's: what would be sent, written to a file. Outside DEBUG the text itself is left out — a
    message to a reporter is content the product keeps only encrypted."""

    def send(self, *, phone: str, email: str, text: str, label: str) -> None:
        path = Path(settings.VAR_DIR) / "notifications.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        channels = "+".join(name for name, value in (("sms", phone), ("email", email)) if value)
        shown = text if settings.DEBUG else f"({len(text)} characters, not written)"
        with path.open("a", encoding="utf-8") as out:
            out.write(f"{timezone.localtime():%Y-%m-%d %H:%M} {channels} → {label}: {shown}\n")


class EmailBackend:
    """Email only (an SMS gateway is deployment-specific)."""

    def send(self, *, phone: str, email: str, text: str, label: str) -> None:
        if email:
            send_mail("ANTQ", text, None, [email])


def backend():
    return import_string(settings.ANTQ_NOTIFY_BACKEND)()
