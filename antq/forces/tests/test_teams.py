"""Grassroots security teams (Law 30/2023/QH15; LAW.md §4): a team of the commune's areas set up by the
chairman's decision; a member proposed against the eligibility rule in force — a 71-year-old refused with the
rule named, primary schooling enough only in a commune of special hardship — recognised, ageing out flagged
ahead, leaving, dismissed; the team's size against its province's rule; another commune's team 404."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from antq.core.models import AuditEvent
from antq.core.testing import check_three_ways
from antq.forces import selectors, services
from antq.forces.models import HardshipCommune, Member, SecurityTeam, TeamSize

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 4)


@pytest.fixture
def team(tree, people):
    return services.team_create(actor=people.officer_a, commune=tree.a, name="Tổ bảo vệ ANTT khu phố 1",
                                areas=[tree.a1], decision_number="25/QĐ-UBND", decided_on=DAY)


def _propose(team, actor, area, *, born=datetime.date(1980, 3, 1), id_number="072080001234", **values):
    return services.member_propose(actor=actor, team=team, full_name=values.pop("full_name", "Nguyễn Văn Tổ"),
                                   birth_date=born, id_number=id_number, area=area,
                                   education=values.pop("education", "lower_secondary"),
                                   clean_record=values.pop("clean_record", True), proposed_on=DAY, **values)


def test_a_team_of_the_communes_areas_by_the_chairmans_decision(tree, people, team):
    assert list(team.areas.all()) == [tree.a1] and team.province_id == tree.province.pk
    with pytest.raises(ValidationError, match="areas"):  # an area of another commune
        services.team_create(actor=people.officer_a, commune=tree.a, name="Tổ lạ", areas=[tree.b1],
                             decision_number="26/QĐ-UBND", decided_on=DAY)
    with pytest.raises(ValidationError, match="areas"):  # the area has its team already
        services.team_create(actor=people.officer_a, commune=tree.a, name="Tổ hai", areas=[tree.a1],
                             decision_number="26/QĐ-UBND", decided_on=DAY)
    with pytest.raises(PermissionDenied):
        services.team_create(actor=people.officer_b, commune=tree.a, name="Tổ ba", areas=[tree.a1],
                             decision_number="27/QĐ-UBND", decided_on=DAY)
    assert SecurityTeam.objects.count() == 1


def test_a_71_year_old_is_refused_with_the_rule_named(tree, people, team):
    with pytest.raises(ValidationError) as refused:
        _propose(team, people.officer_a, tree.a1, born=datetime.date(1955, 5, 4), id_number="072055001234")
    message = " ".join(refused.value.message_dict["birth_date"])
    assert "71" in message and "18" in message and "70" in message and "30/2023/QH15" in message
    _propose(team, people.officer_a, tree.a1, born=datetime.date(1955, 5, 5), id_number="072055001235",
             full_name="Trần Văn Bảy Mươi")  # 70 until tomorrow: still in
    with pytest.raises(ValidationError, match="birth_date"):  # 17
        _propose(team, people.officer_a, tree.a1, born=datetime.date(2008, 5, 5), id_number="072208001234")
    assert Member.objects.count() == 1
    assert not AuditEvent.objects.filter(action="forces.member_propose", after__full_name="Nguyễn Văn Tổ").exists()


def test_schooling_record_and_residence_each_name_their_rule(tree, people, team):
    with pytest.raises(ValidationError) as refused:
        _propose(team, people.officer_a, tree.b1, education="primary", clean_record=False, healthy=False)
    assert {"education", "clean_record", "healthy", "area"} <= set(refused.value.message_dict)
    HardshipCommune.objects.create(commune=tree.a, note="Quyết định 861/QĐ-TTg")
    member = _propose(team, people.officer_a, tree.a1, education="primary")  # enough in a hardship commune
    assert member.state == "proposed"
    with pytest.raises(ValidationError, match="id_number"):  # 12 digits, matching the year of birth
        _propose(team, people.officer_a, tree.a1, id_number="072099001234", full_name="Lê Sai Số")


def test_recognised_then_ageing_out_flagged_ahead_and_dismissal_ends_it(tree, people, team):
    member = _propose(team, people.officer_a, tree.a1, born=datetime.date(1956, 9, 1), id_number="072056001234")
    services.member_recognise(actor=people.officer_a, member=member, decision_number="30/QĐ-UBND",
                              recognised_on=datetime.date(2026, 5, 10))
    assert not selectors.ageing_out(Member.objects.all(), datetime.date(2027, 2, 28)).exists()  # 6 months ahead
    assert list(selectors.ageing_out(Member.objects.all(), datetime.date(2027, 3, 1))) == [member]
    assert selectors.ages_out_on(member.birth_date, selectors.eligibility_rule()) == datetime.date(2027, 9, 1)
    services.member_discipline(actor=people.officer_a, member=member, form="dismissal",
                               decided_on=DAY + datetime.timedelta(days=30), decision_number="40/QĐ-UBND",
                               reason="Vi phạm quy chế, bỏ ca trực nhiều lần")
    member.refresh_from_db()
    assert member.state == "left" and member.left_on == DAY + datetime.timedelta(days=30)
    with pytest.raises(ValidationError, match="form"):
        services.member_discipline(actor=people.officer_a, member=member, form="warning", decided_on=DAY,
                                   decision_number="41/QĐ-UBND", reason="Lần nữa sau khi đã rời tổ")


def test_the_size_is_the_provinces_and_checked_exactly(tree, people, team):
    [row] = selectors.sized(SecurityTeam.objects.all(), DAY)
    assert (row["members"], row["flag"]) == (0, "few")  # the national default, 3 to 5
    TeamSize.objects.create(province=tree.province, min_members=0, max_members=1, source="QĐ UBND tỉnh")
    for n, (born, id_number) in enumerate([(datetime.date(1980, 1, 1), "072080000001"),
                                           (datetime.date(1981, 1, 1), "072081000002")]):
        member = _propose(team, people.officer_a, tree.a1, born=born, id_number=id_number,
                          full_name=f"Thành viên {n}")
        services.member_recognise(actor=people.officer_a, member=member, decision_number="30/QĐ-UBND",
                                  recognised_on=DAY)
    [row] = selectors.sized(SecurityTeam.objects.all(), DAY)
    assert (row["members"], row["flag"], row["size"].max_members) == (2, "many", 1)


def test_the_id_number_is_sealed(tree, people, team):
    _propose(team, people.officer_a, tree.a1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM forces_member")
        assert "072080001234" not in cursor.fetchone()[0]
    trail = " ".join(f"{e.before} {e.after}" for e in AuditEvent.objects.all())
    assert "072080001234" not in trail


def test_the_pages_three_ways_and_a_refused_proposal_kept(tree, people, team, login):
    page = check_three_ways(client_for=login, url=reverse("forces:team_detail", args=[team.pk]),
                            allowed=people.officer_a, outsider=people.officer_b,
                            unpermitted=_user_without(tree), denied=404)
    assert "Tổ bảo vệ ANTT khu phố 1" in page.content.decode()
    url = reverse("forces:member_propose", args=[team.pk])
    data = {"member-full_name": "Phạm Văn Già", "member-birth_date": "03/05/1955",
            "member-id_number": "072055001234",
            "member-area": tree.a1.pk, "member-education": "lower_secondary", "member-clean_record": "yes",
            "member-healthy": "yes",
            "member-role": "member", "member-proposed_on": "04/05/2026"}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=people.viewer_a, ok=(400,),
                     state=lambda: Member.objects.count())
    refused = login(people.officer_a).post(url, data)
    body = refused.content.decode()
    assert refused.status_code == 400 and "Phạm Văn Già" in body and "71" in body and not Member.objects.exists()
    assert login(people.officer_a).post(url, {**data, "member-birth_date": "03/05/1975",
                                              "member-id_number": "072075001234"}).status_code == 302
    listed = login(people.officer_a).get(reverse("forces:team_list")).content.decode()
    assert "Tổ bảo vệ ANTT khu phố 1" in listed
    assert login(_user_without(tree)).get(reverse("forces:team_list")).status_code == 403


def _user_without(tree):
    from antq.orgs.tests.factories import UserFactory

    return UserFactory(home_unit=tree.a)


def test_the_home_page_counts_members_to_recognise_and_ageing_out(tree, people, team, login):
    member = _propose(team, people.officer_a, tree.a1, born=datetime.date(1956, 2, 1), id_number="072056001234")
    cards = {c.label: c.count for c in login(people.officer_a).get(reverse("home")).context["todo"]}
    assert cards["Thành viên chờ công nhận"] == 1
    services.member_recognise(actor=people.officer_a, member=member, decision_number="30/QĐ-UBND",
                              recognised_on=DAY)
    cards = {c.label: c.count for c in login(people.officer_a).get(reverse("home")).context["todo"]}
    assert cards.get("Thành viên chờ công nhận", 0) == 0 and cards["Thành viên sắp hết tuổi"] == 1  # 71 on 1/2/2027
    assert "Thành viên sắp hết tuổi" not in {
        c.label for c in login(people.officer_b).get(reverse("home")).context["todo"]}
