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


# Count one more request and open the window with the first: one command, atomic, so a worker dying
# between the two steps cannot leave a counter that never expires.
_COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


@functools.cache
def _redis_counter(location: str):
    """One client and script per process on the cache's Redis: Django's cache builds a client object on
    every call and needs two commands where this needs one (the public intake's hot path,
    bench/tips_intake.py)."""
    import redis

    return redis.Redis.from_url(location).register_script(_COUNT_SCRIPT)


def _count(key: str, window: int) -> int:
    """Count one more request in the window of `key` (opened by the first) and return the count."""
    cache_settings = settings.CACHES["default"]
    if cache_settings["BACKEND"].endswith("RedisCache"):
        return _redis_counter(cache_settings["LOCATION"])(keys=[key], args=[window])
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
