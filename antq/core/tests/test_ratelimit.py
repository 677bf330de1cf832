import socket
import time
import uuid

import pytest
from django.test import RequestFactory

from antq.core.ratelimit import wait_seconds


def exceeded(request, scope, *, limit, window) -> bool:
    return wait_seconds(request, scope, limit=limit, window=window) is not None


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    """The counters in each cache the product runs with."""
    if request.param == "redis":
        if not _redis_up():
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": "redis://127.0.0.1:6379/14"}}
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                       "LOCATION": uuid.uuid4().hex}}
    return request.param


def test_a_network_is_counted_across_its_addresses_and_stopped_past_the_limit(backend):
    scope = f"test-{uuid.uuid4().hex}"  # a fresh window whatever ran before
    factory = RequestFactory()
    results = [exceeded(factory.post("/", REMOTE_ADDR=f"198.51.100.{n}"), scope, limit=3, window=60) for n in range(5)]
    assert results == [False, False, False, True, True]
    other = factory.post("/", REMOTE_ADDR="203.0.113.1")
    assert exceeded(other, scope, limit=3, window=60) is False  # another network has its own count


def test_the_window_closes_and_the_count_starts_again(backend):
    scope = f"test-{uuid.uuid4().hex}"
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    assert [exceeded(request, scope, limit=1, window=1) for _ in range(2)] == [False, True]
    time.sleep(1.2)  # the first request opened a one-second window; it has closed
    assert exceeded(request, scope, limit=1, window=1) is False


def test_a_full_window_is_not_extended_by_the_hits_made_while_it_is_full(backend):
    from antq.core.ratelimit import count

    key = f"rl:test:{uuid.uuid4().hex}"
    _hits, first_left = count(key, 3)
    time.sleep(1.1)
    lefts = [count(key, 3)[1] for _ in range(5)]  # more tries during the lock
    assert all(left <= first_left - 1 for left in lefts), lefts
    time.sleep(2.2)
    assert count(key, 3)[0] == 1  # the window closed on time: counting starts again


def test_behind_a_trusted_proxy_each_citizen_has_their_own_bucket_and_nobody_else_picks_one(settings):
    from antq.core.ratelimit import client_address

    factory = RequestFactory()
    settings.ANTQ_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    via_proxy = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.1.2.3")
    assert str(client_address(via_proxy)) == "203.0.113.9"  # the right-most hop that is not a proxy
    forged = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert str(client_address(forged)) == "203.0.113.9"  # what the client wrote to the left is ignored
    direct = factory.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert str(client_address(direct)) == "198.51.100.7"  # not a proxy: its header is not believed
    garbage = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert str(client_address(garbage)) == "127.0.0.1"
    settings.ANTQ_TRUSTED_PROXIES = []
    assert str(client_address(via_proxy)) == "127.0.0.1"  # no proxy trusted: the peer is the client
