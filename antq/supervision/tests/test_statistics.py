"""Forms HCD-12 and HCD-13 from the records, rolled up commune → province → nation: the counts of the period,
small ones hidden outside the police, a restricted file left out, as the page, XLSX and DOCX."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from antq.orgs.tests.factories import UserFactory, grant
from antq.supervision import selectors, services
from antq.supervision.tests.conftest import NAME

pytestmark = pytest.mark.django_db

MAY = (datetime.date(2026, 5, 1), datetime.date(2026, 5, 31))


@pytest.fixture
def files(tree, people, chief, register):
    first = register()
    second = register(kind="released_prison")
    services.breach_record(actor=people.officer_a, measure=first, occurred_on=datetime.date(2026, 5, 4),
                           what="Vắng mặt buổi trình diện")
    services.assessment_record(actor=people.officer_a, measure=first, month=datetime.date(2026, 5, 1), grade="fair",
                               roll_call="in_person", signed_on=datetime.date(2026, 6, 4))
    services.helper_assign(actor=people.officer_a, person=second.person, organisation=people.police_a,
                           decision="15/QĐ-UBND", decided_on=datetime.date(2026, 5, 4))
    services.support_record(actor=people.officer_a, person=second.person, kind="loan",
                            given_on=datetime.date(2026, 5, 6), provider="Ngân hàng CSXH", amount=20_000_000)
    return first, second


def test_the_months_figures_roll_up_and_small_counts_hide_outside_the_police(tree, people, front, files):
    stats = selectors.statistics(people.province, tree.province, *MAY, exact=True)
    totals = stats["totals"]
    counted = (totals["under"], totals["back"], totals["breaches"], totals["with_helper"], totals["loan"])
    assert counted == (1, 1, 1, 1, 1)
    assert (totals["fair"], totals["good"]) == (1, 0)  # May's assessment, in the roll-up
    assert totals["received"] == 0  # both received on 28/04
    assert totals["loan_amount"] == 20_000_000
    assert [row["unit"] for row in stats["rows"]] == [tree.a]  # the province by commune
    april = selectors.statistics(people.province, tree.province, datetime.date(2026, 4, 1),
                                 datetime.date(2026, 4, 30), exact=True)
    assert april["totals"]["received"] == 2 and april["totals"]["breaches"] == 0
    hidden = selectors.statistics(front, tree.a, *MAY, exact=selectors.sees_exact_counts(front, tree.a))
    assert hidden["totals"]["under"] == "< 3" and hidden["totals"]["loan_amount"] is None
    by_area = selectors.statistics(people.officer_a, tree.a, *MAY, exact=True)
    assert [row["unit"] for row in by_area["rows"]] == [tree.a1]


def test_a_restricted_file_is_not_counted_for_that_user(tree, people, chief, files):
    relative = UserFactory(home_unit=tree.a)
    grant(relative, "commune_police", tree.a)
    services.restriction_add(actor=chief, person=files[0].person, user=relative, reason="Là anh ruột của người này")
    assert selectors.statistics(relative, tree.a, *MAY, exact=True)["totals"]["under"] == 0
    assert selectors.statistics(people.officer_a, tree.a, *MAY, exact=True)["totals"]["under"] == 1


def test_the_page_and_its_documents(tree, people, front, files, login):
    url = reverse("supervision:statistics")
    page = login(people.province).get(url, {"unit": tree.province.pk, "period": "month", "year": 2026, "n": 5})
    assert page.status_code == 200 and "Phường Tân Ninh" in page.content.decode() and NAME not in page.content.decode()
    assert login(people.viewer_a).get(url).status_code == 403
    assert login(front).get(url, {"unit": tree.b.pk}).status_code == 404  # another commune
    assert login(front).get(url, {"period": "nonsense", "year": "x", "n": "99"}).status_code == 200  # falls back
    sheet = login(people.province).get(url, {"unit": tree.province.pk, "period": "month", "year": 2026, "n": 5,
                                             "format": "xlsx"})
    book = load_workbook(BytesIO(sheet.content))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert "Phường Tân Ninh" in cells and "Tổng cộng" in cells and any("HCD-12" in str(c) for c in cells)
    assert NAME not in " ".join(map(str, cells))
    docx = login(people.province).get(url, {"unit": tree.province.pk, "period": "quarter", "year": 2026, "n": 2,
                                            "format": "docx"})
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
