from unittest import mock

from django.utils import timezone
from rest_framework.test import APIClient

from antq.core import limits, refcache
from antq.core.models import TimeLimit
from antq.geo.selectors import current_commune
from antq.tips import selectors
from antq.tips.models import TipCategory, TipIntake


def test_a_value_is_loaded_once_then_again_after_its_time(db):
    loads = []
    with mock.patch("antq.core.refcache.time.monotonic", return_value=1000.0):
        assert refcache.cached("k", lambda: loads.append(1) or len(loads)) == 1
        assert refcache.cached("k", lambda: loads.append(1) or len(loads)) == 1
    with mock.patch("antq.core.refcache.time.monotonic", return_value=1000.0 + refcache.TTL + 1):
        assert refcache.cached("k", lambda: loads.append(1) or len(loads)) == 2
    assert len(loads) == 2


def test_saving_a_category_or_a_rule_here_is_seen_at_once(db, django_assert_num_queries):
    assert selectors.active_category("drugs") is not None
    limits.in_force("tips.resolve")
    with django_assert_num_queries(0):
        assert selectors.active_category("drugs").code == "drugs"
        limits.in_force("tips.resolve")
    TipCategory.objects.filter(code="drugs").update(is_active=False)  # no signal: still cached
    assert selectors.active_category("drugs") is not None
    category = TipCategory.objects.get(code="drugs")
    category.save()  # a save sends the signal
    assert selectors.active_category("drugs") is None
    assert limits.in_force("tips.resolve").amount == 20
    TimeLimit.objects.create(code="tips.resolve", amount=30, unit="days", valid_from=timezone.localdate())
    assert limits.in_force("tips.resolve").amount == 30


def test_only_current_communes_by_a_clean_id(tree):
    assert current_commune(tree.a.pk) == tree.a
    assert current_commune(str(tree.a.pk)) == tree.a
    for bad in (tree.province.pk, tree.a1.pk, True, 1.5, "x", None, [tree.a.pk]):
        assert current_commune(bad) is None


def test_the_api_refuses_a_category_deactivated_in_the_admin(tree):
    category = TipCategory.objects.get(code="drugs")
    client = APIClient()
    report = {"category": "drugs", "description": "Có người bán ma túy ở quán nước đầu ngõ", "commune": tree.a.pk}
    assert client.post("/api/v1/public/tips/", report, format="json").status_code == 201
    category.is_active = False
    category.save()
    response = client.post("/api/v1/public/tips/", report, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["category"] == ["Hãy chọn lĩnh vực của tin báo."]
    assert TipIntake.objects.count() == 1
