"""Demo models for Tây Ninh (called by `antq demo` before the evaluations, whose "working
model" criterion reads them): province and commune models with their sites, teams and
members, yearly gradings, exemplary ones, one graded ineffective twice (to review), one
removed as formalistic, and exemplary communes and wards in about half of the provinces —
Tây Ninh keeps its ward but has no exemplary commune. Running it again creates nothing.
"""

import datetime

from django.utils import timezone

from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.initiatives import services
from antq.initiatives.models import ExemplaryUnit, Initiative, Site
from antq.orgs.models import Organisation

# owner unit ("province" | commune code), org type, name, kind, started, [(site area | "" for the commune)],
# grades per year back (2, 1, 0) — None: not graded that year
MODELS = [
    ("province", "police", "Camera an ninh kết nối cộng đồng", "self_protection", (2020, 3, 1),
     {"25459": ["Khu phố 1", "Khu phố 2"], "25606": ["Ấp Hòa Bình"], "25486": ["Ấp Thạnh Lợi"]},
     ("good", "good", "good")),
    ("25459", "front", "Khu phố tự quản về an ninh, trật tự", "self_management", (2019, 9, 1),
     {"25459": ["Khu phố 1", "Khu phố 3", "Khu phố 4"]}, ("good", "good", "good")),
    ("25459", "women", "Tổ phụ nữ tự hòa giải", "self_mediation", (2021, 5, 15),
     {"25459": ["Khu phố 2", "Khu phố 5"]}, ("fair", "good", "fair")),
    ("25606", "police", "Tổ tự phòng, tự quản ấp", "self_defence", (2020, 1, 10),
     {"25606": ["Ấp Hòa Hợp", "Ấp Hòa Lợi"]}, ("average", "ineffective", "ineffective")),
    ("25486", "farmers", "Tổ liên gia tự quản nông thôn", "self_management", (2021, 2, 1),
     {"25486": ["Ấp Thạnh Hiệp", "Ấp Tân Lợi"]}, ("fair", "fair", "good")),
    ("25486", "youth", "Thanh niên xung kích bảo vệ đường biên", "self_defence", (2025, 4, 1),
     {"25486": ["Ấp Thạnh Phước"]}, (None, None, None)),
]
REMOVED = ("25606", "youth", "Bến đò an toàn", "self_protection", (2019, 6, 1), "Ấp Trường Hòa",
           (2023, 8, 30), "formalistic", "Chỉ có biển hiệu, không có tổ trực; bến đò đã ngừng hoạt động từ 2022.")
ESTABLISHMENT_MODEL = ("province", "police", "Tổ bảo vệ tự quản tại cơ quan, doanh nghiệp, nhà trường",
                       "self_protection", (2019, 1, 15))
FIRST_NAMES = ["Nguyễn Văn Hùng", "Trần Thị Hoa", "Lê Văn Tâm", "Phạm Thị Ngọc", "Võ Văn Lực", "Huỳnh Thị Thu",
               "Đặng Văn Phúc", "Bùi Thị Yến", "Đỗ Văn Thành", "Ngô Thị Mỹ"]


def _date(parts) -> datetime.date:
    return datetime.date(*parts)


def _organisation(unit: AdminUnit, code: str) -> Organisation:
    return Organisation.objects.filter(unit=unit, org_type__code=code).order_by("pk").first()


def _area(commune: AdminUnit, name: str) -> AdminUnit:
    return AdminUnit.objects.current().get(parent=commune, name=name) if name else commune


def _team(admin, initiative, site, number: int, formed_on: datetime.date):
    names = FIRST_NAMES[number % 5:] + FIRST_NAMES[:number % 5]
    members = [{"full_name": names[0], "role": "leader", "phone": f"09{number:02d}123456"},
               {"full_name": names[1], "role": "deputy"},
               *({"full_name": n} for n in names[2:6])]
    return services.team_form(actor=admin, initiative=initiative, site=site, name=f"Tổ {site.name}",
                              formed_on=formed_on, members=members)


def build_initiatives(context: dict) -> None:
    admin, province, communes = context["admin"], context["province"], context["communes"]
    if Initiative.objects.filter(province=province).exists():
        return
    today = timezone.localdate()
    this_year = today.year
    by_code = {c.code: c for c in communes}
    number = 0
    for owner, org_code, name, kind, started, sites, grades in MODELS:
        unit = province if owner == "province" else by_code[owner]
        started_on = _date(started)
        initiative = services.initiative_create(
            actor=admin, unit=unit, organisation=_organisation(unit, org_code), name=name, kind=kind,
            started_on=started_on, description=f"{name}: người dân tự tổ chức, phối hợp với Công an "
                                               "để phòng ngừa, phát hiện và báo tin về an ninh, trật tự.")
        for code, areas in sites.items():
            for area_name in areas:
                area = _area(by_code[code], area_name)
                site_started = max(started_on, datetime.date(2021, 1, 1))
                site = services.site_add(actor=admin, initiative=initiative, unit=area, started_on=site_started,
                                         name=f"{name} — {area.name}")
                number += 1
                _team(admin, initiative, site, number, site_started)
        for back, grade in zip((2, 1, 0), grades, strict=True):
            year = this_year - 1 - back  # calendar years already over
            if grade is None or datetime.date(year, 12, 31) < started_on:
                continue
            services.initiative_grade(
                actor=admin, initiative=initiative, period_start=max(datetime.date(year, 1, 1), started_on),
                period_end=datetime.date(year, 12, 31), grade=grade, graded_on=datetime.date(year + 1, 1, 15),
                note="Duy trì sinh hoạt đều; phát hiện, báo tin kịp thời." if grade != "ineffective" else
                "Tổ không sinh hoạt, không có tin báo trong năm; hoạt động hình thức.")
        if grades[-1] == "good" and grades[-2] == "good":
            services.initiative_recognise(
                actor=admin, initiative=initiative, recognised_on=datetime.date(this_year, 1, 20),
                decision_number=f"{initiative.pk}/QĐ-UBND", issued_by=f"Ủy ban nhân dân {province.display_name}",
                note="Điển hình tiên tiến trong phong trào toàn dân bảo vệ an ninh Tổ quốc.")

    owner, org_code, name, kind, started, area_name, removed, reason, note = REMOVED
    commune = by_code[owner]
    ferry = services.initiative_create(actor=admin, unit=commune, organisation=_organisation(commune, org_code),
                                       name=name, kind=kind, started_on=_date(started))
    services.site_add(actor=admin, initiative=ferry, unit=_area(commune, area_name), started_on=_date(started),
                      name=f"{name} {area_name}")
    services.initiative_remove(actor=admin, initiative=ferry, removed_on=_date(removed), reason=reason, note=note)

    _exemplary_units(admin, province, by_code)


def build_establishment_sites(context: dict) -> None:
    """Agencies, enterprises and schools need a model of their own (Circular 124/2021 Art. 6 khoản 3): one
    model of the province with a site at each establishment the evaluations' step left in the context."""
    admin, province = context["admin"], context["province"]
    establishments = [e for rows in context["establishments"].values() for e in rows]
    if Site.objects.filter(establishment__in=establishments).exists():
        return
    _owner, org_code, name, kind, started = ESTABLISHMENT_MODEL
    initiative = services.initiative_create(actor=admin, unit=province, organisation=_organisation(province, org_code),
                                            name=name, kind=kind, started_on=_date(started))
    for number, establishment in enumerate(e for e in establishments if not e.is_exempt):
        site = services.site_add(actor=admin, initiative=initiative, unit=establishment.commune,
                                 establishment=establishment, started_on=datetime.date(2020, 6, 1),
                                 name=f"Tổ bảo vệ {establishment.name}")
        _team(admin, initiative, site, 20 + number, datetime.date(2020, 6, 1))
    year = timezone.localdate().year - 1
    services.initiative_grade(actor=admin, initiative=initiative, period_start=datetime.date(year, 1, 1),
                              period_end=datetime.date(year, 12, 31), grade="good",
                              graded_on=datetime.date(year + 1, 1, 10), note="Các tổ bảo vệ duy trì trực.")


def _exemplary_units(admin, province: AdminUnit, by_code: dict) -> None:
    """Tây Ninh's exemplary ward; about half of the other provinces get a commune and a ward,
    a few only one of them, so the national table shows who is missing."""
    issued = "Ủy ban nhân dân {}"
    services.exemplary_unit_recognise(actor=admin, unit=by_code["25459"], recognised_on=datetime.date(2021, 11, 18),
                                      decision_number="2150/QĐ-UBND", issued_by=issued.format(province.display_name),
                                      note="Phường điển hình phong trào toàn dân bảo vệ an ninh Tổ quốc.")
    others = (AdminUnit.objects.current().filter(level__code=geo.PROVINCE).exclude(pk=province.pk)
              .select_related("unit_type", "level").order_by("code"))
    for index, other in enumerate(others):
        if index % 2:
            continue
        communes = AdminUnit.objects.current().filter(parent=other).select_related("unit_type", "level")
        wanted = ["phuong", "xa"] if index % 6 else ["xa"]
        for type_code in wanted:
            unit = communes.filter(unit_type__code=type_code).order_by("code").first()
            if unit is None or ExemplaryUnit.objects.filter(unit=unit).exists():
                continue
            services.exemplary_unit_recognise(
                actor=admin, unit=unit, recognised_on=datetime.date(2021, 11, 18 + index % 5),
                decision_number=f"{2100 + index}/QĐ-UBND", issued_by=issued.format(other.display_name))
