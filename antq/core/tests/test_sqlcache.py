"""antq.core.sqlcache: the built SQL is kept per key, the rows are read anew each time."""

import pytest

from antq.core import sqlcache
from antq.core.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_the_sql_is_built_once_per_key_and_the_rows_stay_live():
    import datetime

    built = []

    def build():
        built.append(1)
        return CalendarDay.objects.filter(day__year=2031).values_list("day")

    sqlcache.clear()
    assert sqlcache.rows(("test", 2031), build) == []
    CalendarDay.objects.create(day=datetime.date(2031, 1, 2), working=False, name="Nghỉ bù")
    assert sqlcache.rows(("test", 2031), build) == [(datetime.date(2031, 1, 2),)]
    assert len(built) == 1
