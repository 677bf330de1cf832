"""Rate limits and guess locks for public endpoints, per client network, without keeping addresses.

The client is the connecting address, or — when that is one of ANTQ_TRUSTED_PROXIES (the TLS proxy
the README puts in front) — the right-most address of X-Forwarded-For that is not a trusted proxy:
what lies left of it is the client's own say and could name anyone. Not a library (django-ipware):
it reads the header from any peer, so a client reaching the server directly could choose its bucket.

The network (/24 for IPv4, /48 for IPv6) is hashed with the secret key and the count lives only in
the cache for its window: no address is written to the database or logs. A window opens with the
first hit and is never extended by the hits made while it is full, so a lock ends on time.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


@functools.cache
def _trusted(raw: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item, strict=False) for item in raw if item)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request):
    """The client's address as an ipaddress object (None when unreadable)."""
    peer = _address(request.META.get("REMOTE_ADDR", "") or "")
    proxies = _trusted(tuple(settings.ANTQ_TRUSTED_PROXIES))
    if peer is None or not any(peer in net for net in proxies):
        return peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            return peer  # a forged or broken chain: the proxy itself is the client we can vouch for
        if not any(address in net for net in proxies):
            return address
    return peer


def client_ip(request) -> str | None:
    """The client's address as text (the login lockout's, django-axes)."""
    address = client_address(request)
    return str(address) if address is not None else None


def _network(request) -> str:
    address = client_address(request)
    if address is None:
        return "unknown"
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def client_key(request) -> str:
    """An opaque name of the client's network for today, for a service's per-client lock."""
    day = timezone.localdate().isoformat()
    return hashlib.sha256(f"{settings.SECRET_KEY}|{day}|client|{_network(request)}".encode()).hexdigest()[:32]


def limit_setting(name: str) -> tuple[int, int]:
    """A limit from settings written "count/seconds" (ANTQ_TIP_SUBMIT_LIMIT …)."""
    count, _slash, seconds = getattr(settings, name).partition("/")
    return int(count), int(seconds)


# Count one more hit and open the window with the first: one command, atomic, so a worker dying between
# the two steps cannot leave a counter that never expires. Answers the count and the seconds left.
_COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('TTL', KEYS[1])}
"""


@functools.cache
def _redis(location: str):
    """One client and script per process on the cache's Redis: Django's cache builds a client object on
    every call and needs two commands where this needs one (the public intake's hot path,
    bench/tips_intake.py)."""
    import redis

    client = redis.Redis.from_url(location)
    return client, client.register_script(_COUNT_SCRIPT)


def _redis_location() -> str | None:
    cache_settings = settings.CACHES["default"]
    return cache_settings["LOCATION"] if cache_settings["BACKEND"].endswith("RedisCache") else None


def count(key: str, window: int) -> tuple[int, int]:
    """Count one more hit in the window of `key` (opened by the first); the count and seconds left."""
    if location := _redis_location():
        hits, ttl = _redis(location)[1](keys=[key], args=[window])
        return int(hits), max(int(ttl), 1)
    expires_key = f"{key}:until"
    try:  # the usual case first: the window is open, one increment
        hits = cache.incr(key)
    except ValueError:  # no window yet (or it just expired): open one
        if cache.add(key, 1, timeout=window):
            cache.set(expires_key, timezone.now().timestamp() + window, timeout=window)
            return 1, window
        hits = cache.incr(key)  # another request opened it meanwhile
    until = cache.get(expires_key) or timezone.now().timestamp() + window
    return hits, max(int(until - timezone.now().timestamp()) + 1, 1)


def peek(key: str) -> int:
    """The hits counted in the open window of `key`, without counting one."""
    if location := _redis_location():
        return int(_redis(location)[0].get(key) or 0)
    return int(cache.get(key) or 0)


def forget(key: str) -> None:
    if location := _redis_location():
        _redis(location)[0].delete(key)
    else:
        cache.delete_many([key, f"{key}:until"])


def _key(request, scope: str) -> str:
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{day}|{scope}|{_network(request)}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}"


def wait_seconds(request, scope: str, *, limit: int, window: int) -> int | None:
    """Count this request in `scope`; the seconds to wait when the network passed `limit` in `window`
    seconds (for Retry-After), else None. The page and the API of one action share a scope."""
    hits, left = count(_key(request, scope), window)
    return left if hits > limit else None
