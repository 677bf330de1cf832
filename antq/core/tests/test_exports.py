"""Exports: XLSX sheets keep numbers and dates as such with the whole title; DOCX parts read as Decree 30
lays them out and tables keep their heading row."""

import datetime
import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from antq.core.documents import OfficialDocument, Section, build_docx
from antq.core.exports import xlsx_bytes

TITLE = "Báo cáo tháng về công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc, tháng 11/2026"


def test_a_sheet_keeps_the_whole_title_numbers_and_dates():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(
        title=TITLE, subtitle="Tỉnh Tây Ninh", headers=["Đơn vị", "Số tin báo", "Tỷ lệ (%)", "Ngày nhận"],
        rows=[["Phường Tân Ninh", 1234, Decimal("69.995"), datetime.date(2026, 12, 3)]]))).active
    assert sheet["A1"].value == TITLE and "A1:D1" in sheet.merged_cells
    assert sheet.title == TITLE.replace("/", "-")[:31]
    count, share, day = sheet["B4"], sheet["C4"], sheet["D4"]
    assert count.value == 1234 and count.number_format == "#,##0"
    assert float(share.value) == 69.995 and share.number_format == "#,##0.00"
    assert day.value == datetime.datetime(2026, 12, 3) and day.number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["A"].width >= len("Phường Tân Ninh")
    assert sheet.freeze_panes == "A4"


def test_a_document_heads_its_parts_in_capitals_and_repeats_a_tables_heading_row():
    doc = OfficialDocument(
        parent_body="UBND tỉnh Tây Ninh", issuing_body="Ban Chỉ đạo", number="Số: 12/BC-BCĐ", place="Tây Ninh",
        date=datetime.date(2026, 12, 3), doc_type="Báo cáo", summary="sơ kết công tác năm 2026",
        sections=[Section("I. Công tác chỉ đạo", ["Nội dung."], table=[["Đơn vị", "Đã họp"], ["Xã A", 3]]),
                  Section("II. Phương hướng", ["Nội dung."])],
        signer_authority="TM. Ban Chỉ đạo", signer_title="Trưởng ban", signer_name="Nguyễn Văn A",
        recipients=["UBND tỉnh"])
    document = Document(io.BytesIO(build_docx(doc)))
    texts = [p.text for p in document.paragraphs]
    assert "Sơ kết công tác năm 2026" in texts and "I. CÔNG TÁC CHỈ ĐẠO" in texts and "II. PHƯƠNG HƯỚNG" in texts
    heading = next(p for p in document.paragraphs if p.text == "II. PHƯƠNG HƯỚNG")
    assert heading.paragraph_format.keep_with_next
    table = next(t for t in document.tables if t.cell(0, 0).text == "Đơn vị")
    assert table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") \
        is not None
    # After the table, a spaced paragraph before the next heading.
    body = list(document.element.body)
    after = body[body.index(table._tbl) + 1]
    assert after.tag.endswith("}p") and "PHƯƠNG HƯỚNG" not in "".join(after.itertext())
