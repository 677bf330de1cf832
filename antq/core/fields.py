"""Model fields stored encrypted at rest (antq.core.crypto: AES-256-GCM with the key ring, each value
bound to its table and column). The model reads and writes plain values; the database, its dumps and
backups hold only ciphertext. Such a column cannot be filtered, sorted or searched by its content —
that is the point: search goes through columns that hold nothing sensitive. `antq rotate_keys`
re-encrypts every such column (antq.core.services.rotate_keys finds them all)."""

from __future__ import annotations

import decimal

from django.db import models

from antq.core.crypto import decrypt, encrypt


class EncryptedTextField(models.TextField):
    def context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        return decrypt(value, context=self.context()) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value, context=self.context()) if value else value


class EncryptedDecimalField(EncryptedTextField):
    """A number kept encrypted (a map point's latitude or longitude): a Decimal in Python, text at rest."""

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        return decimal.Decimal(text) if text else None

    def to_python(self, value):
        if value in (None, ""):
            return None
        return decimal.Decimal(str(value))

    def get_prep_value(self, value):
        if value in (None, ""):
            return None
        return encrypt(str(decimal.Decimal(str(value))), context=self.context())


def encrypted_fields():
    """Every encrypted column of the installed models: (model, field)."""
    from django.apps import apps

    return [(model, field) for model in apps.get_models() for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)]


def sealed_values(model, field, *, limit: int | None = None) -> list[tuple[object, str]]:
    """(pk, token) of the column's non-empty values as stored — the ciphertext with its key id, which the
    ORM would hand back decrypted (key rotation, the restore's check)."""
    from django.db import connection

    quote = connection.ops.quote_name
    pk, column = quote(model._meta.pk.column), quote(field.column)
    sql = (f"SELECT {pk}, {column} FROM {quote(model._meta.db_table)} "  # noqa: S608 - quoted names only
           f"WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY {pk}")
    with connection.cursor() as cursor:
        cursor.execute(sql + (f" LIMIT {int(limit)}" if limit else ""))
        return cursor.fetchall()
