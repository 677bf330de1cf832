"""Rate limits for public endpoints, per client network, without keeping addresses.

The network (/24 for IPv4, /48 for IPv6) is hashed with a key that changes every day and the
count lives only in the cache for the window: no address is written to the database or logs.
"""

from __future__ import annotations

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


def exceeded(request, scope: str, *, limit: int, window: int) -> bool:
    """Count this request in `scope`; True when the network passed `limit` in `window` seconds."""
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{day}|{scope}|{_network(request)}".encode()).hexdigest()[:32]
    key = f"rl:{scope}:{digest}"
    try:  # the usual case first: the window is open, one increment
        count = cache.incr(key)
    except ValueError:  # no window yet (or it just expired): open one
        if cache.add(key, 1, timeout=window):
            return False
        count = cache.incr(key)  # another request opened it meanwhile
    return count > limit
