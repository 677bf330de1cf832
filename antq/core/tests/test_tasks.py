import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from antq.orgs import services

# Transactional, so on_commit fires; the `tree` fixture restores the shipped reference rows.
pytestmark = pytest.mark.django_db(transaction=True)


def test_setup_email_is_sent_by_the_worker(tree, people):
    services.user_create(actor=people.officer_a, home_unit=tree.a, username="moi.a",
                         full_name="Trần Văn Mới", email="moi@example.vn")
    assert mail.outbox == []  # nothing is sent inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("worker", batch=True)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moi@example.vn"]
    assert message.subject == "Tài khoản ANTQ của bạn"
    assert "moi.a" in message.body and "/accounts/password/reset/" in message.body


def test_password_reset_goes_through_the_worker(tree, people, client):
    response = client.post("/accounts/password/reset/", {"email": people.viewer_a.email})
    assert response.status_code == 302
    assert mail.outbox == []
    call_command("worker", batch=True)
    assert [m.to for m in mail.outbox] == [[people.viewer_a.email]]
    assert mail.outbox[0].subject == "Đặt lại mật khẩu ANTQ"


def test_unknown_address_sends_nothing(tree, client):
    client.post("/accounts/password/reset/", {"email": "khong-co@example.vn"})
    call_command("worker", batch=True)
    assert mail.outbox == []
    assert not DBTaskResult.objects.exists()
