"""Supervision files (Law 127/2025; LAW.md §5): the plan due 5 working days after intake across a holiday,
the plan issued by the commune police head only, a restricted file absent for the restricted user, the
person's identity sealed in the rows and never in the trail, each read of the file recorded."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.core.text import citizen_id_problem
from antq.orgs.tests.factories import UserFactory, grant
from antq.supervision import selectors, services
from antq.supervision.models import Measure, MeasureType, Person

pytestmark = pytest.mark.django_db

NAME, ID_NUMBER = "Đinh Văn Khải", "079098001234"


@pytest.fixture
def chief(tree):
    user = UserFactory(username="truong.a", home_unit=tree.a)
    grant(user, "commune_police_chief", tree.a)
    return user


def _register(tree, actor, intake=datetime.date(2026, 4, 28), kind="suspended_sentence"):
    return services.person_register(
        actor=actor, unit=tree.a1, full_name=NAME, birth_date=datetime.date(1998, 5, 2), id_number=ID_NUMBER,
        address="Số 7, hẻm 3, Khu phố 1", kind=MeasureType.objects.get(code=kind),
        started_on=datetime.date(2026, 4, 20), intake_on=intake, reference="Bản án 45/2026/HS-ST")


def test_the_plan_is_due_five_working_days_after_intake_across_the_holiday(tree, people):
    measure = _register(tree, people.officer_a)  # Tuesday 28/4: 29/4, then 30/4–1/5 off, the weekend off
    assert measure.plan_due == datetime.date(2026, 5, 7)
    late = selectors.plans_late(Measure.objects.all(), datetime.date(2026, 5, 8))
    assert list(late) == [measure] and not selectors.plans_late(Measure.objects.all(), datetime.date(2026, 5, 7))
    back = _register(tree, people.officer_a, kind="released_prison")
    assert back.plan_due is None  # helped back, not supervised: no plan


def test_only_the_police_head_issues_the_plan_naming_an_officer(tree, people, chief):
    measure = _register(tree, people.officer_a)
    with pytest.raises(PermissionDenied):
        services.plan_issue(actor=people.officer_a, measure=measure, officer=people.officer_a,
                            issued_on=datetime.date(2026, 4, 30))
    with pytest.raises(ValidationError, match="officer"):
        services.plan_issue(actor=chief, measure=measure, officer=people.viewer_a, issued_on=datetime.date(2026, 4, 30))
    assert Measure.objects.get(pk=measure.pk).plan_issued_on is None
    services.plan_issue(actor=chief, measure=measure, officer=people.officer_a, issued_on=datetime.date(2026, 4, 30))
    assert Measure.objects.get(pk=measure.pk).officer == people.officer_a


def test_a_restricted_file_is_absent_for_that_user_everywhere(tree, people, chief):
    measure = _register(tree, people.officer_a)
    person = measure.person
    relative = UserFactory(home_unit=tree.a)
    grant(relative, "commune_police", tree.a)
    assert list(selectors.files_of(relative, "supervision.view_file")) == [person]
    services.restriction_add(actor=chief, person=person, user=relative, reason="Là anh ruột của người được giám sát")
    assert not selectors.files_of(relative, "supervision.view_file").exists()
    assert not selectors.measures_of(relative, "supervision.view_file").exists()
    with pytest.raises(Http404):
        services.file_read(actor=relative, person=person)
    assert list(selectors.files_of(people.officer_a, "supervision.view_file")) == [person]
    assert not selectors.files_of(people.officer_b, "supervision.view_file").exists()  # another commune


def test_the_identity_is_sealed_and_each_read_is_recorded_without_it(tree, people):
    person = _register(tree, people.officer_a).person
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, birth_date, id_number, address FROM supervision_person")
        row = " ".join(cursor.fetchone())
        cursor.execute("SELECT reference FROM supervision_measure")
        row += cursor.fetchone()[0]
    assert "Khải" not in row and ID_NUMBER not in row and "1998" not in row and "45/2026" not in row
    assert services.file_read(actor=people.officer_a, person=person)["id_number"] == ID_NUMBER
    reads = AuditEvent.objects.filter(action="supervision.file_read")
    assert reads.count() == 1 and reads.get().after["fields"] == ["full_name", "birth_date", "id_number", "address"]
    trail = " ".join(f"{e.object_repr} {e.before} {e.after}" for e in AuditEvent.objects.all())
    assert "Khải" not in trail and ID_NUMBER not in trail and "45/2026" not in trail
    with pytest.raises(Http404):  # a file out of reach does not exist
        services.file_read(actor=people.viewer_a, person=person)


def test_bad_input_is_refused_on_its_fields_and_nothing_is_kept(tree, people):
    with pytest.raises(ValidationError) as refused:
        services.person_register(
            actor=people.officer_a, unit=tree.a1, full_name=" ", birth_date=datetime.date(2099, 1, 1),
            id_number="12345", address="", kind=MeasureType.objects.get(code="suspended_sentence"),
            started_on=datetime.date(2026, 4, 20), intake_on=datetime.date(2026, 4, 28))
    assert {"full_name", "birth_date", "id_number", "address"} <= set(refused.value.message_dict)
    assert not Person.objects.exists() and not AuditEvent.objects.filter(action__startswith="supervision.").exists()
    with pytest.raises(PermissionDenied):
        _register(tree, people.officer_b)  # another commune's officer


def test_a_month_is_assessed_by_the_5th_moved_past_a_day_off_and_a_missing_one_shows(tree, people, monkeypatch):
    from antq.supervision.models import Assessment

    assert services.assessment_due(datetime.date(2026, 4, 1)) == datetime.date(2026, 5, 5)
    assert services.assessment_due(datetime.date(2026, 8, 1)) == datetime.date(2026, 9, 7)  # the 5th: a Saturday
    measure = _register(tree, people.officer_a)
    moment = timezone.make_aware(datetime.datetime(2026, 6, 8, 9))
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    assert list(selectors.assessments_missing(Measure.objects.all())) == [measure]  # May's, due on 5 June
    with pytest.raises(ValidationError, match="month"):
        services.assessment_record(actor=people.officer_a, measure=measure, month=datetime.date(2026, 6, 1),
                                   grade="good", roll_call="in_person", signed_on=datetime.date(2026, 6, 8))
    services.assessment_record(actor=people.officer_a, measure=measure, month=datetime.date(2026, 5, 1),
                               grade="fair", roll_call="app", signed_on=datetime.date(2026, 6, 8))
    assert not selectors.assessments_missing(Measure.objects.all()).exists()
    assert AuditEvent.objects.get(action="supervision.assessment_record").after["late"] is True
    with pytest.raises(ValidationError, match="month"):
        services.assessment_record(actor=people.officer_a, measure=measure, month=datetime.date(2026, 5, 1),
                                   grade="good", roll_call="app", signed_on=datetime.date(2026, 6, 8))
    assert Assessment.objects.count() == 1


def test_the_citizen_id_must_fit_the_date_of_birth():
    born = datetime.date(1998, 5, 2)
    assert citizen_id_problem("079098001234", born) == ""
    assert citizen_id_problem("079198001234", born) == ""  # a woman born in the 1900s
    assert "2003" in citizen_id_problem("079203001234", born)  # born in 2003 by the number
    assert "001" in citizen_id_problem("099098001234", born)  # no province 099
    assert "12" in citizen_id_problem("07909800123", born)
    assert citizen_id_problem("072206009753", datetime.date(2006, 1, 14)) == ""
