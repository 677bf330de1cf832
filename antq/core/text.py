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


def citizen_id_problem(value: str, birth_date=None) -> str:
    """What is wrong with a 12-digit personal identification number, or "" (Decree 70/2024/NĐ-CP on the
    Identification Law 2023, as Decree 137/2015 Art. 13 before it): three digits of the province where the
    birth was registered (001–096), one for the century of birth and the sex (0–1: 1900s, 2–3: 2000s, 4–5:
    2100s…), two for the year of birth, six drawn. Checked against the date of birth when given."""
    from django.utils.translation import gettext as _

    if len(value) != 12 or not value.isdigit():
        return _("A citizen ID number has 12 digits.")
    if not 1 <= int(value[:3]) <= 96:
        return _("The first three digits are the province code (001 to 096).")
    if birth_date is not None:
        year = 1900 + 100 * (int(value[3]) // 2) + int(value[4:6])
        if year != birth_date.year:
            return _("This number is of someone born in %(year)s, not %(born)s: check the number and the date "
                     "of birth.") % {"year": year, "born": birth_date.year}
    return ""
