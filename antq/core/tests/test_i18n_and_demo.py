from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client

from antq.committees.models import Meeting, SteeringCommittee
from antq.committees.selectors import with_composition_problems
from antq.core.audit import audit_verify
from antq.core.demo import ACCOUNTS, PASSWORD, build_demo
from antq.geo.models import AdminUnit
from antq.orgs.models import Organisation, RoleAssignment, User

CATALOGUE = Path(settings.BASE_DIR) / "antq" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_msgid_has_a_vietnamese_translation():
    catalogue = read_po(CATALOGUE.open("rb"))
    untranslated = [m.id for m in catalogue if m.id and not m.string]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert len(catalogue) > 200
    assert untranslated == [] and fuzzy == []


@pytest.mark.django_db
def test_demo_is_idempotent_and_its_logins_work(capsys):
    logins = build_demo(log=lambda *a: None)
    counts = (AdminUnit.objects.count(), Organisation.objects.count(), User.objects.count(),
              RoleAssignment.objects.count())
    assert len(logins) == len(ACCOUNTS)
    assert build_demo(log=lambda *a: None) == logins
    assert (AdminUnit.objects.count(), Organisation.objects.count(), User.objects.count(),
            RoleAssignment.objects.count()) == counts
    assert AdminUnit.objects.filter(level__code="residential_area").count() == 13
    committees = SteeringCommittee.objects.all()
    assert committees.count() == 4 and Meeting.objects.exists()
    flagged = with_composition_problems(committees)
    assert [c.unit.code for c in flagged] == ["25606"]  # Xã Hoà Hội has no police standing deputy
    assert audit_verify().ok
    for entry in logins:
        client = Client()
        response = client.post("/accounts/login/", {"username": entry["username"], "password": PASSWORD})
        assert response.status_code == 302, entry["username"]
        assert ("totp_secret" in entry) == User.objects.get(username=entry["username"]).requires_second_factor
