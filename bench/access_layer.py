"""National-scale benchmark of the access layer and unit search.

Builds the real 34 provinces and 3,321 communes, ~100,000 residential areas (30 per
commune) and 12 organisations per commune (~40,000), then times the reads every page
makes: `.visible_to()` for a commune officer, a province officer and a central user, and
the diacritics-insensitive search.

    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench .venv/bin/python bench/access_layer.py
    .venv/bin/python bench/access_layer.py            # SQLite in var/bench.sqlite3

It creates (and, on PostgreSQL, drops) its own database; never point it at real data.
"""

import os
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

AREAS_PER_COMMUNE = int(os.environ.get("BENCH_AREAS_PER_COMMUNE", 30))
REPEAT = 20


def prepare_database():
    if connection.vendor == "postgresql":
        import psycopg
        from psycopg.conninfo import conninfo_to_dict

        settings = connection.settings_dict
        name = settings["NAME"]
        admin = conninfo_to_dict(os.environ["DATABASE_URL"])
        admin["dbname"] = "postgres"
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        db = Path(connection.settings_dict["NAME"])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    connection.close()
    call_command("migrate", verbosity=0)


def build():
    from antq.core.text import fold
    from antq.geo.models import AdminUnit, UnitType
    from antq.geo.services import official_units_load
    from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User

    official_units_load(actor=None)
    ap = UnitType.objects.select_related("level").get(code="ap")
    communes = list(AdminUnit.objects.of_level("commune"))
    areas = [
        AdminUnit(name=f"Ấp {n + 1} {c.name}", search_name=fold(f"Ấp {n + 1} {c.name}"), unit_type=ap,
                  level=ap.level, parent=c)
        for c in communes for n in range(AREAS_PER_COMMUNE)
    ]
    AdminUnit.objects.bulk_create(areas, batch_size=5000)
    by_parent = {c.pk: c for c in communes}
    for area in areas:
        area.path = f"{by_parent[area.parent_id].path}{area.pk}/"
        area.depth = 3
    AdminUnit.objects.bulk_update(areas, ["path", "depth"], batch_size=5000)
    types = list(OrganisationType.objects.all())
    Organisation.objects.bulk_create(
        [Organisation(unit=c, org_type=t, name=f"{t.name} {c.name}", search_name=fold(f"{t.name} {c.name}"))
         for c in communes for t in types], batch_size=5000)

    commune = AdminUnit.objects.get(level__code="commune", code="25459")
    province = AdminUnit.objects.get(level__code="province", code="80")
    root = AdminUnit.objects.get(parent__isnull=True)
    people = {}
    for username, role, scope in [("commune", "commune_police", commune), ("province", "province_police", province),
                                  ("central", "central_leader", root)]:
        user = User.objects.create(username=f"bench.{username}", home_unit=scope)
        org = Organisation.objects.filter(unit=scope).first() or Organisation.objects.create(
            unit=scope, org_type=types[0], name="Bộ Công an")
        RoleAssignment.objects.create(user=user, organisation=org, role=Role.objects.get(code=role), scope=scope)
        people[username] = user
    return people


def timed(label, fn):
    samples = []
    with CaptureQueriesContext(connection) as ctx:
        fn()
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"  {label:<58} median {statistics.median(samples):7.2f} ms  "
          f"p95 {sorted(samples)[int(REPEAT * 0.95) - 1]:7.2f} ms  queries {len(ctx.captured_queries)}  → {result}")


def main():
    from antq.geo.models import AdminUnit
    from antq.orgs.models import Organisation

    print(f"database: {connection.vendor}")
    prepare_database()
    start = time.perf_counter()
    people = build()
    print(f"built {AdminUnit.objects.count():,} units and {Organisation.objects.count():,} organisations "
          f"in {time.perf_counter() - start:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    units = AdminUnit.objects.select_related("unit_type", "level")
    for who in ("commune", "province", "central"):
        user = people[who]
        visible = units.visible_to(user, "geo.view_unit")
        print(f"{who} user")
        timed("count of visible units", visible.count)
        timed("first page (50) of visible units by path", lambda v=visible: len(list(v.order_by("path")[:50])))
        timed("search 'hoa binh' (first 50)", lambda v=visible: len(list(v.search("hoa binh")[:50])))
        timed("search 'hoa binh' (count)", lambda v=visible: v.search("hoa binh").count())
        timed("organisations visible (count)",
              lambda u=user: Organisation.objects.visible_to(u, "orgs.view_organisation").count())
    if connection.vendor == "postgresql":
        connection.close()


if __name__ == "__main__":
    main()
