"""Every route of the URL conf, generated, not picked by hand: a new route is checked the day it is added.

- Anonymous: every page sends to the login, every API route answers 401/403 — except the citizens'
  routes and the sign-in pages, named below.
- Signed in without any role (no jurisdiction): every route naming an object answers 404 or 403 for
  real objects, read or write, and a write changes nothing.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from antq.core.models import AuditEvent
from antq.orgs.tests.factories import UserFactory, verified_login

pytestmark = pytest.mark.django_db

PUBLIC = {  # open without an account, by design
    "public_tips:report", "public_tips:follow",
    "public_units:communes", "public_units:nearest_commune", "public_units:areas",
    "public_mediation:request", "public_mediation:follow",
    "api:public-tip", "api:public-tip-follow", "api:public-mediation-request", "api:public-mediation-follow",
    "login", "logout", "otp_verify", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "set_language", "api:api-root", "api:api-root-format",
}


NATIONAL_RULES = {"api:calendar-day-detail", "api:time-limit-detail", "api:rule-table-detail", "rule_table",
                  "api:report-form-detail"}


def _routes(patterns=None, prefix="", namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


def _path(route: str, value: int) -> str:
    """A concrete path for a route: every <int:…> gets `value`, the other converters a plausible word."""
    if "rules/limits" in route or "rules/tables" in route:  # their keys are codes, not ids
        route = route.replace("(?P<pk>[a-z_]+\\.[a-z_]+)", "tips.resolve" if "limits" in route
                              else "committees.cadence")
    route = route.replace("(?P<pk>[^/.]+)", str(value))  # DRF's detail pattern
    route = route.replace("(?P<code>[^/.]+)", "bao-cao-thang-antq")
    route = route.replace("/^", "/").removesuffix("$")
    route = re.sub(r"<int:[a-z_]+>", str(value), route)
    route = re.sub(r"<slug:kind>", "residential_area", route)
    route = re.sub(r"<slug:code>", "bao-cao-thang-antq", route)
    route = re.sub(r"<slug:action>", "triage", route)
    route = re.sub(r"<str:period>", "2026-10", route)
    route = re.sub(r"<str:key>", "committees.cadence", route)
    route = re.sub(r"<str:code>", "tips.resolve", route)
    return "/" + route


# DRF's format-suffix twins (".json") answer like the routes they double.
ROUTES = sorted({(route, name) for route, name in _routes() if "format" not in route})


def test_the_url_conf_is_walked():
    names = {name for _route, name in ROUTES}
    assert len(ROUTES) > 150 and {"tips:tip_detail", "api:tip-detail", "rule_table"} <= names


@pytest.mark.parametrize(("route", "name"), [r for r in ROUTES if r[1] not in PUBLIC])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, route, name, tree):
    path = _path(route, tree.a.pk)
    response = client.get(path)
    if path.startswith("/api/"):
        assert response.status_code in (401, 403), (path, response.status_code)
    else:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (path, response.status_code)


@pytest.fixture
def stranger(tree):
    """Signed in, past the second factor, with no role anywhere."""
    return UserFactory(username="khong.vai.tro", home_unit=tree.a)


def _objects(tree, people):
    """Real objects of commune A, of the kinds the routes name, for the ids the stranger tries."""
    from antq.committees.tests.factories import full_committee
    from antq.tips.tests.factories import anonymous_tip

    committee = full_committee(tree.a)
    tip, _secret = anonymous_tip(tree.a)
    return [tree.a.pk, tree.a1.pk, committee.pk, committee.members.first().pk, tip.pk, people.officer_a.pk,
            people.police_a.pk]


@pytest.mark.parametrize(("route", "name"), [r for r in ROUTES if r[1] not in PUBLIC
                                              and ("<int:" in r[0] or "(?P<pk>[^/.]+)" in r[0])])
def test_a_user_of_another_commune_or_of_none_gets_nothing_of_any_object(route, name, tree, people, stranger):
    """The officer of commune B holds every permission of a commune officer, over B: A's objects do not
    exist for them (404), or they lack the permission the route needs where it checks that first (403)."""
    from rest_framework.test import APIClient

    values = _objects(tree, people)
    audit = AuditEvent.objects.count()
    for user in (stranger, people.officer_b):
        client = APIClient()
        verified_login(client, user)
        for value in values:
            path = _path(route, value)
            for method in ("get", "post"):
                response = getattr(client, method)(path, {}, format="json" if path.startswith("/api/") else None)
                if method == "get" and name in NATIONAL_RULES:
                    continue  # the national rules are read by every signed-in user
                assert response.status_code in (403, 404, 405), (user.username, method, path, response.status_code)
    assert AuditEvent.objects.count() == audit


def _more_of_everything(tree, people, n: int) -> None:
    """One more of each kind of record in both communes: a list whose query count grows with them
    reads row by row."""
    from antq.committees.models import Meeting
    from antq.committees.tests.factories import full_committee
    from antq.evaluations.tests.factories import establishment, register
    from antq.geo.tests.factories import AdminUnitFactory
    from antq.initiatives.tests.factories import model
    from antq.orgs.tests.factories import OrganisationFactory
    from antq.programs import services as programs
    from antq.tips.tests.factories import anonymous_tip

    for commune, officer, police in ((tree.a, people.officer_a, people.police_a),
                                     (tree.b, people.officer_b, people.police_b)):
        area = AdminUnitFactory(name=f"Khu mới {n}", unit_type="khu_pho", parent=commune)
        committee = full_committee(area)
        Meeting.objects.create(committee=committee, held_on="2026-10-05")
        programs.program_create(actor=officer, unit=commune, title=f"Kế hoạch {n}", start_year=2026, end_year=2030)
        anonymous_tip(commune)
        register(officer, unit=area)
        establishment(commune)
        model(officer, commune, police, name=f"Mô hình {n}")
        OrganisationFactory(unit=commune)
        UserFactory(home_unit=commune)


LISTS = [(route, name) for route, name in ROUTES if name not in PUBLIC and "<" not in route and "(?P" not in route
         and not route.endswith((".xlsx", ".docx")) and name not in {"logout", "api:schema", "api:docs"}]


def test_no_list_or_dashboard_reads_row_by_row(tree, people, django_assert_max_num_queries):
    """Every page and API list without a parameter, for the province's officer and the commune's: the
    same number of queries with one more record of every kind in each commune."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    clients = []
    for user in (people.province, people.officer_a):
        client = APIClient()
        verified_login(client, user)
        clients.append(client)
    _more_of_everything(tree, people, 1)
    counts, served = {}, set()
    for round_ in (1, 2):
        for route, name in LISTS:
            for client in clients:
                client.get("/" + route.replace("/^", "/").removesuffix("$"))  # warm the per-process caches
                with CaptureQueriesContext(connection) as queries:
                    response = client.get("/" + route.replace("/^", "/").removesuffix("$"))
                assert response.status_code in (200, 302, 400, 403, 405), (route, response.status_code)
                counts.setdefault((name, id(client)), []).append(len(queries))
                if response.status_code == 200:
                    served.add(name)
        if round_ == 1:
            _more_of_everything(tree, people, 2)
    grows = {name: n for (name, _client), n in counts.items() if n[0] != n[1]}
    assert grows == {}
    assert len(served) > 0.8 * len(LISTS), sorted({name for _route, name in LISTS} - served)
