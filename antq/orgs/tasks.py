"""Background work of accounts: emails go out from the worker, never inside a request."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task


@task()
def send_password_setup_email(*, user_id: int, purpose: str = "reset") -> bool:
    """Email a one-time link to set a password ("invite" for new accounts, "reset" otherwise).

    Idempotent enough to retry: the link stays valid until the password changes.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    link = settings.ANTQ_BASE_URL.rstrip("/") + reverse(
        "password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user)},
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "link": link, "purpose": purpose}
        subject = render_to_string("orgs/email/password_setup_subject.txt", context).strip()
        body = render_to_string("orgs/email/password_setup_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
