"""Writes of core (docs/architecture.md rule 3).

Two-person access (antq.core.grants): an officer asks with a reason, a second person approves for a
limited time or refuses, either ends it early; each step is an audit row.

The rules: the working calendar, the statutory time limits (Criminal Procedure Code 2015 Art. 134) and
the rule tables the apps register (antq.core.rules) — docs/architecture.md rule 4. They are national:
the ministry's administrator (core.manage_reference_data over the whole country) changes them, each
change from a date on, so what was counted before stands; every change leaves an audit row with before
and after."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core import grants, limits, rules
from antq.core import permissions as perms
from antq.core.access import has_national_permission, has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.models import AccessGrant, CalendarDay, GrantStatus, TimeLimit, TimeUnit

MANAGE_RULES = perms.MANAGE_REFERENCE_DATA
NATIONAL_PATH = "/"


def _require_national(actor) -> None:
    if not has_national_permission(actor, MANAGE_RULES):
        raise PermissionDenied


def _not_past(day: datetime.date | None, field: str) -> dict[str, list[str]]:
    if day is None:
        return {field: [_("Enter a date.")]}
    if day < timezone.localdate():
        return {field: [_("A day already passed is not changed: the limits counted over it stand.")]}
    return {}


def _after_calendar_change(actor, day: datetime.date) -> None:
    limits.calendar_listeners_run(actor=actor, day=day)


@transaction.atomic
def calendar_day_set(*, actor, day: datetime.date | None, working: bool, name: str,
                     source: str = "") -> CalendarDay:
    """Mark `day` a day off (a holiday, a day given in lieu) or a make-up working day on a weekend, as
    the government's yearly decision says; the open limits that the change moves are recomputed by
    the apps that keep them (each with its audit row). Days already passed stay as they were."""
    _require_national(actor)
    name, source = (name or "").strip(), (source or "").strip()
    errors = _not_past(day, "day")
    if not name:
        errors["name"] = [_("Name the day (the holiday, or what the working day makes up for).")]
    if day is not None and working and day.weekday() < 5 and "day" not in errors:
        errors["working"] = [_("A weekday is a working day already; a make-up working day falls on a weekend.")]
    if errors:
        raise ValidationError(errors)
    if not CalendarDay.objects.filter(day__year=day.year).exists():
        # Until a year has rows, its deadlines count the package's days off; the first row entered must
        # not drop them (a year with rows reads nothing else), so they come in with it.
        CalendarDay.objects.bulk_create([
            CalendarDay(day=other, working=other_working, name=other_name[:200], source="holidays (VN)")
            for other, (other_working, other_name) in sorted(limits.package_days(day.year).items()) if other != day])
    row = CalendarDay.objects.select_for_update().filter(day=day).first()
    before = snapshot(row) if row else None
    if row and (row.working, row.name, row.source) == (working, name[:200], source[:300]):
        return row
    row = row or CalendarDay(day=day)
    row.working, row.name, row.source = working, name[:200], source[:300]
    row.save()
    audit_record(actor=actor, action="core.calendar_day_set", obj=row, unit_path=NATIONAL_PATH, before=before,
                 after=snapshot(row))
    _after_calendar_change(actor, day)
    return row


@transaction.atomic
def calendar_day_remove(*, actor, day: CalendarDay) -> datetime.date:
    """Drop a calendar row: the day is an ordinary day of the week again (a working day from Monday to
    Friday, a day off at the weekend). Returns the day."""
    _require_national(actor)
    row = CalendarDay.objects.select_for_update().filter(pk=day.pk).first()
    if row is None:
        return day.day
    errors = _not_past(row.day, "day")
    if errors:
        raise ValidationError(errors)
    audit_record(actor=actor, action="core.calendar_day_remove", obj=row, unit_path=NATIONAL_PATH,
                 before=snapshot(row))
    removed = row.day
    row.delete()
    _after_calendar_change(actor, removed)
    return removed


@transaction.atomic
def calendar_year_load(*, actor, year: int) -> int:
    """Add the days off and make-up working days of `year` that the `holidays` package knows and the
    calendar does not have yet (rows entered by hand are kept). Returns how many were added."""
    _require_national(actor)
    today = timezone.localdate()
    if not isinstance(year, int) or not today.year - 1 <= year <= today.year + 10:
        raise ValidationError({"year": [_("Choose a year from %(a)s to %(b)s.") % {
            "a": today.year - 1, "b": today.year + 10}]})
    known = set(CalendarDay.objects.filter(day__year=year).values_list("day", flat=True))
    added = [CalendarDay(day=day, working=working, name=name[:200], source="holidays (VN)")
             for day, (working, name) in sorted(limits.package_days(year).items())
             if day not in known and day >= today]
    CalendarDay.objects.bulk_create(added)
    limits.calendar_changed()
    for row in added:
        audit_record(actor=actor, action="core.calendar_year_load", obj=row, unit_path=NATIONAL_PATH,
                     after=snapshot(row))
    for row in added:
        _after_calendar_change(actor, row.day)
    return len(added)


@transaction.atomic
def time_limit_change(*, actor, code: str, valid_from: datetime.date | None, amount: int | None, unit: str,
                      source: str = "", unconfirmed: bool = False) -> TimeLimit:
    """Change a statutory time limit from `valid_from` on (today or later): events before that day keep
    the limit they were counted with. A row that already starts that day is corrected."""
    _require_national(actor)
    try:
        spec = limits.spec(code)
    except KeyError:
        raise ValidationError({"code": [_("Choose a time limit.")]}) from None
    errors = _not_past(valid_from, "valid_from")
    if not isinstance(amount, int) or not 1 <= amount <= 1000:
        errors["amount"] = [_("Enter a whole number from 1 to 1000.")]
    if unit not in spec.units:
        errors["unit"] = [_("This limit is counted in: %(units)s.") % {
            "units": ", ".join(str(TimeUnit(u).label) for u in spec.units)}]
    if errors:
        raise ValidationError(errors)
    row = TimeLimit.objects.select_for_update().filter(code=code, valid_from=valid_from).first()
    current = limits.in_force(code, valid_from)
    before = snapshot(row) if row else {"code": code, "amount": current.amount, "unit": current.unit,
                                        "source": current.source, "valid_from": current.valid_from}
    row = row or TimeLimit(code=code, valid_from=valid_from)
    row.amount, row.unit, row.unconfirmed = amount, unit, bool(unconfirmed)
    row.source = (source or "").strip()[:300] or current.source
    row.save()
    audit_record(actor=actor, action="core.time_limit_change", obj=row, unit_path=NATIONAL_PATH, before=before,
                 after=snapshot(row))
    return row


# --- The apps' rule tables (antq.core.rules.RuleTable) ---------------------------------------------

def _copyable(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in ("valid_from", "valid_to")]


def _has(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


@transaction.atomic
def rule_row_save(*, actor, table: rules.RuleTable, values: dict, row=None,
                  valid_from: datetime.date | None = None):
    """Add or change a row of a rule table (docs/architecture.md rule 4). A dated rule changes from
    `valid_from`, today or later: a new row, and the row it replaces ends the day before, so whatever
    was judged earlier keeps the rule it was judged by; a row starting that very day is corrected. An
    undated table (categories, remote communes) changes in place. The model's own checks apply; the
    change is audited with before and after."""
    _require_national(actor)
    if table.edited_on:
        raise ValidationError(_("These rules change on their own page."))
    model = table.model
    if row is not None:
        row = model.objects.select_for_update().get(pk=row.pk)
    errors = _not_past(valid_from, "valid_from") if table.dated else {}
    if table.dated and row is not None and row.valid_from and valid_from and valid_from < row.valid_from:
        errors["valid_from"] = [_("This version starts on %(date)s: a change starts that day or later.") % {
            "date": f"{row.valid_from:%d/%m/%Y}"}]
    if errors:
        raise ValidationError(errors)
    before = snapshot(row, list(table.fields)) if row is not None else None
    replaced = None
    if table.dated and (row is None or row.valid_from != valid_from):
        replaced = row if row is not None else _in_force(table, values, valid_from)
        if replaced is not None and replaced.valid_from == valid_from:  # starts that day: corrected
            target, replaced = replaced, None
            before = before or snapshot(target, list(table.fields))
        else:
            target = model(**{name: getattr(replaced, name) for name in _copyable(model)}) if replaced else model()
            target.valid_from = valid_from
    else:
        target = row if row is not None else model()
    for name, value in values.items():
        setattr(target, name, value)
    try:
        target.full_clean(exclude=[f for f in ("valid_to",) if _has(model, f)])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    target.save()
    ends_later = replaced is not None and (replaced.valid_to is None or replaced.valid_to >= valid_from)
    if ends_later and _has(model, "valid_to"):
        replaced.valid_to = valid_from - datetime.timedelta(days=1)
        replaced.save(update_fields=["valid_to"])
    audit_record(actor=actor, action="core.rule_row_save", obj=target, unit_path=NATIONAL_PATH, before=before,
                 after={**snapshot(target, list(table.fields)), "table": table.key,
                        **({"valid_from": valid_from} if table.dated else {})})
    return target


def _in_force(table: rules.RuleTable, values: dict, on: datetime.date):
    """The row of the same rule in force on `on` (a dated table's `same_rule` fields), if any."""
    if not table.same_rule and _has(table.model, "valid_to"):
        return None
    rows = table.model.objects.filter(**{name: values.get(name) for name in table.same_rule})
    return rules.row_in_force(rows.select_for_update(), on)


@transaction.atomic
def rule_row_remove(*, actor, table: rules.RuleTable, row, valid_from: datetime.date | None = None):
    """Take a rule out: a dated row ends the day before `valid_from` (today or later) and stays for what it
    judged; an undated one is deleted, unless something recorded uses it (then deactivate it instead)."""
    _require_national(actor)
    if table.edited_on:
        raise ValidationError(_("These rules change on their own page."))
    row = table.model.objects.select_for_update().get(pk=row.pk)
    before = snapshot(row, list(table.fields))
    if table.dated and _has(table.model, "valid_to"):
        errors = _not_past(valid_from, "valid_from")
        if errors:
            raise ValidationError(errors)
        row.valid_to = valid_from - datetime.timedelta(days=1)
        row.save(update_fields=["valid_to"])
    else:
        audit_record(actor=actor, action="core.rule_row_remove", obj=row, unit_path=NATIONAL_PATH, before=before,
                     after={"table": table.key})
        try:
            with transaction.atomic():
                row.delete()
        except ProtectedError:
            raise ValidationError(_("Records use this row: it cannot be removed; deactivate it instead.")) from None
        return row
    audit_record(actor=actor, action="core.rule_row_remove", obj=row, unit_path=NATIONAL_PATH, before=before,
                 after={"table": table.key, "valid_to": row.valid_to})
    return row


# --- Two-person access ------------------------------------------------------------------------------

MIN_REASON = 10


def _grant_audit(actor, action: str, grant: AccessGrant, before: dict | None = None) -> None:
    audit_record(actor=actor, action=action, obj=grant, unit_path=grant.unit_path, object_repr=str(grant)[:300],
                 before=before, after=snapshot(grant, ["purpose", "object_type", "object_id", "object_repr",
                                                      "requested_by", "reason", "status", "decided_by",
                                                      "decision_note", "expires_at", "emergency"]))


@transaction.atomic
def access_request(*, actor, purpose: str, obj, unit, reason: str, label: str) -> AccessGrant:
    """Ask a second person for access to `obj` (in `unit`) for `purpose`, saying why. The app's service
    checks first that the object holds something to open (a tip that is not anonymous); `label` is what
    the approver reads to know what is asked (a receipt code), never the content itself."""
    item = grants.purpose(purpose)
    if not has_permission(actor, item.request_permission, unit):
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": [_("Say why you need it, in at least %(n)s characters: the approver "
                                            "decides on it.") % {"n": MIN_REASON}]})
    if len(reason) > 1000:
        raise ValidationError({"reason": [_("At most %(n)s characters.") % {"n": 1000}]})
    existing = grants.latest(actor, purpose, obj)
    if existing and (existing.status == GrantStatus.PENDING or existing.is_active()):
        raise ValidationError({"reason": [_("You have asked already: the request is %(status)s.") % {
            "status": existing.get_status_display()}]})
    object_type, object_id = grants.object_key(obj)
    grant = AccessGrant.objects.create(purpose=purpose, object_type=object_type, object_id=object_id,
                                       object_repr=str(label)[:200], unit_path=unit.path, requested_by=actor,
                                       reason=reason, requested_at=timezone.now())
    _grant_audit(actor, "core.access_request", grant)
    return grant


@transaction.atomic
def access_break_glass(*, actor, purpose: str, obj, unit, reason: str, label: str) -> AccessGrant:
    """Break the glass: open `obj` at once, without a second person, on a stated reason — for an emergency
    only, where the purpose allows it (its `break_glass_permission`). The opening lasts the purpose's
    emergency limit in force (hours); everyone holding the approving permission over the unit is told
    (after the commit, by the worker: what was opened, by whom, never its content) and may close it; the
    reads under it are in the trail with the grant's number, and the approvers' page lists it."""
    item = grants.purpose(purpose)
    if not item.break_glass_permission or not has_permission(actor, item.break_glass_permission, unit):
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": [_("Say why you must open it now, in at least %(n)s characters: the "
                                            "approvers are told.") % {"n": MIN_REASON}]})
    if len(reason) > 1000:
        raise ValidationError({"reason": [_("At most %(n)s characters.") % {"n": 1000}]})
    existing = grants.active(actor, purpose, obj, unit)
    if existing is not None:
        raise ValidationError({"reason": [_("It is open to you already, until %(until)s.") % {
            "until": timezone.localtime(existing.expires_at).strftime("%H:%M %d/%m/%Y")}]})
    now = timezone.now()
    object_type, object_id = grants.object_key(obj)
    grant = AccessGrant.objects.create(
        purpose=purpose, object_type=object_type, object_id=object_id, object_repr=str(label)[:200],
        unit_path=unit.path, requested_by=actor, reason=reason, requested_at=now, status=GrantStatus.APPROVED,
        decided_at=now, emergency=True, expires_at=limits.in_force(item.break_glass_limit).end(now))
    _grant_audit(actor, "core.access_break_glass", grant)
    from antq.core.tasks import notify_break_glass

    transaction.on_commit(lambda: notify_break_glass.enqueue(grant_id=grant.pk))
    return grant


def _decidable(actor, grant: AccessGrant) -> AccessGrant:
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    if not grants.can_decide(actor, grant):
        raise PermissionDenied
    if grant.status != GrantStatus.PENDING:
        raise ValidationError(_("This request was decided already: it is %(status)s.") % {
            "status": grant.get_status_display()})
    return grant


@transaction.atomic
def access_approve(*, actor, grant: AccessGrant, hours: int | None = None, note: str = "") -> AccessGrant:
    """A second person — never the one who asked — holding the purpose's approving permission over the
    unit opens the object to the named officer for at most the time limit in force (in hours), shorter
    if the approver says so."""
    grant = _decidable(actor, grant)
    most = limits.in_force(grants.purpose(grant.purpose).limit).amount
    if hours is None:
        hours = most
    if not 1 <= hours <= most:
        raise ValidationError({"hours": [_("Between 1 and %(n)s hours.") % {"n": most}]})
    before = snapshot(grant, ["status"])
    now = timezone.now()
    grant.status, grant.decided_by, grant.decided_at = GrantStatus.APPROVED, actor, now
    grant.decision_note = (note or "").strip()[:1000]
    grant.expires_at = limits.Limit(hours, TimeUnit.HOURS).end(now)
    grant.save()
    _grant_audit(actor, "core.access_approve", grant, before)
    return grant


@transaction.atomic
def access_refuse(*, actor, grant: AccessGrant, note: str) -> AccessGrant:
    """Refuse a request, saying why (the officer reads it)."""
    grant = _decidable(actor, grant)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Say why you refuse: the officer reads it.")]})
    before = snapshot(grant, ["status"])
    grant.status, grant.decided_by, grant.decided_at = GrantStatus.REFUSED, actor, timezone.now()
    grant.decision_note = note[:1000]
    grant.save()
    _grant_audit(actor, "core.access_refuse", grant, before)
    return grant


@transaction.atomic
def access_end(*, actor, grant: AccessGrant) -> AccessGrant:
    """End a request or a grant before its time: the officer who asked (done, or no longer needed) or
    anyone who could approve it."""
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    own = grant.requested_by_id == actor.pk
    if not own and not grants.can_decide(actor, grant):
        raise PermissionDenied
    if not (grant.status == GrantStatus.PENDING or grant.is_active()):
        raise ValidationError(_("This request is no longer open."))
    before = snapshot(grant, ["status", "expires_at"])
    grant.status = GrantStatus.ENDED
    if grant.expires_at:
        grant.expires_at = min(grant.expires_at, timezone.now())
    if not grant.decided_by_id:
        grant.decided_by, grant.decided_at = actor, timezone.now()
    grant.save()
    _grant_audit(actor, "core.access_end", grant, before)
    return grant


# --- Keys ---------------------------------------------------------------------------------------------

def _rotate_column(model, field) -> int:
    """Re-encrypt one encrypted column's values that another key sealed."""
    from antq.core.crypto import decrypt, needs_rotation
    from antq.core.fields import sealed_values

    context = field.context()
    stale = [(pk, token) for pk, token in sealed_values(model, field) if needs_rotation(token)]
    for pk, token in stale:  # the ORM seals the plain value again, with the current key
        model._base_manager.filter(pk=pk).update(**{field.name: decrypt(token, context=context)})
    return len(stale)


def rotate_keys(*, actor=None) -> dict[str, int]:
    """Re-encrypt, with the first key of ANTQ_DATA_KEYS, every value another key sealed: every encrypted
    column of every app (antq.core.fields), what apps encrypt themselves (contributed under
    "core.rotate_keys": a function without arguments that answers how many it re-encrypted) and the
    stored files (antq.core.storage; a file written before they were sealed is sealed now). One audit
    row says how many per column, never what."""
    from antq.core import registry
    from antq.core.fields import encrypted_fields

    counts = {f"{model._meta.label_lower}.{field.name}": _rotate_column(model, field)
              for model, field in encrypted_fields()}
    for name, function in sorted(registry.contributions("core.rotate_keys").items()):
        counts[name] = function()
    from django.core.files.storage import default_storage

    if hasattr(default_storage, "reseal"):  # the stored files (antq.core.storage)
        counts["files"] = default_storage.reseal()
    with transaction.atomic():
        audit_record(actor=actor, action="core.rotate_keys", unit_path=NATIONAL_PATH, after={"re_encrypted": counts})
    return counts
