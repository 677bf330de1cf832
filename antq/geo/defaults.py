"""Shipped reference data for levels and unit types (DOMAIN.md "Levels and units").

Loaded by a data migration; afterwards they are rows an administrator may edit.
"""

import datetime

LEVELS = [
    # code, Vietnamese, English, rank, valid_to
    ("central", "Trung ương", "Central", 0, None),
    ("province", "Cấp tỉnh", "Province", 1, None),
    ("district", "Cấp huyện (đến 30/6/2025)", "District (until 30 June 2025)", 2,
     datetime.date(2025, 6, 30)),
    ("commune", "Cấp xã", "Commune", 3, None),
    ("residential_area", "Khu dân cư", "Residential area", 4, None),
]

UNIT_TYPES = [
    # code, Vietnamese, English, level
    ("trung_uong", "Trung ương", "Central", "central"),
    ("tinh", "Tỉnh", "Province", "province"),
    ("thanh_pho", "Thành phố", "Centrally-run city", "province"),
    ("huyen", "Huyện", "District", "district"),
    ("quan", "Quận", "Urban district", "district"),
    ("thi_xa", "Thị xã", "Town", "district"),
    ("thanh_pho_thuoc_tinh", "Thành phố thuộc tỉnh", "Provincial city", "district"),
    ("xa", "Xã", "Commune", "commune"),
    ("phuong", "Phường", "Ward", "commune"),
    ("dac_khu", "Đặc khu", "Special zone", "commune"),
    ("thi_tran", "Thị trấn", "Township (until 30 June 2025)", "commune"),
    ("thon", "Thôn", "Village", "residential_area"),
    ("ap", "Ấp", "Hamlet", "residential_area"),
    ("ban", "Bản", "Hill village", "residential_area"),
    ("buon", "Buôn", "Highland village", "residential_area"),
    ("xom", "Xóm", "Hamlet (north)", "residential_area"),
    ("phum_soc", "Phum, sóc", "Khmer hamlet", "residential_area"),
    ("to_dan_pho", "Tổ dân phố", "Residential group", "residential_area"),
    ("khu_pho", "Khu phố", "Quarter", "residential_area"),
    ("khom", "Khóm", "Urban hamlet", "residential_area"),
]


def apply(apps, schema_editor=None) -> None:
    Level = apps.get_model("geo", "Level")
    UnitType = apps.get_model("geo", "UnitType")
    levels = {}
    for code, name, name_en, rank, valid_to in LEVELS:
        levels[code], _ = Level.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "rank": rank, "valid_to": valid_to}
        )
    for code, name, name_en, level in UNIT_TYPES:
        UnitType.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "level": levels[level]}
        )
