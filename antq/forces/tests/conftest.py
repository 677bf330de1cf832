"""A recognised team of commune A with three members, one of them holding the team member's account."""

import datetime
from types import SimpleNamespace

import pytest

from antq.forces import services
from antq.orgs.tests.factories import UserFactory, grant

DAY = datetime.date(2026, 5, 4)


@pytest.fixture
def crew(tree, people):
    team = services.team_create(actor=people.officer_a, commune=tree.a, name="Tổ bảo vệ ANTT khu phố 1",
                                areas=[tree.a1], decision_number="25/QĐ-UBND", decided_on=DAY)
    members = []
    for n, (name, role) in enumerate([("Nguyễn Văn An", "leader"), ("Trần Văn Bình", "deputy"),
                                      ("Lê Văn Cường", "member")]):
        member = services.member_propose(actor=people.officer_a, team=team, full_name=name,
                                         birth_date=datetime.date(1980, 3, 1 + n), id_number=f"07208000123{n}",
                                         area=tree.a1, education="lower_secondary", clean_record=True, role=role,
                                         proposed_on=DAY)
        members.append(services.member_recognise(actor=people.officer_a, member=member, decision_number="30/QĐ-UBND",
                                                 recognised_on=DAY))
    user = UserFactory(username="tobv.an", home_unit=tree.a)
    grant(user, "security_team_member", tree.a, people.police_a)
    services.member_account_link(actor=people.officer_a, member=members[0], username="tobv.an")
    return SimpleNamespace(team=team, members=members, user=user)
