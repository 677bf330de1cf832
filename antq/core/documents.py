"""Official documents as DOCX in the layout of Decree 30/2020/NĐ-CP (LAW.md §7).

A4 portrait; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman; the
national title and motto top right, the issuing body and number top left, place and date,
the document type and summary, the body justified with a first-line indent, the signing
block, the recipients; page numbers centred at the top from page 2. Used by every app that
issues a document (reviews, certificates, receipt records).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"


def vietnamese_date(place: str, day: datetime.date) -> str:
    """"Tây Ninh, ngày 05 tháng 01 năm 2026": days below 10 and months 1–2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None  # first row is the header


@dataclass
class OfficialDocument:
    parent_body: str  # "UBND TỈNH TÂY NINH"
    issuing_body: str  # "BAN CHỈ ĐẠO ..."
    number: str  # "Số: 12/BC-BCĐ"
    place: str
    date: datetime.date
    doc_type: str  # "BÁO CÁO"
    summary: str
    sections: list[Section]
    signer_authority: str  # "TM. BAN CHỈ ĐẠO"
    signer_title: str  # "TRƯỞNG BAN"
    signer_name: str
    recipients: list[str]
    # Signed by people, not a body (a written agreement): one signing block each, two to a row, instead of
    # the recipients and the body's signer.
    signatures: list[tuple[str, str]] | None = None  # (role, full name)


def _run(paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _centered(cell_or_doc, text: str, **style):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, **style)
    return paragraph


def _page_number_header(section) -> None:
    """PAGE field centred in the header, shown from page 2 (the first page has its own, empty header)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field_.append(run)
    paragraph._p.append(field_)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str):
    """A DOCX sent as a download."""
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def build_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    _page_number_header(section)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].text = ""
    _centered(left, doc.parent_body.upper(), size=12)
    _centered(left, doc.issuing_body.upper(), size=12, bold=True)
    _centered(left, "———", size=10)
    _centered(left, doc.number, size=13)
    right.paragraphs[0].text = ""
    _centered(right, NATIONAL_TITLE, size=12, bold=True)
    _centered(right, MOTTO, size=13, bold=True)
    _centered(right, "———————————", size=10)
    _centered(right, vietnamese_date(doc.place, doc.date), size=13, italic=True)

    document.add_paragraph()
    # Decree 30, Appendix I: the document type in capitals, its summary (trích yếu) below it in bold,
    # starting with a capital; the parts' headings in bold capitals.
    _centered(document, doc.doc_type.upper(), size=14, bold=True)
    _centered(document, doc.summary[:1].upper() + doc.summary[1:], size=14, bold=True)
    _centered(document, "———", size=10)

    for part in doc.sections:
        if part.heading:
            heading = document.add_paragraph()
            heading.paragraph_format.first_line_indent = Cm(1.27)
            heading.paragraph_format.space_before = Pt(6)
            heading.paragraph_format.keep_with_next = True  # never alone at the foot of a page
            _run(heading, part.heading.upper(), bold=True)
        for text in part.paragraphs:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
            paragraph.paragraph_format.space_after = Pt(6)
            _run(paragraph, text)
        if part.table:
            _table(document, part.table)

    _closing(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, rows: list[list]) -> None:
    """A part's table: the heading row repeated on every page, rows not split across pages, numbers on the
    right; a spaced paragraph after it, so the next heading does not run into the table."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        properties = table.rows[r]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if r == 0:
            properties.append(OxmlElement("w:tblHeader"))
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            paragraph.text = ""
            if r and isinstance(value, int | float) and not isinstance(value, bool):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, str(value), size=12, bold=(r == 0))
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)


def _signatures(document, signatures: list[tuple[str, str]]) -> None:
    """A signing block for each person, two to a row: the role, "(signed, full name)", room, the name."""
    rows = (len(signatures) + 1) // 2
    table = document.add_table(rows=rows, cols=2)
    _no_borders(table)
    for index, (role, name) in enumerate(signatures):
        cell = table.cell(index // 2, index % 2)
        cell.paragraphs[0].text = ""
        _centered(cell, role.upper(), size=13, bold=True)
        _centered(cell, "(Ký, ghi rõ họ tên hoặc điểm chỉ)", size=12, italic=True)
        for _ in range(3):
            cell.add_paragraph()
        _centered(cell, name, size=13, bold=True)


def _closing(document, doc: OfficialDocument) -> None:
    """The recipients (Nơi nhận) on the left, the signing block on the right; or the people's own blocks."""
    document.add_paragraph()
    if doc.signatures:
        _signatures(document, doc.signatures)
        return
    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    recipients, signer = closing.rows[0].cells
    recipients.paragraphs[0].text = ""
    _run(recipients.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for name in doc.recipients:
        paragraph = recipients.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, f"- {name};", size=11)
    paragraph = recipients.add_paragraph()
    _run(paragraph, "- Lưu: VT.", size=11)
    signer.paragraphs[0].text = ""
    _centered(signer, doc.signer_authority.upper(), size=14, bold=True)
    _centered(signer, doc.signer_title.upper(), size=14, bold=True)
    for _ in range(3):
        signer.add_paragraph()
    _centered(signer, doc.signer_name, size=14, bold=True)
