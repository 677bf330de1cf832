"""Text helpers shared by every app."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip Vietnamese diacritics, so "Hoàn Kiếm" matches "hoan kiem".

    Stored beside a name (`search_name`) and applied to the query, this gives the same
    diacritics- and case-insensitive search on SQLite and PostgreSQL without extensions.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
