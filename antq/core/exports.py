"""XLSX exports: every table, roll-up or overdue list can leave as a spreadsheet."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence], subtitle: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    # Excel refuses these characters in a sheet's name (a date's "/" among them).
    sheet.title = title.translate(str.maketrans("/\\?*[]:", "-------"))[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle])
    sheet.append(list(headers))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(str(h)) for h in headers]
    for row in rows:
        sheet.append(list(row))
        widths = [max(w, len(str(v)) if v is not None else 0) for w, v in zip(widths, row, strict=False)]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, **kwargs) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(**kwargs), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
