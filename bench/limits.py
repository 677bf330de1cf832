"""The statutory deadline mechanism (antq.core.limits) against hand-written arithmetic, same run.

Every registered tip gets three deadlines: triage (24 hours), resolution (20 days, moved off a day
off) and acknowledgement (3 working days). The mechanism reads the limits in force (dated rows) and
the working calendar (rows, make-up Saturdays included) from the process's reference cache. The
floor computes the same three dates with constants and a frozen set of holidays — what the code
did before the limits became data, without the make-up Saturdays. Both over the same 20,000
receipt moments spread over two years; the registrar's batches ask the same few days again and
again, so the second pass (warm) is what it sees.

    .venv/bin/python bench/limits.py                   # SQLite in var/bench/
    DATABASE_URL=postgres://postgres@localhost:5432/antq_bench .venv/bin/python bench/limits.py
"""

import datetime
import random
import statistics
import time

# access_layer sets Django up on import (settings, the bench database in var/bench/ or DATABASE_URL).
from access_layer import prepare_database
from django.utils import timezone

MOMENTS = 20_000
REPEAT = 7


def moments() -> list[datetime.datetime]:
    rng = random.Random(11)
    start = timezone.make_aware(datetime.datetime(2025, 1, 1))
    return [start + datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)) for _ in range(MOMENTS)]


def mechanism(received: list[datetime.datetime]) -> None:
    from antq.core import limits

    for at in received:
        day = timezone.localdate(at)
        limits.in_force("tips.triage", day).end(at)
        limits.in_force("tips.resolve", day).last_day(day)
        limits.in_force("tips.acknowledge", day).last_day(day)


def floor(received: list[datetime.datetime], holidays: frozenset) -> None:
    def working(d):
        return d.weekday() < 5 and d not in holidays

    for at in received:
        day = timezone.localdate(at)
        at + datetime.timedelta(hours=24)
        end = day + datetime.timedelta(days=20)
        while not working(end):
            end += datetime.timedelta(days=1)
        d, n = day, 0
        while n < 3:
            d += datetime.timedelta(days=1)
            n += working(d)


def timed(fn, *args) -> float:
    runs = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn(*args)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1e6 / MOMENTS  # µs per tip


def main() -> None:
    import holidays

    from antq.core import limits, refcache

    prepare_database()
    received = moments()
    days_off = frozenset(d for y in (2025, 2026, 2027) for d in holidays.country_holidays("VN", years=y))
    refcache.clear()
    t = time.perf_counter()
    mechanism(received)
    cold = (time.perf_counter() - t) * 1e6 / MOMENTS
    warm = timed(mechanism, received)
    bare = timed(floor, received, days_off)
    print(f"{MOMENTS} tips × 3 deadlines, median of {REPEAT}, µs per tip")
    print(f"  mechanism, cold cache (first pass)  {cold:7.2f}")
    print(f"  mechanism, warm                     {warm:7.2f}")
    print(f"  hand-written arithmetic (floor)     {bare:7.2f}")
    print(f"  ratio mechanism / floor             {warm / bare:7.2f}")
    wrong = [at for at in received[:200] if limits.in_force("tips.resolve", timezone.localdate(at)).last_day(
        timezone.localdate(at)) < timezone.localdate(at) + datetime.timedelta(days=20)]
    if wrong:
        raise SystemExit(f"a resolution limit ends before its 20 days: {wrong[:3]}")


if __name__ == "__main__":
    main()
