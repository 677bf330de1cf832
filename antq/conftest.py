"""Fixtures shared by every app's tests: a small unit tree with people in it.

    Việt Nam ─ Tỉnh Tây Ninh ─┬─ Phường A ─ Khu phố 1
                              └─ Xã B ──── Ấp Một
"""

import importlib
from types import SimpleNamespace

import pytest
from django.test import Client
from rest_framework.test import APIClient

from antq.geo.tests.factories import AdminUnitFactory
from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant, verified_login


def _reference_data():
    """Transactional tests (live server, worker) flush the tables; restore the shipped rows."""
    from django.apps import apps

    from antq.geo import defaults as geo_defaults
    from antq.geo.models import UnitType
    from antq.orgs import defaults as orgs_defaults

    if not UnitType.objects.exists():
        from antq.committees import defaults as committees_defaults
        from antq.evaluations import defaults as evaluations_defaults
        from antq.forces import defaults as forces_defaults
        from antq.initiatives import defaults as initiatives_defaults
        from antq.mediation import defaults as mediation_defaults
        from antq.programs import defaults as programs_defaults
        from antq.supervision import defaults as supervision_defaults
        from antq.tips import defaults as tips_defaults

        geo_defaults.apply(apps)
        orgs_defaults.apply(apps)
        committees_defaults.apply(apps)
        programs_defaults.apply(apps)
        programs_defaults.apply_reports(apps)
        programs_defaults.apply_report_deadlines(apps)
        evaluations_defaults.apply(apps)
        initiatives_defaults.apply(apps)
        tips_defaults.apply(apps)
        mediation_defaults.apply(apps)
        mediation_defaults.apply_cases(apps)
        mediation_defaults.apply_disputes(apps)
        supervision_defaults.apply(apps)
        forces_defaults.apply(apps)
        forces_defaults.apply_duty(apps)
        forces_defaults.apply_training(apps)
    from antq.core.models import CalendarDay

    if not CalendarDay.objects.exists():
        from antq.core.limits import seed_limits
        from antq.mediation import defaults as mediation_defaults
        from antq.tips import defaults as tips_defaults

        seed_limits(apps, tips_defaults.LIMITS)
        seed_limits(apps, mediation_defaults.LIMITS)
        from antq.supervision import defaults as supervision_defaults

        seed_limits(apps, supervision_defaults.LIMITS)
        importlib.import_module("antq.core.migrations.0004_working_calendar_and_limits").seed_calendar(apps, None)


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hasher():
    """Accounts' passwords hashed with MD5 in tests: Argon2 at its production cost was 70 % of the
    suite's time (a hash per factory user). The tips' receipt secrets keep their own Argon2 hasher
    (antq.core.crypto), and a test of account hashing itself can ask for `settings.PASSWORD_HASHERS`."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_reference_cache():
    """Each test rolls its rows back without a signal: no cached category, rule or commune may outlive it."""
    from antq.core import refcache

    refcache.clear()
    yield
    refcache.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit windows live in the cache, not the database: each test starts with none open."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def tree(db):
    _reference_data()
    root = AdminUnitFactory(name="Việt Nam", unit_type="trung_uong", code="VN")
    province = AdminUnitFactory(name="Tây Ninh", unit_type="tinh", parent=root, code="80")
    a = AdminUnitFactory(name="Phường Tân Ninh", unit_type="phuong", parent=province, code="25459")
    b = AdminUnitFactory(name="Xã Hoà Hội", unit_type="xa", parent=province, code="25606")
    a1 = AdminUnitFactory(name="Khu phố 1", unit_type="khu_pho", parent=a)
    b1 = AdminUnitFactory(name="Ấp Hòa Bình", unit_type="ap", parent=b)
    return SimpleNamespace(root=root, province=province, a=a, b=b, a1=a1, b1=b1)


@pytest.fixture
def people(tree):
    """Officers of commune A and B, a viewer of A without write rights, a province officer."""
    police_a = OrganisationFactory(unit=tree.a, name="Công an phường Tân Ninh")
    police_b = OrganisationFactory(unit=tree.b, name="Công an xã Hoà Hội")
    police_p = OrganisationFactory(unit=tree.province, name="Công an tỉnh Tây Ninh")
    officer_a = UserFactory(username="congan.a", home_unit=tree.a)
    officer_b = UserFactory(username="congan.b", home_unit=tree.b)
    viewer_a = UserFactory(username="xem.a", home_unit=tree.a)
    province = UserFactory(username="congan.tinh", home_unit=tree.province)
    grant(officer_a, "commune_police", tree.a, police_a)
    grant(officer_b, "commune_police", tree.b, police_b)
    grant(viewer_a, "observer", tree.a, police_a)
    grant(province, "province_police", tree.province, police_p)
    return SimpleNamespace(officer_a=officer_a, officer_b=officer_b, viewer_a=viewer_a, province=province,
                           police_a=police_a, police_b=police_b, police_p=police_p)


@pytest.fixture
def login():
    """login(user) -> a Django test client, logged in and past the second factor."""
    def make(user):
        client = Client()
        verified_login(client, user)
        return client
    return make


@pytest.fixture
def api_login():
    def make(user):
        client = APIClient()
        verified_login(client, user)
        return client
    return make


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path_factory):
    """Each test stores its files (and the daily audit head) in a folder of its own, never in var/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.ANTQ_AUDIT_HEAD_FILE = settings.MEDIA_ROOT.parent / "audit-heads.log"
