"""A tile map of the 34 provinces (since 1 July 2025): one equal square each, placed roughly
where the province lies, north at the top.

No installable package carries the boundaries of the merged provinces yet (the SVG and
GeoJSON packages still draw the 63 provinces of before), so dashboards colour this grid; equal
tiles also keep a small province as visible as a large one. Keys are official province codes.
"""

# code: (row, column, short label)
PROVINCE_TILES = {
    "12": (0, 0, "LCh"), "15": (0, 1, "LCa"), "08": (0, 2, "TQ"), "04": (0, 3, "CB"),
    "11": (1, 0, "ĐB"), "14": (1, 1, "SL"), "25": (1, 2, "PT"), "19": (1, 3, "TN"), "20": (1, 4, "LS"),
    "01": (2, 2, "HN"), "24": (2, 3, "BN"), "22": (2, 4, "QN"),
    "37": (3, 2, "NB"), "33": (3, 3, "HY"), "31": (3, 4, "HP"),
    "38": (4, 2, "TH"),
    "40": (5, 2, "NA"),
    "42": (6, 3, "HT"),
    "44": (7, 3, "QT"),
    "46": (8, 4, "Huế"),
    "48": (9, 4, "ĐN"),
    "51": (10, 4, "QNg"),
    "52": (11, 4, "GL"),
    "66": (12, 4, "ĐL"),
    "68": (13, 3, "LĐ"), "56": (13, 4, "KH"),
    "80": (14, 1, "TNi"), "79": (14, 2, "HCM"), "75": (14, 3, "ĐNa"),
    "91": (15, 0, "AG"), "82": (15, 1, "ĐT"), "86": (15, 2, "VL"),
    "92": (16, 1, "CT"),
    "96": (17, 0, "CM"),
}
ROWS = 1 + max(row for row, _col, _label in PROVINCE_TILES.values())
COLUMNS = 1 + max(col for _row, col, _label in PROVINCE_TILES.values())


def tiles(rows: list[dict], value_key: str = "share") -> list[dict]:
    """Place dashboard rows (each with a province `unit`) on the grid; provinces without a tile
    (a code the grid does not know) are left out, and the caller lists them in its table."""
    placed = []
    for row in rows:
        unit = row["unit"]
        spot = PROVINCE_TILES.get(unit.code)
        if spot is not None:
            placed.append({"unit": unit, "row": spot[0] + 1, "column": spot[1] + 1, "label": spot[2],
                           "value": row.get(value_key)})
    return placed


def commune_tiles(rows: list[dict], value_key: str = "share", *, tone=None, href=None, shown=None) -> list[dict]:
    """The communes of a province as equal tiles in the order people look for them (by proper name): no
    package has the communes' boundaries or centres since the 2025 merger, so position carries no
    geography here; colour and the short label do. Each row has a `unit` and its value under `value_key`;
    `tone(row)` gives "ok", "low" or "none" (the colour), `href(unit)` the tile's link, `shown(value)` the
    text on the tile (geo/_commune_tiles.html draws them)."""
    from antq.geo.selectors import by_proper_name

    by_unit = {row["unit"].pk: row for row in rows}
    tiles = []
    for unit in by_proper_name([row["unit"] for row in rows]):
        row = by_unit[unit.pk]
        value = row[value_key]
        tiles.append({"unit": unit, "value": value, "label": _short(unit.proper_name),
                      "tone": tone(row) if tone else None, "href": href(unit) if href else None,
                      "shown": shown(value) if shown else value})
    return tiles


def _short(name: str) -> str:
    """'Tân Ninh' → 'TNinh', 'Hoà Hội' → 'HHội', one word kept whole up to six letters."""
    words = name.split()
    if len(words) == 1:
        return words[0][:6]
    return "".join(word[0] for word in words[:-1]) + words[-1][:5]
