import datetime

import pytest

from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant
from antq.supervision import services
from antq.supervision.models import MeasureType

NAME, ID_NUMBER, REFERENCE = "Đinh Văn Khải", "079098001234", "Bản án 45/2026/HS-ST"


@pytest.fixture
def chief(tree):
    user = UserFactory(username="truong.a", home_unit=tree.a, email="truong.a@example.org", phone="0912000111")
    grant(user, "commune_police_chief", tree.a)
    return user


@pytest.fixture
def front(tree):
    user = UserFactory(username="mttq.a", home_unit=tree.a)
    grant(user, "commune_front", tree.a, OrganisationFactory(unit=tree.a, name="Ủy ban MTTQ phường Tân Ninh"))
    return user


@pytest.fixture
def women(tree):
    """The women's union of commune A and its officer (a helper through the organisation)."""
    union = OrganisationFactory(unit=tree.a, name="Hội Liên hiệp Phụ nữ phường Tân Ninh")
    user = UserFactory(username="phunu.a", home_unit=tree.a)
    grant(user, "member_org_officer", tree.a, union)
    return union, user


@pytest.fixture
def register(tree, people):
    def make(kind="suspended_sentence", intake=datetime.date(2026, 4, 28), unit=None, actor=None):
        return services.person_register(
            actor=actor or people.officer_a, unit=unit or tree.a1, full_name=NAME, birth_date=datetime.date(1998, 5, 2),
            id_number=ID_NUMBER, address="Số 7, hẻm 3, Khu phố 1", kind=MeasureType.objects.get(code=kind),
            started_on=datetime.date(2026, 4, 20), intake_on=intake, ends_on=datetime.date(2027, 4, 20),
            reference=REFERENCE)
    return make
