import datetime

import pytest

from antq.committees import selectors
from antq.committees.models import Meeting, MeetingCadence, SteeringCommittee
from antq.committees.tests.factories import full_committee

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)


def _meet(committee, *days):
    for day in days:
        Meeting.objects.create(committee=committee, held_on=day)


def test_a_commune_owes_one_meeting_a_month(tree):
    committee = full_committee(tree.a)
    _meet(committee, datetime.date(2026, 1, 10), datetime.date(2026, 1, 25), datetime.date(2026, 3, 3),
          datetime.date(2026, 11, 2), datetime.date(2025, 12, 20))
    year = selectors.committee_year(committee, 2026, TODAY)
    assert year["months"] == 1 and len(year["slots"]) == 12
    assert year["held"] == 3  # two meetings in January count once
    assert year["due"] == 10  # January–October have ended
    assert [s.start.month for s in year["overdue"]] == [2, 4, 5, 6, 7, 8, 9, 10]


def test_a_province_meets_every_six_months(tree):
    committee = full_committee(tree.province)
    _meet(committee, datetime.date(2026, 5, 1))
    year = selectors.committee_year(committee, 2026, TODAY)
    assert year["months"] == 6 and year["due"] == 1 and year["overdue"] == []
    assert selectors.committee_year(committee, 2026, datetime.date(2027, 1, 5))["overdue"][0].start.month == 7


def test_the_province_sees_held_owed_overdue_per_commune_in_one_query(tree, django_assert_num_queries):
    a, b = full_committee(tree.a), full_committee(tree.b, skip=("deputy",))
    _meet(a, *[datetime.date(2026, m, 5) for m in range(1, 11)])
    _meet(b, datetime.date(2026, 1, 5), datetime.date(2026, 11, 5))
    commune_level = tree.a.level_id
    selectors.cadence_months(commune_level)
    with django_assert_num_queries(2):  # the cadence, then the aggregate
        rows, months = selectors.meetings_table(SteeringCommittee.objects.all(), level_id=commune_level,
                                                year=2026, today=TODAY)
    by_unit = {row["committee"].unit_id: row for row in rows}
    assert months == 1
    assert (by_unit[tree.a.pk]["held"], by_unit[tree.a.pk]["due"], by_unit[tree.a.pk]["overdue"]) == (10, 10, 0)
    # November's meeting counts as held but not against what was owed by today.
    assert (by_unit[tree.b.pk]["held"], by_unit[tree.b.pk]["due"], by_unit[tree.b.pk]["overdue"]) == (2, 10, 9)


def test_cadence_is_data(tree):
    committee = full_committee(tree.a)
    MeetingCadence.objects.filter(level=tree.a.level).update(months=3)
    year = selectors.committee_year(committee, 2026, TODAY)
    assert year["months"] == 3 and len(year["slots"]) == 4 and year["due"] == 3
