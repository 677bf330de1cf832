"""The demo's first step: the official units, Tây Ninh's organisations and residential areas, and one
account per default role (as in seed 002), created through the services. The other apps' steps build
on what it leaves in the demo's context (antq.core.demo).

Running it again finds what exists and creates nothing twice.
"""

from __future__ import annotations

import base64
import hashlib

from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.geo import choices
from antq.geo.models import AdminUnit, UnitType
from antq.geo.services import official_units_load, residential_area_create, unit_centres_load
from antq.orgs import services as orgs
from antq.orgs.models import Organisation, OrganisationType, Role, RoleAssignment, User

PASSWORD = "AnNinh@2026"  # noqa: S105 - printed demo login, refused when ANTQ_DEBUG=0
PROVINCE_CODE = "80"  # Tây Ninh
COMMUNES = {
    "25459": ("khu_pho", ["Khu phố 1", "Khu phố 2", "Khu phố 3", "Khu phố 4", "Khu phố 5"]),
    "25606": ("ap", ["Ấp Hòa Bình", "Ấp Hòa Hợp", "Ấp Hòa Lợi", "Ấp Trường Hòa"]),
    "25486": ("ap", ["Ấp Thạnh Lợi", "Ấp Thạnh Hiệp", "Ấp Thạnh Phước", "Ấp Tân Lợi"]),
}
PROVINCE_ORGS = ["police", "front", "veterans", "women", "youth", "labour", "farmers", "elderly",
                 "people_committee", "party_committee", "infocomm", "army"]
COMMUNE_ORGS = ["police", "front", "veterans", "women", "youth", "labour", "farmers", "elderly",
                "people_committee", "party_committee"]

# username, full name, role, organisation type, where ("central" | "province" | commune code | area)
ACCOUNTS = [
    ("quantri", "Nguyễn Văn Quản", "system_admin", "police", "central"),
    ("lanhdao.tw", "Trần Thị Trung", "central_leader", "front", "central"),
    ("lanhdao.tinh", "Lê Văn Tỉnh", "province_leader", "people_committee", "province"),
    ("congan.tinh", "Phạm Minh Cường", "province_police", "police", "province"),
    ("congan.tanninh", "Võ Thành An", "commune_police", "police", "25459"),
    ("truong.tanninh", "Lý Quốc Trung", "commune_police_chief", "police", "25459"),
    ("congan.hoahoi", "Đặng Văn Hội", "commune_police", "police", "25606"),
    ("lanhdao.tanninh", "Trần Văn Lộc", "commune_leader", "people_committee", "25459"),
    ("mttq.tanninh", "Huỳnh Thị Mai", "commune_front", "front", "25459"),
    ("phunu.tanninh", "Ngô Thị Lan", "member_org_officer", "women", "25459"),
    ("truongkhu.kp1", "Bùi Văn Khải", "area_head", "front", "25459:Khu phố 1"),
    ("quansat.tinh", "Đỗ Thị Xem", "observer", "people_committee", "province"),
]


def _org_name(org_type: OrganisationType, unit: AdminUnit) -> str:
    if org_type.code == "police":
        return f"Công an {unit.display_name[0].lower()}{unit.display_name[1:]}"
    if org_type.code == "front":
        return f"Ủy ban MTTQ Việt Nam {unit.display_name[0].lower()}{unit.display_name[1:]}"
    return f"{org_type.name} {unit.display_name[0].lower()}{unit.display_name[1:]}"


def demo_totp_key(username: str) -> str:
    """A stable key per demo user, so the printed set-up stays valid across runs."""
    return hashlib.sha256(f"antq-demo-totp:{username}".encode()).hexdigest()[:40]


def build_base(context: dict) -> None:
    """Fill the demo's context: admin, root, province, communes (a list), logins (printed at the end)."""
    official_units_load(actor=None)
    root = AdminUnit.objects.get(level__code=choices.CENTRAL, code=choices.ROOT_CODE)
    province = AdminUnit.objects.get(level__code=choices.PROVINCE, code=PROVINCE_CODE)
    types = {t.code: t for t in OrganisationType.objects.all()}

    ministry = orgs.central_organisation_bootstrap(org_type=types["police"], name="Bộ Công an")
    central_front = orgs.central_organisation_bootstrap(
        org_type=types["front"], name="Ủy ban Trung ương MTTQ Việt Nam")
    admin = User.objects.filter(username="quantri").first()
    if admin is None:
        admin = orgs.system_admin_bootstrap(username="quantri", password=PASSWORD,
                                            full_name="Nguyễn Văn Quản", organisation=ministry)

    def org_for(unit: AdminUnit, code: str) -> Organisation:
        org = Organisation.objects.filter(unit=unit, org_type__code=code).first()
        return org or orgs.organisation_create(actor=admin, unit=unit, org_type=types[code],
                                               name=_org_name(types[code], unit))

    for code in PROVINCE_ORGS:
        org_for(province, code)
    # Approximate centres of the three demo communes (not survey data), so that "use my location" on the
    # public form finds them; a real deployment loads every commune's with `antq load_unit_centres`.
    if not AdminUnit.objects.filter(centre_latitude__isnull=False).exists():
        unit_centres_load(actor=admin, rows=[("25459", "11.3101", "106.0983"), ("25606", "11.2650", "106.0180"),
                                             ("25486", "11.5560", "105.9560")])
    communes = {}
    for code, (type_code, areas) in COMMUNES.items():
        commune = AdminUnit.objects.get(level__code=choices.COMMUNE, code=code)
        communes[code] = commune
        for org_code in COMMUNE_ORGS:
            org_for(commune, org_code)
        area_type = UnitType.objects.get(code=type_code)
        for name in areas:
            if not AdminUnit.objects.current().filter(parent=commune, name=name).exists():
                residential_area_create(actor=admin, commune=commune, name=name, unit_type=area_type)

    logins = []
    for username, full_name, role_code, org_code, where in ACCOUNTS:
        if where == "central":
            unit, org = root, (ministry if org_code == "police" else central_front)
        elif where == "province":
            unit = province
            org = org_for(province, org_code)
        else:
            commune_code, _, area_name = where.partition(":")
            org = org_for(communes[commune_code], org_code)
            unit = (AdminUnit.objects.get(parent=communes[commune_code], name=area_name)
                    if area_name else communes[commune_code])
        user = User.objects.filter(username=username).first()
        if user is None:
            user = orgs.user_create(actor=admin, home_unit=org.unit, username=username,
                                    full_name=full_name, email=f"{username}@demo.antq.local",
                                    password=PASSWORD)
        role = Role.objects.get(code=role_code)
        if not RoleAssignment.objects.active().filter(user=user, role=role, scope=unit).exists():
            orgs.role_grant(actor=admin, user=user, organisation=org, role=role, scope=unit)
        entry = {"username": username, "password": PASSWORD, "role": role.name, "scope": unit.display_name}
        if user.requires_second_factor:
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name="ANTQ demo",
                defaults={"key": demo_totp_key(username), "confirmed": True},
            )
            entry["totp_secret"] = base64.b32encode(device.bin_key).decode()
        logins.append(entry)

    context.update(admin=admin, root=root, province=province, communes=list(communes.values()), logins=logins)
