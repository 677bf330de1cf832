"""Authenticated encryption of sensitive fields at rest (docs/architecture.md "Security posture").

AES-256-GCM from `cryptography`; keys come from the environment, never the database:
ANTQ_DATA_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>" — the first encrypts, all decrypt,
so a key is rotated by putting the new one first and running `antq rotate_keys`. Each value is
stored as "v1:<key id>:<base64 nonce+ciphertext>" and bound to its table and column (the
associated data), so a ciphertext copied to another field does not decrypt.

Without ANTQ_DATA_KEYS a development key is derived from the secret key; settings refuse to
start with ANTQ_DEBUG=0 and no keys.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1"


def keys() -> tuple[tuple[str, bytes], ...]:
    return _keys(settings.ANTQ_DATA_KEYS, settings.SECRET_KEY)


@functools.lru_cache(maxsize=8)  # read once per setting, not on every encrypted value
def _keys(raw: str, secret_key: str) -> tuple[tuple[str, bytes], ...]:
    if not raw:  # the demo and the tests; settings refuse to start production without keys
        return (("dev", hashlib.sha256(b"antq-data-key:" + secret_key.encode()).digest()),)
    found = []
    for part in raw.split(","):
        key_id, _sep, value = part.strip().partition(":")
        key = base64.b64decode(value)
        if not key_id or len(key) != 32:
            raise ImproperlyConfigured("Each ANTQ_DATA_KEYS entry is id:<base64 of 32 bytes>.")
        found.append((key_id, key))
    return tuple(found)


def encrypt(text: str, *, context: str) -> str:
    """Encrypt `text` with the current key; "" stays "" (nothing to hide, nothing to store)."""
    if not text:
        return ""
    key_id, key = keys()[0]
    nonce = os.urandom(12)
    sealed = _cipher(key).encrypt(nonce, text.encode(), context.encode())
    return f"{PREFIX}:{key_id}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt(token: str, *, context: str) -> str:
    if not token:
        return ""
    prefix, key_id, payload = token.split(":", 2)
    key = dict(keys()).get(key_id)
    if prefix != PREFIX or key is None:
        raise ValueError(f"No key {key_id!r} to decrypt with.")
    data = base64.b64decode(payload)
    try:
        return _cipher(key).decrypt(data[:12], data[12:], context.encode()).decode()
    except InvalidTag as exc:
        raise ValueError("The value was altered or belongs to another field.") from exc


@functools.lru_cache(maxsize=8)
def _cipher(key: bytes) -> AESGCM:
    return AESGCM(key)


def needs_rotation(token: str) -> bool:
    return bool(token) and token.split(":", 2)[1] != keys()[0][0]


class _SecretHasher(Argon2PasswordHasher):
    """Argon2id with ANTQ_SECRET_ARGON2's cost; verifying reads the cost from the stored hash."""

    def __init__(self):
        self.time_cost, self.memory_cost, self.parallelism = settings.ANTQ_SECRET_ARGON2

    def salt(self):
        return secrets.token_urlsafe(16)  # 128 bits in one read; Django's draws 22 characters one by one


def hash_secret(secret: str) -> str:
    """A slow hash of a random secret handed to someone outside (a tip's receipt secret)."""
    return make_password(secret, hasher=_SecretHasher())


def secret_matches(secret: str, encoded: str) -> bool:
    """Whatever PASSWORD_HASHERS lists: the secrets are Argon2 however accounts are hashed."""
    return _SecretHasher().verify(secret, encoded)
