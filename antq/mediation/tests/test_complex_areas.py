"""Complex areas: designated with the reasons and a decision, transformed by measures with owners and
deadlines, assessed, taken off the list by a decision; every page three ways."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.core.testing import check_three_ways
from antq.mediation import selectors, services
from antq.mediation.models import ComplexArea, TransformationMeasure
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _area(tree, actor):
    return services.complex_area_designate(
        actor=actor, commune=tree.a, name="Khu vực chợ đêm", areas=[tree.a1],
        reasons="Tụ điểm đánh bạc, mua bán ma túy nhỏ lẻ về đêm", designated_on=timezone.localdate()
        - datetime.timedelta(days=60), decision="25/QĐ-UBND")


def test_a_plan_half_done_with_an_overdue_measure_then_taken_off_the_list(tree, people):
    area = _area(tree, people.officer_a)
    today = timezone.localdate()
    done = services.measure_add(actor=people.officer_a, area=area, measure="Lắp camera an ninh ở cổng chợ",
                                owner="Công an phường", due=today - datetime.timedelta(days=20))
    services.measure_add(actor=people.officer_a, area=area, measure="Tuần tra ban đêm",
                         owner="Lực lượng tham gia bảo vệ ANTT ở cơ sở", due=today - datetime.timedelta(days=5))
    services.measure_done(actor=people.officer_a, measure=done, done_on=today - datetime.timedelta(days=25))
    row = selectors.complex_areas_of(people.officer_a).get()
    assert (row.n_measures, row.n_done, row.n_overdue) == (2, 1, 1)
    with pytest.raises(ValidationError, match="done_on"):
        services.measure_done(actor=people.officer_a, measure=done, done_on=today)
    services.assessment_record(actor=people.officer_a, area=area, assessed_on=today, progress="better",
                               summary="Tụ điểm đánh bạc đã giải tán, chưa phát sinh vụ việc mới")
    with pytest.raises(ValidationError, match="note"):
        services.complex_area_remove(actor=people.officer_a, area=area, removed_on=today, decision="40/QĐ-UBND",
                                     note="xong")
    assert ComplexArea.objects.get(pk=area.pk).is_listed
    services.complex_area_remove(actor=people.officer_a, area=area, removed_on=today, decision="40/QĐ-UBND",
                                 note="Hết tụ điểm, không còn vụ việc trong 6 tháng")
    assert not ComplexArea.objects.get(pk=area.pk).is_listed
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="mediation.").order_by("id")] == [
        "mediation.complex_area_designate", "mediation.measure_add", "mediation.measure_add",
        "mediation.measure_done", "mediation.assessment_record", "mediation.complex_area_remove"]


def test_only_the_communes_police_and_chairman_manage_it(tree, people):
    with pytest.raises(PermissionDenied):
        _area(tree, people.officer_b)
    assert not ComplexArea.objects.exists()


def test_the_pages_three_ways_and_a_refused_measure_keeps_what_was_typed(tree, people, login):
    area = _area(tree, people.officer_a)
    check_three_ways(client_for=login, url=reverse("mediation:complex_area_detail", args=[area.pk]),
                     allowed=people.officer_a, outsider=people.officer_b, unpermitted=UserFactory(home_unit=tree.a),
                     denied=404)
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    url = reverse("mediation:measure_add", args=[area.pk])
    data = {"measure": "Tuần tra ban đêm", "owner": "Công an phường", "due": "01/01/2000"}
    assert login(leader).post(url, data).status_code == 403
    assert login(people.officer_b).post(url, data).status_code == 404
    refused = login(people.officer_a).post(url, data)
    assert refused.status_code == 400 and 'value="Tuần tra ban đêm"' in refused.content.decode()
    assert not TransformationMeasure.objects.exists()
    assert login(people.officer_a).post(url, {**data, "due": timezone.localdate().strftime("%d/%m/%Y")}
                                        ).status_code == 302
    listed = login(leader).get(reverse("mediation:complex_area_list"))
    assert [a.pk for a in listed.context["areas"]] == [area.pk]
