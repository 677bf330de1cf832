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
    SteeringCommittee.objects.update(established_on=datetime.date(2026, 1, 1))  # nothing owed before
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


def test_a_dated_cadence_wins_over_the_undated_default_on_every_database(tree):
    """PostgreSQL sorts NULL first in a descending order: the undated row must not shadow a dated one."""
    MeetingCadence.objects.create(level=tree.a.level, months=3, valid_from=datetime.date(2026, 7, 1))
    assert selectors.cadence_months(tree.a.level_id, datetime.date(2026, 6, 30)) == 1
    assert selectors.cadence_months(tree.a.level_id, datetime.date(2026, 7, 1)) == 3


def test_a_meeting_missed_in_december_stays_overdue_in_january(tree):
    committee = full_committee(tree.a)
    SteeringCommittee.objects.update(established_on=datetime.date(2026, 1, 1))
    _meet(committee, *[datetime.date(2026, m, 5) for m in range(1, 12)])  # January–November, no December
    committees = SteeringCommittee.objects.all()
    january = datetime.date(2027, 1, 5)
    assert selectors.overdue_count(committees, datetime.date(2026, 12, 20)) == 0  # December has not ended
    assert selectors.overdue_count(committees, january) == 1
    rows, _months = selectors.meetings_table(committees, level_id=tree.a.level_id, year=2027, today=january)
    assert (rows[0]["due"], rows[0]["overdue"]) == (0, 1)
    year = selectors.committee_year(SteeringCommittee.objects.get(), 2027, january)
    assert year["overdue"] == [] and [s.label for s in year["overdue_before"]] == ["12/2026"]
    _meet(committee, datetime.date(2027, 1, 4))  # January's meeting does not make up for December's
    assert selectors.overdue_count(committees, january) == 1
    # A committee set up in December 2026 owed nothing before it existed: only December.
    SteeringCommittee.objects.update(established_on=datetime.date(2026, 12, 1))
    assert selectors.overdue_count(committees, january) == 1
    SteeringCommittee.objects.update(established_on=datetime.date(2027, 1, 2))
    assert selectors.overdue_count(committees, january) == 0
