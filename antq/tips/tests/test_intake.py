"""The receipt journal and its registrar: a report is answered once it is in the journal, and the
worker turns the journal into tips, numbered and audited, many at a time."""

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult
from PIL import Image

from antq.core.audit import audit_verify
from antq.core.models import AuditEvent
from antq.tips import services, tasks
from antq.tips.models import Tip, TipAttachment, TipIntake
from antq.tips.tests.factories import IDENTITY, category

pytestmark = pytest.mark.django_db
TEXT = "Có người bán ma túy ở quán nước đầu ngõ, tối nào cũng có khách lạ"


def _accept(commune, **extra):
    return services.tip_accept(category=category(), description=TEXT, commune=commune, **extra)


def test_an_accepted_report_is_in_the_journal_only_and_encrypted(tree):
    code, secret = _accept(tree.a, anonymous=False, identity=IDENTITY, consent={"handle": True})
    intake = TipIntake.objects.get()
    assert intake.receipt_code == code and intake.registered_at is None
    assert not Tip.objects.exists() and not AuditEvent.objects.filter(action="tips.intake_register").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tips_tipintake")
        row = " ".join(str(value) for value in cursor.fetchone())
    assert "ma túy" not in row and secret not in row
    for value in IDENTITY.values():
        assert value not in row


def test_the_registrar_numbers_audits_and_erases_and_never_registers_twice(tree):
    codes = [_accept(tree.a)[0], _accept(tree.b)[0], _accept(tree.a, anonymous=False, identity=IDENTITY,
                                                               consent={"handle": True, "contact": True})[0]]
    tips = services.intake_register()
    assert [t.receipt_code for t in tips] == codes
    assert [(t.commune_id, t.register_number) for t in tips] == [(tree.a.pk, 1), (tree.b.pk, 1), (tree.a.pk, 2)]
    identified = Tip.objects.get(receipt_code=codes[2])
    assert identified.reporter_name.startswith("v1:") and identified.acknowledge_due is not None
    audit = AuditEvent.objects.filter(action="tips.intake_register").order_by("pk")
    assert [e.object_repr for e in audit] == codes
    assert audit_verify().broken_id is None
    assert not TipIntake.objects.exclude(payload="").exists()
    assert services.intake_register() == []
    assert Tip.objects.count() == 3


def test_a_report_no_key_opens_is_set_aside_and_the_others_registered(tree, settings, caplog):
    settings.ANTQ_DATA_KEYS = "old:" + base64.b64encode(b"1" * 32).decode()
    lost, _secret = _accept(tree.a)
    settings.ANTQ_DATA_KEYS = "new:" + base64.b64encode(b"2" * 32).decode()  # the old key dropped too soon
    kept, _secret = _accept(tree.b)
    (tip,) = services.intake_register()
    assert tip.receipt_code == kept
    aside = TipIntake.objects.get(receipt_code=lost)
    assert aside.error == "ValueError" and aside.registered_at is None and aside.payload
    assert AuditEvent.objects.filter(action="tips.intake_register", object_repr=lost,
                                     after__set_aside="ValueError").exists()
    assert lost in caplog.text and "ma túy" not in caplog.text
    assert services.intake_register() == []  # set aside: not tried again and again
    assert services.rotate_identity_keys() == 0  # a key rotation passes it by instead of failing on it
    out = io.StringIO()
    call_command("intake", stdout=out)
    assert "Set aside: 1." in out.getvalue() and lost in out.getvalue()
    assert services.intake_retry(codes=[lost]) == []  # the key is still missing: it stays aside
    assert TipIntake.objects.get(receipt_code=lost).error == "ValueError"
    settings.ANTQ_DATA_KEYS = "new:" + base64.b64encode(b"2" * 32).decode() + ",old:" + base64.b64encode(
        b"1" * 32).decode()
    out = io.StringIO()
    call_command("intake", "--retry", lost.lower(), stdout=out)  # the key is back: an operator retries
    assert f"1 reports registered: {lost}" in out.getvalue() and "Set aside: 0." in out.getvalue()
    assert Tip.objects.filter(receipt_code=lost).exists()
    assert AuditEvent.objects.filter(action="tips.intake_retry").count() == 2


def test_opening_a_report_not_yet_registered_registers_it(tree):
    code, secret = _accept(tree.a)
    with pytest.raises(ValidationError):
        services.reporter_access(receipt_code=code, secret="AAAA-AAAA-AAAA-AAAA")
    tip = Tip.objects.get(receipt_code=code)  # registered by the try, wrong as it was
    assert services.reporter_access(receipt_code=code.lower(), secret=secret).pk == tip.pk


def test_codes_of_every_channel_share_the_journal(tree, people):
    tip, _secret = services.tip_record(actor=people.officer_a, channel="phone", report_type="information",
                                       category=category(), description=TEXT, commune=tree.a)
    assert TipIntake.objects.get(receipt_code=tip.receipt_code).registered_at is not None
    assert AuditEvent.objects.get(action="tips.intake_register").actor == people.officer_a
    assert tip.received_by == people.officer_a


def test_files_are_stored_on_acceptance_and_attached_on_registration(tree):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="JPEG")
    code, _secret = _accept(tree.a, attachments=[SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue())])
    assert not TipAttachment.objects.exists()
    (tip,) = services.intake_register()
    assert tip.receipt_code == code
    attachment = TipAttachment.objects.get(tip=tip)
    assert attachment.kind == "jpg" and attachment.file.read()[:2] == b"\xff\xd8"
    assert "IMG_0001" not in attachment.file.name
    with open(attachment.file.path, "rb") as raw:  # sealed on disk
        assert not raw.read().startswith(b"\xff\xd8")


def test_an_officer_downloads_the_plain_file_and_the_disk_holds_ciphertext(tree, people, login):
    from django.urls import reverse

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "blue").save(buffer, format="PNG")
    _accept(tree.a, attachments=[SimpleUploadedFile("anh.png", buffer.getvalue())])
    (tip,) = services.intake_register()
    attachment = TipAttachment.objects.get(tip=tip)
    response = login(people.officer_a).get(reverse("tips:attachment", args=[attachment.pk]))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body.startswith(b"\x89PNG") and len(body) == attachment.size
    assert response["Content-Disposition"].startswith("attachment") and response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Length" not in response or int(response["Content-Length"]) == len(body)


def test_a_refused_report_leaves_nothing_in_the_journal(tree):
    with pytest.raises(ValidationError):
        _accept(tree.a, attachments=[SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10)])
    with pytest.raises(ValidationError):
        services.tip_accept(category=category(), description="ngắn", commune=tree.a)
    assert not TipIntake.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_the_worker_registers_what_the_server_queued(tree, monkeypatch, django_assert_num_queries):
    ready = DBTaskResult.objects.filter(task_path=tasks.register_intake.module_path, status="READY")
    monkeypatch.setattr(tasks, "_checked_at", -tasks.CHECK_EVERY)
    monkeypatch.setattr(tasks, "FOLLOW_UP", 0)  # the run is due at once
    first, _secret = _accept(tree.a)
    assert ready.count() == 1
    with django_assert_num_queries(0):
        tasks.register_soon()  # within the second: no query at all
    second, _secret = _accept(tree.b)
    monkeypatch.setattr(tasks, "FOLLOW_UP", 60)  # the follow-up is not due during this test
    call_command("worker", batch=True)
    assert set(Tip.objects.values_list("receipt_code", flat=True)) == {first, second}
    assert ready.count() == 1  # it found work: it looks again later
    ready.delete()
    assert tasks.register_intake.call() == 0
    assert ready.count() == 1  # nothing pending, but the newest report is recent: one more look
    ready.delete()
    TipIntake.objects.update(received_at=TipIntake.objects.get(receipt_code=first).received_at.replace(year=2020))
    assert tasks.register_intake.call() == 0
    assert not ready.exists()  # quiet: the chain stops


def test_key_rotation_reaches_the_reports_waiting_in_the_journal(tree, settings):
    from antq.core.crypto import decrypt

    settings.ANTQ_DATA_KEYS = "k1:" + base64.b64encode(b"1" * 32).decode()
    code, _secret = _accept(tree.a)
    settings.ANTQ_DATA_KEYS = "k2:" + base64.b64encode(b"2" * 32).decode() + ",k1:" + base64.b64encode(
        b"1" * 32).decode()
    assert services.rotate_identity_keys() == 1
    payload = TipIntake.objects.get(receipt_code=code).payload
    assert payload.startswith("v1:k2:") and TEXT in decrypt(payload, context=services.INTAKE_CONTEXT)


def test_an_operator_sees_the_waiting_reports_and_registers_them(tree):
    code, _secret = _accept(tree.a)
    out = io.StringIO()
    call_command("intake", stdout=out)
    assert "Waiting for the worker: 1, the oldest for" in out.getvalue()
    assert not Tip.objects.exists()  # looking changes nothing
    out = io.StringIO()
    call_command("intake", "--register", stdout=out)
    assert "1 reports registered." in out.getvalue() and "Waiting for the worker: 0." in out.getvalue()
    assert Tip.objects.get().receipt_code == code


def test_the_daily_sweep_removes_only_old_files_no_report_names(tree, settings, tmp_path):
    import os
    import time

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from antq.tips.tasks import sweep_intake_files

    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="JPEG")
    _accept(tree.a, attachments=[SimpleUploadedFile("a.jpg", buffer.getvalue())])
    services.intake_register()  # a registered report's file
    _accept(tree.b, attachments=[SimpleUploadedFile("b.jpg", buffer.getvalue())])  # a waiting report's file
    orphan = default_storage.save(f"{services.INTAKE}/orphan.jpg", ContentFile(b"x"))
    fresh = default_storage.save(f"{services.INTAKE}/fresh.jpg", ContentFile(b"x"))
    _dirs, names = default_storage.listdir(services.INTAKE)
    day_old = time.time() - 2 * 86400
    for name in names:
        if name != "fresh.jpg":
            os.utime(default_storage.path(f"{services.INTAKE}/{name}"), (day_old, day_old))
    assert sweep_intake_files(today=None) == 1
    assert not default_storage.exists(orphan) and default_storage.exists(fresh)
    assert len(default_storage.listdir(services.INTAKE)[1]) == 3
    assert TipAttachment.objects.get().file.read()[:2] == b"\xff\xd8"


@pytest.mark.django_db(transaction=True)
def test_opening_a_report_while_the_worker_registers_it_waits_and_finds_it(tree):
    import threading

    from django.db import connection as main_connection
    from django.db import connections, transaction

    if main_connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: no registrar can hold a row while another reads")
    code, secret = _accept(tree.a)
    holding, done = threading.Event(), threading.Event()

    def worker():
        try:
            with transaction.atomic():
                TipIntake.objects.select_for_update().get(receipt_code=code)
                holding.set()
                done.wait(0.5)  # the reporter opens the report meanwhile
                services.intake_register(codes=[code])
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    assert holding.wait(10)
    tip = services.reporter_access(receipt_code=code, secret=secret)  # waits for the worker's commit
    thread.join()
    assert tip.receipt_code == code and Tip.objects.count() == 1
