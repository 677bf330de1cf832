"""Small reference tables kept in each process for a short while.

The public intake reads the tip categories, the rule in force and the commune on every report;
those rows change a few times a year. Reading them from memory instead of three queries is most of
what keeps a report cheap (bench/tips_intake.py). A change saved in this process clears the entry
at once (the apps connect `clear_on_change`); other processes see it within `TTL` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
TTL = 60.0  # seconds another process may keep an entry that was changed elsewhere

_entries: dict[str, tuple[float, object]] = {}
_lock = threading.Lock()


def cached(key: str, load: Callable[[], T], ttl: float = TTL) -> T:
    """The value stored under `key`, loaded again when older than `ttl` seconds."""
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and entry[0] > now:
        return entry[1]
    value = load()
    with _lock:
        _entries[key] = (now + ttl, value)
    return value


def clear(*keys: str) -> None:
    """Forget `keys` (every entry when none is named)."""
    with _lock:
        if not keys:
            _entries.clear()
        for key in keys:
            _entries.pop(key, None)


def clear_on_change(model, *keys: str) -> None:
    """Forget `keys` whenever a row of `model` is saved or deleted in this process."""

    def receiver(**_kwargs):
        clear(*keys)

    uid = f"refcache:{model._meta.label_lower}:{','.join(keys)}"
    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
