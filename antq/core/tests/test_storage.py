"""Stored files are sealed at rest (antq.core.storage): ciphertext on disk, the same bytes back."""

import base64
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from antq.core.storage import MAGIC

TEXT = "Biên bản họp Ban Chỉ đạo — bí mật ".encode() * 20_000  # ~0.7 MB, more than ten segments


def _disk(name: str) -> bytes:
    with open(default_storage.path(name), "rb") as handle:
        return handle.read()


def test_a_file_is_ciphertext_on_disk_and_the_same_bytes_when_opened():
    name = default_storage.save("committees/minutes/2026/bien-ban.pdf", ContentFile(TEXT))
    raw = _disk(name)
    assert raw.startswith(MAGIC) and "Ban Chỉ đạo".encode() not in raw
    with default_storage.open(name) as handle:
        assert handle.read() == TEXT


def test_an_altered_or_moved_file_does_not_open():
    name = default_storage.save("tips/1/photo.jpg", ContentFile(TEXT))
    raw = bytearray(_disk(name))
    raw[len(raw) // 2] ^= 1
    with open(default_storage.path(name), "wb") as handle:
        handle.write(raw)
    with pytest.raises(Exception, match=r"(?i)decrypt|authenticat|tag|no matching key"):
        default_storage.open(name).read()
    other = default_storage.save("tips/2/photo.jpg", ContentFile(TEXT))
    moved = "programs/evidence/photo.jpg"
    os.makedirs(os.path.dirname(default_storage.path(moved)), exist_ok=True)
    os.replace(default_storage.path(other), default_storage.path(moved))
    with pytest.raises(Exception, match=r"(?i)decrypt|authenticat|tag|no matching key"):
        default_storage.open(moved).read()


def test_rotation_reseals_old_keys_and_plain_files_and_reads_them_back(settings, db):
    from antq.core.models import AuditEvent
    from antq.core.services import rotate_keys

    settings.ANTQ_DATA_KEYS = "k1:" + base64.b64encode(b"1" * 32).decode()
    sealed = default_storage.save("evaluations/2026/plan.pdf", ContentFile(TEXT))
    plain = "evaluations/2026/written-before.pdf"
    os.makedirs(os.path.dirname(default_storage.path(plain)), exist_ok=True)
    with open(default_storage.path(plain), "wb") as handle:
        handle.write(b"%PDF-1.4 a file from before the files were sealed")
    settings.ANTQ_DATA_KEYS = "k2:" + base64.b64encode(b"2" * 32).decode() + ",k1:" + base64.b64encode(
        b"1" * 32).decode()
    assert rotate_keys()["files"] == 2
    for name in (sealed, plain):
        assert _disk(name).startswith(MAGIC + bytes([2]) + b"k2")
    assert default_storage.open(sealed).read() == TEXT
    assert default_storage.open(plain).read().startswith(b"%PDF-1.4 a file from before")
    assert rotate_keys()["files"] == 0
    assert AuditEvent.objects.filter(action="core.rotate_keys").count() == 2
