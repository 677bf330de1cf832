"""Load test of the public tip intake on PostgreSQL, against one-insert views, then kill -9.

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench .venv/bin/python bench/tips_intake.py

It creates (and drops) its own database, starts gunicorn on 127.0.0.1 with the product's settings
in production mode (ANTQ_DEBUG=0, data keys set, the rate-limit counters in Redis when one answers)
and the task worker beside it, and sends sustained submissions from client processes on the same
machine:

- minimal, minimal-orm: `bench/tips_urls.py`'s views — parse the JSON body, one INSERT (in SQL, or
  through a model), answer 201;
- api: `POST /api/v1/public/tips/` with every check (rate limit, validation, category and commune,
  Argon2id secret, the report encrypted) written to the receipt journal, which the worker registers
  meanwhile (register number, deadlines, identity encrypted field by field, audit row);
- page: the phone's form `POST /bao-tin/` (multipart, CSRF, a photo re-encoded in one in ten).

Each is run twice: with the secret's Argon2 at its production cost (ANTQ_SECRET_ARGON2) and at
the smallest cost Argon2 accepts, so the deliberate cost is reported apart from the rest; the hash
alone is also timed in-process. After each scenario it reports how many reports were still waiting
for the worker and how long it took to register them. Last, the api load runs again and the server
and the worker (every process) are killed with SIGKILL mid-load: every report whose receipt the client
received must be in the journal, then a tip with its audit row and a secret that opens it.

BENCH_SECONDS (default 20) per scenario, BENCH_WORKERS (5) gunicorn workers, BENCH_CLIENTS (8)
concurrent clients, BENCH_KINDS (minimal,minimal-orm,api,page) the scenarios.
"""

import base64
import io
import json
import multiprocessing
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from http.client import HTTPConnection, HTTPException
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings")
# One data key for the run: the servers and worker seal the journal with it, and the crash test opens it here.
os.environ.setdefault("ANTQ_DATA_KEYS", "bench:" + base64.b64encode(os.urandom(32)).decode())

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", 20))
WORKERS = int(os.environ.get("BENCH_WORKERS", 5))  # gunicorn's advice: 2 × cores + 1
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 8))
PORT = 8123
DATA_KEYS = os.environ["ANTQ_DATA_KEYS"]
KINDS = os.environ.get("BENCH_KINDS", "minimal,minimal-orm,api,page").split(",")
LOG = ROOT / "var" / "bench-tips-server.log"  # the server's errors, if any
PRODUCTION_ARGON2 = os.environ.get("ANTQ_SECRET_ARGON2", "2,19456,1")
CHEAPEST_ARGON2 = "1,8,1"  # Argon2's floor: 1 pass over 8 KiB
TEXT = ("Tối nào cũng có một nhóm thanh niên tụ tập trước quán nước đầu hẻm, nghi mua bán ma tuý, "
        "xe máy không biển số ra vào liên tục từ 22 giờ đến gần sáng. ")


def prepare_database():
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    admin = conninfo_to_dict(os.environ["DATABASE_URL"])
    admin["dbname"] = "postgres"
    name = connection.settings_dict["NAME"]
    connection.close()
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    from antq.geo.services import official_units_load

    official_units_load(actor=None)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_ping (id bigserial PRIMARY KEY, body text NOT NULL,"
                       " created_at timestamptz NOT NULL)")


def places() -> list[tuple[int, int]]:
    """(province, commune) of every commune of the country."""
    from antq.geo.models import AdminUnit

    return list(AdminUnit.objects.current().filter(level__code="commune").order_by("pk")
                .values_list("parent_id", "pk"))


def photo() -> bytes:
    """A 640×480 JPEG carrying EXIF with a GPS position, as a phone sends."""
    from PIL import Image

    image = Image.new("RGB", (640, 480), (120, 140, 90))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (10.0, 46.0, 12.0), 3: "E", 4: (106.0, 41.0, 5.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=85)
    return buffer.getvalue()


# --- The server -------------------------------------------------------------------------------


def redis_url() -> str:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/15"


class Server:
    """gunicorn plus the task worker that registers the journal's reports, each in its own session."""

    def __init__(self, argon2: str):
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="tips_site", ANTQ_DEBUG="0",
                   ANTQ_SECRET_KEY=secrets.token_urlsafe(40), ANTQ_ALLOWED_HOSTS="127.0.0.1",
                   ANTQ_DATA_KEYS=DATA_KEYS,
                   ANTQ_SECRET_ARGON2=argon2, ANTQ_CACHE_URL=redis_url(), ANTQ_LOG_LEVEL="WARNING",
                   ANTQ_SSL_REDIRECT="0",  # plain HTTP on the loopback: no TLS proxy in front of the bench
                   # The check runs and counts on every request; the bench's clients share one address.
                   ANTQ_TIP_SUBMIT_LIMIT="100000000/3600", PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}")
        self.env = env
        # Production serves static files by hashed names from STATIC_ROOT: collect them first.
        collect = [str(ROOT / ".venv" / "bin" / "antq"), "collectstatic", "--noinput", "-v0"]
        subprocess.run(collect, env=env, check=True)  # noqa: S603 - our own command
        # Own sessions, so SIGKILL to each group takes the master and every worker at once.
        self.web = subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}",
             "--backlog", "256", "antq.wsgi"],
            env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=LOG.open("a"))
        self.worker = subprocess.Popen(  # noqa: S603 - our own worker command
            [str(ROOT / ".venv" / "bin" / "antq"), "worker", "--interval", "0.5"],
            env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=LOG.open("a"))
        for _ in range(200):
            try:
                if _request("GET", "/bao-tin/", b"", {})[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("gunicorn did not start")

    def stop(self, *, kill: bool = False):
        for process in (self.web, self.worker):
            os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        for process in (self.web, self.worker):
            process.wait(timeout=60)


def pending() -> int:
    from antq.tips.models import TipIntake

    return TipIntake.objects.filter(registered_at__isnull=True, error="").count()


def drained(limit: float = 120.0) -> float:
    """Seconds until the worker has registered every report accepted so far."""
    began = time.monotonic()
    while pending() and time.monotonic() - began < limit:
        time.sleep(0.2)
    connection.close()
    return time.monotonic() - began


def _request(method: str, path: str, body: bytes, headers: dict) -> tuple[int, bytes]:
    conn = HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --- The clients --------------------------------------------------------------------------------


class Scenario:
    """Builds request n of a scenario and reads the receipt out of its answer."""

    def __init__(self, kind: str, pairs, categories, picture: bytes):
        self.kind, self.pairs, self.categories, self.picture = kind, pairs, categories, picture
        self.csrf = ""
        if kind == "page":
            _status, html = _request("GET", "/bao-tin/", b"", {})
            self.csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()

    def fields(self, n: int) -> dict:
        province, commune = self.pairs[(n * 2_654_435_761) % len(self.pairs)]  # scattered over the country
        data = {"category": self.categories[n % len(self.categories)], "description": f"{TEXT}#{n}",
                "commune": commune, "anonymous": n % 4 != 0}
        if not data["anonymous"]:
            data.update(reporter_name="Nguyễn Văn An", reporter_phone="0912345678",
                        reporter_id_number="079203001234", consent_handle=True)
        return {**data, "province": province}

    def build(self, n: int) -> tuple[str, bytes, dict]:
        data = self.fields(n)
        if self.kind in ("minimal", "minimal-orm"):
            return f"/bench/{self.kind}/", json.dumps({"description": data["description"]}).encode(), \
                {"Content-Type": "application/json"}
        if self.kind == "api":
            data.pop("province")
            return "/api/v1/public/tips/", json.dumps(data).encode(), {"Content-Type": "application/json"}
        boundary = uuid.uuid4().hex
        parts = []
        form = {**data, "anonymous": "yes" if data["anonymous"] else "no", "csrfmiddlewaretoken": self.csrf}
        for key, value in form.items():
            if value is True:
                value = "on"
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        if n % 10 == 0:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a.jpg"\r\n'
                         f"Content-Type: image/jpeg\r\n\r\n".encode() + self.picture + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        # Django takes the form's masked token as the cookie too, as a browser's earlier cookie.
        return "/bao-tin/", body, {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                   "Cookie": f"csrftoken={self.csrf}"}

    def receipt(self, status: int, body: bytes) -> tuple[str, str] | None:
        if self.kind in ("minimal", "minimal-orm"):
            return ("", "") if status == 201 else None
        if self.kind == "api":
            if status != 201:
                return None
            data = json.loads(body)
            return data["receipt_code"], data["secret"]
        code = re.search(rb'id="receipt-code">([A-Z0-9-]+)<', body) if status == 200 else None
        secret = re.search(rb'id="secret">([A-Z0-9-]+)<', body) if code else None
        return (code.group(1).decode(), secret.group(1).decode()) if secret else None


def _client_process(scenario: Scenario, start: int, until: float, out):
    results, lock = [], threading.Lock()

    def worker(offset: int):
        n, mine = start + offset * 1_000_000, []
        while time.monotonic() < until:
            path, body, headers = scenario.build(n)
            began = time.perf_counter()
            try:
                status, answer = _request("POST", path, body, headers)
                receipt = scenario.receipt(status, answer)
            except (OSError, HTTPException):  # the server died under it: not acknowledged
                status, receipt = 0, None
            mine.append((time.perf_counter() - began, status, receipt))
            n += 1
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS // 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.send(results)
    out.close()


def load(scenario: Scenario, seconds: float, *, during=None) -> list:
    """CLIENTS concurrent clients in two processes (one would be held back by its own GIL)."""
    connection.close()  # the children must not share the parent's database socket
    until = time.monotonic() + seconds
    context = multiprocessing.get_context("fork")
    pipes, processes = [], []
    for index in range(2):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_client_process, args=(scenario, index * 10_000_000, until, sender))
        process.start()
        pipes.append(receiver)
        processes.append(process)
    if during:
        during()
    results = []
    for receiver in pipes:
        results.extend(receiver.recv())
    for process in processes:
        process.join()
    return results


def summary(name: str, results: list, seconds: float) -> dict:
    ok = [r for r in results if r[2] is not None]
    latencies = sorted(r[0] for r in ok) or [0.0]
    row = {"scenario": name, "ok": len(ok), "failed": len(results) - len(ok), "rps": len(ok) / seconds,
           "p50": statistics.median(latencies) * 1000,
           "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000}
    failures = Counter(r[1] for r in results if r[2] is None)
    print(f"  {name:<28} {row['rps']:7.1f} req/s  p50 {row['p50']:6.1f} ms  p95 {row['p95']:6.1f} ms  "
          f"({row['ok']} stored, {row['failed']} failed{': ' + str(dict(failures)) if failures else ''})", flush=True)
    return row


def argon2_cost() -> tuple[float, float]:
    from django.test import override_settings

    from antq.core.crypto import hash_secret, secret_matches

    with override_settings(ANTQ_SECRET_ARGON2=tuple(int(n) for n in PRODUCTION_ARGON2.split(","))):
        hash_secret("WARM-UP1-WARM-UP2")
        hashing, checking = [], []
        for _ in range(30):
            began = time.perf_counter()
            encoded = hash_secret("ACDE-FHJK-MNPQ-RTUV")
            hashing.append(time.perf_counter() - began)
            began = time.perf_counter()
            if not secret_matches("ACDE-FHJK-MNPQ-RTUV", encoded):
                raise SystemExit("the secret does not verify")
            checking.append(time.perf_counter() - began)
    return statistics.median(hashing) * 1000, statistics.median(checking) * 1000


def crash_test(pairs, categories, picture) -> dict:
    """Kill the server and the worker with SIGKILL mid-load: every receipt a client got must be in the
    journal at once, and become a tip with its audit row and a secret that opens it."""
    from antq.core.crypto import secret_matches
    from antq.core.models import AuditEvent
    from antq.tips.models import Tip, TipIntake
    from antq.tips.tasks import register_pending

    before = TipIntake.objects.count()
    server = Server(PRODUCTION_ARGON2)
    scenario = Scenario("api", pairs, categories, picture)

    def kill_midway():
        time.sleep(SECONDS / 2)
        server.stop(kill=True)

    results = load(scenario, SECONDS, during=kill_midway)
    acknowledged = {r[2][0]: r[2][1] for r in results if r[2] is not None}
    cut_off = sum(1 for r in results if r[2] is None)
    journal = TipIntake.objects.filter(receipt_code__in=acknowledged).count()
    waiting = pending()
    registered = register_pending(today=None)  # what the next worker run (or the daily job) does
    stored = dict(Tip.objects.filter(receipt_code__in=acknowledged).values_list("receipt_code", "secret_hash"))
    pks = [str(pk) for pk in Tip.objects.filter(receipt_code__in=acknowledged).values_list("pk", flat=True)]
    audited = AuditEvent.objects.filter(action="tips.intake_register", object_id__in=pks).count()
    opens = sum(1 for code, secret in acknowledged.items() if code in stored and secret_matches(secret, stored[code]))
    total_new = TipIntake.objects.count() - before
    row = {"acknowledged": len(acknowledged), "journal": journal, "pending_after_kill": waiting,
           "registered_after": registered, "stored": len(stored), "audited": audited, "secret_opens": opens,
           "rows_added": total_new, "cut_off": cut_off}
    print(f"  acknowledged {len(acknowledged)}: in the journal right after the kill {journal} ({waiting} of all "
          f"reports not registered yet; the registrar took them next: {registered}); as tips {len(stored)}, with "
          f"their audit row {audited}, opened by their secret {opens}. Reports in the journal {total_new} (a few "
          f"more than acknowledged: committed, answer lost with the server). Requests refused or cut off from the "
          f"kill on: {cut_off}", flush=True)
    if not len(stored) == len(acknowledged) == journal == audited == opens:
        raise SystemExit("FAILED: an acknowledged tip is missing")
    return row


def main():
    began = time.monotonic()
    prepare_database()
    from antq.tips.models import TipCategory

    pairs = places()
    categories = list(TipCategory.objects.filter(is_active=True).values_list("code", flat=True))
    category_pks = dict(TipCategory.objects.values_list("code", "pk"))
    picture = photo()
    print(f"Database ready in {time.monotonic() - began:.0f} s; {WORKERS} gunicorn workers, {CLIENTS} clients, "
          f"{SECONDS:.0f} s per scenario, rate-limit counters in {'Redis' if redis_url() else 'each worker'}.")
    hashing, checking = argon2_cost()
    print(f"Argon2id of the secret ({PRODUCTION_ARGON2}: passes, KiB, lanes): hash {hashing:.1f} ms, "
          f"verify {checking:.1f} ms, in-process median of 30")

    rows = {}
    for label, argon2 in (("cheapest Argon2", CHEAPEST_ARGON2), ("production Argon2", PRODUCTION_ARGON2)):
        print(f"Server with the secret's {label} ({argon2}):")
        server = Server(argon2)
        try:
            for kind in KINDS:
                scenario = Scenario(kind, pairs, categories, picture)
                if kind == "page":  # the form posts the category's id, the API its code
                    scenario.categories = [category_pks[c] for c in categories]
                load(scenario, 2)  # warm-up: connections, imports, caches
                drained()
                rows[(label, kind)] = summary(kind, load(scenario, SECONDS), SECONDS)
                if not kind.startswith("minimal"):
                    backlog = pending()
                    print(f"  {'':<28} registrar: {backlog} reports waiting when the load stopped, "
                          f"all registered {drained():.1f} s later", flush=True)
        finally:
            server.stop()
    print("Ratios to the minimal view of the same server:")
    for label in ("cheapest Argon2", "production Argon2"):
        base = rows[(label, "minimal")]["rps"]
        print(f"  {label:<18} " + "  ".join(f"{kind} {rows[(label, kind)]['rps'] / base:.2f}"
                                             for kind in KINDS if kind != "minimal"))
        if "minimal-orm" in KINDS:
            orm = rows[(label, "minimal-orm")]["rps"]
            print(f"  {'':<18} against minimal-orm: " + "  ".join(
                f"{kind} {rows[(label, kind)]['rps'] / orm:.2f}" for kind in KINDS if not kind.startswith("minimal")))
    print("Kill -9 mid-load (api, production Argon2):")
    crash_test(pairs, categories, picture)
    print(f"Done in {time.monotonic() - began:.0f} s.")


if __name__ == "__main__":
    main()
