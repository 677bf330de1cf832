"""Test helpers: a team in residential area A1 with mediators, through the services."""

import datetime
from decimal import Decimal

from antq.mediation import services


def team_with(actor, area, people=(("Nguyễn Thị Lan", "female"), ("Trần Văn Tư", "male"), ("Lê Văn Sáu", "male")),
              minorities=False):
    team = services.team_create(actor=actor, unit=area, name="Tổ hòa giải số 1", minorities_live_here=minorities)
    for name, sex in people:
        services.mediator_add(actor=actor, team=team, full_name=name, sex=sex, election_share=Decimal("60"),
                              term_start=datetime.date(2026, 1, 5))
    return team


REQUESTER = {"full_name": "Trần Thị Hoa", "phone": "0912 345 678", "address": "Số 12, hẻm 5, Khu phố 1"}
OTHER = {"full_name": "Lê Văn Bình", "phone": "", "address": "Số 14, hẻm 5, Khu phố 1"}
