"""Writing and verifying the audit trail (docs/architecture.md rule 3).

Each row's hash covers its content and the previous row's hash, so altering a row breaks
its own hash and deleting one breaks the next row's link. Services call `audit_record`
inside their transaction; the chain is extended under a lock so concurrent writers on
PostgreSQL cannot fork it (SQLite serialises writers by itself).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.utils import timezone

from antq.core.middleware import current_request_id
from antq.core.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 7_262_011  # arbitrary constant naming the audit chain's advisory lock


def _jsonable(value):
    """Normalise to what a JSONField gives back, so the stored row re-hashes identically."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The audited state of `obj`: its concrete fields, foreign keys as ids."""
    data = model_to_dict(obj, fields=fields)
    for field in obj._meta.concrete_fields:
        if field.is_relation and (fields is None or field.name in fields):
            data[field.name] = getattr(obj, field.attname)
    data.pop("password", None)
    for key, value in data.items():
        if isinstance(value, FieldFile):  # files are recorded by their stored name
            data[key] = value.name or ""
    return _jsonable(data)


def _digest(prev_hash: str, row: dict) -> str:
    payload = json.dumps([prev_hash, row], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _content(event: AuditEvent) -> dict:
    return {
        "at": event.at.astimezone(UTC).isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "unit_path": event.unit_path,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
    }


def _lock_chain_head() -> str:
    """Take the chain's lock and read its newest hash. On PostgreSQL both go in one round trip
    (two statements, run in order, no parameters); SQLite serialises writers by itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pg_advisory_xact_lock({_LOCK_KEY}); "  # noqa: S608 - constants only
                           f"SELECT hash FROM {AuditEvent._meta.db_table} ORDER BY id DESC LIMIT 1")
            cursor.nextset()
            row = cursor.fetchone()
        return row[0] if row else GENESIS
    return AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS


def _event(*, actor, action: str, obj: models.Model | None, unit_path: str, before: dict | None,
           after: dict | None, object_repr: str, prev: str, at) -> AuditEvent:
    event = AuditEvent(
        at=at,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=(actor.get_username() if actor is not None and actor.pk else "system"),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        unit_path=unit_path,
        before=_jsonable(before),
        after=_jsonable(after),
        request_id=current_request_id(),
        prev_hash=prev,
    )
    event.hash = _digest(prev, _content(event))
    return event


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    unit_path: str = "",
    before: dict | None = None,
    after: dict | None = None,
    object_repr: str = "",
) -> AuditEvent:
    """Append one row to the trail. Call inside the service's transaction."""
    event = _event(actor=actor, action=action, obj=obj, unit_path=unit_path, before=before, after=after,
                   object_repr=object_repr, prev=_lock_chain_head(), at=timezone.now())
    event.save()
    return event


def audit_record_many(entries: list[dict]) -> list[AuditEvent]:
    """Append several rows, chained in order, in one insert under one lock: `entries` are
    audit_record's keyword arguments (the tip registrar's batches). Call inside the transaction."""
    if not entries:
        return []
    prev, at, events = _lock_chain_head(), timezone.now(), []
    for entry in entries:
        event = _event(**{"before": None, "after": None, "unit_path": "", "object_repr": "", "obj": None, **entry},
                       prev=prev, at=at)
        events.append(event)
        prev = event.hash
    return AuditEvent.objects.bulk_create(events)


@dataclass
class ChainReport:
    checked: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def audit_head() -> tuple[int, str]:
    """The number of rows and the newest hash: copy it somewhere else to anchor the chain.

    The chain alone cannot show rows cut off its end; a head recorded outside the database
    (a printed report, another system's log) can: `antq audit verify --anchor HASH`.
    """
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return AuditEvent.objects.count(), last or GENESIS


def audit_verify(anchor: str | None = None) -> ChainReport:
    """Walk the chain in order and report the first broken link.

    With `anchor` (a hash printed earlier by `audit_head`), also fail when that row is gone.
    """
    expected_prev = GENESIS
    checked = 0
    anchor_seen = anchor in (None, GENESIS)
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != expected_prev:
            return ChainReport(
                checked, event.pk, "the row before it was deleted or its hash was changed"
            )
        if _digest(event.prev_hash, _content(event)) != event.hash:
            return ChainReport(checked, event.pk, "its content was altered")
        expected_prev = event.hash
        anchor_seen = anchor_seen or event.hash == anchor
        checked += 1
    if not anchor_seen:
        return ChainReport(checked, None, "the anchored row is missing: rows were removed from the end")
    return ChainReport(checked)
