"""Writes of the tips app (Criminal Procedure Code 2015 Art. 134, 144–148; Joint Circular 01/2017
Art. 8, 14; Circular 28/2020 Art. 5, 17; Law 91/2025 on personal data — LAW.md §2, §8).

Each function runs in one transaction, checks the actor's permission over the tip's commune and
leaves an audit row that never holds the reporter's identity. The public ones (`tip_accept`,
`reporter_access`, `reporter_message`) have no actor and store nothing about the client.

Every report goes first to the receipt journal (`TipIntake`): `tip_accept`, the public intake, checks
it and writes it in one insert; the registrar (`intake_register`, run by the worker) makes the tips,
their register numbers and audit rows in batches. The officer's entries and `tip_submit` do both
steps in one transaction.
"""

from __future__ import annotations

import datetime
import decimal
import json
import logging
import uuid
from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from antq.core import grants, limits, receipts, registry
from antq.core import services as core_services
from antq.core.access import has_permission
from antq.core.audit import audit_record, audit_record_many, snapshot
from antq.core.crypto import decrypt, encrypt, hash_secret
from antq.core.limits import Limit
from antq.core.models import TimeUnit
from antq.core.text import phone_ok
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.orgs.models import User
from antq.tips import permissions as perms
from antq.tips import selectors
from antq.tips.choices import CLOCK_STATUSES, OPEN_STATUSES, Author, Channel, Feedback, Outcome, Referral, Status
from antq.tips.models import RegisterCounter, RemoteCommune, Tip, TipAttachment, TipCategory, TipIntake, TipMessage

logger = logging.getLogger(__name__)
VIEW, HANDLE, RECORD = perms.VIEW_TIP, perms.HANDLE_TIP, perms.RECORD_TIP
IDENTITY, SUPERVISE = perms.VIEW_IDENTITY, perms.SUPERVISE_TIP
IDENTITY_PURPOSE = "tips.identity"  # the two-person access to a reporter's identity (antq.core.grants)
IDENTITY_FIELDS = ("reporter_name", "reporter_phone", "reporter_id_number", "reporter_address", "reporter_email")
AUDITED = ["receipt_code", "channel", "report_type", "category", "commune", "anonymous", "status", "urgent",
           "complex_case", "assigned_to", "resolve_due", "forward_due", "extended", "outcome", "referral",
           "merged_into", "suspension_reason"]
MAX_TEXT = 10_000
CONSENT_PURPOSES = ("handle", "contact")
INTAKE_CONTEXT = "tips.tipintake.payload"  # the journal's payload is bound to its column
INTAKE = "tips/intake"  # where a report's files wait for the registrar (under random names)
REGISTER_BATCH = 200  # reports registered per transaction
REGISTER_ERRORS = (DatabaseError, ValueError, KeyError, TypeError)  # a report the registrar sets aside


def _require(actor, action: str, tip_or_unit) -> None:
    unit = tip_or_unit.commune if isinstance(tip_or_unit, Tip) else tip_or_unit
    if not has_permission(actor, action, unit):
        raise PermissionDenied


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _context(field: str) -> str:
    return f"tips.tip.{field}"


def _locked(tip: Tip) -> Tip:
    return Tip.objects.select_for_update(of=("self",)).select_related("commune").get(pk=tip.pk)


def _audit(actor, action: str, tip: Tip, before: dict | None = None, **extra) -> None:
    audit_record(actor=actor, action=action, obj=tip, unit_path=tip.commune.path, before=before,
                 after={**snapshot(tip, AUDITED), **extra})


def _official():
    return translation.override(settings.LANGUAGE_CODE)


def _notify(tip: Tip, text: str) -> None:
    """Tell an identified reporter by SMS/email after commit; never an anonymous one (Circular 28/2020 Art. 17)."""
    if tip.anonymous or not tip.has_contact:
        return
    from antq.tips.tasks import notify_reporter

    transaction.on_commit(lambda: notify_reporter.enqueue(tip_id=tip.pk, text=text))


# --- Receiving -----------------------------------------------------------------------------------


def _id_number_ok(value: str) -> bool:
    return len(value) == 12 and value.isdigit()


def report_errors(*, category, description, commune, occurred_on, identity, consent, anonymous) -> dict:
    """What is wrong with a report, by field; the public form shows it before calling the service."""
    errors: dict[str, list[str]] = {}
    if category is None or not category.is_active:
        errors["category"] = [_("Choose what the report is about.")]
    if len(description) < 10:
        errors["description"] = [_("Describe what happened (at least 10 characters).")]
    elif len(description) > MAX_TEXT:
        errors["description"] = [_("At most %(n)s characters.") % {"n": MAX_TEXT}]
    if commune is None or commune.level.code != geo.COMMUNE or not commune.is_current:
        errors["commune"] = [_("Choose the commune where it happened.")]
    if occurred_on and occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("This date is in the future.")]
    if not anonymous:
        if not identity.get("reporter_name"):
            errors["reporter_name"] = [_("Enter your name, or choose to stay anonymous.")]
        if identity.get("reporter_id_number") and not _id_number_ok(identity["reporter_id_number"]):
            errors["reporter_id_number"] = [_("A citizen ID number has 12 digits.")]
        if identity.get("reporter_phone") and not phone_ok(identity["reporter_phone"]):
            errors["reporter_phone"] = [_("Enter a phone number of 9 to 12 digits.")]
        if not consent.get("handle"):
            errors["consent"] = [_("To give your details, agree that the police use them to handle this report; "
                                   "or stay anonymous.")]
    return errors


def _register_numbers(keys: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """The first of the next numbers of each (commune, year) register, for as many reports as `keys`
    names it: one multi-row upsert on PostgreSQL and SQLite, the counters taken in a fixed order so two
    registrars never wait for each other in a cycle."""
    wanted = Counter(keys)
    table = RegisterCounter._meta.db_table
    ordered = sorted(wanted)
    values = ", ".join(["(%s, %s, %s)"] * len(ordered))
    params = [value for key in ordered for value in (*key, wanted[key])]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (commune_id, year, last) VALUES {values} "  # noqa: S608 - our table
                       f"ON CONFLICT (commune_id, year) DO UPDATE SET last = {table}.last + excluded.last "
                       f"RETURNING commune_id, year, last", params)
        return {(commune, year): last - wanted[(commune, year)] + 1 for commune, year, last in cursor.fetchall()}


def _accept(*, actor, channel: str, report_type: str, category: TipCategory, description: str, commune: AdminUnit,
            occurred_on, address: str, latitude, longitude, anonymous: bool, identity: dict, consent: dict,
            received_at: datetime.datetime, reporter_organisation: str = "", attachments=()) -> tuple[TipIntake, str]:
    """Check a report and write it to the receipt journal: one insert (bench/tips_intake.py). Files are
    cleaned and stored first, under random names. Nothing is written when a check fails."""
    from antq.tips.attachments import clean_attachment

    description = (description or "").strip()
    identity = {field: _clean(identity.get(field)) for field in IDENTITY_FIELDS} if not anonymous else {}
    consent = {purpose: bool(consent.get(purpose)) for purpose in CONSENT_PURPOSES} if not anonymous else {}
    errors = report_errors(category=category, description=description, commune=commune, occurred_on=occurred_on,
                           identity=identity, consent=consent, anonymous=anonymous)
    cleaned = []
    for upload in attachments:
        try:
            cleaned.append(clean_attachment(upload))
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    stored = [(kind, default_storage.save(f"{INTAKE}/{uuid.uuid4().hex}.{kind}", content), size)
              for kind, content, size in cleaned]
    report = {
        "channel": channel, "report_type": report_type, "category": category.pk, "description": description,
        "occurred_on": occurred_on.isoformat() if occurred_on else None, "address": _clean(address)[:300],
        "latitude": str(latitude) if latitude is not None else None,
        "longitude": str(longitude) if longitude is not None else None,
        "commune": commune.pk, "province": commune.parent_id, "unit_path": commune.path, "anonymous": anonymous,
        "identity": identity, "consent": consent, "received_by": actor.pk if actor is not None else None,
        "reporter_organisation": _clean(reporter_organisation), "attachments": stored,
    }
    secret = receipts.new_code(4)
    payload = encrypt(json.dumps(report, ensure_ascii=False), context=INTAKE_CONTEXT)
    secret_hash = hash_secret(secret)
    for _attempt in range(5):
        intake = TipIntake(receipt_code=receipts.new_code(2), secret_hash=secret_hash, received_at=received_at,
                           payload=payload)
        try:
            if connection.in_atomic_block:  # inside a caller's transaction: a savepoint to draw again
                with transaction.atomic():
                    _journal_insert(intake)
            else:  # the public intake: the insert is its own transaction, committed before the answer
                _journal_insert(intake)
            return intake, secret
        except IntegrityError:  # the code is taken: draw another
            continue
    for _kind, name, _size in stored:
        default_storage.delete(name)
    raise ValidationError(_("The report could not be saved; please send it again."))


def _journal_insert(intake: TipIntake) -> None:
    """The one insert of the public intake, written out: the ORM's save costs a third of a millisecond
    more per report (bench/tips_intake.py) and nothing here needs it — no id is read back."""
    table = TipIntake._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (receipt_code, secret_hash, received_at, payload, error) "  # noqa: S608
                       "VALUES (%s, %s, %s, %s, '')",
                       [intake.receipt_code, intake.secret_hash,
                        connection.ops.adapt_datetimefield_value(intake.received_at), intake.payload])


def intake_register(*, codes: list[str] | None = None, limit: int = REGISTER_BATCH) -> list[Tip]:
    """Turn up to `limit` pending reports of the journal (the oldest first, or those with `codes`)
    into tips, in one transaction: the register numbers (Circular 28/2020 Art. 5: the register of
    receipt), the deadlines from the date of receipt (Code Art. 147; JC 01/2017 Art. 8, 14), the
    identity encrypted field by field, the files, and one audit row each. Rows another registrar holds
    are skipped (waited for when `codes` are named); a report is never registered twice. A report that
    cannot be registered (a payload no key opens, a category deleted since) is set aside with the kind
    of error, audited and logged, and does not hold the others back."""
    pending = TipIntake.objects.filter(registered_at__isnull=True, error="")
    if codes is not None:
        pending = pending.filter(receipt_code__in=codes)
    with transaction.atomic():
        # A batch run skips rows another registrar holds; a run for given codes (the reporter opening
        # theirs) waits for it instead, and then finds the tip that run made.
        batch = list(pending.select_for_update(skip_locked=codes is None).order_by("pk")[:limit])
        if not batch:
            return []
        try:
            with transaction.atomic():
                return _register(batch)
        except REGISTER_ERRORS:
            pass
        tips = []
        for intake in batch:  # one at a time, to find the ones that fail
            try:
                with transaction.atomic():
                    tips += _register([intake])
            except REGISTER_ERRORS as exc:
                intake.error = type(exc).__name__  # never the message: it may quote the report
                intake.save(update_fields=["error"])
                audit_record(actor=None, action="tips.intake_register", obj=intake, after={"set_aside": intake.error})
                logger.error("The registrar set report %s aside: %s", intake.receipt_code, intake.error)
        return tips


def intake_drain() -> int:
    """Register batch after batch until a batch comes short, and return the number registered. What is
    left then came meanwhile, is held by another registrar, or sat behind a report set aside: the
    worker's next run takes it (a run that found work queues one), so under a steady flow each run
    gathers a whole batch instead of chasing every new report."""
    total = 0
    while batch := intake_register():
        total += len(batch)
        if len(batch) < REGISTER_BATCH:
            break
    return total


def intake_retry(*, codes: list[str]) -> list[Tip]:
    """Try again the reports set aside with these codes (after the cause was mended, e.g. the old key
    put back in ANTQ_DATA_KEYS): the run is audited; those failing again stay set aside."""
    with transaction.atomic():
        released = list(TipIntake.objects.select_for_update().filter(receipt_code__in=codes, registered_at__isnull=True)
                        .exclude(error="").values_list("receipt_code", flat=True))
        if not released:
            return []
        TipIntake.objects.filter(receipt_code__in=released).update(error="")
        audit_record(actor=None, action="tips.intake_retry", object_repr=", ".join(released)[:300],
                     after={"codes": released})
    return intake_register(codes=released)


def _report(intake: TipIntake) -> dict:
    """The report a journal row holds (ValueError when no key of ANTQ_DATA_KEYS opens it)."""
    return json.loads(decrypt(intake.payload, context=INTAKE_CONTEXT))


def _register(batch: list[TipIntake]) -> list[Tip]:
    reports = [_report(intake) for intake in batch]
    days = [timezone.localdate(intake.received_at) for intake in batch]
    first = _register_numbers([(report["commune"], day.year) for report, day in zip(reports, days, strict=True)])
    actors = User.objects.in_bulk({r["received_by"] for r in reports if r["received_by"]})
    tips = []
    for intake, report, day in zip(batch, reports, days, strict=True):
        key = (report["commune"], day.year)
        number, first[key] = first[key], first[key] + 1
        tips.append(_tip_from(intake, report, day, number))
    Tip.objects.bulk_create(tips)
    TipAttachment.objects.bulk_create([
        TipAttachment(tip=tip, kind=kind, file=name, size=size, from_reporter=True)
        for tip, report in zip(tips, reports, strict=True) for kind, name, size in report["attachments"]])
    audit_record_many([
        {"actor": actors.get(report["received_by"]), "action": "tips.intake_register", "obj": tip,
         "unit_path": report["unit_path"],
         "after": {**snapshot(tip, AUDITED), "attachments": len(report["attachments"])}}
        for tip, report in zip(tips, reports, strict=True)])
    # The report now lives in the tip only.
    TipIntake.objects.filter(pk__in=[intake.pk for intake in batch]).update(payload="", registered_at=timezone.now())
    return tips


def _decimal(value: str | None) -> decimal.Decimal | None:
    return decimal.Decimal(value) if value is not None else None


def _tip_from(intake: TipIntake, report: dict, day: datetime.date, number: int) -> Tip:
    anonymous = report["anonymous"]
    return Tip(
        receipt_code=intake.receipt_code, secret_hash=intake.secret_hash, channel=report["channel"],
        report_type=report["report_type"], category_id=report["category"], description=report["description"],
        occurred_on=datetime.date.fromisoformat(report["occurred_on"]) if report["occurred_on"] else None,
        address=report["address"], latitude=_decimal(report["latitude"]), longitude=_decimal(report["longitude"]),
        commune_id=report["commune"], province_id=report["province"], anonymous=anonymous,
        consent=report["consent"], received_at=intake.received_at, received_by_id=report["received_by"],
        reporter_organisation=report["reporter_organisation"], register_year=day.year, register_number=number,
        triage_due=limits.in_force("tips.triage", day).end(intake.received_at),
        resolve_due=limits.in_force("tips.resolve", day).last_day(day),
        # Joint Circular 01/2017 Art. 14: owed only to reporters who gave their details.
        acknowledge_due=None if anonymous else limits.in_force("tips.acknowledge", day).last_day(day),
        **{field: encrypt(value, context=_context(field)) for field, value in report["identity"].items()},
    )


def _set_clock(tip: Tip, remote: bool | None = None) -> None:
    """The forwarding and resolution limits of a triaged tip, in force on the day it was received:
    urgent in hours (24, 48 from a remote commune), else in days; 20 days to resolve, 2 months when
    complex (JC 01/2017 Art. 8; CPC Art. 134, 147). An extended limit is the procuracy's and stays."""
    received = tip.received_at
    if tip.urgent:
        remote = selectors.is_remote(tip.commune) if remote is None else remote
        code = "tips.forward_urgent_remote" if remote else "tips.forward_urgent"
    else:
        code = "tips.forward"
    tip.forward_due = limits.in_force(code, received).end(received)
    if not tip.extended:
        tip.resolve_due = limits.in_force("tips.resolve_complex" if tip.complex_case else "tips.resolve",
                                          received).last_day(received)


@transaction.atomic
def tip_deadlines_recompute(*, actor, day: datetime.date) -> int:
    """The working calendar changed on `day`: move the forwarding and resolution limits of the open
    tips that may end on or after it (Art. 134: a limit ending on a day off moves to the next working
    day), one audit row per tip moved. The acknowledgement date was told to the reporter on their
    receipt and stays. Returns how many tips moved."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    tips = list(Tip.objects.select_for_update(of=("self",)).select_related("commune")
                .filter(status__in=CLOCK_STATUSES, received_at__lt=start)
                .filter(Q(resolve_due__gte=day) | Q(urgent=False, forward_due__gte=start)))
    remote = set(RemoteCommune.objects.filter(commune_id__in={t.commune_id for t in tips})
                 .values_list("commune_id", flat=True))  # one query, not one per tip
    moved = []
    for tip in tips:
        before = snapshot(tip, AUDITED)
        if tip.status == Status.RECEIVED:
            if not tip.extended:
                tip.resolve_due = limits.in_force("tips.resolve", tip.received_at).last_day(tip.received_at)
        else:
            _set_clock(tip, remote=tip.commune_id in remote)
        if snapshot(tip, AUDITED) != before:
            tip.save(update_fields=["forward_due", "resolve_due"])
            moved.append({"actor": actor, "action": "tips.tip_deadlines_recompute", "obj": tip,
                          "unit_path": tip.commune.path, "before": before,
                          "after": {**snapshot(tip, AUDITED), "calendar_day": day}})
    audit_record_many(moved)
    return len(moved)


def _create(*, actor, received_at: datetime.datetime, **report) -> tuple[Tip, str]:
    """Accept and register at once, in one transaction: the officer's entries, the tests and the demo."""
    with transaction.atomic():
        intake, secret = _accept(actor=actor, received_at=received_at, **report)
        (tip,) = intake_register(codes=[intake.receipt_code])
    return Tip.objects.select_related("commune").get(pk=tip.pk), secret


def tip_accept(*, category: TipCategory, description: str, commune: AdminUnit, occurred_on=None, address: str = "",
               latitude=None, longitude=None, anonymous: bool = True, identity: dict | None = None,
               consent: dict | None = None, attachments=(), channel: str = Channel.ONLINE) -> tuple[str, str]:
    """A citizen's report through the public form or the app: no account, no refusal (Art. 145),
    anonymous allowed (Circular 28/2020 Art. 5). Every check runs now and the report is in the journal
    when this returns its receipt code and secret (the secret shown once); the worker registers it
    within seconds, or opening it with the code does."""
    from antq.tips.tasks import register_soon

    intake, secret = _accept(actor=None, channel=channel, report_type="denunciation", category=category,
                             description=description, commune=commune, occurred_on=occurred_on, address=address,
                             latitude=latitude, longitude=longitude, anonymous=anonymous, identity=identity or {},
                             consent=consent or {}, received_at=timezone.now(), attachments=attachments)
    register_soon()
    return intake.receipt_code, secret


def tip_submit(*, category: TipCategory, description: str, commune: AdminUnit, occurred_on=None, address: str = "",
               latitude=None, longitude=None, anonymous: bool = True, identity: dict | None = None,
               consent: dict | None = None, attachments=(), channel: str = Channel.ONLINE) -> tuple[Tip, str]:
    """tip_accept registered at once, in one transaction: the tip and its secret."""
    return _create(actor=None, channel=channel, report_type="denunciation", category=category,
                   description=description, commune=commune, occurred_on=occurred_on, address=address,
                   latitude=latitude, longitude=longitude, anonymous=anonymous, identity=identity or {},
                   consent=consent or {}, received_at=timezone.now(), attachments=attachments)


def tip_record(*, actor, channel: str, report_type: str, category: TipCategory, description: str,
               commune: AdminUnit, occurred_on=None, address: str = "", latitude=None, longitude=None,
               anonymous: bool = True, identity: dict | None = None, consent: dict | None = None,
               reporter_organisation: str = "", received_at: datetime.datetime | None = None,
               attachments=()) -> tuple[Tip, str]:
    """A tip received in person, by phone, by letter, or from the Front or an organisation (Art. 144–146):
    the officer records it, the receipt record (biên bản) and register entry follow."""
    _require(actor, RECORD, commune)
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": [_("This date is in the future.")]})
    return _create(actor=actor, channel=channel, report_type=report_type, category=category,
                   description=description, commune=commune, occurred_on=occurred_on, address=address,
                   latitude=latitude, longitude=longitude, anonymous=anonymous, identity=identity or {},
                   consent=consent or {}, received_at=received_at, reporter_organisation=reporter_organisation,
                   attachments=attachments)


def tip_from_patrol(*, actor, commune: AdminUnit, description: str, occurred_on: datetime.date, place: str,
                    reporter: str, team: str) -> dict:
    """The "forces.incident_sinks" hook: a grassroots security team member on duty reports a crime or a sign
    of one from the phone (Law 30/2023/QH15: they report to the commune police at once). The forces app has
    checked the member is on that shift; the tip is registered at once (Art. 144: information from a
    force of the commune), with the member's name and team — no identity number, no secret to follow it (the
    member is known to the commune police). Answers the receipt code and the tip's page."""
    category = TipCategory.objects.get(code="other")
    tip, _secret = _create(actor=actor, channel=Channel.PATROL, report_type="information", category=category,
                           description=description, commune=commune, occurred_on=occurred_on, address=place,
                           latitude=None, longitude=None, anonymous=False,
                           identity={"reporter_name": reporter}, consent={"handle": True, "contact": True},
                           received_at=timezone.now(), reporter_organisation=team)
    _audit(actor, "tips.tip_from_patrol", tip)
    return {"reference": tip.receipt_code, "url": reverse("tips:tip_detail", args=[tip.pk])}


# --- The reporter's channel --------------------------------------------------------------------


def reporter_access(*, receipt_code: str, secret: str, client: str = "") -> Tip:
    """Open a tip with its code and secret (antq.core.receipts: one message for unknown code, wrong secret
    and lock; ten wrong tries lock the code for the client's network only). A report accepted moments
    ago is registered first, or waited for. The lock is written to the trail (never the network)."""

    def find(code: str) -> Tip | None:
        tip = Tip.objects.select_related("commune").filter(receipt_code=code).first()
        # Asked whether the tip was found or not: the same queries either way.
        waiting = TipIntake.objects.filter(receipt_code=code, registered_at__isnull=True, error="").exists()
        if tip is None and waiting:  # accepted moments ago: register it now, or wait for the run registering it
            intake_register(codes=[code])
            tip = Tip.objects.select_related("commune").filter(receipt_code=code).first()
        return tip

    def on_lock(tip: Tip) -> None:
        # The lock is the trace of a guessing attempt: the officers see it in the trail.
        with transaction.atomic():
            audit_record(actor=None, action="tips.reporter_access", obj=tip, unit_path=tip.commune.path,
                         after={"locked_minutes": receipts.LOCK_MINUTES, "wrong_tries": receipts.LOCK_AFTER})

    return receipts.open_with_secret(kind="tips", receipt_code=receipt_code, secret=secret, client=client,
                                     find=find, on_lock=on_lock)


@transaction.atomic
def reporter_message(*, tip: Tip, body: str, attachments=()) -> TipMessage:
    """The reporter adds information or answers the officer."""
    from antq.tips.attachments import clean_attachment

    body = (body or "").strip()
    errors: dict[str, list[str]] = {}
    if not body and not attachments:
        errors["body"] = [_("Write your message or attach a file.")]
    if len(body) > MAX_TEXT:
        errors["body"] = [_("At most %(n)s characters.") % {"n": MAX_TEXT}]
    cleaned = []
    for upload in attachments:
        try:
            cleaned.append(clean_attachment(upload))
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    tip = _locked(tip)
    message = TipMessage.objects.create(tip=tip, author=Author.REPORTER, body=body or "—")
    for kind, content, size in cleaned:
        attachment = TipAttachment(tip=tip, kind=kind, size=size, from_reporter=True)
        attachment.file.save(f"file.{kind}", content, save=False)
        attachment.save()
    audit_record(actor=None, action="tips.reporter_message", obj=message, unit_path=tip.commune.path,
                 after={"tip": tip.receipt_code, "attachments": len(cleaned)})
    return message


# --- Handling ------------------------------------------------------------------------------------


def _transition(tip: Tip, allowed: list[str]) -> None:
    if tip.status not in allowed:
        raise ValidationError(_("A tip that is %(status)s cannot take this step.") % {
            "status": tip.get_status_display().lower()})


@transaction.atomic
def tip_triage(*, actor, tip: Tip, urgent: bool, urgent_reason: str = "", complex_case: bool = False,
               category: TipCategory | None = None) -> Tip:
    """Triage (JC 01/2017 Art. 8): urgent — caught in the act, very serious, flight risk — is forwarded
    within 24 h (48 h from a remote commune), the others within 7 days; a complex case has 2 months
    to be resolved instead of 20 days (Art. 147)."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, [Status.RECEIVED, Status.TRIAGED])
    urgent_reason = _clean(urgent_reason)
    if urgent and not urgent_reason:
        raise ValidationError({"urgent_reason": [_("Say why it is urgent.")]})
    before = snapshot(tip, AUDITED)
    tip.urgent, tip.urgent_reason, tip.complex_case = urgent, urgent_reason, complex_case
    tip.category = category or tip.category
    _set_clock(tip)
    tip.status, tip.triaged_at = Status.TRIAGED, tip.triaged_at or timezone.now()
    tip.save(update_fields=["urgent", "urgent_reason", "complex_case", "category", "forward_due", "resolve_due",
                            "status", "triaged_at"])
    _audit(actor, "tips.tip_triage", tip, before)
    return tip


@transaction.atomic
def tip_assign(*, actor, tip: Tip, officer) -> Tip:
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, OPEN_STATUSES)
    if officer is None or not has_permission(officer, HANDLE, tip.commune):
        raise ValidationError({"officer": [_("Choose an officer who handles tips in this commune.")]})
    before = snapshot(tip, AUDITED)
    tip.assigned_to = officer
    tip.save(update_fields=["assigned_to"])
    _audit(actor, "tips.tip_assign", tip, before)
    return tip


@transaction.atomic
def tip_verify(*, actor, tip: Tip) -> Tip:
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, [Status.TRIAGED])
    before = snapshot(tip, AUDITED)
    tip.status = Status.VERIFYING
    tip.save(update_fields=["status"])
    _audit(actor, "tips.tip_verify", tip, before)
    return tip


@transaction.atomic
def tip_extend(*, actor, tip: Tip, months: int, reason: str, today: datetime.date | None = None) -> Tip:
    """One extension of up to 2 months, requested at least 5 days before the limit expires (Art. 147)."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, CLOCK_STATUSES)
    today = today or timezone.localdate()
    longest = limits.in_force("tips.extension", tip.received_at).amount
    notice = limits.in_force("tips.extension_notice", tip.received_at).amount
    errors: dict[str, list[str]] = {}
    if tip.extended:
        errors["months"] = [_("This tip was already extended once; the law allows one extension.")]
    elif not 1 <= (months or 0) <= longest:
        errors["months"] = [_("An extension is of 1 to %(n)s months.") % {"n": longest}]
    if (tip.resolve_due - today).days < notice:
        errors["__all__"] = [_("An extension is requested at least %(n)s days before the limit (%(date)s); it "
                               "is too late now.") % {"n": notice, "date": f"{tip.resolve_due:%d/%m/%Y}"}]
    if not _clean(reason):
        errors["reason"] = [_("Give the reason for the extension.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(tip, AUDITED)
    tip.resolve_due, tip.extended = Limit(months, TimeUnit.MONTHS).last_day(tip.resolve_due), True
    tip.save(update_fields=["resolve_due", "extended"])
    _audit(actor, "tips.tip_extend", tip, before, reason=_clean(reason))
    return tip


@transaction.atomic
def tip_suspend(*, actor, tip: Tip, reason: str) -> Tip:
    """Suspend the resolution (Art. 148: awaiting expert opinion, valuation, legal assistance, documents,
    force majeure); the reporter is told at once, well within the 24 hours."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, CLOCK_STATUSES)
    reason = _clean(reason)
    if len(reason) < 10:
        raise ValidationError({"reason": [_("Give the reason for the suspension (at least 10 characters).")]})
    before = snapshot(tip, AUDITED)
    now = timezone.now()
    tip.status, tip.suspended_at, tip.suspension_reason = Status.SUSPENDED, now, reason
    tip.suspension_notice_due = limits.in_force("tips.suspension_notice", now).end(now)
    tip.save(update_fields=["status", "suspended_at", "suspension_reason", "suspension_notice_due"])
    with _official():
        text = _("The resolution of your report is suspended: %(reason)s") % {"reason": reason}
    TipMessage.objects.create(tip=tip, author=Author.OFFICER, officer=actor, body=text)
    _notify(tip, text)
    _audit(actor, "tips.tip_suspend", tip, before)
    return tip


@transaction.atomic
def tip_resume(*, actor, tip: Tip, cancelled_on: datetime.date) -> Tip:
    """The procuracy cancelled the suspension: one more month to resolve (Art. 148)."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, [Status.SUSPENDED])
    if cancelled_on is None or cancelled_on > timezone.localdate() or cancelled_on < timezone.localdate(
            tip.suspended_at):
        raise ValidationError({"cancelled_on": [_("The cancellation date lies between the suspension and today.")]})
    before = snapshot(tip, AUDITED)
    tip.status = Status.VERIFYING
    tip.resolve_due = limits.in_force("tips.cancelled_suspension", cancelled_on).last_day(cancelled_on)
    tip.save(update_fields=["status", "resolve_due"])
    _audit(actor, "tips.tip_resume", tip, before)
    return tip


def _close(tip: Tip, status: str) -> None:
    tip.status, tip.closed_at = status, timezone.now()
    if not tip.anonymous:
        today = timezone.localdate()
        tip.outcome_notice_due = limits.in_force("tips.outcome_notice", today).last_day(today)


@transaction.atomic
def tip_forward(*, actor, tip: Tip, note: str = "") -> Tip:
    """Forward to the investigation body, which informs the procuracy within 3 days (Art. 146)."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, [Status.TRIAGED, Status.VERIFYING])
    before = snapshot(tip, AUDITED)
    _close(tip, Status.FORWARDED)
    tip.save(update_fields=["status", "closed_at", "outcome_notice_due"])
    _audit(actor, "tips.tip_forward", tip, before, note=_clean(note))
    return tip


@transaction.atomic
def tip_resolve(*, actor, tip: Tip, outcome: str, note: str = "") -> Tip:
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, [Status.TRIAGED, Status.VERIFYING])
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": [_("Choose the outcome.")]})
    before = snapshot(tip, AUDITED)
    tip.outcome = outcome
    _close(tip, Status.RESOLVED)
    tip.save(update_fields=["status", "closed_at", "outcome_notice_due", "outcome"])
    _audit(actor, "tips.tip_resolve", tip, before, note=_clean(note))
    return tip


@transaction.atomic
def tip_not_crime(*, actor, tip: Tip, referral: str, note: str) -> Tip:
    """Not a crime: referred to grassroots mediation or administrative handling."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, OPEN_STATUSES)
    if referral not in Referral.values:
        raise ValidationError({"referral": [_("Choose where it goes.")]})
    if not _clean(note):
        raise ValidationError({"note": [_("Say why it is not a crime.")]})
    before = snapshot(tip, AUDITED)
    tip.referral = referral
    _close(tip, Status.NOT_CRIME)
    tip.save(update_fields=["status", "closed_at", "outcome_notice_due", "referral"])
    referred = {}
    if referral == Referral.MEDIATION:
        # The `tips.referrals` hook (docs/architecture.md): `function(*, actor, commune, description,
        # reference, note)` opens the matter where it goes, in this transaction, and returns it. What the
        # tip says and its code go; the reporter's identity never does.
        for name, refer in registry.contributions("tips.referrals").items():
            referred[name] = refer(actor=actor, commune=tip.commune, description=tip.description,
                                   reference=tip.receipt_code, note=_clean(note)).pk
    _audit(actor, "tips.tip_not_crime", tip, before, note=_clean(note), referred=referred)
    return tip


@transaction.atomic
def tip_merge(*, actor, tip: Tip, into: Tip) -> Tip:
    """File a duplicate under the tip it repeats (Circular 28/2020 Art. 10.6). An identified reporter
    is told; an anonymous one never is."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    _transition(tip, OPEN_STATUSES)
    if into is None or into.pk == tip.pk or into.commune_id != tip.commune_id or into.status == Status.MERGED:
        raise ValidationError({"into": [_("Choose another tip of the same commune.")]})
    before = snapshot(tip, AUDITED)
    tip.merged_into, tip.status, tip.closed_at = into, Status.MERGED, timezone.now()
    tip.save(update_fields=["merged_into", "status", "closed_at"])
    if not tip.anonymous:
        with _official():
            text = _("Your report repeats one the police are already handling (%(code)s); it is filed with it.") % {
                "code": into.receipt_code}
        TipMessage.objects.create(tip=tip, author=Author.OFFICER, officer=actor, body=text)
        _notify(tip, text)
    _audit(actor, "tips.tip_merge", tip, before)
    return tip


@transaction.atomic
def officer_message(*, actor, tip: Tip, body: str, feedback: str = "") -> TipMessage:
    """Write to the reporter in the tip's thread; an acknowledgement or outcome message settles the
    feedback owed (JC 01/2017 Art. 14). Identified reporters with contact details are also notified."""
    tip = _locked(tip)
    _require(actor, HANDLE, tip)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write the message.")]})
    if len(body) > MAX_TEXT:
        raise ValidationError({"body": [_("At most %(n)s characters.") % {"n": MAX_TEXT}]})
    if feedback and feedback not in Feedback.values:
        raise ValidationError({"feedback": [_("Choose acknowledgement or outcome.")]})
    if feedback == Feedback.OUTCOME and tip.is_open:
        raise ValidationError({"feedback": [_("The outcome is told once the tip is closed.")]})
    message = TipMessage.objects.create(tip=tip, author=Author.OFFICER, officer=actor, body=body, feedback=feedback)
    now = timezone.now()
    if feedback == Feedback.ACKNOWLEDGEMENT and not tip.acknowledged_at:
        tip.acknowledged_at = now
    if feedback == Feedback.OUTCOME and not tip.outcome_notified_at:
        tip.outcome_notified_at = now
    tip.save(update_fields=["acknowledged_at", "outcome_notified_at"])
    _notify(tip, body)
    audit_record(actor=actor, action="tips.officer_message", obj=message, unit_path=tip.commune.path,
                 after={"tip": tip.receipt_code, "feedback": feedback})
    return message


# --- The reporter's identity ------------------------------------------------------------------------


def can_request_identity(actor, tip: Tip) -> bool:
    """The handling officer and the commune police chief, each with the explicit permission, may ask."""
    if tip.anonymous or not has_permission(actor, IDENTITY, tip.commune):
        return False
    return tip.assigned_to_id == getattr(actor, "pk", None) or has_permission(actor, SUPERVISE, tip.commune)


def identity_grant(actor, tip: Tip):
    """The actor's approved, unexpired access to this tip's reporter, if they may still ask for it."""
    if not can_request_identity(actor, tip):
        return None
    return grants.active(actor, IDENTITY_PURPOSE, tip, tip.commune)


def can_read_identity(actor, tip: Tip) -> bool:
    return identity_grant(actor, tip) is not None


def identity_request(*, actor, tip: Tip, reason: str):
    """Ask a second person to open the reporter's identity (Law 91/2025: sensitive personal data; CPC
    Art. 144 and JC 01/2017 protect the reporter). No one reads it on their own say: the commune police
    chief or the province police approve a named officer's request, for a limited time."""
    if tip.anonymous:
        raise ValidationError({"reason": [_("This report is anonymous: there is no identity to see.")]})
    if not can_request_identity(actor, tip):
        raise PermissionDenied
    return core_services.access_request(actor=actor, purpose=IDENTITY_PURPOSE, obj=tip, unit=tip.commune,
                                        reason=reason, label=tip.receipt_code)


def identity_read(*, actor, tip: Tip) -> dict[str, str]:
    """Decrypt the reporter's details under an approved grant; every read is in the audit trail with
    the grant's number and the fields read."""
    grant = identity_grant(actor, tip)
    if grant is None:
        raise PermissionDenied
    values = {field: decrypt(getattr(tip, field), context=_context(field)) for field in IDENTITY_FIELDS}
    with transaction.atomic():
        audit_record(actor=actor, action="tips.identity_read", obj=tip, unit_path=tip.commune.path,
                     after={"tip": tip.receipt_code, "grant": grant.pk,
                            "fields": [f for f, v in values.items() if v]})
    return values


def reporter_own_data(*, tip: Tip) -> dict:
    """The details the police hold about the reporter, shown to the reporter themself after the code and
    secret (Law 91/2025: the data subject's access, answered at once, not in 2 working days). The ID
    number is masked but for its last 4 digits, in case the screen is seen by someone else."""
    values = {field: decrypt(getattr(tip, field), context=_context(field)) for field in IDENTITY_FIELDS}
    if values["reporter_id_number"]:
        values["reporter_id_number"] = "•" * 8 + values["reporter_id_number"][-4:]
    audit_record(actor=None, action="tips.reporter_own_data", obj=tip, unit_path=tip.commune.path,
                 after={"tip": tip.receipt_code})
    return {"identity": values, "consent": dict(tip.consent or {})}


WITHDRAW_SCOPES = ("contact", "all")


@transaction.atomic
def reporter_withdraw(*, tip: Tip, scope: str) -> Tip:
    """The reporter withdraws a consent (Law 91/2025: per purpose, withdrawable at any time). "contact":
    no more SMS or email, the phone and email are erased. "all": every detail is erased and the report
    goes on as an anonymous one (no feedback owed, JC 01/2017 Art. 14). The report itself stays — the
    police must keep it (Code Art. 144) — and what was done before remains lawful. The officer in charge
    reads a line in the thread; the audit row names the fields, never their values."""
    tip = Tip.objects.select_for_update().select_related("commune").get(pk=tip.pk)
    if scope not in WITHDRAW_SCOPES:
        raise ValidationError(_("Choose what to withdraw."))
    if tip.anonymous:
        raise ValidationError(_("This report holds no personal details."))
    before = snapshot(tip, AUDITED)
    if scope == "contact":
        erased = ["reporter_phone", "reporter_email"]
        tip.consent = {**(tip.consent or {}), "contact": False}
        note = "Người báo tin đã rút lại đồng ý được liên hệ; số điện thoại và thư điện tử đã được xoá."
    else:
        erased = list(IDENTITY_FIELDS)
        tip.consent, tip.anonymous, tip.acknowledge_due, tip.outcome_notice_due = {}, True, None, None
        note = ("Người báo tin đã rút lại toàn bộ sự đồng ý; thông tin cá nhân đã được xoá, "
                "tin báo tiếp tục như tin nặc danh.")
    for field in erased:
        setattr(tip, field, "")
    tip.save(update_fields=["consent", "anonymous", "acknowledge_due", "outcome_notice_due", *erased])
    TipMessage.objects.create(tip=tip, author=Author.REPORTER, body=note)
    _audit(None, "tips.reporter_withdraw", tip, before=before, scope=scope, erased=erased)
    return tip


def reporter_contact(tip: Tip) -> tuple[str, str]:
    """Phone and email for the notification task only (never shown, never logged)."""
    return (decrypt(tip.reporter_phone, context=_context("reporter_phone")),
            decrypt(tip.reporter_email, context=_context("reporter_email")))


def rotate_identity_keys() -> int:
    """Re-encrypt every identity field, and the reports waiting in the journal, with the current key
    (contributed to antq.core.services.rotate_keys, which audits the run); the number of rows changed."""
    from antq.core.crypto import needs_rotation

    changed = 0
    # Set-aside rows are left as they are: a key that no longer opens them cannot re-encrypt them either.
    for intake in TipIntake.objects.filter(registered_at__isnull=True, error="").exclude(payload="").iterator():
        if needs_rotation(intake.payload):
            intake.payload = encrypt(decrypt(intake.payload, context=INTAKE_CONTEXT), context=INTAKE_CONTEXT)
            TipIntake.objects.filter(pk=intake.pk, registered_at__isnull=True).update(payload=intake.payload)
            changed += 1
    for tip in Tip.objects.exclude(anonymous=True).only("pk", *IDENTITY_FIELDS).iterator():
        updates = {}
        for field in IDENTITY_FIELDS:
            token = getattr(tip, field)
            if needs_rotation(token):
                updates[field] = encrypt(decrypt(token, context=_context(field)), context=_context(field))
        if updates:
            Tip.objects.filter(pk=tip.pk).update(**updates)
            changed += 1
    return changed


def intake_files_sweep(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    """Delete the files a report stored before its journal row was written, when that row never came
    (the process died in between, or no code could be drawn). A file is kept while an attachment or a
    waiting or set-aside report names it — all of them, if one cannot be read — and while it is young."""
    try:
        _dirs, names = default_storage.listdir(INTAKE)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    paths = {f"{INTAKE}/{name}" for name in names if default_storage.get_modified_time(f"{INTAKE}/{name}") < cutoff}
    paths -= set(TipAttachment.objects.filter(file__in=paths).values_list("file", flat=True))
    for intake in TipIntake.objects.filter(registered_at__isnull=True).exclude(payload=""):
        try:
            paths -= {name for _kind, name, _size in _report(intake)["attachments"]}
        except ValueError:
            return 0
    for path in paths:
        default_storage.delete(path)
    return len(paths)
