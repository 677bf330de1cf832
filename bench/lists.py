"""Staff lists at national scale: each page as a user opens it, against its own queries written by hand.

The real 34 provinces and 3,321 communes; the evaluations of bench/evaluations_dashboard.py (five yearly
cycles over ~100,000 residential areas and ~400,000 establishments: ~1.4 M evaluations at the default
scale), 500,000 tips spread over the communes and three years, and 2,000,000 audit rows. Each list is
opened through the test client (middleware, the access layer, the filters, the table, the template: the
whole page) by a commune, a province and a national user, 30 times after a warm-up; beside it, in the
same run, the same page's queries in raw SQL (the rows of the first page and the bounded count). Target
(issue 15): p95 <= 100 ms for every staff list.

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench .venv/bin/python bench/lists.py
    BENCH_PER_COMMUNE=1 BENCH_TIPS=50000 BENCH_AUDIT=200000 .venv/bin/python bench/lists.py   # SQLite, small
    BENCH_REUSE=1 ...   # time again on the database the last run built (after a change to the code)

It creates (and, on PostgreSQL, drops) its own database; never point it at real data.
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["ANTQ_VAR_DIR"] = str(ROOT / "var" / "bench")

import django  # noqa: E402

django.setup()

from access_layer import prepare_database  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from evaluations_dashboard import YEARS  # noqa: E402
from evaluations_dashboard import build as build_evaluations  # noqa: E402

TIPS = int(os.environ.get("BENCH_TIPS", 500_000))
AUDIT = int(os.environ.get("BENCH_AUDIT", 2_000_000))
REPEAT = 30


def build_tips(communes, now):
    from antq.core import limits
    from antq.tips.models import Tip, TipCategory

    rng = random.Random(7)
    categories = list(TipCategory.objects.all())
    statuses = ["received", "triaged", "verifying", "resolved", "resolved", "resolved", "not_crime", "forwarded"]
    resolve = limits.in_force("tips.resolve", now.date())
    batch, number = [], 0
    for _ in range(TIPS):
        commune = rng.choice(communes)
        received = now - datetime.timedelta(days=rng.uniform(0, 3 * 365))
        number += 1
        batch.append(Tip(
            receipt_code=f"B{number:09d}"[-9:], secret_hash="!",  # noqa: S106 - no reporter
            channel="web", category=rng.choice(categories),
            description="Tin báo thử tải", commune_id=commune.pk, province_id=commune.parent_id,
            status=rng.choice(statuses), received_at=received, register_year=received.year, register_number=number,
            triage_due=received + datetime.timedelta(hours=24), resolve_due=resolve.last_day(received.date())))
        if len(batch) == 10_000:
            Tip.objects.bulk_create(batch)
            batch = []
    Tip.objects.bulk_create(batch)


def build_audit(communes, now):
    from antq.core.models import AuditEvent

    rng = random.Random(5)
    batch = []
    for n in range(AUDIT):
        commune = rng.choice(communes)
        batch.append(AuditEvent(at=now - datetime.timedelta(seconds=AUDIT - n), actor_label="Cán bộ thử tải",
                                action=rng.choice(["tips.tip_triage", "programs.report_save", "geo.area_create"]),
                                object_type="bench", object_id=str(n), object_repr=f"Bản ghi {n}",
                                unit_path=commune.path, prev_hash=f"{n - 1:064d}", hash=f"{n:064d}"))
        if len(batch) == 20_000:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)


def people():
    from antq.geo.models import AdminUnit
    from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User
    from antq.orgs.tests.factories import verified_login

    commune = AdminUnit.objects.get(level__code="commune", code="25459")
    province = AdminUnit.objects.get(level__code="province", code="80")
    root = AdminUnit.objects.get(parent__isnull=True)
    org_type = OrganisationType.objects.first()
    clients = {}
    # One account per scope holding the lists' permissions (police roles read tips; the admin the audit).
    for name, scope, roles in [("commune", commune, ["commune_police"]),
                               ("province", province, ["province_police", "province_leader"]),
                               ("national", root, ["province_police", "central_leader", "system_admin"])]:
        user, created = User.objects.get_or_create(username=f"bench.{name}",
                                                   defaults={"home_unit": scope, "full_name": f"Thử tải {name}"})
        if created:
            org = Organisation.objects.create(unit=scope, org_type=org_type, name=f"Cơ quan {name}")
            for role in roles:
                RoleAssignment.objects.create(user=user, organisation=org, role=Role.objects.get(code=role),
                                              scope=scope)
        client = Client()
        verified_login(client, user)
        clients[name] = (client, scope)
    return clients


def raw_sql(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


PAGE = {
    "tips": ("SELECT t.id, t.receipt_code, t.received_at, t.status, t.urgent, t.resolve_due, c.name, u.name, "
             "u.path, f.full_name FROM tips_tip t JOIN tips_tipcategory c ON c.id = t.category_id "
             "JOIN geo_adminunit u ON u.id = t.commune_id LEFT JOIN orgs_user f ON f.id = t.assigned_to_id "
             "WHERE {scope} ORDER BY t.received_at DESC LIMIT 50",
             "SELECT COUNT(*) FROM (SELECT 1 FROM tips_tip t WHERE {scope} LIMIT 10001) x",
             {"commune": "t.commune_id = %(unit)s", "province": "t.province_id = %(unit)s", "national": "1 = 1"}),
    "evaluations": ("SELECT v.id, v.year, v.kind, v.status, u.name, e.name, c.name FROM evaluations_evaluation v "
                    "JOIN geo_adminunit u ON u.id = v.unit_id JOIN geo_adminunit c ON c.id = v.commune_id "
                    "LEFT JOIN evaluations_establishment e ON e.id = v.establishment_id "
                    "WHERE {scope} ORDER BY v.year DESC, v.id DESC LIMIT 50",
                    "SELECT COUNT(*) FROM (SELECT 1 FROM evaluations_evaluation v WHERE {scope} LIMIT 10001) x",
                    {"commune": "v.commune_id = %(unit)s", "province": "v.province_id = %(unit)s",
                     "national": "1 = 1"}),
    "audit": ("SELECT a.id, a.at, a.actor_label, a.action, a.object_repr, a.request_id FROM core_auditevent a "
              "WHERE {scope} ORDER BY a.id DESC LIMIT 50",
              "SELECT COUNT(*) FROM (SELECT 1 FROM core_auditevent a WHERE {scope} LIMIT 10001) x",
              {"commune": "a.unit_path LIKE %(path)s", "province": "a.unit_path LIKE %(path)s",
               "national": "a.unit_path LIKE %(path)s"}),
}
URLS = {"tips": "/tips/", "evaluations": "/evaluations/list/", "audit": "/audit/"}


def timings(fn):
    fn()
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main():
    from django.utils import timezone

    from antq.core.models import AuditEvent
    from antq.evaluations.models import Evaluation
    from antq.geo.models import AdminUnit
    from antq.tips.models import Tip

    print(f"database: {connection.vendor}")
    start = time.perf_counter()
    if os.environ.get("BENCH_REUSE") != "1":  # BENCH_REUSE=1: time again on the data of the last run
        prepare_database()
        build_evaluations(datetime.date.today().year - YEARS + 1)
        communes = list(AdminUnit.objects.filter(level__code="commune").only("pk", "parent_id", "path"))
        now = timezone.now()
        build_tips(communes, now)
        build_audit(communes, now)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    print(f"built {Evaluation.objects.count():,} evaluations, {Tip.objects.count():,} tips, "
          f"{AuditEvent.objects.count():,} audit rows in {time.perf_counter() - start:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    clients = people()
    print(f"{'list':<12} {'user':<9} {'page p50':>9} {'p95':>7} {'queries':>8} {'raw p50':>8} {'p95':>7} "
          f"{'ratio p95':>9}")
    for name, url in URLS.items():
        rows_sql, count_sql, scopes = PAGE[name]
        for who, (client, unit) in clients.items():
            if name == "audit" and who != "national":
                continue  # the audit is read by administrators
            params = {"unit": unit.pk, "path": unit.path + "%"}
            scope = scopes[who]
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} as {who}: {response.status_code}")
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            page50, page95 = timings(lambda c=client, u=url: c.get(u))
            rows_q, count_q = rows_sql.format(scope=scope), count_sql.format(scope=scope)
            raw50, raw95 = timings(lambda r=rows_q, c=count_q, p=params: (raw_sql(r, p), raw_sql(c, p)))
            print(f"{name:<12} {who:<9} {page50:9.1f} {page95:7.1f} {len(queries):8d} {raw50:8.1f} {raw95:7.1f} "
                  f"{page95 / raw95:9.1f}")
    if connection.vendor == "postgresql":
        connection.close()


if __name__ == "__main__":
    main()
