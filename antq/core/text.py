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


def phone_ok(value: str) -> bool:
    """A Vietnamese phone number as people write it: 9 to 12 digits, a leading +, spaces and dots allowed."""
    digits = value.replace(" ", "").replace(".", "")
    return digits.lstrip("+").isdigit() and 9 <= len(digits.lstrip("+")) <= 12


def clean(value: str | None) -> str:
    """One line as typed, with its runs of spaces made one."""
    return " ".join((value or "").split())
