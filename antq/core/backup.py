"""Backups that restore: the database, the stored files, and a manifest with their checksums and the
audit head, written to a folder the operator ships elsewhere; and the restore that checks all of it.

What is in a backup is what is on the server: identities, reports, messages and files are ciphertext,
opened only by the data keys (ANTQ_DATA_KEYS). The keys are never in a backup: they are kept apart, by
another custodian (docs/operations.md). A backup restored without them restores a database whose
sensitive content nobody can read — `restore` says so, loudly, and ends with an error.

The manifest's audit head is a copy of the chain's end held outside the database: after a restore,
`audit verify --anchor HEAD` proves no row was cut off the end or altered since the backup.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from antq.core.audit import audit_head, audit_verify

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (PostgreSQL's client tools).")
    return found


def _pg_env(db: dict) -> tuple[list[str], dict]:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args, env


def _dump_database(target: Path) -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        destination = sqlite3.connect(target / "database.sqlite3")
        with destination:
            connection.ensure_connection()
            connection.connection.backup(destination)  # SQLite's online backup: consistent while in use
        destination.close()
        return "database.sqlite3"
    if connection.vendor == "postgresql":
        args, env = _pg_env(db)
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target / "database.dump"), *args]
        subprocess.run(command, check=True, env=env, capture_output=True)  # noqa: S603 - settings' values, no shell
        return "database.dump"
    raise BackupError(f"No backup for the {connection.vendor} database.")


def backup(target: Path, *, note: str = "") -> dict:
    """Write a backup into the empty or new folder `target`; answer its manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: a backup goes to a folder of its own.")
    target.mkdir(parents=True, exist_ok=True)
    count, head = audit_head()  # read first: every row the dump holds is at or before it... or after
    database = _dump_database(target)
    media = Path(settings.MEDIA_ROOT)
    files = {}
    if media.is_dir():
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            name = path.relative_to(media).as_posix()
            copy = target / "files" / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            files[name] = {"sha256": _sha256(copy), "bytes": copy.stat().st_size}
    from antq.core.crypto import keys

    manifest = {
        "format": FORMAT, "made_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "note": note, "database": {"vendor": connection.vendor, "file": database,
                                   "sha256": _sha256(target / database)},
        "files": files, "audit_head": {"rows": count, "hash": head},
        # Which keys sealed it, never the keys: the restore needs these ids in ANTQ_DATA_KEYS.
        "key_ids": [key_id for key_id, _key in keys()],
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def check(source: Path) -> dict:
    """The manifest of the backup in `source`, once every checksum matches."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"No readable manifest in {source}.") from exc
    database = manifest["database"]
    if _sha256(source / database["file"]) != database["sha256"]:
        raise BackupError("The database file does not match the manifest: the backup was altered or damaged.")
    for name, entry in manifest["files"].items():
        path = source / "files" / name
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise BackupError(f"The file {name} does not match the manifest.")
    return manifest


def _restore_database(source: Path, manifest: dict) -> None:
    db = settings.DATABASES["default"]
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"A {vendor} backup cannot be restored into {connection.vendor}.")
    if vendor == "sqlite":
        connections.close_all()
        with sqlite3.connect(source / manifest["database"]["file"]) as backup_db:
            destination = sqlite3.connect(db["NAME"])
            backup_db.backup(destination)
            destination.close()
        return
    args, env = _pg_env(db)
    connections.close_all()
    command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
               str(source / manifest["database"]["file"])]
    subprocess.run(command, check=True, env=env, capture_output=True)  # noqa: S603 - settings' values, no shell


def restore(source: Path) -> dict:
    """Restore the backup in `source` over the configured database and into an empty media folder; then
    check the audit chain against the manifest's head, every file against the keys, and a sample of
    the encrypted columns. Answers a report: {"audit": ..., "files": n, "unreadable": [...], ...}."""
    source = Path(source)
    manifest = check(source)
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(p.is_file() for p in media.rglob("*")):
        raise BackupError(f"{media} holds files already: restore into an empty folder.")
    _restore_database(source, manifest)
    for name in manifest["files"]:
        destination = media / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "files" / name, destination)
    report = {"manifest": manifest, "audit": audit_verify(anchor=manifest["audit_head"]["hash"])}
    report.update(readable())
    return report


def readable() -> dict:
    """Can the keys in ANTQ_DATA_KEYS open what is stored? Every stored file is read through, and every
    encrypted column's first value is decrypted: {"files": n, "unreadable": [names], "missing_keys": [...]}."""
    from django.core.files.storage import default_storage

    from antq.core.crypto import keys
    from antq.core.fields import encrypted_fields

    unreadable, checked = [], 0
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            name = path.relative_to(media).as_posix()
            checked += 1
            try:
                with default_storage.open(name) as handle:
                    while handle.read(1 << 20):
                        pass
            except Exception:
                unreadable.append(name)
    from antq.core.crypto import decrypt
    from antq.core.fields import sealed_values

    for model, field in encrypted_fields():  # the first value of each encrypted column
        first = sealed_values(model, field, limit=1)
        if not first:
            continue
        try:
            decrypt(first[0][1], context=field.context())
        except ValueError:
            unreadable.append(f"{model._meta.label_lower}.{field.name}")
    held = {key_id for key_id, _key in keys()}
    return {"files": checked, "unreadable": unreadable, "key_ids": sorted(held)}
