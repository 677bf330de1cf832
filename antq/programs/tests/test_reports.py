import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from antq.core.models import AuditEvent
from antq.geo.tests.factories import AdminUnitFactory
from antq.programs import selectors
from antq.programs.models import Report, ReportForm, ReportValue
from antq.programs.services import reports

pytestmark = pytest.mark.django_db
OCT = datetime.date(2026, 10, 1)


@pytest.fixture
def form(tree):
    return ReportForm.objects.get(code="bao-cao-thang-antq")


def _submit(actor, form, unit, values, at=None, period=OCT):
    report = reports.report_save(actor=actor, form=form, unit=unit, period_start=period, values=values)
    report = reports.report_submit(actor=actor, report=report)
    if at is not None:  # back-date the submission for timeliness checks
        Report.objects.filter(pk=report.pk).update(submitted_at=at, first_submitted_at=at)
    return report


def test_periods_and_deadlines_follow_the_form(form):
    assert selectors.period_bounds(form, datetime.date(2026, 10, 17)) == (OCT, datetime.date(2026, 10, 31))
    due = selectors.deadline(form, OCT)
    assert timezone.localtime(due).date() == datetime.date(2026, 11, 5)
    # January 2027's report: 5 days after 31/01 is Fri 05/02, Tết runs to Wed 10/02 (Art. 134).
    assert selectors.deadline(form, datetime.date(2027, 1, 1)) == datetime.datetime.combine(
        datetime.date(2027, 2, 11), datetime.time.max, tzinfo=timezone.get_current_timezone())
    form.period_type = "quarter"
    assert selectors.period_bounds(form, datetime.date(2026, 11, 2)) == (OCT, datetime.date(2026, 12, 31))


def test_a_commune_report_appears_in_the_province_roll_up_at_once(tree, people, form):
    commune_level = tree.a.level_id
    before = selectors.rollup(form, OCT, tree.province, commune_level)
    assert before["giao-ban"]["value"] is None
    _submit(people.officer_a, form, tree.a, {"giao-ban": "2", "ty-le-ho": "80", "tuan-tra-max": "12",
                                              "danh-gia": "Ổn định"})
    _submit(people.officer_b, form, tree.b, {"giao-ban": "1", "ty-le-ho": "90", "tuan-tra-max": "30"})
    province = selectors.rollup(form, OCT, tree.province, commune_level)
    assert province["giao-ban"]["value"] == Decimal("3")  # sum
    assert province["ty-le-ho"]["value"] == Decimal("85")  # average
    assert province["tuan-tra-max"]["value"] == Decimal("30")  # max
    national = selectors.rollup(form, OCT, tree.root, commune_level)
    assert national["giao-ban"]["value"] == Decimal("3") and national["giao-ban"]["reports"] == 2
    assert selectors.rollup(form, OCT, tree.a, commune_level)["giao-ban"]["value"] == Decimal("2")


def test_completeness_and_timeliness_match_a_hand_count(tree, people, form):
    # Four communes in the province: A on time, B late, C and D missing.
    AdminUnitFactory(parent=tree.province, name="Xã C", unit_type="xa")
    AdminUnitFactory(parent=tree.province, name="Xã D", unit_type="xa")
    due = selectors.deadline(form, OCT)
    _submit(people.officer_a, form, tree.a, {"giao-ban": "1"}, at=due - datetime.timedelta(days=2))
    _submit(people.officer_b, form, tree.b, {"giao-ban": "1"}, at=due + datetime.timedelta(hours=1))
    rates = selectors.reporting_rates(form, OCT, tree.province, tree.a.level_id)
    assert (rates["expected"], rates["received"], rates["on_time"]) == (4, 2, 1)
    assert rates["completeness"] == 50.0 and rates["timeliness"] == 25.0
    status = {row["unit"].name: (row["received"], row["on_time"]) for row in rates["rows"]}
    assert status == {"Phường Tân Ninh": (1, 1), "Xã Hoà Hội": (1, 0), "Xã C": (0, 0), "Xã D": (0, 0)}
    national = selectors.reporting_rates(form, OCT, tree.root, tree.a.level_id)
    assert [(r["unit"], r["expected"], r["received"], r["on_time"]) for r in national["rows"]] == [
        (tree.province, 4, 2, 1)]


def test_a_submitted_report_is_locked_and_corrected_as_a_new_version(tree, people, form):
    first = _submit(people.officer_a, form, tree.a, {"giao-ban": "2"})
    with pytest.raises(ValidationError):
        reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=OCT, values={"giao-ban": "9"})
    with pytest.raises(ValidationError):
        reports.report_submit(actor=people.officer_a, report=first)
    assert ReportValue.objects.get(report=first).number == Decimal("2")
    correction = reports.report_correct(actor=people.officer_a, report=first)
    assert correction.version == 2 and correction.values.get().number == Decimal("2")
    reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=OCT, values={"giao-ban": "3"})
    # Until the correction is submitted, the roll-up still uses version 1.
    assert selectors.rollup(form, OCT, tree.province, tree.a.level_id)["giao-ban"]["value"] == Decimal("2")
    reports.report_submit(actor=people.officer_a, report=correction)
    first.refresh_from_db()
    correction.refresh_from_db()
    assert not first.is_current and correction.is_current
    assert correction.first_submitted_at == first.first_submitted_at  # timeliness keeps the first submission
    assert selectors.rollup(form, OCT, tree.province, tree.a.level_id)["giao-ban"]["value"] == Decimal("3")


def test_the_province_returns_a_report_for_correction(tree, people, form):
    report = _submit(people.officer_a, form, tree.a, {"giao-ban": "2"})
    with pytest.raises(PermissionDenied):  # a commune cannot return its own report
        reports.report_return(actor=people.officer_a, report=report, reason="Thiếu số liệu")
    with pytest.raises(ValidationError):
        reports.report_return(actor=people.province, report=report, reason="  ")
    reports.report_return(actor=people.province, report=report, reason="Thiếu số liệu tháng 10")
    report.refresh_from_db()
    assert report.status == "returned"
    rates = selectors.reporting_rates(form, OCT, tree.province, tree.a.level_id)
    assert rates["received"] == 0  # a returned report is not counted as received
    correction = reports.report_correct(actor=people.officer_a, report=report)
    reports.report_submit(actor=people.officer_a, report=correction)
    assert selectors.reporting_rates(form, OCT, tree.province, tree.a.level_id)["received"] == 1


@pytest.mark.parametrize(("values", "field"), [
    ({"giao-ban": "hai"}, "giao-ban"),
    ({"giao-ban": "-1"}, "giao-ban"),
    ({"ty-le-ho": "120"}, "ty-le-ho"),
    ({"khong-co": "1"}, "values"),
])
def test_bad_values_are_refused_and_nothing_is_written(tree, people, form, values, field):
    with pytest.raises(ValidationError) as exc:
        reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=OCT, values=values)
    assert field in exc.value.message_dict
    assert not Report.objects.exists() and not AuditEvent.objects.filter(action="programs.report_save").exists()


def test_scope_and_levels(tree, people, form):
    with pytest.raises(PermissionDenied):
        reports.report_save(actor=people.officer_a, form=form, unit=tree.b, period_start=OCT, values={})
    with pytest.raises(ValidationError):  # residential areas do not submit this form
        reports.report_save(actor=people.officer_a, form=form, unit=tree.a1, period_start=OCT, values={})
    with pytest.raises(ValidationError):  # no report for a period that has not begun
        reports.report_save(actor=people.officer_a, form=form, unit=tree.a, values={},
                            period_start=timezone.localdate() + datetime.timedelta(days=40))
    assert not Report.objects.exists()


def test_a_changed_deadline_applies_to_periods_ending_from_its_date_never_to_earlier_ones(tree, form):
    from antq.core import rules, services
    from antq.orgs.tests.factories import UserFactory, grant

    admin = UserFactory(home_unit=tree.root)
    grant(admin, "system_admin", tree.root)
    today = timezone.localdate()
    current = form.deadlines.get()
    before = selectors.deadline(form, OCT)  # October 2026 ended before the change
    services.rule_row_save(actor=admin, table=rules.table("programs.report_deadlines"), row=current,
                           values={"form": form, "amount": 10, "unit": "days", "source": "Thử"},
                           valid_from=today + datetime.timedelta(days=1))
    form = ReportForm.objects.prefetch_related("deadlines").get(pk=form.pk)
    assert selectors.deadline(form, OCT) == before
    later = datetime.date(today.year + 1, 3, 1)  # March of next year ends after the change
    due = timezone.localtime(selectors.deadline(form, later)).date()
    assert due >= datetime.date(later.year, 3, 31) + datetime.timedelta(days=10)


def test_a_count_takes_whole_numbers_a_share_decimals_and_a_blank_report_is_not_submitted(tree, people, form):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError, match="a count is a whole number"):
        reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=OCT,
                            values={"giao-ban": "2,5"})
    assert not Report.objects.exists()
    shared = reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=OCT,
                                 values={"ty-le-ho": "97,5"})  # a share keeps its decimals
    assert ReportValue.objects.get(report=shared).number == Decimal("97.5")
    blank = reports.report_save(actor=people.officer_a, form=form, unit=tree.a,
                                period_start=datetime.date(2026, 9, 1), values={})
    with translation.override("en"), pytest.raises(ValidationError, match="Every figure is blank"):
        reports.report_submit(actor=people.officer_a, report=blank)
    assert Report.objects.get(pk=blank.pk).status == "draft"  # not counted as received


def test_a_period_is_not_reported_before_it_ends_unless_the_forms_rule_says_so(tree, people, form):
    today = timezone.localdate()
    start, end = selectors.period_bounds(form, today)
    draft = reports.report_save(actor=people.officer_a, form=form, unit=tree.a, period_start=start,
                                values={"giao-ban": "1"})  # a draft is kept while the period runs
    opens = (end + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    with pytest.raises(ValidationError, match=f"có thể gửi từ ngày {opens}"):
        reports.report_submit(actor=people.officer_a, report=draft)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.submitted_at is None
    assert not AuditEvent.objects.filter(action="programs.report_submit").exists()
    # The form's rule opens submissions a month before the period's end: the same report goes.
    form.deadlines.update(opens_before_end=31)
    form = ReportForm.objects.get(pk=form.pk)
    assert selectors.submittable_from(form, start) <= today
    assert reports.report_submit(actor=people.officer_a, report=draft).status == "submitted"
