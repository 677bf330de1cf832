import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from antq.core.models import AuditEvent
from antq.evaluations import selectors, services
from antq.evaluations.choices import Status, UnitKind
from antq.evaluations.models import Evaluation, KindRule
from antq.evaluations.tests.factories import establishment, recognise, register, this_year, to_proposal
from antq.geo.tests.factories import AdminUnitFactory
from antq.initiatives.tests.factories import model
from antq.orgs.models import Establishment
from antq.orgs.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaders(tree, people):
    commune = UserFactory(username="lanhdao.a", home_unit=tree.a)
    grant(commune, "commune_leader", tree.a)
    province = UserFactory(username="lanhdao.tinh", home_unit=tree.province)
    grant(province, "province_leader", tree.province)
    return SimpleNamespace(commune=commune, province=province)


def test_registration_opens_one_result_per_criterion_and_is_audited(tree, people):
    evaluation = register(people.officer_a, unit=tree.a1)
    assert evaluation.kind == UnitKind.RESIDENTIAL_AREA
    assert (evaluation.commune, evaluation.province) == (tree.a, tree.province)
    year = this_year()
    assert (evaluation.period_start, evaluation.period_end) == (datetime.date(year - 1, 11, 1),
                                                                datetime.date(year, 10, 31))
    assert evaluation.results.count() == evaluation.criteria_set.criteria.count() == 7
    assert AuditEvent.objects.filter(action="evaluations.evaluation_register", object_id=str(evaluation.pk)).exists()


def test_other_kinds_run_from_16_november_to_15_november(tree, people):
    evaluation = register(people.officer_a, unit=tree.a)
    year = this_year()
    assert (evaluation.period_start, evaluation.period_end) == (datetime.date(year - 1, 11, 16),
                                                                datetime.date(year, 11, 15))


def test_registering_twice_or_with_more_households_than_exist_is_refused(tree, people):
    with pytest.raises(ValidationError) as exc:
        register(people.officer_a, unit=tree.a1, households=(10, 11))
    assert "households_registered" in exc.value.error_dict
    assert not Evaluation.objects.exists()
    register(people.officer_a, unit=tree.a1)
    with pytest.raises(ValidationError):
        register(people.officer_a, unit=tree.a1)
    assert Evaluation.objects.count() == 1


def test_an_officer_cannot_register_another_communes_area(tree, people):
    with pytest.raises(PermissionDenied):
        register(people.officer_b, unit=tree.a1)
    assert not Evaluation.objects.exists()


def test_a_micro_enterprise_and_a_primary_school_are_exempt_and_not_asked_to_register(tree, people):
    micro = services.establishment_create(actor=people.officer_a, kind=UnitKind.ENTERPRISE, name="Cơ sở may Hạnh",
                                          commune=tree.a, size_class="micro")
    primary = services.establishment_create(actor=people.officer_a, kind=UnitKind.SCHOOL,
                                            name="Trường Tiểu học Tân Ninh", commune=tree.a, size_class="primary")
    high = services.establishment_create(actor=people.officer_a, kind=UnitKind.SCHOOL,
                                         name="Trường THPT Tây Ninh", commune=tree.a, size_class="upper_secondary")
    assert (micro.is_exempt, primary.is_exempt, high.is_exempt) == (True, True, False)
    board = selectors.commune_board(tree.a, this_year())
    assert {row["name"] for row in board} == {"Khu phố 1", "Trường THPT Tây Ninh"}
    for exempt in (micro, primary):
        with pytest.raises(ValidationError) as exc:
            register(people.officer_a, est=exempt)
        assert "establishment" in exc.value.error_dict
    assert not Evaluation.objects.exists()


def test_exemptions_are_data(tree, people):
    rule = KindRule.objects.get(kind=UnitKind.ENTERPRISE)
    rule.exempt_classes = ["micro"]
    rule.save()
    small = services.establishment_create(actor=people.officer_a, kind=UnitKind.ENTERPRISE, name="Công ty nhỏ",
                                          commune=tree.a, size_class="small")
    assert small.is_exempt is False


def test_a_serious_crime_in_the_period_blocks_recognition_until_an_exception_with_a_reason(tree, people, leaders):
    evaluation = register(people.officer_a, unit=tree.a1)
    services.incident_record(actor=people.officer_a, unit=tree.a1, kind="serious_crime",
                             occurred_on=timezone.localdate() - datetime.timedelta(days=60),
                             description="Cướp tài sản tại chợ", detected_promptly=True)
    evaluation = to_proposal(people.officer_a, evaluation)
    check = evaluation.results.get(criterion__code="no_serious_incident")
    assert check.auto_passed is False
    assert "Cướp tài sản" in check.auto_facts[0]

    with pytest.raises(ValidationError) as exc:
        services.evaluation_decide(actor=leaders.commune, evaluation=evaluation, recognise=True,
                                   decided_on=timezone.localdate(), decision_number="15/QĐ-UBND")
    assert "không tội phạm" in str(exc.value).lower() or "Không xảy ra tội phạm" in str(exc.value)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PROPOSED

    with pytest.raises(ValidationError):  # a reason is required
        services.result_record_exception(actor=people.officer_a, result=check, reason="  ")
    services.result_record_exception(actor=people.officer_a, result=check,
                                     reason="Phát hiện, báo cáo kịp thời; đã bắt giữ đối tượng trong ngày")
    evaluation = services.evaluation_decide(actor=leaders.commune, evaluation=evaluation, recognise=True,
                                            decided_on=timezone.localdate(), decision_number="15/QĐ-UBND")
    assert evaluation.status == Status.RECOGNISED


def test_a_crime_outside_the_period_or_in_another_area_does_not_count(tree, people, leaders):
    evaluation = register(people.officer_a, unit=tree.a1)
    other = AdminUnitFactory(name="Khu phố 2", unit_type="khu_pho", parent=tree.a)
    services.incident_record(actor=people.officer_a, unit=other, kind="serious_crime",
                             occurred_on=timezone.localdate() - datetime.timedelta(days=5), description="Trộm cắp")
    services.incident_record(actor=people.officer_a, unit=tree.a1, kind="serious_crime",
                             occurred_on=evaluation.period_start - datetime.timedelta(days=1), description="Cũ")
    evaluation = recognise(people.officer_a, leaders.commune, evaluation)
    assert evaluation.status == Status.RECOGNISED


def test_the_unit_itself_cannot_record_an_exception(tree, people):
    head = UserFactory(home_unit=tree.a1)
    grant(head, "area_head", tree.a1)
    evaluation = register(head, unit=tree.a1)
    services.incident_record(actor=people.officer_a, unit=tree.a1, kind="serious_crime",
                             occurred_on=timezone.localdate() - datetime.timedelta(days=3),
                             description="Cố ý gây thương tích")
    services.refresh_checks(evaluation)
    result = evaluation.results.get(criterion__code="no_serious_incident")
    with pytest.raises(PermissionDenied):
        services.result_record_exception(actor=head, result=result, reason="Bất khả kháng do thiên tai")
    result.refresh_from_db()
    assert result.exception_reason == ""


def test_only_the_approving_level_decides(tree, people, leaders):
    evaluation = to_proposal(people.officer_a, register(people.officer_a, unit=tree.a1))
    for outsider in (people.officer_a, people.officer_b):
        with pytest.raises(PermissionDenied):
            services.evaluation_decide(actor=outsider, evaluation=evaluation, recognise=True,
                                       decided_on=timezone.localdate(), decision_number="1/QĐ")
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PROPOSED


def test_refusal_needs_a_reason(tree, people, leaders):
    evaluation = to_proposal(people.officer_a, register(people.officer_a, unit=tree.a1))
    with pytest.raises(ValidationError):
        services.evaluation_decide(actor=leaders.commune, evaluation=evaluation, recognise=False,
                                   decided_on=timezone.localdate(), reason="")
    evaluation = services.evaluation_decide(actor=leaders.commune, evaluation=evaluation, recognise=False,
                                            decided_on=timezone.localdate(),
                                            reason="Còn 5 hộ chưa đăng ký thực hiện phong trào")
    assert evaluation.status == Status.REFUSED


def _commune_with_units(tree, people, leaders, *, recognised: int, total: int, registered: int | None = None):
    """Commune A with `total` residential areas (Khu phố 1 included), `registered` of them
    registered and `recognised` of those recognised."""
    registered = total if registered is None else registered
    areas = [tree.a1] + [AdminUnitFactory(name=f"Khu phố {n}", unit_type="khu_pho", parent=tree.a)
                         for n in range(2, total + 1)]
    for i, area in enumerate(areas[:registered]):
        evaluation = register(people.officer_a, unit=area)
        if i < recognised:
            recognise(people.officer_a, leaders.commune, evaluation)


@pytest.mark.parametrize(("recognised", "registered", "passes"), [(69, 100, False), (70, 100, True),
                                                                   (70, 99, False)])
def test_a_commune_needs_all_units_registered_and_70_percent_recognised(tree, people, leaders, recognised,
                                                                       registered, passes):
    _commune_with_units(tree, people, leaders, recognised=recognised, total=100, registered=registered)
    model(people.officer_a, tree.a, people.police_a)  # the "working model" criterion (Art. 5) is met
    evaluation = to_proposal(people.officer_a, register(people.officer_a, unit=tree.a))
    shares = {r.criterion.code: r.value for r in evaluation.results.select_related("criterion")}
    assert shares["units_recognised"] == recognised
    assert shares["units_registered"] == registered
    if passes:
        evaluation = services.evaluation_decide(actor=leaders.province, evaluation=evaluation, recognise=True,
                                                decided_on=timezone.localdate(), decision_number="20/QĐ-UBND")
        assert evaluation.status == Status.RECOGNISED
    else:
        with pytest.raises(ValidationError):
            services.evaluation_decide(actor=leaders.province, evaluation=evaluation, recognise=True,
                                       decided_on=timezone.localdate(), decision_number="20/QĐ-UBND")
        evaluation.refresh_from_db()
        assert evaluation.status == Status.PROPOSED


def test_a_commune_is_approved_by_the_province_not_the_commune(tree, people, leaders):
    evaluation = to_proposal(people.officer_a, register(people.officer_a, unit=tree.a))
    with pytest.raises(PermissionDenied):
        services.evaluation_decide(actor=leaders.commune, evaluation=evaluation, recognise=False,
                                   decided_on=timezone.localdate(), reason="Chưa đạt tiêu chí 70 %")


def _sheet(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Danh sách cơ quan, doanh nghiệp, nhà trường"])
    sheet.append([])
    sheet.append(["Loại", "Tên", "Mã xã", "Quy mô / cấp học", "Mã số thuế", "Địa chỉ", "Có tổ chức Đảng"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("ds.xlsx", out.getvalue())


def test_an_import_with_one_bad_row_imports_nothing_and_names_the_row_and_column(tree, people):
    upload = _sheet([
        ["Doanh nghiệp", "Công ty TNHH Minh Phát", "25459", "Vừa", "3901234567", "Đường 30/4", "có"],
        ["Cơ sở giáo dục", "Trường THCS Tân Ninh", "25459", "Trung học quốc tế", "", "", ""],
        ["Cơ quan", "Kho bạc Nhà nước", "25459", "", "", "", ""],
    ])
    with pytest.raises(ValidationError) as exc:
        services.establishments_import(actor=people.officer_a, upload=upload, within=tree.a)
    messages = exc.value.messages
    assert len(messages) == 1
    assert "5" in messages[0] and "Quy mô / cấp học" in messages[0]
    assert not Establishment.objects.exists()


def test_an_import_outside_the_jurisdiction_is_refused_row_by_row(tree, people):
    upload = _sheet([["Cơ quan", "Bưu điện xã", "25606", "", "", "", ""]])
    with pytest.raises(ValidationError) as exc:
        services.establishments_import(actor=people.officer_a, upload=upload, within=tree.a)
    assert "25606" in exc.value.messages[0]
    assert not Establishment.objects.exists()


def test_a_good_import_creates_every_row_with_exemptions(tree, people):
    upload = _sheet([
        ["Doanh nghiệp", "Công ty TNHH Minh Phát", "25459", "Vừa", "3901234567", "Đường 30/4", "có"],
        ["Doanh nghiệp", "Hộ kinh doanh Tư Lan", "25459", "siêu nhỏ", "", "", ""],
        ["co so giao duc", "Trường Mầm non Hoa Sen", "25459", "Mầm non", "", "", ""],
        ["Cơ quan", "Kho bạc Nhà nước", "25459", "", "", "", ""],
    ])
    created = services.establishments_import(actor=people.officer_a, upload=upload, within=tree.a)
    assert len(created) == 4
    assert dict(Establishment.objects.values_list("name", "is_exempt")) == {
        "Công ty TNHH Minh Phát": False, "Hộ kinh doanh Tư Lan": True, "Trường Mầm non Hoa Sen": True,
        "Kho bạc Nhà nước": False}
    assert Establishment.objects.get(name="Công ty TNHH Minh Phát").has_party_organisation


def test_a_file_that_is_not_a_workbook_is_refused(tree, people):
    with pytest.raises(ValidationError):
        services.establishments_import(actor=people.officer_a, upload=SimpleUploadedFile("x.xlsx", b"hello"),
                                       within=tree.a)


def test_grading_follows_the_sheets_thresholds(tree, people):
    from antq.evaluations.models import ScoreSheet

    sheet = ScoreSheet.objects.get(kind=UnitKind.COMMUNE)
    items = list(sheet.items.all())
    grading = services.movement_grade(actor=people.officer_a, kind=UnitKind.COMMUNE, year=this_year(), unit=tree.a,
                                      points={i.pk: i.max_points * 0.4 for i in items})
    assert (grading.total, grading.grade) == (40, "weak")
    grading = services.movement_grade(actor=people.officer_a, kind=UnitKind.COMMUNE, year=this_year(), unit=tree.a,
                                      points={i.pk: i.max_points for i in items})
    assert (grading.total, grading.grade) == (100, "excellent")
    with pytest.raises(ValidationError):
        services.movement_grade(actor=people.officer_a, kind=UnitKind.COMMUNE, year=this_year(), unit=tree.a,
                                points={items[0].pk: items[0].max_points + 1})
    grading.refresh_from_db()
    assert grading.grade == "excellent"


def test_summary_counts_units_and_shares(tree, people, leaders):
    establishment(tree.a, size_class="large")
    establishment(tree.b, size_class="micro", exempt=True)
    recognise(people.officer_a, leaders.commune, register(people.officer_a, unit=tree.a1))
    summary = selectors.recognition_summary(tree.province, this_year())
    # Units to evaluate: 2 residential areas, 2 communes, 1 enterprise (the micro one is exempt).
    assert summary["total"]["expected"] == 5
    assert summary["total"]["recognised"] == 1
    assert summary["total"]["share"] == 20
    assert {row["unit"].pk: row["expected"] for row in summary["children"]} == {tree.a.pk: 3, tree.b.pk: 2}


def test_a_dated_rule_replaces_the_undated_default_from_its_date(tree, people):
    default = KindRule.objects.get(kind=UnitKind.COMMUNE)
    newer = KindRule.objects.create(
        kind=UnitKind.COMMUNE, valid_from=datetime.date(2026, 1, 1), period_end_month=11, period_end_day=15,
        decision_due_month=11, decision_due_day=25, grading_due_month=11, grading_due_day=30,
        approving_level=default.approving_level)
    assert selectors.kind_rule(UnitKind.COMMUNE, datetime.date(2026, 6, 1)) == newer
    assert selectors.kind_rule(UnitKind.COMMUNE, datetime.date(2025, 6, 1)) == default
