"""Test helpers: models made through the services, as a user would make them."""

import datetime

from django.utils import timezone

from antq.initiatives import services


def long_ago() -> datetime.date:
    return datetime.date(timezone.localdate().year - 2, 1, 1)


def model(actor, unit, organisation, *, name="Tổ tự quản an ninh trật tự", kind="self_management", started_on=None):
    return services.initiative_create(actor=actor, unit=unit, organisation=organisation, name=name, kind=kind,
                                      started_on=started_on or long_ago(), description="Tự quản về ANTT")


def graded(actor, initiative, grade: str, year: int, note: str = "Nhận xét của Ban chỉ đạo"):
    return services.initiative_grade(actor=actor, initiative=initiative, period_start=datetime.date(year, 1, 1),
                                     period_end=datetime.date(year, 12, 31), grade=grade, note=note,
                                     graded_on=datetime.date(year + 1, 1, 5))
