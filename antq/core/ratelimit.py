"""Rate limits for public endpoints, per client network, without keeping addresses.

The network (/24 for IPv4, /48 for IPv6) is hashed with a key that changes every day and the
count lives only in the cache for the window: no address is written to the database or logs.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def _network(request) -> str:
    raw = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - a placeholder, not a bind address
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def limit_setting(name: str) -> tuple[int, int]:
    """A limit from settings written "count/seconds" (ANTQ_TIP_SUBMIT_LIMIT …)."""
    count, _slash, seconds = getattr(settings, name).partition("/")
    return int(count), int(seconds)


@functools.cache
def _redis(location: str):
    """One client per process on the cache's Redis: Django's cache builds a client object on every call
    (a fifth of a millisecond, on the public intake's hot path)."""
    import redis

    return redis.Redis.from_url(location)


def _count(key: str, window: int) -> int:
    """Count one more request in the window of `key` (opened by the first) and return the count."""
    cache_settings = settings.CACHES["default"]
    if cache_settings["BACKEND"].endswith("RedisCache"):
        pipe = _redis(cache_settings["LOCATION"]).pipeline(transaction=False)
        pipe.set(key, 0, ex=window, nx=True)  # opens the window; does nothing while it is open
        pipe.incr(key)
        return pipe.execute()[1]  # one round trip
    try:  # the usual case first: the window is open, one increment
        return cache.incr(key)
    except ValueError:  # no window yet (or it just expired): open one
        if cache.add(key, 1, timeout=window):
            return 1
        return cache.incr(key)  # another request opened it meanwhile


def exceeded(request, scope: str, *, limit: int, window: int) -> bool:
    """Count this request in `scope`; True when the network passed `limit` in `window` seconds."""
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{day}|{scope}|{_network(request)}".encode()).hexdigest()[:32]
    return _count(f"rl:{scope}:{digest}", window) > limit
