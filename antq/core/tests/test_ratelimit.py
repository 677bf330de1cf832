import socket
import time
import uuid

import pytest
from django.test import RequestFactory

from antq.core.ratelimit import exceeded


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
