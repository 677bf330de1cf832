"""Content encrypted at rest (issue 14) against plain reads and writes, same run.

Texts: a commune officer's page reads tips with their text and their messages. The ORM reads them
through the encrypted fields (AES-256-GCM per value, antq.core.fields); the floor is a hand-written
SQL SELECT of the same columns with nothing to decrypt, and the same SELECT with only the decryption
added tells what the encryption itself costs. 2,000 tips, each
with two messages; median of 7 runs.

Files: a 2 MB photo stored and read back through the sealed storage (Tink's streaming AES-GCM-HKDF,
antq.core.storage) against Django's plain FileSystemStorage in the same folder; median of 7 runs.

    .venv/bin/python bench/encryption.py                   # SQLite in var/bench/
    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench .venv/bin/python bench/encryption.py
"""

import os
import statistics
import tempfile
import time

# access_layer sets Django up on import (settings, the bench database in var/bench/ or DATABASE_URL).
from access_layer import prepare_database
from django.db import connection

TIPS = 2_000
REPEAT = 7
TEXT = "Có nhóm thanh niên lạ tụ tập ở quán nước đầu hẻm 12, nghi mua bán ma túy vào ban đêm. " * 3


def build() -> None:
    from django.utils import timezone

    from antq.geo.models import AdminUnit, UnitType
    from antq.tips.models import Tip, TipCategory, TipMessage

    province_type, commune_type = (UnitType.objects.select_related("level").filter(level__code=level).first()
                                   for level in ("province", "commune"))
    province = AdminUnit.objects.create(name="Tỉnh", unit_type=province_type, level=province_type.level, code="B1")
    commune = AdminUnit.objects.create(name="Xã", unit_type=commune_type, level=commune_type.level, parent=province,
                                       code="B2")
    category = TipCategory.objects.first()
    now = timezone.now()
    unopenable = "-"  # bench rows are never opened by a reporter: no hash matches it
    tips = Tip.objects.bulk_create([Tip(
        receipt_code=f"B{n:08d}", secret_hash=unopenable, channel="online", category=category, description=TEXT,
        address="Hẻm 12 đường Trưng Nữ Vương", commune=commune, province=province, received_at=now,
        register_year=2026, register_number=n + 1, triage_due=now, resolve_due=now.date()) for n in range(TIPS)])
    TipMessage.objects.bulk_create([TipMessage(tip=tip, author=author, body=TEXT[:120])
                                    for tip in tips for author in ("police", "reporter")])


def orm_read() -> int:
    from antq.tips.models import Tip

    total = 0
    for tip in Tip.objects.only("pk", "description", "address").prefetch_related("messages"):
        total += len(tip.description) + len(tip.address) + sum(len(m.body) for m in tip.messages.all())
    return total


def sql_read() -> int:
    total = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, description, address FROM tips_tip")
        tips = cursor.fetchall()
        cursor.execute("SELECT tip_id, body FROM tips_tipmessage")
        messages = cursor.fetchall()
    bodies: dict[int, list[str]] = {}
    for tip_id, body in messages:
        bodies.setdefault(tip_id, []).append(body)
    for pk, description, address in tips:
        total += len(description) + len(address) + sum(len(b) for b in bodies.get(pk, []))
    return total


def sql_decrypt() -> int:
    """The floor plus the decryption alone: what AES-GCM costs, without the ORM around it."""
    from antq.core.crypto import decrypt

    total = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT description, address FROM tips_tip")
        for description, address in cursor.fetchall():
            total += len(decrypt(description, context="tips.tip.description"))
            total += len(decrypt(address, context="tips.tip.address"))
        cursor.execute("SELECT body FROM tips_tipmessage")
        total += sum(len(decrypt(body, context="tips.tipmessage.body")) for (body,) in cursor.fetchall())
    return total


def timed(function) -> float:
    runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def files() -> tuple[float, float]:
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    from antq.core.storage import SealedFileSystemStorage

    data = os.urandom(2 * 1024 * 1024)
    with tempfile.TemporaryDirectory() as folder:
        sealed, plain = SealedFileSystemStorage(location=folder), FileSystemStorage(location=folder)

        def round_trip(storage):
            def run():
                name = storage.save("tips/1/photo.jpg", ContentFile(data))
                with storage.open(name) as handle:
                    if len(handle.read()) != len(data):
                        raise SystemExit("the file did not come back whole")
                storage.delete(name)
            return run

        return timed(round_trip(sealed)), timed(round_trip(plain))


def main() -> None:
    prepare_database()
    build()
    orm_read()  # warm
    orm, sql, sql_aes = timed(orm_read), timed(sql_read), timed(sql_decrypt)
    values = 4 * TIPS
    print(f"{connection.vendor}: {TIPS} tips + {2 * TIPS} messages read: ORM decrypting {orm * 1000:.1f} ms; "
          f"hand-written SQL {sql * 1000:.1f} ms, with decryption {sql_aes * 1000:.1f} ms "
          f"({(sql_aes - sql) / values * 1e6:.1f} µs per value); ratio SQL/ORM {sql / orm:.2f}, "
          f"decryption's share of the ORM read {(sql_aes - sql) / orm:.0%}")
    sealed, plain = files()
    print(f"2 MB file saved and read back: sealed {sealed * 1000:.1f} ms, plain {plain * 1000:.1f} ms, "
          f"ratio (plain/sealed) {plain / sealed:.2f}")


if __name__ == "__main__":
    main()
