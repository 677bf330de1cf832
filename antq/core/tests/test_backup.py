"""The restore drill: the demo backed up, restored into a fresh database and folder, its audit chain
verified against the backup's head and every file opened; without the keys the restore says so and
fails; an altered backup is refused; rows cut off the chain's end are caught. Run as an operator would,
with the `antq` command, on SQLite — and on PostgreSQL in the PostgreSQL run."""

import base64
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db
ANTQ = [sys.executable, "-m", "django"]


def _run(env: dict, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([*ANTQ, *args], env=env, capture_output=True, text=True,  # noqa: S603 - our arguments
                            timeout=600, cwd=Path(__file__).resolve().parents[3])
    if ok:
        assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture
def databases(tmp_path):
    """Two throw-away databases of the vendor under test: the demo's and the fresh one restored into."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_") and k != "DATABASE_URL"}
    base.update(DJANGO_SETTINGS_MODULE="antq.settings", ANTQ_DATA_KEYS="")
    if connection.vendor == "sqlite":
        yield [{**base, "ANTQ_VAR_DIR": str(tmp_path / name)} for name in ("a", "b")]
        return
    import psycopg

    settings = connection.settings_dict
    names = [f"antq_drill_{uuid.uuid4().hex[:8]}_{n}" for n in ("a", "b")]
    admin = psycopg.connect(dbname="postgres", host=settings["HOST"] or None, port=settings["PORT"] or None,
                            user=settings["USER"] or None, password=settings["PASSWORD"] or None, autocommit=True)
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = f"{settings['USER']}:{settings['PASSWORD']}@" if settings["PASSWORD"] else f"{settings['USER']}@"
    try:
        yield [{**base, "ANTQ_VAR_DIR": str(tmp_path / name[-1]),
                "DATABASE_URL": f"postgres://{auth}{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{name}"}
               for name in names]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_the_demo_backed_up_restores_whole_and_only_with_its_keys(databases, tmp_path):
    demo, fresh = databases
    _run(demo, "migrate", "--noinput", "-v0")
    _run(demo, "demo")
    backup = tmp_path / "backup"
    _run(demo, "backup", str(backup), "--note", "drill")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["files"] and manifest["audit_head"]["rows"] > 100 and manifest["key_ids"] == ["dev"]
    head = manifest["audit_head"]["hash"]
    for name in manifest["files"]:  # the copies are ciphertext, like the originals
        assert (backup / "files" / name).read_bytes().startswith(b"ANTQF1")

    # Without the keys: restored, and told loudly that nothing sensitive can be read.
    strange_keys = {**fresh, "ANTQ_DATA_KEYS": "k9:" + base64.b64encode(b"9" * 32).decode()}
    refused = _run(strange_keys, "restore", str(backup), "--yes", ok=False)
    assert refused.returncode != 0 and "THE DATA KEYS DO NOT OPEN IT" in refused.stderr and "dev" in refused.stderr

    # With them, into a fresh database and an empty folder: the chain holds up to the head, every file opens.
    for media in (Path(fresh["ANTQ_VAR_DIR"]) / "media",):
        if media.exists():
            for path in sorted(media.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
    restored = _run(fresh, "restore", str(backup), "--yes")
    assert f"{manifest['audit_head']['rows']} rows" in restored.stdout
    assert f"every stored file ({len(manifest['files'])})" in restored.stdout
    assert "Audit chain intact" in _run(fresh, "audit", "verify", "--anchor", head).stdout

    # An altered backup is refused before anything is replaced.
    name = next(iter(manifest["files"]))
    altered = bytearray((backup / "files" / name).read_bytes())
    altered[-1] ^= 1
    (backup / "files" / name).write_bytes(altered)
    assert "does not match the manifest" in _run(fresh, "restore", str(backup), "--yes", ok=False).stderr


def test_rows_cut_off_the_end_are_caught_by_the_recorded_head(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_") and k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="antq.settings", ANTQ_VAR_DIR=str(tmp_path))
    _run(env, "migrate", "--noinput", "-v0")
    _run(env, "shell", "-c", "\n".join([
        "import datetime",
        "from django.db import transaction",
        "from antq.core.audit import audit_record",
        "from antq.core.tasks import record_audit_head",
        "for n in range(3):",
        "    with transaction.atomic(): audit_record(actor=None, action='core.drill', after={'n': n})",
        "record_audit_head(today=datetime.date.today())"]))
    heads = (tmp_path / "audit-heads.log").read_text().split()
    assert heads[1] == "3" and len(heads[2]) == 64
    assert "intact" in _run(env, "audit", "verify", "--anchor-file", str(tmp_path / "audit-heads.log")).stdout
    with sqlite3.connect(tmp_path / "antq.sqlite3") as db:  # someone cuts the last row with SQL
        db.execute("DELETE FROM core_auditevent WHERE id = (SELECT MAX(id) FROM core_auditevent)")
    cut = _run(env, "audit", "verify", "--anchor-file", str(tmp_path / "audit-heads.log"), ok=False)
    assert cut.returncode != 0 and "rows were removed from the end" in cut.stderr
