"""XLSX exports: every table, roll-up or overdue list can leave as a spreadsheet."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence], subtitle: str = "") -> bytes:
    """One sheet: the full title and subtitle across the columns, bold wrapped headings, the panes frozen
    under them; numbers stay numbers (whole ones "#,##0", others "#,##0.00": Excel shows them in the
    reader's format, 1.234,50 in Vietnamese) and dates dates (dd/mm/yyyy); columns as wide as their text."""
    book = Workbook()
    sheet = book.active
    # Excel refuses these characters in a sheet's name (a date's "/" among them).
    sheet.title = title.translate(str.maketrans("/\\?*[]:", "-------"))[:31]
    columns = max(len(headers), 1)
    for row_number, (text, font) in enumerate(((title, Font(bold=True, size=13)), (subtitle, Font(italic=True))),
                                              start=1):
        sheet.cell(row=row_number, column=1, value=text).font = font
        sheet.cell(row=row_number, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        if columns > 1:
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=columns)
    sheet.append(list(headers))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [max((len(word) for word in str(h).split()), default=0) for h in headers]
    for row in rows:
        sheet.append([_cell_value(v) for v in row])
        for cell in sheet[sheet.max_row]:
            cell.number_format = _number_format(cell.value)
        widths = [max(w, _shown_width(v)) for w, v in zip(widths, row, strict=False)] + widths[len(row):]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    total = sum(min(max(w + 2, 8), 60) for w in widths) or 60
    for row_number, text in ((1, title), (2, subtitle)):  # the merged title's lines, wrapped to the table
        sheet.row_dimensions[row_number].height = 18 * max(1, -(-len(text) // int(total)))
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_value(value):
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: local time
    return value


def _number_format(value) -> str:
    if isinstance(value, bool):
        return "General"
    if isinstance(value, int):
        return "#,##0"
    if isinstance(value, float | Decimal):
        return "#,##0.00"
    if isinstance(value, datetime.datetime):
        return "dd/mm/yyyy hh:mm"
    if isinstance(value, datetime.date):
        return "dd/mm/yyyy"
    return "General"


def _shown_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def xlsx_response(filename: str, **kwargs) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(**kwargs), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
