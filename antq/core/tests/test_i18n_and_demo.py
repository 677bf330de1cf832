from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client

from antq.committees.models import Meeting, SteeringCommittee
from antq.committees.selectors import with_composition_problems
from antq.core.audit import audit_verify
from antq.core.demo import build_demo
from antq.geo.models import AdminUnit
from antq.orgs.demo import ACCOUNTS, PASSWORD
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
    assert [e["username"] for e in logins] == [a[0] for a in ACCOUNTS] + ["tobv.tanninh"]  # + the team member
    assert build_demo(log=lambda *a: None) == logins
    assert (AdminUnit.objects.count(), Organisation.objects.count(), User.objects.count(),
            RoleAssignment.objects.count()) == counts
    assert AdminUnit.objects.filter(level__code="residential_area").count() == 13
    committees = SteeringCommittee.objects.all()
    assert committees.count() == 4 and Meeting.objects.exists()
    flagged = with_composition_problems(committees)
    assert [c.unit.code for c in flagged] == ["25606"]  # Xã Hoà Hội has no police standing deputy
    assert audit_verify().ok
    _demo_evaluations_add_up()
    for entry in logins:
        client = Client()
        response = client.post("/accounts/login/", {"username": entry["username"], "password": PASSWORD})
        assert response.status_code == 302, entry["username"]
        assert ("totp_secret" in entry) == User.objects.get(username=entry["username"]).requires_second_factor


def _demo_evaluations_add_up():
    """The national share on the dashboard equals the hand count on the demo data, and the demo
    tells its story: Hoà Hội under 70 % refused, a model to review, a province lacking a commune."""
    from decimal import ROUND_HALF_UP, Decimal

    from django.utils import timezone

    from antq.evaluations.models import Evaluation
    from antq.evaluations.selectors import recognition_summary
    from antq.initiatives import selectors as initiatives
    from antq.orgs.models import Establishment

    year = timezone.localdate().year
    root = AdminUnit.objects.get(level__code="central")
    units = AdminUnit.objects.filter(valid_to__isnull=True, level__code__in=["commune", "residential_area"]).count()
    expected = units + Establishment.objects.filter(is_exempt=False, closed_on__isnull=True).count()
    recognised = Evaluation.objects.filter(year=year, status="recognised").count()
    total = recognition_summary(root, year)["total"]
    assert (total["expected"], total["recognised"]) == (expected, recognised)
    assert total["share"].quantize(Decimal("0.01"), ROUND_HALF_UP) == (
        Decimal(100) * recognised / expected).quantize(Decimal("0.01"), ROUND_HALF_UP)  # shown rounded
    hoa_hoi = Evaluation.objects.get(year=year, kind="commune", unit__code="25606")
    assert hoa_hoi.status == "refused"
    province = AdminUnit.objects.get(level__code="province", code="80")
    assert [m.name for m in initiatives.for_removal_review(province)] == ["Tổ tự phòng, tự quản ấp"]
    line = initiatives.exemplary_coverage(province)["provinces"][0]
    assert (line["lacks_commune"], line["lacks_ward"]) == (True, False)
