"""Shipped composition rules, meeting cadences and permissions (seed 000 §IV.3–4, seed 002 §IV.3).

Loaded by a data migration; afterwards they are rows an administrator may edit.
"""

from antq.orgs.defaults import grant_permissions

SOURCE_COMPOSITION = "Chương trình phối hợp 09/CTPH-MTTQ-BCA (seed 000) §IV.3"
SOURCE_CADENCE = "Chương trình phối hợp 09/CTPH-MTTQ-BCA (seed 000) §IV.4; seed 002 §IV.3"

MEMBER_ORGANISATIONS = ["veterans", "women", "youth", "labour", "farmers", "elderly"]
_LOCAL = [("head", "people_committee"), ("standing_deputy", "police"), ("deputy", "front")]
COMPOSITION = {
    # Central: a Ministry of Public Security leader heads it, a vice-president of the central
    # Front committee is deputy, the member organisations' leaders are members.
    "central": [("head", "police"), ("deputy", "front")],
    "province": _LOCAL,
    "district": _LOCAL,
    "commune": _LOCAL,
}
CADENCES = {"central": 12, "province": 6, "district": 3, "commune": 1}

PERMISSIONS = [
    ("committees.view_committee", "Xem Ban Chỉ đạo và giao ban", "View steering committees and meetings", False),
    ("committees.manage_committee", "Quản lý Ban Chỉ đạo và thành viên", "Manage steering committees and members",
     False),
    ("committees.record_meeting", "Ghi nhận cuộc họp, giao ban", "Record meetings", False),
]
ROLE_PERMISSIONS = {
    "central_leader": ["committees.view_committee"],
    "province_leader": ["committees.view_committee"],
    "province_police": ["committees.view_committee", "committees.manage_committee", "committees.record_meeting"],
    "commune_police": ["committees.view_committee", "committees.manage_committee", "committees.record_meeting"],
    "commune_front": ["committees.view_committee", "committees.manage_committee", "committees.record_meeting"],
    "member_org_officer": ["committees.view_committee"],
    "area_head": [],
    "observer": ["committees.view_committee"],
}


def apply(apps, schema_editor=None) -> None:
    Level = apps.get_model("geo", "Level")
    OrganisationType = apps.get_model("orgs", "OrganisationType")
    CompositionRule = apps.get_model("committees", "CompositionRule")
    MeetingCadence = apps.get_model("committees", "MeetingCadence")
    types = {t.code: t for t in OrganisationType.objects.all()}
    for level_code, seats in COMPOSITION.items():
        level = Level.objects.get(code=level_code)
        for position, org_code in [*seats, *[("member", code) for code in MEMBER_ORGANISATIONS]]:
            CompositionRule.objects.get_or_create(level=level, position=position, org_type=types[org_code],
                                                  valid_from=None, defaults={"source": SOURCE_COMPOSITION})
    for level_code, months in CADENCES.items():
        MeetingCadence.objects.get_or_create(level=Level.objects.get(code=level_code), valid_from=None,
                                             defaults={"months": months, "source": SOURCE_CADENCE})
    grant_permissions(apps, PERMISSIONS, ROLE_PERMISSIONS)
