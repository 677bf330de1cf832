"""Two-person access (antq.core.grants): nothing opens on one person's say, for a limited time, audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from antq.core import services
from antq.core.models import AccessGrant, AuditEvent, GrantStatus, TimeLimit
from antq.core.testing import check_three_ways
from antq.orgs.tests.factories import UserFactory, grant
from antq.tips import services as tips
from antq.tips.models import Tip
from antq.tips.tests.factories import IDENTITY, identified_tip

pytestmark = pytest.mark.django_db
REASON = "Cần gọi lại người báo tin để xác minh địa điểm"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):  # the messages matched below; pages pick their own language
        yield


@pytest.fixture
def case(tree, people):
    """A tip of commune A with the reporter's identity, in officer A's charge; A's police chief."""
    tip, _ = identified_tip(tree.a)
    tips.tip_assign(actor=people.officer_a, tip=tip, officer=people.officer_a)
    chief = UserFactory(username="truong.a", home_unit=tree.a)
    grant(chief, "commune_police_chief", tree.a, people.police_a)
    chief_b = UserFactory(username="truong.b", home_unit=tree.b)
    grant(chief_b, "commune_police_chief", tree.b, people.police_b)
    return Tip.objects.get(pk=tip.pk), chief, chief_b


def _ask(tip, officer):
    return tips.identity_request(actor=officer, tip=tip, reason=REASON)


def test_a_request_needs_a_reason_and_is_asked_once(case, people):
    tip, _chief, _ = case
    with pytest.raises(ValidationError, match="at least 10 characters"):
        tips.identity_request(actor=people.officer_a, tip=tip, reason="  cần  ")
    assert not AccessGrant.objects.exists()
    request = _ask(tip, people.officer_a)
    assert (request.status, request.requested_by, request.object_repr) == ("pending", people.officer_a,
                                                                            tip.receipt_code)
    with pytest.raises(ValidationError, match="asked already"):
        _ask(tip, people.officer_a)
    assert AccessGrant.objects.count() == 1
    assert AuditEvent.objects.filter(action="core.access_request", object_id=str(request.pk)).count() == 1


def test_the_one_who_asked_never_approves_even_holding_the_approving_permission(case, people):
    tip, chief, _ = case
    request = _ask(tip, chief)  # the chief asks; the chief holds tips.approve_identity over A
    with pytest.raises(PermissionDenied):
        services.access_approve(actor=chief, grant=request)
    assert AccessGrant.objects.get(pk=request.pk).status == GrantStatus.PENDING
    assert not tips.can_read_identity(chief, tip)
    services.access_approve(actor=people.province, grant=request)  # a second person: the province police
    assert tips.identity_read(actor=chief, tip=tip)["reporter_name"] == IDENTITY["reporter_name"]


def test_an_approver_of_another_commune_or_without_the_permission_is_refused(case, people):
    tip, _chief, chief_b = case
    request = _ask(tip, people.officer_a)
    for stranger in (chief_b, people.officer_b, people.viewer_a):
        with pytest.raises(PermissionDenied):
            services.access_approve(actor=stranger, grant=request)
    assert AccessGrant.objects.get(pk=request.pk).status == GrantStatus.PENDING
    assert not AuditEvent.objects.filter(action="core.access_approve").exists()


def test_a_grant_lasts_at_most_the_rule_in_force_and_ends_on_time(case, people):
    tip, chief, _ = case
    request = _ask(tip, people.officer_a)
    with pytest.raises(ValidationError, match="Between 1 and 8 hours"):
        services.access_approve(actor=chief, grant=request, hours=9)
    assert AccessGrant.objects.get(pk=request.pk).status == GrantStatus.PENDING
    before = timezone.now()
    approved = services.access_approve(actor=chief, grant=request, hours=2, note="Chỉ để gọi lại")
    assert datetime.timedelta(hours=2) <= approved.expires_at - before < datetime.timedelta(hours=2, seconds=5)
    assert tips.can_read_identity(people.officer_a, tip)
    AccessGrant.objects.filter(pk=request.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not tips.can_read_identity(people.officer_a, tip)
    with pytest.raises(PermissionDenied):
        tips.identity_read(actor=people.officer_a, tip=tip)
    # The administrator's rule sets the most: raised to 24 hours, the approver may give 24.
    rule = TimeLimit.objects.get(code="tips.identity_grant", valid_from=None)
    rule.amount = 24
    rule.save()  # as the rule page's service does: the cached limits are dropped
    again = _ask(tip, people.officer_a)
    assert services.access_approve(actor=chief, grant=again, hours=24).status == GrantStatus.APPROVED


def test_a_grant_does_not_outlive_the_role_or_the_charge_it_was_asked_under(case, people, tree):
    tip, chief, _ = case
    services.access_approve(actor=chief, grant=_ask(tip, people.officer_a))
    assert tips.can_read_identity(people.officer_a, tip)
    colleague = UserFactory(home_unit=tree.a)
    grant(colleague, "commune_police", tree.a, people.police_a)
    tips.tip_assign(actor=chief, tip=tip, officer=colleague)  # the tip goes to another officer
    assert not tips.can_read_identity(people.officer_a, Tip.objects.get(pk=tip.pk))


def test_refused_then_ended_each_audited_and_a_refusal_says_why(case, people):
    tip, chief, _ = case
    request = _ask(tip, people.officer_a)
    with pytest.raises(ValidationError, match="Say why you refuse"):
        services.access_refuse(actor=chief, grant=request, note=" ")
    assert AccessGrant.objects.get(pk=request.pk).status == GrantStatus.PENDING
    refused = services.access_refuse(actor=chief, grant=request, note="Đã có đủ thông tin trong hồ sơ")
    assert refused.status == GrantStatus.REFUSED and not tips.can_read_identity(people.officer_a, tip)
    with pytest.raises(ValidationError, match="decided already"):
        services.access_approve(actor=chief, grant=request)
    second = _ask(tip, people.officer_a)  # asked again, with a better reason
    services.access_approve(actor=chief, grant=second)
    services.access_end(actor=people.officer_a, grant=second)  # done early
    assert not tips.can_read_identity(people.officer_a, tip)
    actions = list(AuditEvent.objects.filter(action__startswith="core.access_").order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["core.access_request", "core.access_refuse", "core.access_request", "core.access_approve",
                       "core.access_end"]


def test_the_access_page_three_ways_and_a_bad_input_keeps_what_was_typed(case, people, login):
    tip, chief, chief_b = case
    request = _ask(tip, people.officer_a)
    page = login(chief).get(reverse("access_list"))
    assert page.status_code == 200 and tip.receipt_code in page.content.decode() and REASON in page.content.decode()
    assert tip.receipt_code not in login(chief_b).get(reverse("access_list")).content.decode()
    url = reverse("access_decide", args=[request.pk, "approve"])

    def state():
        return AccessGrant.objects.values_list("status", "expires_at").get(pk=request.pk)

    bad = login(chief).post(url, {"hours": "99", "note": "gọi một lần"})
    assert bad.status_code == 400 and "Ensure this value" not in bad.content.decode()
    body = bad.content.decode()
    assert "Từ 1 đến 8 giờ" in body or "Between 1 and 8 hours" in body
    assert 'value="gọi một lần"' in body and state() == (GrantStatus.PENDING, None)
    check_three_ways(client_for=login, url=url, method="post", data={"hours": "3"}, allowed=chief,
                     outsider=chief_b, unpermitted=people.officer_a, ok=(302,), state=state)
    assert state()[0] == GrantStatus.APPROVED


def test_the_tip_page_asks_keeps_a_short_reason_and_opens_only_after_approval(case, people, login):
    tip, chief, _ = case
    officer = login(people.officer_a)
    url = reverse("tips:tip_identity_request", args=[tip.pk])
    bad = officer.post(url, {"reason": "gấp"})
    assert bad.status_code == 400 and ">\ngấp</textarea>" in bad.content.decode()
    assert 'id="id_reason_error"' in bad.content.decode()  # on the field
    assert not AccessGrant.objects.exists()
    assert officer.post(url, {"reason": REASON}).status_code == 302
    page = officer.get(reverse("tips:tip_detail", args=[tip.pk])).content.decode()
    assert 'id="identity-pending"' in page and IDENTITY["reporter_name"] not in page
    assert officer.post(reverse("tips:tip_identity", args=[tip.pk])).status_code == 403
    login(chief).post(reverse("access_decide", args=[AccessGrant.objects.get().pk, "approve"]), {"hours": "1"})
    shown = officer.post(reverse("tips:tip_identity", args=[tip.pk])).content.decode()
    assert IDENTITY["reporter_name"] in shown
    read = AuditEvent.objects.get(action="tips.identity_read")
    assert read.actor == people.officer_a and read.after["grant"] == AccessGrant.objects.get().pk
