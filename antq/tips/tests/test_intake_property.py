"""Property: any report the public intake acknowledges is registered and opens with its secret
(issue 14: "nothing acknowledged is ever lost"). Hypothesis draws the texts — any Unicode, control
characters and NUL included — with a fixed seed and a bounded number of examples."""

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from antq.tips import services
from antq.tips.models import Tip, TipIntake

TEXT = st.text(st.characters(codec="utf-8"), max_size=400)


@pytest.mark.django_db
@seed(20261203)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(description=TEXT, address=TEXT, name=st.text(max_size=60), anonymous=st.booleans())
def test_what_the_intake_acknowledges_is_registered_and_opens(tree, description, address, name, anonymous):
    from django.core.cache import cache
    from django.test.utils import override_settings

    cache.clear()  # the rate limit counts every example from one address
    with override_settings(ANTQ_SECRET_ARGON2=(1, 8, 1)):  # the secret's cost is not what is tested here
        _acknowledged_is_registered(tree, description, address, name, anonymous)


def _acknowledged_is_registered(tree, description, address, name, anonymous):
    body = {"category": "drugs", "description": description, "address": address, "commune": tree.a.pk,
            "anonymous": anonymous, "reporter_name": name, "consent_handle": True}
    response = APIClient().post("/api/v1/public/tips/", body, format="json")
    if response.status_code != 201:
        assert response.status_code == 400 and response.json()["error"]["status"] == 400
        return
    code, secret = response.json()["receipt_code"], response.json()["secret"]
    services.intake_register()
    assert not TipIntake.objects.filter(receipt_code=code).exclude(error="").exists()  # none set aside
    tip = services.reporter_access(receipt_code=code, secret=secret)
    assert Tip.objects.get(receipt_code=code) == tip
    assert tip.description == description.strip()
