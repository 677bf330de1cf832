"""Reads about tips: the queue of a commune, overdue items, likely duplicates
and the statistics (with small counts hidden outside the police)."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from antq.core import refcache
from antq.core.text import fold
from antq.tips.choices import CLOCK_STATUSES, OPEN_STATUSES, Status
from antq.tips.models import RemoteCommune, Tip, TipCategory

CATEGORIES = "tips.categories"  # a key in antq.core.refcache
SMALL_COUNT = 3  # fewer than this is shown as "< 3" outside the police


def _active_categories() -> dict[str, TipCategory]:
    return refcache.cached(CATEGORIES, lambda: {c.code: c for c in TipCategory.objects.filter(is_active=True)})


def active_category(code) -> TipCategory | None:
    """The active category with this code, from the reference cache (the public intake's lookup)."""
    return _active_categories().get(code) if isinstance(code, str) else None


def active_category_by_pk(pk) -> TipCategory | None:
    """The same by id, as the public form posts it."""
    if isinstance(pk, str) and pk.isdigit():
        pk = int(pk)
    return next((c for c in _active_categories().values() if c.pk == pk), None) if type(pk) is int else None


def is_remote(commune) -> bool:
    return RemoteCommune.objects.filter(commune=commune).exists()


def overdue_condition(now: datetime.datetime | None = None) -> Q:
    """Open tips past a deadline: triage, forwarding, resolution, or feedback owed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (Q(status=Status.RECEIVED, triage_due__lt=now)
            | Q(status__in=[Status.TRIAGED, Status.VERIFYING], forward_due__lt=now, urgent=True)
            | Q(status__in=CLOCK_STATUSES, resolve_due__lt=today)
            | Q(acknowledge_due__lt=today, acknowledged_at__isnull=True)
            | Q(outcome_notice_due__lt=today, outcome_notified_at__isnull=True))


def overdue(queryset, now: datetime.datetime | None = None):
    return queryset.filter(overdue_condition(now))


def due_today_condition(now: datetime.datetime | None = None) -> Q:
    """Open tips with a deadline ending later today (local day): what an officer must do before 24:00."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    tomorrow = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time()))
    return (Q(status=Status.RECEIVED, triage_due__gte=now, triage_due__lt=tomorrow)
            | Q(status__in=[Status.TRIAGED, Status.VERIFYING], urgent=True, forward_due__gte=now,
                forward_due__lt=tomorrow)
            | Q(status__in=CLOCK_STATUSES, resolve_due=today)
            | Q(acknowledge_due=today, acknowledged_at__isnull=True)
            | Q(outcome_notice_due=today, outcome_notified_at__isnull=True))


def due_today(queryset, now: datetime.datetime | None = None):
    return queryset.filter(due_today_condition(now))


def workload(queryset, now: datetime.datetime | None = None) -> dict:
    """The three counts an officer starts the day with, in one query: new, due today, overdue."""
    from django.db.models import Count

    from antq.tips.models import PENDING

    # Every count is of a pending tip: read through the partial index of those (models.PENDING).
    return queryset.filter(PENDING).aggregate(new=Count("pk", filter=Q(status=Status.RECEIVED)),
                              due_today=Count("pk", filter=due_today_condition(now)),
                              overdue=Count("pk", filter=overdue_condition(now)))


def likely_duplicates(tip: Tip, limit: int = 5) -> list[tuple[Tip, float]]:
    """Tips of the same commune within a week whose words overlap (diacritics ignored). The texts are
    encrypted at rest: the (at most 200) neighbours are decrypted here, never indexed by their words."""
    words = set(fold(tip.description).split())
    if not words:
        return []
    week = datetime.timedelta(days=7)
    near = (Tip.objects.filter(commune_id=tip.commune_id, received_at__range=(tip.received_at - week,
                                                                              tip.received_at + week))
            .exclude(pk=tip.pk).exclude(status=Status.MERGED).only("pk", "receipt_code", "description", "received_at",
                                                                   "status", "category_id")[:200])
    scored = []
    for other in near:
        theirs = set(fold(other.description).split())
        score = len(words & theirs) / len(words | theirs) if theirs else 0
        if score >= 0.35:
            scored.append((other, round(score, 2)))
    return sorted(scored, key=lambda pair: -pair[1])[:limit]


def statistics(queryset, *, police: bool) -> dict:
    """Counts by category, status and commune, and the share resolved within the deadline."""
    def hide(n: int):
        return n if police or n == 0 or n >= SMALL_COUNT else f"< {SMALL_COUNT}"

    by_category = [(row["category__name"], hide(row["n"])) for row in
                   queryset.order_by().values("category__name", "category__order").annotate(n=Count("pk"))
                   .order_by("category__order")]
    by_status = {row["status"]: hide(row["n"]) for row in
                 queryset.order_by().values("status").annotate(n=Count("pk"))}
    late = dict(overdue(queryset).order_by().values_list("commune_id").annotate(n=Count("pk")))
    communes = list(queryset.order_by().values("commune_id", "commune__name").annotate(
        n=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES))).order_by("commune__name"))
    communes.sort(key=lambda row: -late.get(row["commune_id"], 0))  # the most overdue first, then by name
    by_commune = [(row["commune__name"], hide(row["n"]), hide(row["open"]), hide(late.get(row["commune_id"], 0)))
                  for row in communes]
    closed = queryset.filter(closed_at__isnull=False)
    on_time = closed.filter(closed_at__date__lte=F("resolve_due")).count()
    total_closed = closed.count()
    return {"by_category": by_category, "by_status": by_status, "by_commune": by_commune,
            # For the map: per commune id, the tips and those overdue (hidden the same way).
            "late_by_commune": {row["commune_id"]: (row["n"], hide(late.get(row["commune_id"], 0)))
                                for row in communes},
            "closed": hide(total_closed), "on_time_share": round(100 * on_time / total_closed, 1)
            if total_closed and (police or total_closed >= SMALL_COUNT) else None}


def receipt_expectations(received_at, *, anonymous: bool) -> dict:
    """What a reporter may expect, and by when, told on the receipt page in plain words: the limits in
    force on the day of receipt (CPC Art. 147; JC 01/2017 Art. 14 — an acknowledgement only to those
    who gave their details)."""
    from django.utils import timezone

    from antq.core import limits

    day = timezone.localdate(received_at)
    return {"resolve_by": limits.in_force("tips.resolve", day).last_day(day),
            "resolve_days": limits.in_force("tips.resolve", day),
            "acknowledge_by": None if anonymous else limits.in_force("tips.acknowledge", day).last_day(day)}
