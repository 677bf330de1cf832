import datetime
import io
import logging
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation
from PIL import Image

from antq.core import receipts
from antq.core.limits import Limit, add_working_days
from antq.core.models import AuditEvent, TimeUnit
from antq.orgs.tests.factories import UserFactory, grant
from antq.tips import selectors, services
from antq.tips.models import Tip, TipMessage
from antq.tips.tests.factories import IDENTITY, anonymous_tip, category, identified_tip, open_identity, real_mp4

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_row_holds_no_plaintext_identity_and_the_audit_none_either(tree):
    tip, _secret = identified_tip(tree.a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tips_tip WHERE id = %s", [tip.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    for value in IDENTITY.values():
        assert value not in row
    audit = " ".join(str(e.after) + str(e.before) for e in AuditEvent.objects.all())
    for value in IDENTITY.values():
        assert value not in audit
    assert tip.secret_hash.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")  # ANTQ_SECRET_ARGON2


def test_only_the_officer_in_charge_and_the_chief_ask_and_a_second_person_opens_each_read_audited(tree, people):
    tip, _secret = identified_tip(tree.a)
    chief = UserFactory(home_unit=tree.a)
    grant(chief, "commune_police_chief", tree.a)
    assert not services.can_request_identity(people.officer_a, tip)  # has the permission, not in charge
    with pytest.raises(PermissionDenied):
        services.identity_request(actor=people.officer_a, tip=tip, reason="Cần xác minh người báo tin")
    services.tip_assign(actor=people.officer_a, tip=tip, officer=people.officer_a)
    tip.refresh_from_db()
    # In charge, with the permission: still nothing on one person's say.
    assert not services.can_read_identity(people.officer_a, tip)
    with pytest.raises(PermissionDenied):
        services.identity_read(actor=people.officer_a, tip=tip)
    open_identity(tip, people.officer_a, chief)
    assert services.identity_read(actor=people.officer_a, tip=tip)["reporter_name"] == IDENTITY["reporter_name"]
    # The chief asks too, and the province police approve (the chief cannot approve their own).
    open_identity(tip, chief, people.province)
    assert services.identity_read(actor=chief, tip=tip)["reporter_phone"] == IDENTITY["reporter_phone"]
    reads = AuditEvent.objects.filter(action="tips.identity_read")
    assert reads.count() == 2 and all(r.after["grant"] and r.after["fields"] for r in reads)
    assert not services.can_read_identity(people.officer_b, tip)  # another commune


WRONG = "AAAA-AAAA-AAAA-AAAA"


def test_ten_wrong_secrets_lock_the_code_for_that_network_only_and_the_right_one_waits_out_the_lock(tree):
    from django.core.cache import cache

    tip, secret = anonymous_tip(tree.a)
    answers = set()
    for _ in range(10):
        with pytest.raises(ValidationError) as refused:
            services.reporter_access(receipt_code=tip.receipt_code, secret=WRONG, client="guesser")
        answers.add(tuple(refused.value.messages))
    with pytest.raises(ValidationError) as refused:  # the right secret during the lock, from that network
        services.reporter_access(receipt_code=tip.receipt_code, secret=secret, client="guesser")
    answers.add(tuple(refused.value.messages))
    with pytest.raises(ValidationError) as refused:  # a code nobody has
        services.reporter_access(receipt_code="ACDE-FHJK", secret=WRONG, client="guesser")
    answers.add(tuple(refused.value.messages))
    assert len(answers) == 1  # locked, wrong and unknown read the same
    lock = AuditEvent.objects.get(action="tips.reporter_access", object_id=str(tip.pk))
    assert lock.actor is None and lock.after["wrong_tries"] == 10 and "guesser" not in str(lock.after)
    # The reporter, elsewhere, is not locked out by the guesser.
    assert services.reporter_access(receipt_code=tip.receipt_code, secret=secret, client="reporter").pk == tip.pk
    cache.clear()  # the 30 minutes pass (the window lives in the cache)
    assert services.reporter_access(receipt_code=tip.receipt_code.lower(), secret=secret,
                                    client="guesser").pk == tip.pk


def test_an_unknown_code_costs_the_time_of_a_known_one(tree, settings):
    """No oracle: with the production cost of the secrets' hash, the median time of an unknown code and of
    a known code with a wrong secret differ by less than their spread."""
    import statistics
    import time

    settings.ANTQ_SECRET_ARGON2 = (2, 19456, 1)
    receipts._UNKNOWN_HASH = None
    tip, _secret = anonymous_tip(tree.a)
    timings = {"known": [], "unknown": []}
    for index in range(16):  # interleaved, so a slow moment of the machine hits both
        for kind, code in (("known", tip.receipt_code), ("unknown", "ACDE-FHJK")):
            started = time.perf_counter()
            with pytest.raises(ValidationError):
                services.reporter_access(receipt_code=code, secret=WRONG, client=f"c{index}")
            timings[kind].append(time.perf_counter() - started)
    receipts._UNKNOWN_HASH = None
    known, unknown = (sorted(timings[k])[2:-2] for k in ("known", "unknown"))  # without the outliers
    spread = max(statistics.pstdev(known), statistics.pstdev(unknown), 0.0005)
    assert abs(statistics.median(known) - statistics.median(unknown)) < 2 * spread, timings


def test_receipt_codes_are_easy_to_read_aloud(tree):
    tip, secret = anonymous_tip(tree.a)
    assert len(tip.receipt_code) == 9 and len(secret) == 19
    assert not set(tip.receipt_code + secret) & set("0O1IL2Z5S6G8B")


def test_just_before_tet_the_acknowledgement_is_due_three_working_days_after(tree):
    friday_before_tet = datetime.datetime(2026, 2, 13, 16, 0, tzinfo=HCM)  # Tết holidays 16–20/02/2026
    tip, _secret = identified_tip(tree.a, received_at=friday_before_tet)
    assert tip.acknowledge_due == datetime.date(2026, 2, 25)  # Mon 23, Tue 24, Wed 25
    assert tip.resolve_due == datetime.date(2026, 3, 5)  # 20 days: Thu 05/03, a working day
    assert add_working_days(datetime.date(2026, 2, 13), 1) == datetime.date(2026, 2, 23)
    assert Limit(20, TimeUnit.DAYS).last_day(datetime.date(2026, 1, 27)) == datetime.date(2026, 2, 23)  # in Tết
    assert Limit(2, TimeUnit.MONTHS).last_day(datetime.date(2025, 12, 31)) == datetime.date(2026, 3, 2)  # 28/02 Sat


def test_an_extension_requested_four_days_before_expiry_is_refused(tree, people):
    tip, _secret = anonymous_tip(tree.a)
    services.tip_triage(actor=people.officer_a, tip=tip, urgent=False, complex_case=True)
    tip.refresh_from_db()
    four_days_before = tip.resolve_due - datetime.timedelta(days=4)
    with pytest.raises(ValidationError) as refused:
        services.tip_extend(actor=people.officer_a, tip=tip, months=2, reason="Chờ kết quả giám định",
                            today=four_days_before)
    assert "ít nhất 5 ngày" in str(refused.value)
    tip.refresh_from_db()
    assert not tip.extended
    due = tip.resolve_due
    services.tip_extend(actor=people.officer_a, tip=tip, months=2, reason="Chờ kết quả giám định",
                        today=due - datetime.timedelta(days=5))
    tip.refresh_from_db()
    assert tip.extended and tip.resolve_due >= due + datetime.timedelta(days=59)
    with pytest.raises(ValidationError):  # once only
        services.tip_extend(actor=people.officer_a, tip=tip, months=1, reason="Lần hai",
                            today=due - datetime.timedelta(days=5))


def test_urgent_triage_gives_24_hours_and_48_from_a_remote_commune(tree, people):
    from antq.tips.models import RemoteCommune

    tip, _ = anonymous_tip(tree.a)
    services.tip_triage(actor=people.officer_a, tip=tip, urgent=True, urgent_reason="Bắt quả tang")
    tip.refresh_from_db()
    assert tip.forward_due - tip.received_at == datetime.timedelta(hours=24)
    RemoteCommune.objects.create(commune=tree.b)
    other, _ = anonymous_tip(tree.b)
    services.tip_triage(actor=people.officer_b, tip=other, urgent=True, urgent_reason="Đối tượng có thể bỏ trốn")
    other.refresh_from_db()
    assert other.forward_due - other.received_at == datetime.timedelta(hours=48)
    with pytest.raises(ValidationError):  # urgent needs its reason
        services.tip_triage(actor=people.officer_b, tip=other, urgent=True, urgent_reason="")


def test_suspension_tells_the_reporter_and_a_cancelled_one_gives_a_month(tree, people):
    tip, _ = anonymous_tip(tree.a)
    services.tip_triage(actor=people.officer_a, tip=tip, urgent=False)
    services.tip_suspend(actor=people.officer_a, tip=tip, reason="Chờ kết luận giám định ma túy")
    tip.refresh_from_db()
    assert tip.status == "suspended"
    assert "tạm đình chỉ" in tip.messages.get().body
    today = timezone.localdate()
    services.tip_resume(actor=people.officer_a, tip=tip, cancelled_on=today)
    tip.refresh_from_db()
    assert (tip.status, tip.resolve_due) == ("verifying", Limit(1, TimeUnit.MONTHS).last_day(today))


def test_bad_reports_are_refused_with_vietnamese_messages_and_nothing_is_stored(tree):
    with pytest.raises(ValidationError) as refused:
        services.tip_submit(category=category(), description="ngắn", commune=tree.a, anonymous=False,
                            identity={"reporter_name": "", "reporter_id_number": "12345"}, consent={})
    errors = refused.value.message_dict
    assert set(errors) == {"description", "reporter_name", "reporter_id_number", "consent"}
    assert errors["reporter_id_number"] == ["Số căn cước công dân gồm 12 chữ số."]
    with pytest.raises(ValidationError) as refused:
        services.tip_submit(category=category(), description="Có người đánh nhau ở chợ", commune=tree.a1)
    assert "commune" in refused.value.message_dict
    assert not Tip.objects.exists()


def test_photos_lose_their_location_data(tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {2: (10, 45, 0), 4: (106, 40, 0)}  # GPS
    exif[0x010F] = "PhoneMaker"
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    assert b"PhoneMaker" in raw.getvalue()
    tip, _ = services.tip_submit(category=category(), description="Ảnh hiện trường vụ trộm xe máy",
                                 commune=tree.a, attachments=[SimpleUploadedFile("IMG_0001.jpg", raw.getvalue())])
    stored = tip.attachments.get()
    data = stored.file.read()
    assert b"PhoneMaker" not in data and b"Exif" not in data
    assert Image.open(io.BytesIO(data)).size == (40, 30)
    assert "IMG_0001" not in stored.file.name
    with pytest.raises(ValidationError):
        services.tip_submit(category=category(), description="Tệp lạ đính kèm theo tin báo", commune=tree.a,
                            attachments=[SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10)])
    assert Tip.objects.count() == 1


def _box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def test_documents_and_videos_lose_their_metadata_and_stay_readable(tree):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Nguyen Van Bao Tin", "/Creator": "PhoneScanner 3.1"})
    xmp = DecodedStreamObject()
    xmp.set_data(b"<x:xmpmeta>Nguyen Van Bao Tin 10.7769,106.7009</x:xmpmeta>")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    pdf = io.BytesIO()
    writer.write(pdf)
    assert b"Nguyen Van Bao Tin" in pdf.getvalue()

    video = real_mp4()
    assert b"+10.7769" in video and b"iPhone" in video
    tip, _ = services.tip_submit(category=category(), description="Biên bản và đoạn phim vụ việc", commune=tree.a,
                                 attachments=[SimpleUploadedFile("scan.pdf", pdf.getvalue()),
                                              SimpleUploadedFile("clip.mp4", video)])
    stored = {a.kind: a.file.read() for a in tip.attachments.all()}
    assert b"Nguyen Van Bao Tin" not in stored["pdf"] and b"PhoneScanner" not in stored["pdf"]
    assert len(PdfReader(io.BytesIO(stored["pdf"])).pages) == 1
    clip = stored["mp4"]
    assert len(clip) == len(video) and b"+10.7769" not in clip and b"iPhone" not in clip and b"udta" not in clip
    import av

    with av.open(io.BytesIO(clip)) as container:  # no offset moved: it still plays
        assert next(container.decode(video=0)).width == 32


def test_a_broken_video_or_a_locked_pdf_is_refused_and_nothing_stored(tree):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    locked = PdfWriter()
    locked.add_blank_page(100, 100)
    locked.encrypt("mat-khau")
    raw = io.BytesIO()
    locked.write(raw)
    broken = _box(b"ftyp", b"isom\x00\x00\x02\x00") + (500).to_bytes(4, "big") + b"moov" + b"\x00" * 20
    zeros = _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + bytes(200_000)  # a header on nothing
    for name, data, message in [("khoa.pdf", raw.getvalue(), "mật khẩu"), ("hong.mp4", broken, "không đọc được"),
                                ("rong.mp4", zeros, "không đọc được")]:
        with pytest.raises(ValidationError) as refused:
            services.tip_submit(category=category(), description="Tệp đính kèm theo tin báo", commune=tree.a,
                                attachments=[SimpleUploadedFile(name, data)])
        assert message in " ".join(refused.value.message_dict["attachments"])
    assert not Tip.objects.exists()


def test_duplicates_are_suggested_and_an_anonymous_one_is_never_told(tree, people):
    first, _ = anonymous_tip(tree.a, "Có người bán ma túy ở quán nước đầu ngõ Lê Lợi")
    second, _ = anonymous_tip(tree.a, "co nguoi ban ma tuy o quan nuoc dau ngo le loi moi toi")
    assert [t.pk for t, _score in selectors.likely_duplicates(second)] == [first.pk]
    services.tip_merge(actor=people.officer_a, tip=second, into=first)
    second.refresh_from_db()
    assert second.status == "merged" and not second.messages.exists()
    third, _ = identified_tip(tree.a, "Có người bán ma túy ở quán nước đầu ngõ Lê Lợi, tôi thấy tận mắt")
    services.tip_merge(actor=people.officer_a, tip=third, into=first)
    assert TipMessage.objects.filter(tip=third).count() == 1


def test_feedback_is_owed_only_to_identified_reporters_and_goes_out_by_the_backend(tree, people, settings, tmp_path,
                                                                                   django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path
    anon, _ = anonymous_tip(tree.a)
    assert anon.acknowledge_due is None
    tip, _ = identified_tip(tree.a)
    assert tip.acknowledge_due is not None
    with django_capture_on_commit_callbacks(execute=True):
        services.officer_message(actor=people.officer_a, tip=tip, body="Công an xã đã nhận tin báo của bạn.",
                                 feedback="acknowledgement")
    from antq.tips.tasks import notify_reporter

    notify_reporter.call(tip_id=tip.pk, text="Công an xã đã nhận tin báo của bạn.")
    log = (tmp_path / "notifications.log").read_text()
    assert tip.receipt_code in log and IDENTITY["reporter_phone"] not in log and IDENTITY["reporter_email"] not in log
    tip.refresh_from_db()
    assert tip.acknowledged_at is not None
    assert "đã nhận tin báo" not in log  # tests run without DEBUG: outside the demo the text is not written


def test_an_officer_of_another_commune_cannot_act(tree, people):
    tip, _ = anonymous_tip(tree.a)
    with pytest.raises(PermissionDenied):
        services.tip_triage(actor=people.officer_b, tip=tip, urgent=False)
    tip.refresh_from_db()
    assert tip.status == "received"


def test_identity_never_reaches_the_logs(tree, people, caplog):
    caplog.set_level(logging.DEBUG)
    tip, _ = identified_tip(tree.a)
    services.tip_assign(actor=people.officer_a, tip=tip, officer=people.officer_a)
    open_identity(Tip.objects.get(pk=tip.pk), people.officer_a, people.province)
    services.identity_read(actor=people.officer_a, tip=Tip.objects.get(pk=tip.pk))
    for value in IDENTITY.values():
        assert value not in caplog.text


def test_key_rotation_reencrypts_with_the_new_key(tree, settings):
    import base64

    from antq.core.crypto import decrypt

    settings.ANTQ_DATA_KEYS = "k1:" + base64.b64encode(b"1" * 32).decode()
    tip, _ = identified_tip(tree.a)
    old = Tip.objects.get(pk=tip.pk).reporter_name
    assert old.startswith("v1:k1:")
    settings.ANTQ_DATA_KEYS = "k2:" + base64.b64encode(b"2" * 32).decode() + ",k1:" + base64.b64encode(
        b"1" * 32).decode()
    from antq.core.services import rotate_keys

    counts = rotate_keys()
    assert counts["tips.identity"] == 1 and counts["tips.tip.description"] == 1
    assert AuditEvent.objects.get(action="core.rotate_keys").after == {"re_encrypted": counts}
    new = Tip.objects.get(pk=tip.pk).reporter_name
    assert new.startswith("v1:k2:")
    assert decrypt(new, context="tips.tip.reporter_name") == IDENTITY["reporter_name"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM tips_tip WHERE id = %s", [tip.pk])
        assert cursor.fetchone()[0].startswith("v1:k2:")
    assert Tip.objects.get(pk=tip.pk).description == tip.description  # still reads, with the new key
    assert rotate_keys()["tips.tip.description"] == 0  # nothing left to do


def test_the_daily_job_reminds_the_officer_in_charge_without_the_identity(tree, people):
    from django.core import mail

    from antq.tips.tasks import deadline_reminders

    tip, _ = identified_tip(tree.a)
    services.tip_assign(actor=people.officer_a, tip=tip, officer=people.officer_a)
    tip.refresh_from_db()
    assert deadline_reminders(today=tip.resolve_due - datetime.timedelta(days=10)) == 0
    assert deadline_reminders(today=tip.resolve_due - datetime.timedelta(days=2)) == 1
    message = mail.outbox[0]
    assert message.to == [people.officer_a.email] and tip.receipt_code in message.body
    for value in IDENTITY.values():
        assert value not in message.body


def test_the_register_restarts_each_year_and_numbers_follow_on_within_one(tree):
    new_year_eve = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=HCM)
    last_year, _s = identified_tip(tree.a, received_at=new_year_eve)
    first, _s = anonymous_tip(tree.a)
    second, _s = anonymous_tip(tree.a)
    other, _s = anonymous_tip(tree.b)
    assert (last_year.register_year, last_year.register_number) == (2025, 1)
    year = timezone.localdate().year
    assert [(t.register_year, t.register_number) for t in (first, second)] == [(year, 1), (year, 2)]
    assert (other.register_year, other.register_number) == (year, 1)  # each commune has its own register


def test_what_was_reported_is_encrypted_at_rest_and_reads_back_whole(tree, people):
    tip, _secret = services.tip_submit(
        category=category("drugs"), description="Bán ma túy ở quán nước đầu hẻm 12", commune=tree.a,
        address="Hẻm 12 đường Trưng Nữ Vương", latitude="11.312345", longitude="106.098765")
    services.tip_assign(actor=people.officer_a, tip=tip, officer=people.officer_a)
    services.officer_message(actor=people.officer_a, tip=Tip.objects.get(pk=tip.pk), body="Xin mô tả người bán")
    services.reporter_message(tip=tip, body="Người bán mặc áo đỏ, đi xe Wave")
    plain = ["ma túy ở quán", "Trưng Nữ Vương", "11.312345", "106.098765", "mô tả người bán", "áo đỏ"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tips_tip WHERE id = %s", [tip.pk])
        stored = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT body FROM tips_tipmessage WHERE tip_id = %s", [tip.pk])
        stored += " ".join(row[0] for row in cursor.fetchall())
    audit = " ".join(f"{e.after} {e.before} {e.object_repr}" for e in AuditEvent.objects.all())
    for text in plain:
        assert text not in stored and text not in audit
    again = Tip.objects.get(pk=tip.pk)
    assert (again.description, again.address, str(again.latitude), str(again.longitude)) == (
        "Bán ma túy ở quán nước đầu hẻm 12", "Hẻm 12 đường Trưng Nữ Vương", "11.312345", "106.098765")
    assert [m.body for m in again.messages.order_by("pk")] == ["Xin mô tả người bán", "Người bán mặc áo đỏ, đi xe Wave"]


def test_the_secret_opens_however_it_is_typed_and_a_typo_in_its_form_is_not_a_try(tree):
    tip, secret = anonymous_tip(tree.a)
    plain = secret.replace("-", "")
    for typed_code, typed_secret in [(tip.receipt_code.lower(), secret.lower()),
                                     (tip.receipt_code.replace("-", " "), " ".join(secret.split("-"))),
                                     (tip.receipt_code.replace("-", ""), plain), (tip.receipt_code, plain.lower())]:
        assert services.reporter_access(receipt_code=typed_code, secret=typed_secret, client="c").pk == tip.pk
    for _ in range(12):  # a letter short, or a character codes never use: said on the field, never counted
        with pytest.raises(ValidationError) as refused:
            services.reporter_access(receipt_code=tip.receipt_code, secret=plain[:-1], client="c")
        assert list(refused.value.message_dict) == ["secret"]
    with translation.override("en"), pytest.raises(ValidationError, match="8 letters and digits"):
        services.reporter_access(receipt_code="ACDE-FHJ0", secret=secret, client="c")
    assert services.reporter_access(receipt_code=tip.receipt_code, secret=secret, client="c").pk == tip.pk  # no lock
    assert not AuditEvent.objects.filter(action="tips.reporter_access").exists()
