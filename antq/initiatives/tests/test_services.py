import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.evaluations.tests.factories import establishment, register
from antq.initiatives import selectors, services
from antq.initiatives.choices import Status
from antq.initiatives.models import ExemplaryUnit, Initiative, InitiativeEvent, Site, Team, TeamMember
from antq.initiatives.tests.factories import graded, long_ago, model
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _year() -> int:
    return timezone.localdate().year


def test_registering_a_model_is_audited_and_starts_its_history(tree, people):
    initiative = model(people.officer_a, tree.a, people.police_a)
    assert (initiative.commune, initiative.province) == (tree.a, tree.province)
    assert AuditEvent.objects.filter(action="initiatives.initiative_create", object_id=str(initiative.pk)).count() == 1
    assert list(initiative.events.values_list("kind", flat=True)) == ["created"]


@pytest.mark.parametrize(("field", "change"), [
    ("name", {"name": "   "}),
    ("started_on", {"started_on": datetime.date.today() + datetime.timedelta(days=3)}),
    ("kind", {"kind": "nonsense"}),
])
def test_a_bad_model_is_refused_and_nothing_is_written(tree, people, field, change):
    values = {"unit": tree.a, "organisation": people.police_a, "name": "Camera an ninh", "kind": "self_protection",
              "started_on": long_ago(), **change}
    with pytest.raises(ValidationError) as refused:
        services.initiative_create(actor=people.officer_a, **values)
    assert field in refused.value.error_dict
    assert not Initiative.objects.exists()
    assert not AuditEvent.objects.filter(action="initiatives.initiative_create").exists()


def test_another_communes_organisation_cannot_own_the_model(tree, people):
    with pytest.raises(ValidationError) as refused:
        model(people.officer_a, tree.a, people.police_b)
    assert "organisation" in refused.value.error_dict
    assert not Initiative.objects.exists()


def test_an_officer_cannot_register_a_model_in_another_commune(tree, people):
    with pytest.raises(PermissionDenied):
        model(people.officer_a, tree.b, people.police_b)
    assert not Initiative.objects.exists()


def test_a_commune_replicates_its_provinces_model_in_its_own_areas_only(tree, people):
    camera = model(people.province, tree.province, people.police_p, name="Camera an ninh", kind="self_protection")
    site = services.site_add(actor=people.officer_b, initiative=camera, unit=tree.b1, name="Camera ấp Hòa Bình",
                             started_on=long_ago())
    assert (site.commune, site.province) == (tree.b, tree.province)
    with pytest.raises(PermissionDenied):  # B's officer has no say in A
        services.site_add(actor=people.officer_b, initiative=camera, unit=tree.a1, name="Camera khu phố 1",
                          started_on=long_ago())
    assert Site.objects.count() == 1


def test_a_communes_model_stays_in_its_commune_and_cannot_start_before_its_model(tree, people):
    own = model(people.officer_a, tree.a, people.police_a)
    with pytest.raises(ValidationError) as refused:
        services.site_add(actor=people.province, initiative=own, unit=tree.b1, name="Ngoài xã", started_on=long_ago())
    assert "unit" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.site_add(actor=people.officer_a, initiative=own, unit=tree.a1, name="Quá sớm",
                          started_on=long_ago() - datetime.timedelta(days=1))
    assert "started_on" in refused.value.error_dict
    assert not Site.objects.exists()


def test_a_team_has_one_leader_and_a_new_leader_takes_over(tree, people):
    own = model(people.officer_a, tree.a, people.police_a)
    with pytest.raises(ValidationError) as refused:
        services.team_form(actor=people.officer_a, initiative=own, name="Tổ 1", formed_on=long_ago(),
                           members=[{"full_name": "An", "role": "leader"}, {"full_name": "Bình", "role": "leader"}])
    assert "members" in refused.value.error_dict
    assert not Team.objects.exists()
    team = services.team_form(actor=people.officer_a, initiative=own, name="Tổ 1", formed_on=long_ago(),
                              members=[{"full_name": "Nguyễn Văn An", "role": "leader"}, {"full_name": "Lê Bình"}])
    services.member_add(actor=people.officer_a, team=team, full_name="Trần Thị Chi", role="leader",
                        joined_on=timezone.localdate())
    roles = dict(team.members.values_list("full_name", "role"))
    assert roles == {"Nguyễn Văn An": "member", "Lê Bình": "member", "Trần Thị Chi": "leader"}
    assert own.events.get(kind="member_joined").text == "Tổ 1: Trần Thị Chi thay Nguyễn Văn An làm tổ trưởng"


def test_gradings_cannot_overlap_and_ineffective_needs_a_reason(tree, people):
    own = model(people.officer_a, tree.a, people.police_a)
    year = _year() - 2
    graded(people.officer_a, own, "good", year)
    with pytest.raises(ValidationError) as refused:
        services.initiative_grade(actor=people.officer_a, initiative=own, period_start=datetime.date(year, 6, 1),
                                  period_end=datetime.date(year + 1, 5, 31), grade="fair")
    assert "period_start" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.initiative_grade(actor=people.officer_a, initiative=own, period_start=datetime.date(year + 1, 1, 1),
                                  period_end=datetime.date(year + 1, 12, 31), grade="ineffective", note=" ")
    assert "note" in refused.value.error_dict
    assert own.gradings.count() == 1


def test_only_an_effective_model_is_recognised_and_by_the_level_that_may(tree, people):
    own = model(people.officer_a, tree.a, people.police_a)
    graded(people.officer_a, own, "fair", _year() - 2)
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    values = {"recognised_on": timezone.localdate(), "decision_number": "15/QĐ-UBND", "issued_by": "UBND tỉnh"}
    with pytest.raises(ValidationError):
        services.initiative_recognise(actor=leader, initiative=own, **values)
    graded(people.officer_a, own, "good", _year() - 1)
    with pytest.raises(PermissionDenied):  # a commune police officer does not confer the title
        services.initiative_recognise(actor=people.officer_a, initiative=own, **values)
    own.refresh_from_db()
    assert not own.is_exemplary
    services.initiative_recognise(actor=leader, initiative=own, **values)
    own.refresh_from_db()
    assert own.is_exemplary


def test_removal_keeps_the_model_with_its_reason_and_closes_what_ran_it(tree, people):
    own = model(people.officer_a, tree.a, people.police_a)
    site = services.site_add(actor=people.officer_a, initiative=own, unit=tree.a1, name="Khu phố 1",
                             started_on=long_ago())
    team = services.team_form(actor=people.officer_a, initiative=own, site=site, name="Tổ 1", formed_on=long_ago(),
                              members=[{"full_name": "Nguyễn Văn An", "role": "leader"}])
    graded(people.officer_a, own, "good", _year() - 2)
    services.initiative_recognise(actor=people.province, initiative=own, recognised_on=timezone.localdate(),
                                  decision_number="1/QĐ", issued_by="UBND tỉnh")
    with pytest.raises(ValidationError) as refused:
        services.initiative_remove(actor=people.province, initiative=own, removed_on=timezone.localdate(),
                                   reason="formalistic", note="")
    assert "note" in refused.value.error_dict
    own.refresh_from_db()
    assert own.status == Status.ACTIVE

    services.initiative_remove(actor=people.province, initiative=own, removed_on=timezone.localdate(),
                               reason="formalistic", note="Không sinh hoạt, chỉ có biển hiệu")
    own = Initiative.objects.get(pk=own.pk)
    assert (own.status, own.removal_reason, own.is_exemplary) == (Status.REMOVED, "formalistic", False)
    assert Site.objects.get(pk=site.pk).closed_on == timezone.localdate()
    assert Team.objects.get(pk=team.pk).disbanded_on == timezone.localdate()
    assert not TeamMember.objects.filter(left_on__isnull=True).exists()
    assert own.recognitions.get().ended_on == timezone.localdate()
    assert InitiativeEvent.objects.filter(initiative=own, kind="removed", text__contains="chỉ có biển hiệu").exists()
    with pytest.raises(ValidationError):
        graded(people.officer_a, own, "good", _year() - 1)


def test_counts_are_guidance_22s_models_sites_and_teams_by_area(tree, people):
    camera = model(people.province, tree.province, people.police_p, name="Camera", kind="self_protection")
    own_a = model(people.officer_a, tree.a, people.police_a)
    own_b = model(people.officer_b, tree.b, people.police_b, kind="self_mediation")
    removed = model(people.officer_b, tree.b, people.police_b, name="Bến đò", kind="other")
    for initiative, unit, actor in ((camera, tree.a1, people.officer_a), (camera, tree.b1, people.officer_b),
                                    (own_a, tree.a1, people.officer_a), (own_b, tree.b1, people.officer_b),
                                    (removed, tree.b1, people.officer_b)):
        site = services.site_add(actor=actor, initiative=initiative, unit=unit, name=f"Điểm {unit.name}",
                                 started_on=long_ago())
        services.team_form(actor=actor, initiative=initiative, site=site, name="Tổ", formed_on=long_ago(),
                           members=[{"full_name": "Người một", "role": "leader"}, {"full_name": "Người hai"}])
    services.initiative_remove(actor=people.province, initiative=removed, removed_on=timezone.localdate(),
                               reason="ineffective", note="Không hiệu quả")

    province = selectors.counts(tree.province)
    assert province["total"] == {"models": 3, "exemplary": 0, "sites": 4, "teams": 4, "members": 8}
    by_child = {row["unit"].pk: (row["models"], row["sites"], row["teams"]) for row in province["children"]}
    assert by_child == {tree.a.pk: (1, 2, 2), tree.b.pk: (1, 2, 2)}  # the province's own model counts at province
    assert province["by_kind"]["self_protection"]["sites"] == 2
    commune_b = selectors.counts(tree.b)
    assert commune_b["total"]["models"] == 1 and commune_b["total"]["sites"] == 2
    # Before the removal the removed model still counted.
    yesterday = selectors.counts(tree.b, timezone.localdate() - datetime.timedelta(days=1))
    assert yesterday["total"]["models"] == 2


def test_each_province_needs_an_exemplary_commune_and_ward(tree, people):
    leader = UserFactory(home_unit=tree.province)
    grant(leader, "province_leader", tree.province)
    services.exemplary_unit_recognise(actor=leader, unit=tree.a, recognised_on=long_ago(),
                                      decision_number="2150/QĐ-UBND", issued_by="UBND tỉnh Tây Ninh")
    coverage = selectors.exemplary_coverage(tree.province)
    line = coverage["provinces"][0]
    assert (line["wards"], line["communes"], line["lacks_ward"], line["lacks_commune"]) == (1, 0, False, True)
    national = selectors.exemplary_coverage(tree.root)
    assert [m["unit"] for m in national["missing"]] == [tree.province]
    with pytest.raises(ValidationError):  # the same ward twice on the same date
        services.exemplary_unit_recognise(actor=leader, unit=tree.a, recognised_on=long_ago(),
                                          decision_number="2151/QĐ-UBND", issued_by="UBND tỉnh Tây Ninh")
    with pytest.raises(PermissionDenied):  # a commune does not recognise itself
        services.exemplary_unit_recognise(actor=people.officer_b, unit=tree.b, recognised_on=long_ago(),
                                          decision_number="1/QĐ", issued_by="UBND xã")
    services.exemplary_unit_recognise(actor=leader, unit=tree.b, recognised_on=long_ago(),
                                      decision_number="2152/QĐ-UBND", issued_by="UBND tỉnh Tây Ninh")
    assert selectors.exemplary_coverage(tree.root)["missing"] == []
    assert ExemplaryUnit.objects.count() == 2


def test_the_working_model_criterion_reads_the_registry(tree, people):
    def working_model_result():
        evaluation = register(people.officer_a, unit=tree.a)
        result = evaluation.results.get(criterion__code="working_model")
        evaluation.delete()
        return result

    result = working_model_result()
    assert result.auto_passed is False
    assert result.auto_facts == ["Không có mô hình nào hoạt động tại đơn vị trong kỳ theo sổ theo dõi mô hình."]
    own = model(people.officer_a, tree.a, people.police_a, name="Tổ tự quản khu phố")
    graded(people.officer_a, own, "ineffective", _year() - 1)
    assert working_model_result().auto_passed is False  # an ineffective model does not count
    camera = model(people.province, tree.province, people.police_p, name="Camera an ninh", kind="self_protection")
    services.site_add(actor=people.officer_a, initiative=camera, unit=tree.a1, name="Camera khu phố 1",
                      started_on=long_ago())
    result = working_model_result()
    assert result.auto_passed is True
    assert any("Camera an ninh" in fact for fact in result.auto_facts)


def test_an_enterprise_needs_a_site_of_its_own(tree, people):
    company = establishment(tree.a)
    evaluation = register(people.officer_a, est=company)
    assert evaluation.results.get(criterion__code="working_model").auto_passed is False
    guard = model(people.officer_a, tree.a, people.police_a, name="Tổ bảo vệ doanh nghiệp")
    services.site_add(actor=people.officer_a, initiative=guard, unit=tree.a, establishment=company,
                      name="Tổ bảo vệ công ty", started_on=long_ago())
    evaluation.delete()
    evaluation = register(people.officer_a, est=company)
    assert evaluation.results.get(criterion__code="working_model").auto_passed is True


def test_models_graded_ineffective_twice_in_a_row_are_listed_for_review(tree, people):
    twice = model(people.officer_a, tree.a, people.police_a, name="Hai lần kém")
    once = model(people.officer_a, tree.a, people.police_a, name="Một lần kém")
    never = model(people.officer_a, tree.a, people.police_a, name="Chưa đánh giá")
    graded(people.officer_a, twice, "ineffective", _year() - 2)
    graded(people.officer_a, twice, "ineffective", _year() - 1)
    graded(people.officer_a, once, "good", _year() - 2)
    graded(people.officer_a, once, "ineffective", _year() - 1)
    assert selectors.for_removal_review(tree.province) == [twice]
    due = list(selectors.due_for_grading(tree.a))
    assert never in due and twice not in due  # graded up to last 31 December: not due yet
