"""Shipped rules for mediation teams (Law 35/2013/QH13 on grassroots mediation, LAW.md §3).

Art. 12: a team has at least three mediators, women among them, and in an area where ethnic minorities
live, an ethnic-minority mediator; Art. 8: a mediator is elected by more than half of the household
representatives (or of the area's meeting) and recognised by the commune chairman.
"""

from antq.orgs.defaults import grant_permissions

SOURCE = "Luật Hòa giải ở cơ sở 35/2013/QH13, Điều 8 (bầu hòa giải viên), Điều 12 (tổ hòa giải)"
RULE = {"min_mediators": 3, "min_women": 1, "min_ethnic_minority": 1, "min_election_share": 50, "source": SOURCE}

PERMISSIONS = [
    ("mediation.view_team", "Xem tổ hòa giải, hòa giải viên", "View mediation teams and mediators", False),
    ("mediation.manage_team", "Quản lý tổ hòa giải, hòa giải viên", "Manage mediation teams and mediators", False),
]
_VIEW = ["mediation.view_team"]
_MANAGE = [*_VIEW, "mediation.manage_team"]
ROLE_PERMISSIONS = {
    "central_leader": _VIEW,
    "province_leader": _VIEW,
    "province_police": _VIEW,
    "commune_leader": _MANAGE,  # the commune chairman recognises the mediators (Art. 8)
    "commune_front": _MANAGE,  # the Front leads mediation at the grassroots (seed 000 §III.1)
    "commune_police": _VIEW,
    "member_org_officer": _VIEW,
    "area_head": _VIEW,
    "observer": _VIEW,
}


def apply(apps, schema_editor=None) -> None:
    TeamRule = apps.get_model("mediation", "TeamRule")
    if not TeamRule.objects.filter(valid_from=None).exists():
        TeamRule.objects.create(valid_from=None, **RULE)
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)
