"""Reads of supervision files: always scoped by unit and purpose, and never a file restricted from the
user — one definition the lists, search, exports and the API share."""

from __future__ import annotations

import datetime

from django.utils import timezone

from antq.supervision.choices import MeasureState
from antq.supervision.models import Measure, Person, Restriction

SEALED = ("full_name", "birth_date", "id_number", "address")


def files_of(user, action: str):
    """People whose file `user` may open for `action`: in their units, holding the purpose, not restricted
    from them. Lists read no sealed column (nothing decrypted per row)."""
    return (Person.objects.visible_to(user, action).exclude(pk__in=Restriction.objects.filter(user=user)
                                                            .values("person_id"))
            .defer(*SEALED).select_related("unit__unit_type", "unit__level"))


def is_restricted(user, person: Person) -> bool:
    return Restriction.objects.filter(person=person, user=user).exists()


def plans_late(measures, today: datetime.date | None = None):
    """Active measures whose plan is not issued and whose day to issue it has passed (it ended at 24:00)."""
    return measures.filter(state=MeasureState.ACTIVE, plan_issued_on__isnull=True,
                           plan_due__lt=today or timezone.localdate())


def measures_of(user, action: str):
    return Measure.objects.visible_to(user, action).exclude(
        person_id__in=Restriction.objects.filter(user=user).values("person_id")).select_related("kind")


def assessments_missing(measures, today: datetime.date | None = None):
    """Active supervised measures whose latest month already due (its day to sign has passed) has no
    assessment: last month once its 5th has passed, else the month before."""
    from antq.core.dates import add_months
    from antq.supervision.services import assessment_due

    today = today or timezone.localdate()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if today <= assessment_due(month):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return (measures.filter(state=MeasureState.ACTIVE, kind__police_supervised=True,
                            started_on__lt=add_months(month, 1))  # under the measure during that month
            .exclude(assessments__month=month))
