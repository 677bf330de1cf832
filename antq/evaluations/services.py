"""Writes of the "Safe in security and order" evaluation (Circular 124/2021/TT-BCA, LAW.md §1).

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the actor's
permission over the unit and leaves one audit row. The cycle: registration in Q1 (Art. 9),
self-assessment criterion by criterion with automatic checks on recorded facts, the review
meeting (bình xét) and its proposal, then recognition or refusal by the approving level
(Art. 10), whose certificate is a Decree 30/2020 document.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import fold
from antq.core.uploads import EXTENSIONS, check_upload
from antq.evaluations import permissions as perms
from antq.evaluations import selectors
from antq.evaluations.checks import run_check
from antq.evaluations.choices import (
    ESTABLISHMENT_KINDS,
    SIZE_CLASSES_BY_KIND,
    Grade,
    IncidentKind,
    Judgement,
    Status,
    TargetKind,
    UnitKind,
)
from antq.evaluations.models import (
    CriteriaSet,
    Criterion,
    CriterionResult,
    Evaluation,
    Incident,
    KindRule,
    MovementGrading,
    ScoreEntry,
    ScoreSheet,
    Target,
)
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.orgs.models import Establishment

RUN = perms.RUN_EVALUATION
APPROVE = perms.APPROVE_EVALUATION
ESTABLISHMENT_FIELDS = ["kind", "name", "commune", "size_class", "tax_code", "address", "has_party_organisation",
                        "is_exempt", "closed_on"]
EVALUATION_FIELDS = ["year", "kind", "unit", "establishment", "status", "registered_on", "households",
                     "households_registered", "assessed_on", "review_held_on", "review_chair", "votes_for",
                     "votes_against", "proposal_number", "proposed_on", "decided_on", "decision_number",
                     "refusal_reason"]
DOCUMENT_TYPES = ("pdf", "jpeg", "png")


def _require(actor, action: str, unit: AdminUnit) -> None:
    if not has_permission(actor, action, unit):
        raise PermissionDenied


def _clean_text(value: str | None) -> str:
    return " ".join((value or "").split())


# --- Establishments ----------------------------------------------------------------------------


def _establishment_errors(*, kind: str, name: str, commune: AdminUnit | None, size_class: str,
                          tax_code: str, exclude_pk: int | None = None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in ESTABLISHMENT_KINDS:
        errors["kind"] = [_("Choose agency, enterprise or educational institution.")]
    if not name:
        errors["name"] = [_("Enter the name.")]
    if commune is None or commune.level.code != geo.COMMUNE or not commune.is_current:
        errors["commune"] = [_("Choose a current commune.")]
    if kind in SIZE_CLASSES_BY_KIND and size_class not in SIZE_CLASSES_BY_KIND[kind]:
        errors["size_class"] = [_("This size or level does not fit the kind of establishment.")]
    if kind in (UnitKind.ENTERPRISE, UnitKind.SCHOOL) and not size_class:
        errors["size_class"] = [_("Enterprises need their size and schools their level: they decide exemption.")]
    if tax_code and not tax_code.replace("-", "").isdigit():
        errors["tax_code"] = [_("A tax code has digits only (and a dash before a branch number).")]
    elif tax_code and Establishment.objects.filter(tax_code=tax_code).exclude(pk=exclude_pk).exists():
        errors["tax_code"] = [_("An establishment with this tax code is already registered.")]
    return errors


@transaction.atomic
def establishment_create(*, actor, kind: str, name: str, commune: AdminUnit, size_class: str = "",
                         tax_code: str = "", address: str = "", has_party_organisation: bool = False) -> Establishment:
    """Register an agency, enterprise or school; small and micro enterprises, primary schools,
    kindergartens and nurseries are recorded as exempt (Circular 124/2021 Art. 1)."""
    _require(actor, perms.MANAGE_ESTABLISHMENT, commune)
    name, tax_code = _clean_text(name), (tax_code or "").strip()
    errors = _establishment_errors(kind=kind, name=name, commune=commune, size_class=size_class, tax_code=tax_code)
    if errors:
        raise ValidationError(errors)
    establishment = Establishment.objects.create(
        kind=kind, name=name, search_name=fold(name), commune=commune, size_class=size_class, tax_code=tax_code,
        address=_clean_text(address), has_party_organisation=has_party_organisation,
        is_exempt=selectors.is_exempt(kind, size_class))
    audit_record(actor=actor, action="evaluations.establishment_create", obj=establishment, unit_path=commune.path,
                 after=snapshot(establishment, ESTABLISHMENT_FIELDS))
    return establishment


@transaction.atomic
def establishment_update(*, actor, establishment: Establishment, name: str, size_class: str, tax_code: str = "",
                         address: str = "", has_party_organisation: bool = False,
                         closed_on: datetime.date | None = None) -> Establishment:
    establishment = Establishment.objects.select_for_update(of=("self",)).select_related("commune__level").get(
        pk=establishment.pk)
    _require(actor, perms.MANAGE_ESTABLISHMENT, establishment.commune)
    name, tax_code = _clean_text(name), (tax_code or "").strip()
    errors = _establishment_errors(kind=establishment.kind, name=name, commune=establishment.commune,
                                   size_class=size_class, tax_code=tax_code, exclude_pk=establishment.pk)
    if errors:
        raise ValidationError(errors)
    before = snapshot(establishment, ESTABLISHMENT_FIELDS)
    establishment.name, establishment.search_name = name, fold(name)
    establishment.size_class, establishment.tax_code = size_class, tax_code
    establishment.address, establishment.has_party_organisation = _clean_text(address), has_party_organisation
    establishment.closed_on = closed_on
    establishment.is_exempt = selectors.is_exempt(establishment.kind, size_class)
    establishment.save()
    audit_record(actor=actor, action="evaluations.establishment_update", obj=establishment,
                 unit_path=establishment.commune.path, before=before,
                 after=snapshot(establishment, ESTABLISHMENT_FIELDS))
    return establishment


# Import columns: header text (Vietnamese, as the export writes it) -> field.
IMPORT_COLUMNS = {
    "loại": "kind", "tên": "name", "mã xã": "commune", "quy mô / cấp học": "size_class", "mã số thuế": "tax_code",
    "địa chỉ": "address", "có tổ chức đảng": "has_party_organisation",
}
KIND_WORDS = {"co quan": UnitKind.AGENCY, "agency": UnitKind.AGENCY, "doanh nghiep": UnitKind.ENTERPRISE,
              "enterprise": UnitKind.ENTERPRISE, "co so giao duc": UnitKind.SCHOOL, "nha truong": UnitKind.SCHOOL,
              "school": UnitKind.SCHOOL}
MAX_IMPORT_ROWS = 20_000


def _size_words() -> dict[str, str]:
    from antq.evaluations.choices import SizeClass

    words = {}
    for value, label in SizeClass.choices:
        words[fold(value)] = value
        words[fold(str(label))] = value
    words.update({"sieu nho": "micro", "nho": "small", "vua": "medium", "lon": "large", "nha tre": "nursery",
                  "mau giao": "kindergarten", "mam non": "kindergarten", "tieu hoc": "primary",
                  "thcs": "lower_secondary", "trung hoc co so": "lower_secondary", "thpt": "upper_secondary",
                  "trung hoc pho thong": "upper_secondary", "khac": "other"})
    return words


@transaction.atomic
def establishments_import(*, actor, upload, within: AdminUnit) -> list[Establishment]:
    """Import establishments from an XLSX sheet laid out as the export. Every row is checked
    first; if any row is wrong nothing is imported and each error names its row and column."""
    from openpyxl import load_workbook

    try:
        check_upload(upload, allowed=("xlsx",), max_bytes=10 * 1024 * 1024)
        upload.seek(0)
        sheet = load_workbook(upload, read_only=True, data_only=True).active
    except ValidationError:
        raise
    except Exception as exc:  # a corrupt file: openpyxl raises many kinds
        raise ValidationError(_("The file is not a readable Excel (.xlsx) workbook.")) from exc
    rows = sheet.iter_rows(values_only=True)
    header_row, header_index = None, 0
    for header_index, row in enumerate(rows, start=1):  # the export puts a title above the header
        if row and any(fold(str(c or "")) in {fold(k) for k in IMPORT_COLUMNS} for c in row):
            header_row = row
            break
        if header_index >= 5:
            break
    if header_row is None:
        raise ValidationError(_("No header row found: the sheet needs the columns %(columns)s.") % {
            "columns": ", ".join(IMPORT_COLUMNS)})
    wanted = {fold(k): (k, v) for k, v in IMPORT_COLUMNS.items()}
    columns = {}
    for index, cell in enumerate(header_row):
        key = fold(str(cell or ""))
        if key in wanted:
            columns[wanted[key][1]] = (index, str(cell).strip())
    missing = [label for label, field in IMPORT_COLUMNS.items() if field in ("kind", "name", "commune")
               and field not in columns]
    if missing:
        raise ValidationError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    communes = {}
    sizes = _size_words()
    errors, parsed, seen_tax = [], [], {}
    for number, row in enumerate(rows, start=header_index + 1):
        if not row or all(c in (None, "") for c in row):
            continue
        if len(parsed) + len(errors) >= MAX_IMPORT_ROWS:
            raise ValidationError(_("At most %(n)s rows can be imported at once.") % {"n": MAX_IMPORT_ROWS})

        def cell(field, row=row):
            index = columns.get(field, (None,))[0]
            value = row[index] if index is not None and index < len(row) else None
            return "" if value is None else str(value).strip()

        failed = set()

        def fail(field, message, number=number, failed=failed):
            if field in failed:  # one message per cell
                return
            failed.add(field)
            errors.append(_("Row %(row)s, column \"%(column)s\": %(message)s") % {
                "row": number, "column": columns[field][1] if field in columns else field, "message": message})

        kind = KIND_WORDS.get(fold(cell("kind")))
        if kind is None:
            fail("kind", _("write \"Cơ quan\", \"Doanh nghiệp\" or \"Cơ sở giáo dục\"."))
        code = cell("commune")
        if code not in communes:
            communes[code] = (AdminUnit.objects.current().filter(level__code=geo.COMMUNE, code=code)
                              .select_related("level").first())
        commune = communes[code]
        if commune is None:
            fail("commune", _("no current commune has the code \"%(code)s\".") % {"code": code})
        elif not commune.path.startswith(within.path) or not has_permission(
                actor, perms.MANAGE_ESTABLISHMENT, commune):
            fail("commune", _("the commune %(code)s is outside your jurisdiction.") % {"code": code})
            commune = None
        size_text = cell("size_class")
        size = sizes.get(fold(size_text), None) if size_text else ""
        if size is None:
            fail("size_class", _("unknown size or school level \"%(value)s\".") % {"value": size_text})
            size = ""
        name, tax_code = _clean_text(cell("name")), cell("tax_code")
        if tax_code in seen_tax:
            fail("tax_code", _("the same tax code is on row %(row)s.") % {"row": seen_tax[tax_code]})
        elif tax_code:
            seen_tax[tax_code] = number
        if kind is not None and commune is not None:
            for field, messages in _establishment_errors(kind=kind, name=name, commune=commune, size_class=size,
                                                         tax_code=tax_code).items():
                fail(field, " ".join(str(m) for m in messages))
        party = fold(cell("has_party_organisation")) in {"co", "x", "yes", "1", "true"}
        parsed.append(dict(kind=kind, name=name, commune=commune, size_class=size, tax_code=tax_code,
                           address=_clean_text(cell("address")), has_party_organisation=party))
    if errors:
        raise ValidationError(errors)
    if not parsed:
        raise ValidationError(_("The sheet has no rows under its header."))
    rules = selectors.kind_rules()
    created = Establishment.objects.bulk_create([
        Establishment(search_name=fold(row["name"]), is_exempt=selectors.is_exempt(row["kind"], row["size_class"],
                                                                                  rules[row["kind"]]), **row)
        for row in parsed])
    audit_record(actor=actor, action="evaluations.establishments_import", unit_path=within.path,
                 object_repr=_("%(n)s establishments imported") % {"n": len(created)},
                 after={"count": len(created), "ids": [e.pk for e in created][:1000]})
    return created


# --- The yearly cycle ----------------------------------------------------------------------------


def _subject(kind: str, unit: AdminUnit | None, establishment: Establishment | None):
    """(unit the evaluation hangs from, its commune, its province) — or a validation error."""
    if kind in ESTABLISHMENT_KINDS:
        if establishment is None or establishment.kind != kind:
            raise ValidationError(_("Choose the establishment to register."))
        commune = establishment.commune
        return commune, commune, commune.parent
    if unit is None:
        raise ValidationError(_("Choose the unit to register."))
    if kind == UnitKind.RESIDENTIAL_AREA and unit.level.code == geo.RESIDENTIAL_AREA:
        return unit, unit.parent, unit.parent.parent
    if kind == UnitKind.COMMUNE and unit.level.code == geo.COMMUNE:
        return unit, unit, unit.parent
    raise ValidationError(_("%(unit)s is not a %(kind)s.") % {"unit": unit.display_name,
                                                              "kind": UnitKind(kind).label.lower()})


def _files(errors: dict, **files) -> dict[str, str]:
    kinds = {}
    for field, upload in files.items():
        if upload:
            try:
                kinds[field] = check_upload(upload, allowed=DOCUMENT_TYPES)
            except ValidationError as exc:
                errors[field] = exc.messages
    return kinds


def _attach(obj, field: str, upload, kind: str, stem: str) -> None:
    getattr(obj, field).save(f"{stem}.{EXTENSIONS[kind]}", upload, save=False)


@transaction.atomic
def evaluation_register(*, actor, kind: str, year: int, registered_on: datetime.date, unit: AdminUnit | None = None,
                        establishment: Establishment | None = None, households: int | None = None,
                        households_registered: int | None = None, resolution_file=None, plan_file=None,
                        registration_file=None) -> Evaluation:
    """Q1 registration (Circular 124/2021 Art. 9): the Party resolution where there is one, the
    security plan and the registration form; for a residential area, its households and how many
    registered. Exempt establishments (Art. 1) are not asked to register. Registering after 31
    March is allowed and shown late."""
    if kind not in UnitKind.values:
        raise ValidationError({"kind": _("Choose a kind of unit.")})
    home, commune, province = _subject(kind, unit, establishment)
    _require(actor, RUN, home)
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not (2000 <= year <= today.year + 1):
        errors["year"] = [_("Choose a year between 2000 and next year.")]
    if registered_on > today:
        errors["registered_on"] = [_("The registration date cannot be in the future.")]
    if establishment is not None and establishment.is_exempt:
        errors["establishment"] = [_("%(name)s is not evaluated: %(class)s is exempt (Circular 124/2021 Art. 1).") % {
            "name": establishment.name, "class": establishment.get_size_class_display()}]
    if establishment is not None and establishment.closed_on:
        errors["establishment"] = [_("%(name)s is closed.") % {"name": establishment.name}]
    if kind == UnitKind.RESIDENTIAL_AREA:
        if households is None or households_registered is None:
            errors["households"] = [_("Enter the number of households and how many registered.")]
        elif households_registered > households:
            errors["households_registered"] = [_("More households registered than live in the area.")]
        elif households == 0:
            errors["households"] = [_("A residential area has at least one household.")]
    if Evaluation.objects.filter(year=year, **selectors.subject(home, establishment)).exists():
        errors["year"] = [_("This unit is already registered for %(year)s.") % {"year": year}]
    uploads = {"resolution_file": resolution_file, "plan_file": plan_file, "registration_file": registration_file}
    kinds = _files(errors, **uploads)
    rule = selectors.kind_rule(kind)
    period_start, period_end = rule.period(year)
    national, own = selectors.criteria_sets(kind, province, min(period_end, max(period_start, today)))
    if national is None and not errors:
        errors["kind"] = [_("No criteria set is in force for this kind of unit.")]
    if errors:
        raise ValidationError(errors)
    evaluation = Evaluation(
        year=year, kind=kind, unit=home, establishment=establishment, commune=commune, province=province,
        criteria_set=national, province_set=own, period_start=period_start, period_end=period_end,
        registered_on=registered_on,
        households=households if kind == UnitKind.RESIDENTIAL_AREA else None,
        households_registered=households_registered if kind == UnitKind.RESIDENTIAL_AREA else None)
    for field, kind_ in kinds.items():
        _attach(evaluation, field, uploads[field], kind_, f"{field}-{year}")
    evaluation.save()
    criteria = Criterion.objects.filter(criteria_set__in=[s for s in (national, own) if s])
    CriterionResult.objects.bulk_create([CriterionResult(evaluation=evaluation, criterion=c) for c in criteria])
    refresh_checks(evaluation)  # facts already recorded in the period show from the start
    audit_record(actor=actor, action="evaluations.evaluation_register", obj=evaluation, unit_path=home.path,
                 after=snapshot(evaluation, EVALUATION_FIELDS))
    return evaluation


def _lock(evaluation: Evaluation) -> Evaluation:
    return (Evaluation.objects.select_for_update(of=("self",))
            .select_related("unit__level", "unit__unit_type", "establishment", "commune").get(pk=evaluation.pk))


def _parse_value(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", ".").strip())
    except InvalidOperation as exc:
        raise ValueError from exc
    # More than two decimals would be rounded when stored, and a rounded value must not meet a
    # threshold the typed one misses (69.995 is not 70).
    if not value.is_finite() or value < 0 or value > Decimal("9999999") or value.as_tuple().exponent < -2:
        raise ValueError
    return value


def refresh_checks(evaluation: Evaluation) -> list[CriterionResult]:
    """Run every automatic check again on the facts recorded now, and store what it found."""
    results = list(evaluation.results.select_related("criterion"))
    for result in results:
        if result.criterion.judgement != Judgement.AUTOMATIC:
            continue
        outcome = run_check(evaluation, result.criterion)
        result.auto_passed, result.auto_facts = outcome.passed, outcome.facts
        if outcome.value is not None:
            result.value = outcome.value
        result.save(update_fields=["auto_passed", "auto_facts", "value"])
    return results


def result_is_met(result: CriterionResult) -> bool:
    """A criterion counts as met: a yes, a value at its threshold, a passed check, or a failed
    check with the exception its text allows recorded with a reason."""
    criterion = result.criterion
    if criterion.judgement == Judgement.YES_NO:
        return result.met is True
    if criterion.judgement == Judgement.THRESHOLD:
        return result.value is not None and criterion.threshold is not None and result.value >= criterion.threshold
    if result.auto_passed is None:  # no facts in the product yet: the unit's own answer
        return result.met is True
    return result.auto_passed or bool(criterion.allows_exception and result.exception_reason)


@transaction.atomic
def evaluation_assess(*, actor, evaluation: Evaluation, answers: dict[int, dict]) -> Evaluation:
    """Self-assessment criterion by criterion with evidence (Art. 9). `answers` maps a criterion
    result's id to {"met": bool|None, "value": number|None, "note": str, "evidence": file}.
    Automatic checks are run on the recorded facts at the same time."""
    evaluation = _lock(evaluation)
    _require(actor, RUN, evaluation.unit if not evaluation.establishment_id else evaluation.commune)
    if evaluation.status not in (Status.REGISTERED, Status.ASSESSED):
        raise ValidationError(_("The self-assessment is closed once the review meeting is recorded."))
    results = {r.pk: r for r in evaluation.results.select_related("criterion")}
    unknown = set(answers) - set(results)
    if unknown:
        raise ValidationError(_("Unknown criteria in the answer."))
    errors: dict[str, list[str]] = {}
    uploads = {}
    for pk, answer in answers.items():
        result = results[pk]
        label = _("Criterion %(n)s") % {"n": result.criterion.order}
        try:
            answer["value"] = _parse_value(answer.get("value"))
        except ValueError:
            errors[f"value_{pk}"] = [_("%(criterion)s: enter a number with at most two decimals.") % {
                "criterion": label}]
        if len(answer.get("note") or "") > 5000:
            errors[f"note_{pk}"] = [_("%(criterion)s: the evidence text is too long.") % {"criterion": label}]
        if answer.get("evidence"):
            try:
                uploads[pk] = check_upload(answer["evidence"], allowed=DOCUMENT_TYPES)
            except ValidationError as exc:
                errors[f"evidence_{pk}"] = [f"{label}: {m}" for m in exc.messages]
    if errors:
        raise ValidationError(errors)
    for pk, answer in answers.items():
        result = results[pk]
        judgement = result.criterion.judgement
        if judgement in (Judgement.YES_NO, Judgement.AUTOMATIC):
            result.met = answer.get("met")
        if judgement == Judgement.THRESHOLD:
            result.value = answer["value"]
        result.note = (answer.get("note") or "").strip()
        if pk in uploads:
            _attach(result, "evidence", answer["evidence"], uploads[pk], f"tieu-chi-{result.criterion.code}")
        result.save()
    refresh_checks(evaluation)
    evaluation.status, evaluation.assessed_on = Status.ASSESSED, timezone.localdate()
    evaluation.save(update_fields=["status", "assessed_on", "updated_at"])
    audit_record(actor=actor, action="evaluations.evaluation_assess", obj=evaluation, unit_path=evaluation.unit.path,
                 after={str(pk): {"met": a.get("met"), "value": a.get("value"), "note": a.get("note", "")}
                        for pk, a in answers.items()})
    return evaluation


@transaction.atomic
def result_record_exception(*, actor, result: CriterionResult, reason: str) -> CriterionResult:
    """A reviewer records the exception a criterion allows (force majeure; detected and reported
    promptly — Art. 4.4) for a failed automatic check, with the reason. Only the commune's
    reviewers or the approving level may, not the unit itself."""
    result = CriterionResult.objects.select_for_update(of=("self",)).select_related(
        "criterion", "evaluation__commune", "evaluation__unit").get(pk=result.pk)
    evaluation = result.evaluation
    if not (has_permission(actor, RUN, evaluation.commune) or has_permission(actor, APPROVE, evaluation.commune)):
        raise PermissionDenied
    if not evaluation.is_open:
        raise ValidationError(_("The evaluation is decided; it can no longer change."))
    if not result.criterion.allows_exception:
        raise ValidationError(_("This criterion allows no exception."))
    if result.auto_passed is not False:
        raise ValidationError(_("Only a failed automatic check needs an exception."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Give the reason for the exception (at least 10 characters).")})
    result.exception_reason, result.exception_by, result.exception_at = reason, actor, timezone.now()
    result.save(update_fields=["exception_reason", "exception_by", "exception_at"])
    audit_record(actor=actor, action="evaluations.result_record_exception", obj=evaluation,
                 unit_path=evaluation.unit.path,
                 after={"criterion": result.criterion.code, "reason": reason, "facts": result.auto_facts})
    return result


@transaction.atomic
def evaluation_review(*, actor, evaluation: Evaluation, held_on: datetime.date, chair: str, participants: str,
                      minutes: str, votes_for: int, votes_against: int) -> Evaluation:
    """The review meeting (bình xét) chaired by the unit's head, minutes kept (Art. 10)."""
    evaluation = _lock(evaluation)
    _require(actor, RUN, evaluation.unit if not evaluation.establishment_id else evaluation.commune)
    if evaluation.status not in (Status.ASSESSED, Status.REVIEWED):
        raise ValidationError(_("Record the self-assessment before the review meeting."))
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = [_("The meeting cannot be in the future.")]
    if held_on < evaluation.registered_on:
        errors["held_on"] = [_("The meeting cannot be before the registration.")]
    if not _clean_text(chair):
        errors["chair"] = [_("Who chaired the meeting?")]
    if votes_for + votes_against == 0:
        errors["votes_for"] = [_("Enter the votes cast.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(evaluation, EVALUATION_FIELDS)
    evaluation.review_held_on, evaluation.review_chair = held_on, _clean_text(chair)
    evaluation.review_participants, evaluation.review_minutes = participants.strip(), minutes.strip()
    evaluation.votes_for, evaluation.votes_against = votes_for, votes_against
    evaluation.status = Status.REVIEWED
    evaluation.save(update_fields=["review_held_on", "review_chair", "review_participants", "review_minutes",
                                   "votes_for", "votes_against", "status", "updated_at"])
    audit_record(actor=actor, action="evaluations.evaluation_review", obj=evaluation, unit_path=evaluation.unit.path,
                 before=before, after=snapshot(evaluation, EVALUATION_FIELDS))
    return evaluation


@transaction.atomic
def evaluation_propose(*, actor, evaluation: Evaluation, number: str, proposed_on: datetime.date) -> Evaluation:
    """The proposal (tờ trình) to the approving level, with the results and the minutes (Art. 10)."""
    evaluation = _lock(evaluation)
    _require(actor, RUN, evaluation.commune)
    if evaluation.status != Status.REVIEWED:
        raise ValidationError(_("Only a reviewed evaluation can be proposed."))
    errors = {}
    if not _clean_text(number):
        errors["number"] = [_("Enter the proposal's number.")]
    if proposed_on > timezone.localdate() or proposed_on < evaluation.review_held_on:
        errors["proposed_on"] = [_("The proposal date lies between the review meeting and today.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(evaluation, EVALUATION_FIELDS)
    evaluation.proposal_number, evaluation.proposed_on = _clean_text(number), proposed_on
    evaluation.status = Status.PROPOSED
    evaluation.save(update_fields=["proposal_number", "proposed_on", "status", "updated_at"])
    audit_record(actor=actor, action="evaluations.evaluation_propose", obj=evaluation, unit_path=evaluation.unit.path,
                 before=before, after=snapshot(evaluation, EVALUATION_FIELDS))
    return evaluation


def unmet_criteria(evaluation: Evaluation) -> list[CriterionResult]:
    return [r for r in evaluation.results.select_related("criterion") if not result_is_met(r)]


@transaction.atomic
def evaluation_decide(*, actor, evaluation: Evaluation, recognise: bool, decided_on: datetime.date,
                      decision_number: str = "", reason: str = "") -> Evaluation:
    """Recognition or refusal by the approving level (Art. 10): the commune People's Committee for
    residential areas, the level set in `KindRule` for the others (default province for communes).
    Automatic checks run again first; recognition needs every criterion met or excepted, and a
    commune needs 100 % of its units registered and at least 70 % recognised (Art. 5), computed."""
    evaluation = _lock(evaluation)
    rule = selectors.kind_rule(evaluation.kind, evaluation.period_end)
    approver = selectors.approving_unit(evaluation, rule)
    if approver is None or not has_permission(actor, APPROVE, approver):
        raise PermissionDenied
    if evaluation.status != Status.PROPOSED:
        raise ValidationError(_("Only a proposed evaluation can be decided."))
    errors = {}
    if decided_on > timezone.localdate() or decided_on < evaluation.proposed_on:
        errors["decided_on"] = [_("The decision date lies between the proposal and today.")]
    if recognise and not _clean_text(decision_number):
        errors["decision_number"] = [_("Enter the decision's number.")]
    if not recognise and len((reason or "").strip()) < 10:
        errors["reason"] = [_("Say why the unit is not recognised (at least 10 characters).")]
    if errors:
        raise ValidationError(errors)
    refresh_checks(evaluation)
    if recognise:
        unmet = unmet_criteria(evaluation)
        if unmet:
            raise ValidationError(_("Cannot recognise: these criteria are not met — %(criteria)s.") % {
                "criteria": "; ".join(f"{r.criterion.order}. {r.criterion.text[:80]}" for r in unmet)})
    before = snapshot(evaluation, EVALUATION_FIELDS)
    evaluation.status = Status.RECOGNISED if recognise else Status.REFUSED
    evaluation.decided_on, evaluation.decided_by = decided_on, actor
    evaluation.decision_number = _clean_text(decision_number)
    evaluation.refusal_reason = "" if recognise else reason.strip()
    evaluation.save(update_fields=["status", "decided_on", "decided_by", "decision_number", "refusal_reason",
                                   "updated_at"])
    audit_record(actor=actor, action="evaluations.evaluation_decide", obj=evaluation, unit_path=evaluation.unit.path,
                 before=before, after={**snapshot(evaluation, EVALUATION_FIELDS),
                                       "late": decided_on > rule.decision_due(evaluation.year)})
    return evaluation


# --- Incidents -------------------------------------------------------------------------------------


@transaction.atomic
def incident_record(*, actor, unit: AdminUnit, kind: str, occurred_on: datetime.date, description: str,
                    establishment: Establishment | None = None, detected_promptly: bool = False,
                    force_majeure: bool = False) -> Incident:
    """Record a fact that fails a criterion (a serious crime, a new hot spot, a dispute …), until
    the tips and mediation apps record them themselves. Automatic checks read it."""
    _require(actor, perms.RECORD_INCIDENT, unit)
    errors = {}
    if kind not in IncidentKind.values:
        errors["kind"] = [_("Choose the kind of incident.")]
    if unit.level.code not in (geo.COMMUNE, geo.RESIDENTIAL_AREA):
        errors["unit"] = [_("Choose a commune or a residential area.")]
    if establishment is not None and establishment.commune_id not in (unit.pk, unit.parent_id):
        errors["establishment"] = [_("The establishment is not in this commune.")]
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("The date cannot be in the future.")]
    if not (description or "").strip():
        errors["description"] = [_("Describe what happened.")]
    if errors:
        raise ValidationError(errors)
    incident = Incident.objects.create(unit=unit, establishment=establishment, kind=kind, occurred_on=occurred_on,
                                       description=description.strip(), detected_promptly=detected_promptly,
                                       force_majeure=force_majeure, recorded_by=actor)
    audit_record(actor=actor, action="evaluations.incident_record", obj=incident, unit_path=unit.path,
                 after=snapshot(incident, ["unit", "establishment", "kind", "occurred_on", "description",
                                           "detected_promptly", "force_majeure"]))
    return incident


# --- Movement grading ------------------------------------------------------------------------------


@transaction.atomic
def movement_grade(*, actor, kind: str, year: int, points: dict[int, object], unit: AdminUnit | None = None,
                   establishment: Establishment | None = None) -> MovementGrading:
    """Grade a unit's movement on the score sheet in force (Decision 510/QĐ-BCA-V05): the grade
    follows from the points and the sheet's thresholds; grading again replaces the scores."""
    home, commune, province = _subject(kind, unit, establishment)
    _require(actor, perms.GRADE_MOVEMENT, commune if establishment else home)
    sheet = (ScoreSheet.objects.filter(kind=kind, valid_from__lte=datetime.date(year, 12, 31))
             .order_by("-valid_from").prefetch_related("items", "bands").first())
    if sheet is None:
        raise ValidationError(_("No score sheet is in force for this kind of unit."))
    items = {item.pk: item for item in sheet.items.all()}
    errors, clean = {}, {}
    for pk, item in items.items():
        try:
            value = _parse_value(points.get(pk))
        except ValueError:
            value = Decimal(-1)
        if value is None or value < 0 or value > item.max_points:
            errors[f"item_{pk}"] = [_("%(item)s: from 0 to %(max)s points.") % {"item": item.text,
                                                                                 "max": item.max_points}]
        else:
            clean[pk] = value
    if set(points) - set(items):
        errors["points"] = [_("Unknown score items.")]
    if errors:
        raise ValidationError(errors)
    total = sum(clean.values(), Decimal(0))
    bands = sorted(sheet.bands.all(), key=lambda b: -b.min_points)
    grade = next((b.grade for b in bands if total >= b.min_points), bands[-1].grade)
    grading = MovementGrading.objects.filter(year=year, **selectors.subject(home, establishment)).select_for_update(
    ).first()
    before = snapshot(grading, ["total", "grade"]) if grading else None
    if grading is None:
        grading = MovementGrading(year=year, kind=kind, unit=home, establishment=establishment, commune=commune,
                                  province=province)
    grading.sheet, grading.total, grading.grade = sheet, total, grade
    grading.graded_on, grading.graded_by = timezone.localdate(), actor
    grading.save()
    ScoreEntry.objects.filter(grading=grading).delete()
    ScoreEntry.objects.bulk_create([ScoreEntry(grading=grading, item_id=pk, points=v) for pk, v in clean.items()])
    audit_record(actor=actor, action="evaluations.movement_grade", obj=grading, unit_path=home.path, before=before,
                 after={"total": total, "grade": grade, "sheet_confirmed": sheet.confirmed})
    return grading


# --- Rules: criteria sets, score-sheet thresholds, targets ---------------------------------------

MANAGE_CRITERIA = perms.MANAGE_CRITERIA
CIRCULAR_SOURCE = "Thông tư 124/2021/TT-BCA"
CRITERION_FIELDS = ["order", "code", "text", "article", "judgement", "threshold", "check_code", "allows_exception",
                    "exception_text"]


def _rule_scope(actor, province: AdminUnit | None) -> None:
    """National rules belong to the whole country (the root); a province's to that province."""
    scope = province or AdminUnit.objects.get(level__code=geo.CENTRAL, parent__isnull=True)
    _require(actor, MANAGE_CRITERIA, scope)


def _revisable(criteria_set: CriteriaSet, valid_from: datetime.date) -> CriteriaSet:
    """The set to edit. Once an evaluation used it (its cycle opened), it is frozen: the edit goes
    to a new version from `valid_from`, the old one ends the day before, and old results keep the
    criteria they were judged on (Circular 124/2021 Art. 8: criteria may change by year)."""
    used = Evaluation.objects.filter(Q(criteria_set=criteria_set) | Q(province_set=criteria_set)).exists()
    if not used:
        return criteria_set
    if valid_from <= criteria_set.valid_from:
        raise ValidationError({"valid_from": [_("Evaluations already use this set: the new version starts after "
                                                "%(date)s.") % {"date": f"{criteria_set.valid_from:%d/%m/%Y}"}]})
    newest = CriteriaSet.objects.filter(kind=criteria_set.kind, province=criteria_set.province).order_by(
        "-version").first()
    revised = CriteriaSet.objects.create(kind=criteria_set.kind, province=criteria_set.province,
                                         version=newest.version + 1, valid_from=valid_from,
                                         source=criteria_set.source)
    Criterion.objects.bulk_create([
        Criterion(criteria_set=revised, **{f: getattr(c, f) for f in CRITERION_FIELDS})
        for c in criteria_set.criteria.all()])
    criteria_set.valid_to = valid_from - datetime.timedelta(days=1)
    criteria_set.save(update_fields=["valid_to"])
    return revised


def _criterion_errors(*, text: str, judgement: str, threshold, check_code: str) -> dict[str, list[str]]:
    from antq.evaluations.checks import check_codes

    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Enter the criterion.")]
    if judgement not in Judgement.values:
        errors["judgement"] = [_("Choose how the criterion is judged.")]
    if judgement == Judgement.THRESHOLD and (threshold is None or threshold < 0):
        errors["threshold"] = [_("A threshold criterion needs the number to reach.")]
    if judgement == Judgement.AUTOMATIC and check_code not in check_codes():
        errors["check_code"] = [_("Choose one of the product's automatic checks.")]
    return errors


@transaction.atomic
def criterion_add(*, actor, kind: str, province: AdminUnit | None, text: str, article: str = "",
                  judgement: str = Judgement.YES_NO, threshold: Decimal | None = None, check_code: str = "",
                  valid_from: datetime.date | None = None) -> Criterion:
    """Add a criterion: to a province's own set (Circular 124/2021 Art. 8 lets a province add
    criteria fitting its situation) or, for the ministry, to the national set. A set already in
    use gets a new version from `valid_from`."""
    if province is not None and province.level.code != geo.PROVINCE:
        raise ValidationError({"province": [_("Only a province adds its own criteria.")]})
    _rule_scope(actor, province)
    if kind not in UnitKind.values:
        raise ValidationError({"kind": [_("Choose a kind of unit.")]})
    text = _clean_text(text)
    errors = _criterion_errors(text=text, judgement=judgement, threshold=threshold, check_code=check_code)
    if errors:
        raise ValidationError(errors)
    valid_from = valid_from or timezone.localdate()
    current = (CriteriaSet.objects.select_for_update().filter(kind=kind, province=province, valid_to__isnull=True)
               .order_by("-version").first())
    if current is None:
        current = CriteriaSet.objects.create(kind=kind, province=province, version=1, valid_from=valid_from,
                                             source=_("Province's own criteria (Circular 124/2021, Art. 8)")
                                             if province else CIRCULAR_SOURCE)
    target_set = _revisable(current, valid_from)
    order = max(target_set.criteria.values_list("order", flat=True), default=0) + 1
    criterion = Criterion.objects.create(
        criteria_set=target_set, order=order, code=f"{'p' if province else 'n'}{order}-{fold(text)[:30]}".replace(
            " ", "-"), text=text, article=_clean_text(article), judgement=judgement,
        threshold=threshold if judgement == Judgement.THRESHOLD else None,
        check_code=check_code if judgement == Judgement.AUTOMATIC else "")
    audit_record(actor=actor, action="evaluations.criterion_add", obj=criterion,
                 unit_path=province.path if province else "/",
                 after={**snapshot(criterion, CRITERION_FIELDS), "set": str(target_set)})
    return criterion


@transaction.atomic
def criterion_update(*, actor, criterion: Criterion, text: str, article: str = "", threshold: Decimal | None = None,
                     valid_from: datetime.date | None = None) -> Criterion:
    """Change a criterion's wording or threshold. If evaluations already used its set, the change
    goes to a new version; their results keep the old wording."""
    criterion = (Criterion.objects.select_for_update(of=("self",)).select_related("criteria_set__province")
                 .get(pk=criterion.pk))
    criteria_set = criterion.criteria_set
    _rule_scope(actor, criteria_set.province)
    if criteria_set.valid_to is not None:
        raise ValidationError(_("This version has ended; change the version in force."))
    text = _clean_text(text)
    errors = _criterion_errors(text=text, judgement=criterion.judgement, threshold=threshold,
                               check_code=criterion.check_code)
    if errors:
        raise ValidationError(errors)
    before = snapshot(criterion, CRITERION_FIELDS)
    revised = _revisable(criteria_set, valid_from or timezone.localdate())
    target = revised.criteria.get(code=criterion.code) if revised.pk != criteria_set.pk else criterion
    target.text, target.article = text, _clean_text(article)
    target.threshold = threshold if criterion.judgement == Judgement.THRESHOLD else None
    target.save()
    audit_record(actor=actor, action="evaluations.criterion_update", obj=target,
                 unit_path=criteria_set.province.path if criteria_set.province else "/", before=before,
                 after={**snapshot(target, CRITERION_FIELDS), "set": str(revised)})
    return target


@transaction.atomic
def criterion_remove(*, actor, criterion: Criterion, valid_from: datetime.date | None = None) -> CriteriaSet:
    """Drop a province's own criterion (the national ones are the circular's and stay). A set in use
    gets a new version without it."""
    criterion = Criterion.objects.select_related("criteria_set__province").get(pk=criterion.pk)
    criteria_set = criterion.criteria_set
    if criteria_set.province is None:
        raise ValidationError(_("The circular's own criteria cannot be removed; change their wording instead."))
    _rule_scope(actor, criteria_set.province)
    if criteria_set.valid_to is not None:
        raise ValidationError(_("This version has ended; change the version in force."))
    revised = _revisable(criteria_set, valid_from or timezone.localdate())
    revised.criteria.filter(code=criterion.code).delete()
    audit_record(actor=actor, action="evaluations.criterion_remove", obj=revised,
                 unit_path=criteria_set.province.path, before=snapshot(criterion, CRITERION_FIELDS))
    return revised


@transaction.atomic
def score_sheet_confirm(*, actor, sheet: ScoreSheet, bands: dict[str, int]) -> ScoreSheet:
    """Set the grade thresholds of a Decision 510 score sheet and mark them confirmed by the text.
    Thresholds go down with the grade, the lowest grade starts at 0."""
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    _rule_scope(actor, None)
    total = sum(sheet.items.values_list("max_points", flat=True))
    order = [Grade.EXCELLENT, Grade.GOOD, Grade.AVERAGE, Grade.WEAK]
    current = {band.grade: band for band in sheet.bands.all()}
    errors: dict[str, list[str]] = {}
    values = []
    for grade in order:
        if grade not in current:
            continue
        value = bands.get(grade)
        if value is None or not 0 <= value <= total:
            errors[grade] = [_("From 0 to %(max)s points.") % {"max": total}]
        values.append((grade, value))
    numbers = [v for _g, v in values if v is not None]
    if not errors and any(a <= b for a, b in pairwise(numbers)):
        errors["__all__"] = [_("Each grade starts at fewer points than the grade above it.")]
    if not errors and numbers and numbers[-1] != 0:
        errors[values[-1][0]] = [_("The lowest grade starts at 0 points.")]
    if errors:
        raise ValidationError(errors)
    before = {band.grade: band.min_points for band in current.values()}
    for grade, value in values:
        current[grade].min_points = value
        current[grade].save(update_fields=["min_points"])
    sheet.confirmed = True
    sheet.save(update_fields=["confirmed"])
    audit_record(actor=actor, action="evaluations.score_sheet_confirm", obj=sheet, unit_path="/",
                 before=before, after={**dict(values), "confirmed": True})
    return sheet


@transaction.atomic
def target_set(*, actor, kind: str, value: Decimal, year_from: int, unit: AdminUnit | None = None) -> Target:
    """Set a target from a year on: the national one (Plan 279's 75 %, Directive 09's zero weak
    communes) or an area's own. An area may only raise the share it aims at, not lower it."""
    _rule_scope(actor, unit)
    errors: dict[str, list[str]] = {}
    if kind not in TargetKind.values:
        errors["kind"] = [_("Choose a target.")]
    elif kind == TargetKind.RECOGNISED_SHARE and not (0 <= value <= 100):
        errors["value"] = [_("A share lies between 0 and 100 %.")]
    elif value < 0:
        errors["value"] = [_("Enter a number of 0 or more.")]
    if not 2000 <= year_from <= 2100:
        errors["year_from"] = [_("Enter a year between 2000 and 2100.")]
    if not errors and unit is not None and kind == TargetKind.RECOGNISED_SHARE:
        national = selectors.target(kind, year_from)
        if national is not None and value < national:
            errors["value"] = [_("The national target is %(value)s %%: an area may aim higher, not lower.") % {
                "value": national}]
    previous = (Target.objects.select_for_update().filter(kind=kind, unit=unit, year_to__isnull=True)
                .order_by("-year_from").first())
    if not errors and previous is not None and previous.year_from > year_from:
        errors["year_from"] = [_("A target already runs from %(year)s.") % {"year": previous.year_from}]
    if errors:
        raise ValidationError(errors)
    if previous is not None and previous.year_from == year_from:
        previous.delete()  # the same year's target, corrected
    elif previous is not None:
        previous.year_to = year_from - 1
        previous.save(update_fields=["year_to"])
    row = Target.objects.create(kind=kind, unit=unit, value=value, year_from=year_from,
                                source=_("Set by %(who)s") % {"who": actor.get_full_name() or actor.username})
    audit_record(actor=actor, action="evaluations.target_set", obj=row, unit_path=unit.path if unit else "/",
                 after=snapshot(row, ["kind", "unit", "value", "year_from"]))
    return row


@transaction.atomic
def kind_rule_change(*, actor, kind: str, valid_from: datetime.date, approving_level,
                     registration_due: tuple[int, int], decision_due: tuple[int, int], grading_due: tuple[int, int],
                     remind_days_before: list[int], exempt_classes: list[str] | None = None) -> KindRule:
    """Change who approves a kind of unit, its deadlines and reminder days from a date on
    (Circular 124/2021 Art. 9–10; the approving level of communes since July 2025 is not confirmed
    by the text, so it is a setting). Earlier cycles keep the rule they ran under: the change is a
    new row from `valid_from`, or corrects the row that already starts that day."""
    _rule_scope(actor, None)
    errors: dict[str, list[str]] = {}
    if kind not in UnitKind.values:
        errors["kind"] = [_("Choose a kind of unit.")]
    if approving_level is None or approving_level.code not in (geo.COMMUNE, geo.PROVINCE):
        errors["approving_level"] = [_("The commune or the province approves.")]
    for field, (month, day) in (("registration_due", registration_due), ("decision_due", decision_due),
                                ("grading_due", grading_due)):
        try:
            datetime.date(2024, month, day)  # a leap year: 29/02 is a real date
        except (TypeError, ValueError):
            errors[field] = [_("Enter a real day and month.")]
    if any(not isinstance(d, int) or not 0 < d <= 90 for d in remind_days_before):
        errors["remind_days_before"] = [_("Days between 1 and 90.")]
    allowed = [c for c in SIZE_CLASSES_BY_KIND.get(kind, []) if c]
    if exempt_classes is not None and not set(exempt_classes) <= set(allowed):
        errors["exempt_classes"] = [_("Only a size or level of this kind of unit can be exempt.")]
    if errors:
        raise ValidationError(errors)
    current = selectors.kind_rule(kind, valid_from)
    current = KindRule.objects.select_for_update().select_related("approving_level").get(pk=current.pk)
    rule = current if current.valid_from == valid_from else KindRule(
        kind=kind, valid_from=valid_from, period_end_month=current.period_end_month,
        period_end_day=current.period_end_day, exempt_classes=current.exempt_classes, source=current.source)
    before = snapshot(current)
    rule.approving_level, rule.approving_level_confirmed = approving_level, True
    rule.registration_due_month, rule.registration_due_day = registration_due
    rule.decision_due_month, rule.decision_due_day = decision_due
    rule.grading_due_month, rule.grading_due_day = grading_due
    rule.remind_days_before = sorted(set(remind_days_before), reverse=True)
    if exempt_classes is not None:
        rule.exempt_classes = [c for c in allowed if c in exempt_classes]
    rule.save()
    audit_record(actor=actor, action="evaluations.kind_rule_change", obj=rule, unit_path="/", before=before,
                 after=snapshot(rule))
    if valid_from <= timezone.localdate() and rule == selectors.kind_rule(kind):
        # Who is exempt now follows the rule in force: lists, registration and counts read the flag.
        Establishment.objects.filter(kind=kind).update(is_exempt=Case(
            When(size_class__in=rule.exempt_classes or [], then=Value(True)), default=Value(False)))
    return rule
