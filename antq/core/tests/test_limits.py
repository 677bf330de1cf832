"""Time limits (Criminal Procedure Code 2015 Art. 134) and the working calendar as data."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from antq.core import limits, services
from antq.core.limits import Limit
from antq.core.models import AuditEvent, CalendarDay, TimeLimit, TimeUnit
from antq.orgs.tests.factories import UserFactory, grant
from antq.tips import services as tips_services
from antq.tips.tests.factories import anonymous_tip, identified_tip

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
D = datetime.date


def _end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=HCM)


@pytest.fixture
def admin(tree):
    user = UserFactory(username="quantri", home_unit=tree.root)
    grant(user, "system_admin", tree.root)
    return user


# --- The mechanism, at days off (LAW.md §2, §3, §5) ----------------------------------------------

@pytest.mark.parametrize(("start", "limit", "last"), [
    # §2: 20 days to resolve from 27/01/2026 end on Mon 16/02, Tết: the first working day after it.
    (D(2026, 1, 27), Limit(20, TimeUnit.DAYS), D(2026, 2, 23)),
    # §2: 7 days to forward from Thu 23/04/2026 end on 30/04 (holiday), 01/05 (holiday), then a weekend.
    (D(2026, 4, 23), Limit(7, TimeUnit.DAYS), D(2026, 5, 4)),
    # §2: 2 months from 31/12 end on the month's last day, 28/02/2026, a Saturday: Monday 02/03.
    (D(2025, 12, 31), Limit(2, TimeUnit.MONTHS), D(2026, 3, 2)),
    # §2: 1 month after a cancelled suspension on 30/07/2026 ends Sun 30/08, then 31/08 (given in lieu),
    # 01/09 and 02/09 (National Day): Thursday 03/09.
    (D(2026, 7, 30), Limit(1, TimeUnit.MONTHS), D(2026, 9, 3)),
    # §2: acknowledge within 3 working days from Fri 13/02/2026: Tết in between.
    (D(2026, 2, 13), Limit(3, TimeUnit.WORKING_DAYS), D(2026, 2, 25)),
    # §2: tell the outcome within 3 days from Fri 13/02/2026: Mon 16/02 is Tết, so Mon 23/02.
    (D(2026, 2, 13), Limit(3, TimeUnit.DAYS), D(2026, 2, 23)),
    # §3: mediation starts within 3 days of an assignment on Wed 29/04/2026: 02/05 is a Saturday,
    # 30/04 and 01/05 are holidays: Monday 04/05.
    (D(2026, 4, 29), Limit(3, TimeUnit.DAYS), D(2026, 5, 4)),
    # §5: a supervision plan within 5 working days of intake on Thu 20/08/2026: Sat 22/08 is worked
    # (make-up day for Mon 31/08), so Fri 21, Sat 22, Mon 24, Tue 25, Wed 26.
    (D(2026, 8, 20), Limit(5, TimeUnit.WORKING_DAYS), D(2026, 8, 26)),
    # §5: the monthly assessment within the first 5 days of September 2026, from 31/08: 1–2/09 are
    # National Day, so 5 working days run to Tue 08/09.
    (D(2026, 8, 31), Limit(5, TimeUnit.WORKING_DAYS), D(2026, 9, 9)),
    # A limit in days ending on a make-up Saturday ends there: it is a working day.
    (D(2026, 8, 19), Limit(3, TimeUnit.DAYS), D(2026, 8, 22)),
])
def test_a_limit_ends_at_24_00_of_its_last_day_moved_off_days_off(tree, start, limit, last):
    assert limit.last_day(start) == last
    assert limit.end(datetime.datetime.combine(start, datetime.time(16, 30), tzinfo=HCM)) == _end_of(last)


def test_hours_stay_hours_across_midnight_and_days_off(tree):
    saturday_night = datetime.datetime(2026, 2, 14, 22, 0, tzinfo=HCM)
    assert Limit(24, TimeUnit.HOURS).end(saturday_night) == datetime.datetime(2026, 2, 15, 22, 0, tzinfo=HCM)
    assert Limit(48, TimeUnit.HOURS).last_day(saturday_night) == D(2026, 2, 16)  # a day off: hours do not move


def test_the_make_up_saturday_is_a_working_day_and_the_day_in_lieu_is_not(tree):
    assert limits.is_working_day(D(2026, 8, 22))  # Saturday worked
    assert not limits.is_working_day(D(2026, 8, 31))  # Monday given in lieu
    assert not limits.is_working_day(D(2026, 8, 29))  # an ordinary Saturday
    assert limits.add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)


def test_a_year_nobody_entered_falls_back_to_the_holidays_package(tree):
    assert not CalendarDay.objects.filter(day__year=2040).exists()
    tet_2040 = [day for day, (working, name) in limits.package_days(2040).items() if "Nguyên Đán" in name]
    assert tet_2040 and all(not limits.is_working_day(day) for day in tet_2040)


# --- The tips' limits, through their services -------------------------------------------------

def test_a_tip_forwarded_in_7_days_has_until_24_00_of_the_next_working_day_not_168_hours(tree, people):
    received = datetime.datetime(2026, 4, 23, 16, 0, tzinfo=HCM)
    tip, _ = anonymous_tip(tree.a, received_at=received)
    tips_services.tip_triage(actor=people.officer_a, tip=tip, urgent=False)
    tip.refresh_from_db()
    assert tip.forward_due == _end_of(D(2026, 5, 4))
    assert tip.forward_due != received + datetime.timedelta(hours=168)


def test_a_complex_tip_received_on_31_12_is_resolved_by_the_first_working_day_of_march(tree, people):
    tip, _ = anonymous_tip(tree.a, received_at=datetime.datetime(2025, 12, 31, 9, 0, tzinfo=HCM))
    tips_services.tip_triage(actor=people.officer_a, tip=tip, urgent=False, complex_case=True)
    tip.refresh_from_db()
    assert tip.resolve_due == D(2026, 3, 2)


def test_the_outcome_notice_moves_off_a_day_off(tree, people):
    tip, _ = identified_tip(tree.a)
    tips_services.tip_triage(actor=people.officer_a, tip=tip, urgent=False)
    tips_services.tip_resolve(actor=people.officer_a, tip=tip, outcome="no_prosecution")
    tip.refresh_from_db()
    today = timezone.localdate()
    expected = today + datetime.timedelta(days=3)
    while not limits.is_working_day(expected):
        expected += datetime.timedelta(days=1)
    assert tip.outcome_notice_due == expected


# --- The working calendar as data -------------------------------------------------------------

def _next_weekday(after: datetime.date) -> datetime.date:
    day = after + datetime.timedelta(days=1)
    while not limits.is_working_day(day) or day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def test_a_new_day_off_moves_open_deadlines_with_an_audit_row_but_not_the_acknowledgement(tree, people, admin):
    tip, _ = identified_tip(tree.a)
    acknowledge_due, resolve_due = tip.acknowledge_due, tip.resolve_due
    closed, _ = anonymous_tip(tree.a)
    tips_services.tip_triage(actor=people.officer_a, tip=closed, urgent=False)
    tips_services.tip_resolve(actor=people.officer_a, tip=closed, outcome="no_prosecution")
    closed.refresh_from_db()

    services.calendar_day_set(actor=admin, day=resolve_due, working=False, name="Ngày nghỉ bất thường",
                              source="Quyết định thử")

    tip.refresh_from_db()
    assert tip.resolve_due == _next_weekday(resolve_due)
    assert tip.acknowledge_due == acknowledge_due  # told to the reporter on the receipt
    moved = AuditEvent.objects.get(action="tips.tip_deadlines_recompute")
    assert moved.object_id == str(tip.pk) and moved.before["resolve_due"] == resolve_due.isoformat()
    assert AuditEvent.objects.filter(action="core.calendar_day_set").count() == 1
    assert closed.resolve_due == type(closed).objects.get(pk=closed.pk).resolve_due  # closed: untouched


def test_only_the_ministry_changes_the_calendar_and_a_past_day_never(tree, people, admin):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(PermissionDenied):
        services.calendar_day_set(actor=people.province, day=tomorrow, working=False, name="Nghỉ")
    province_admin = UserFactory(home_unit=tree.province)
    grant(province_admin, "system_admin", tree.province)  # every code, but over one province only
    with pytest.raises(PermissionDenied):
        services.calendar_day_set(actor=province_admin, day=tomorrow, working=False, name="Nghỉ")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="đã qua"):
        services.calendar_day_set(actor=admin, day=yesterday, working=False, name="Nghỉ")
    monday = tomorrow + datetime.timedelta(days=(7 - tomorrow.weekday()) % 7)
    with pytest.raises(ValidationError, match="cuối tuần"):
        services.calendar_day_set(actor=admin, day=monday, working=True, name="Làm bù")
    with pytest.raises(ValidationError, match="Hãy ghi tên"):
        services.calendar_day_set(actor=admin, day=tomorrow, working=False, name="  ")
    assert not CalendarDay.objects.filter(day__in=[tomorrow, yesterday, monday]).exists()
    assert not AuditEvent.objects.filter(action__startswith="core.calendar").exists()


def test_a_make_up_saturday_entered_counts_as_a_working_day(tree, admin):
    today = timezone.localdate()
    saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
    friday = saturday - datetime.timedelta(days=1)
    CalendarDay.objects.filter(day__in=[friday, saturday]).delete()
    services.calendar_day_set(actor=admin, day=saturday, working=True, name="Làm bù")
    assert limits.add_working_days(friday, 1) == saturday
    removed = CalendarDay.objects.get(day=saturday)
    assert services.calendar_day_remove(actor=admin, day=removed) == saturday
    assert limits.add_working_days(friday, 1) > saturday
    assert AuditEvent.objects.filter(action="core.calendar_day_remove", object_id=str(removed.pk)).exists()


def test_loading_a_year_adds_the_package_days_once(tree, admin):
    year = timezone.localdate().year + 5
    CalendarDay.objects.filter(day__year=year).delete()
    added = services.calendar_year_load(actor=admin, year=year)
    assert added == len(limits.package_days(year)) > 5
    assert services.calendar_year_load(actor=admin, year=year) == 0
    with pytest.raises(ValidationError, match="Hãy chọn năm"):
        services.calendar_year_load(actor=admin, year=1990)


# --- Time limits as dated data ----------------------------------------------------------------

def test_a_changed_limit_applies_from_its_date_and_not_before(tree, admin):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    services.time_limit_change(actor=admin, code="tips.resolve", valid_from=tomorrow, amount=30,
                               unit=TimeUnit.DAYS, source="Luật sửa đổi (thử)")
    assert limits.in_force("tips.resolve", today).amount == 20
    assert limits.in_force("tips.resolve", tomorrow).amount == 30
    event = AuditEvent.objects.get(action="core.time_limit_change")
    assert (event.before["amount"], event.after["amount"]) == (20, 30)
    tip, _ = anonymous_tip(tree.a)  # received today: the old limit
    assert tip.resolve_due == Limit(20, TimeUnit.DAYS).last_day(today)


def test_a_limit_refuses_a_unit_the_law_does_not_count_it_in_and_a_past_date(tree, people, admin):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="giờ"):
        services.time_limit_change(actor=admin, code="tips.forward_urgent", valid_from=today, amount=2,
                                   unit=TimeUnit.MONTHS)
    with pytest.raises(ValidationError, match="đã qua"):
        services.time_limit_change(actor=admin, code="tips.resolve", valid_from=today - datetime.timedelta(days=1),
                                   amount=30, unit=TimeUnit.DAYS)
    with pytest.raises(ValidationError, match="1 đến 1000"):
        services.time_limit_change(actor=admin, code="tips.resolve", valid_from=today, amount=0, unit=TimeUnit.DAYS)
    with pytest.raises(PermissionDenied):
        services.time_limit_change(actor=people.officer_a, code="tips.resolve", valid_from=today, amount=30,
                                   unit=TimeUnit.DAYS)
    assert not TimeLimit.objects.exclude(valid_from=None).exists()
    assert not AuditEvent.objects.filter(action="core.time_limit_change").exists()


def test_every_declared_limit_is_shipped_with_its_source(tree):
    shipped = {row.code: row for row in TimeLimit.objects.filter(valid_from=None)}
    for spec in limits.declared():
        assert spec.code in shipped and shipped[spec.code].source
        assert shipped[spec.code].unit in spec.units


# --- The rules area: page and API, three ways ------------------------------------------------

def test_the_rules_page_lists_every_limit_and_the_calendar_and_only_the_ministry_sees_forms(tree, people, admin,
                                                                                             login):
    page = login(people.officer_a).get("/rules/?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lịch làm việc" in html and "Chuyển tin khẩn cấp" in html and "22/08/2026" in html
    assert 'action="/rules/calendar/"' not in html
    assert 'action="/rules/calendar/"' in login(admin).get("/rules/").content.decode()


def test_a_bad_limit_keeps_what_was_typed_with_the_message_on_the_field(tree, admin, login):
    client = login(admin)
    response = client.post("/rules/limits/tips.resolve/", {
        "code": "tips.resolve", "valid_from": "01/01/2020", "amount": "45", "unit": "days", "source": "Thử nghiệm"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không sửa ngày đã qua" in html and 'value="45"' in html and 'value="Thử nghiệm"' in html
    assert not TimeLimit.objects.exclude(valid_from=None).exists()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post("/rules/limits/tips.resolve/", {
        "code": "tips.resolve", "valid_from": f"{tomorrow:%d/%m/%Y}", "amount": "45", "unit": "days"})
    assert response.status_code == 302
    assert limits.in_force("tips.resolve", tomorrow).amount == 45


def test_a_bad_calendar_day_keeps_what_was_typed(tree, admin, login):
    response = login(admin).post("/rules/calendar/", {"day": "31/02/2027", "working": "0", "name": "Nghỉ lễ thử"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="31/02/2027"' in html and 'value="Nghỉ lễ thử"' in html and "is-invalid" in html
    assert not CalendarDay.objects.filter(name="Nghỉ lễ thử").exists()


@pytest.mark.parametrize(("url", "data"), [
    ("/rules/calendar/", {"day": "01/01/2099", "working": "0", "name": "Nghỉ"}),
    ("/rules/limits/tips.resolve/", {"code": "tips.resolve", "valid_from": "01/01/2099", "amount": "30",
                                     "unit": "days"}),
    ("/rules/calendar/load/", {"year": "2030"}),
])
def test_changing_a_rule_without_the_national_permission_is_refused(tree, people, login, url, data):
    assert login(people.officer_a).post(url, data).status_code == 403
    assert login(people.province).post(url, data).status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="core.").exists()


def test_the_api_lists_and_changes_rules_for_the_ministry_only(tree, people, admin, api_login):
    listing = api_login(people.officer_a).get("/api/v1/rules/limits/")
    assert listing.status_code == 200
    codes = {row["code"]: row for row in listing.json()}
    assert codes["tips.forward_urgent"]["in_force"]["unit"] == "hours"
    assert api_login(people.officer_a).get("/api/v1/rules/limits/tips.nothing/").status_code == 404
    days = api_login(people.officer_a).get("/api/v1/rules/calendar/?year=2026").json()["results"]
    assert {"day": "2026-08-22", "working": True} in [{"day": d["day"], "working": d["working"]} for d in days]
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    body = {"code": "tips.resolve", "valid_from": tomorrow, "amount": 25, "unit": "days"}
    assert api_login(people.officer_a).post("/api/v1/rules/limits/", body, format="json").status_code == 403
    refused = api_login(admin).post("/api/v1/rules/limits/", {**body, "unit": "hours"}, format="json")
    assert refused.status_code == 400 and "unit" in refused.json()["error"]["fields"]
    created = api_login(admin).post("/api/v1/rules/limits/", body, format="json")
    assert created.status_code == 201 and created.json()["versions"][0]["amount"] == 25
    day = {"day": tomorrow, "working": False, "name": "Nghỉ đột xuất"}
    assert api_login(people.officer_a).post("/api/v1/rules/calendar/", day, format="json").status_code == 403
    made = api_login(admin).post("/api/v1/rules/calendar/", day, format="json")
    assert made.status_code == 201
    assert api_login(people.officer_a).delete(f"/api/v1/rules/calendar/{made.json()['id']}/").status_code == 403
    assert api_login(admin).delete(f"/api/v1/rules/calendar/{made.json()['id']}/").status_code == 204
    assert not CalendarDay.objects.filter(name="Nghỉ đột xuất").exists()


def test_the_first_day_entered_for_a_year_keeps_the_packages_days_off(tree, admin):
    year = timezone.localdate().year + 8
    CalendarDay.objects.filter(day__year=year).delete()
    new_year = D(year, 1, 1)
    assert not limits.is_working_day(new_year) or new_year.weekday() >= 5  # the package's holiday
    extra = D(year, 6, 10)
    services.calendar_day_set(actor=admin, day=extra, working=extra.weekday() >= 5, name="Ngày riêng")
    assert CalendarDay.objects.filter(day=new_year, working=False).exists()  # not lost with the first row
    assert not limits.is_working_day(new_year)
    assert CalendarDay.objects.filter(day__year=year).count() == len(limits.package_days(year) | {extra: None})
