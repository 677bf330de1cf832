import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from antq.committees.models import Meeting
from antq.committees.tests.factories import full_committee
from antq.core.documents import MOTTO, NATIONAL_TITLE, vietnamese_date

pytestmark = pytest.mark.django_db


def test_vietnamese_dates_take_leading_zeros_as_decree_30_asks():
    assert vietnamese_date("Tây Ninh", datetime.date(2026, 1, 5)) == "Tây Ninh, ngày 05 tháng 01 năm 2026"
    assert vietnamese_date("Tây Ninh", datetime.date(2026, 11, 22)) == "Tây Ninh, ngày 22 tháng 11 năm 2026"
    assert vietnamese_date("Huế", datetime.date(2026, 3, 9)) == "Huế, ngày 09 tháng 3 năm 2026"


def test_the_yearly_review_docx_opens_and_carries_every_part(tree, people, login):
    committee = full_committee(tree.province)
    full_committee(tree.a)
    Meeting.objects.create(committee=committee, held_on=datetime.date(2026, 6, 20))
    response = login(people.province).get(reverse("committees:committee_review_docx", args=[committee.pk]),
                                          {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    cells = [p.text for table in document.tables for row in table.rows for cell in row.cells
             for p in cell.paragraphs]
    everything = "\n".join(texts + cells)
    for part in (NATIONAL_TITLE, MOTTO, "UBND TỈNH TÂY NINH", "BAN CHỈ ĐẠO", "Số:", "Tây Ninh, ngày",
                 "BÁO CÁO", "Sơ kết công tác năm 2026", "I. CÔNG TÁC CHỈ ĐẠO, GIAO BAN", "TM. BAN CHỈ ĐẠO",
                 "TRƯỞNG BAN", "head people_committee", "Nơi nhận:", "- Lưu: VT."):
        assert part in everything, part
    assert "đã tổ chức 1 kỳ họp" in everything
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml


def test_the_review_is_scoped(tree, people, login):
    committee = full_committee(tree.b)
    url = reverse("committees:committee_review_docx", args=[committee.pk])
    assert login(people.officer_a).get(url).status_code == 404
