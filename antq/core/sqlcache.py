"""Built SQL kept per process for the counts a page asks for again and again.

A board's counts are grouped queries with several conditional aggregates; for one commune Django takes
longer to resolve and compile them (about 1 ms each) than PostgreSQL takes to run them (bench/mediation.py).
A caller that can name what the query depends on — the scope of the user, the unit, the day — passes that
as `key`: the queryset is built and compiled the first time, then its SQL and parameters are run again as
they are, as a prepared statement would be. The rows stay live; only the building is kept. The key must
hold everything the SQL depends on (a day that changes the query is part of it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.db import connections
from django.db.models import QuerySet

MAX_ENTRIES = 4096
_entries: OrderedDict[Hashable, tuple[str, str, tuple]] = OrderedDict()
_lock = threading.Lock()


def rows(key: Hashable, build: Callable[[], QuerySet]) -> list[tuple]:
    """The rows of the values queryset `build()` returns, as tuples in its `values()` order."""
    entry = _entries.get(key)
    if entry is None:
        queryset = build()
        sql, params = queryset.query.sql_with_params()
        entry = (queryset.db, sql, tuple(params))
        with _lock:
            _entries[key] = entry
            if len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    alias, sql, params = entry
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def clear() -> None:
    with _lock:
        _entries.clear()
