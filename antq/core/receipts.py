"""Receipt codes and secrets for people without an account (a tip's reporter, a party asking for
mediation): drawn, read back however they were typed, and checked without telling a guesser anything.

A code is groups of four characters read aloud over a phone without confusion; the secret is a longer
code kept only as an Argon2 hash (antq.core.crypto). `open_with_secret` is the one way in: unknown code,
wrong secret and lock answer the same message after the same slow hash, and ten wrong tries from one
client network lock that code for that network only, so a stranger elsewhere cannot lock the person out.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from antq.core import ratelimit
from antq.core.crypto import hash_secret, secret_matches

# Read aloud over a phone without confusion: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B.
ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
CODE_GROUPS, SECRET_GROUPS = 2, 4
LOCK_AFTER = 10
LOCK_MINUTES = 30


def new_code(groups: int = CODE_GROUPS) -> str:
    """Groups of 4 characters of ALPHABET, uniformly drawn: bytes past the last whole multiple of 23 are
    dropped, and one read of the system's random source serves the whole code."""
    usable = 256 - 256 % len(ALPHABET)
    while True:
        picks = [b % len(ALPHABET) for b in os.urandom(8 * groups) if b < usable]
        if len(picks) >= 4 * groups:
            chars = "".join(ALPHABET[i] for i in picks[:4 * groups])
            return "-".join(chars[i:i + 4] for i in range(0, 4 * groups, 4))


def new_secret() -> tuple[str, str]:
    """A secret to hand out once, and the hash to keep."""
    secret = new_code(SECRET_GROUPS)
    return secret, hash_secret(secret)


def normal_code(raw: str | None, groups: int) -> str | None:
    """A code however it was typed — small letters, spaces, dashes, dots — in its printed form
    ("ACDE-FHJK"); None when it cannot be one (wrong length, a character codes never use)."""
    chars = "".join(ch for ch in (raw or "").upper() if ch not in " -._\t")
    if len(chars) != 4 * groups or any(ch not in ALPHABET for ch in chars):
        return None
    return "-".join(chars[i:i + 4] for i in range(0, 4 * groups, 4))


_UNKNOWN_HASH: str | None = None


def _unknown_secret_hash() -> str:
    """A hash with the secrets' own cost, checked when nothing has the code: an unknown code costs the
    same time as a known one with a wrong secret (no oracle for which codes exist)."""
    global _UNKNOWN_HASH
    if _UNKNOWN_HASH is None:
        _UNKNOWN_HASH = hash_secret(uuid.uuid4().hex)
    return _UNKNOWN_HASH


def open_with_secret(*, kind: str, receipt_code: str, secret: str, client: str, find: Callable,
                     on_lock: Callable | None = None):
    """The object `find(code)` returns for a code and its secret, or ValidationError. A code or secret
    that cannot be one is said so on its field and not counted as a try (it tells nothing about any
    object); otherwise the same queries, hash and message whether the code is unknown, the secret wrong
    or the code locked for this network. `on_lock(obj)` runs once when a known code gets locked (the
    app writes it to the trail — never the network). `obj.secret_hash` holds the secret's hash."""
    code, secret = normal_code(receipt_code, CODE_GROUPS), normal_code(secret, SECRET_GROUPS)
    errors = {}
    if code is None:
        errors["receipt_code"] = [_("A receipt code is 8 letters and digits, like ACDE-FHJK (no 0, 1, 2, 5, 6, "
                                    "8 or O, I, L, Z, S, G, B).")]
    if secret is None:
        errors["secret"] = [_("A secret is 16 letters and digits, like ACDE-FHJK-MNPQ-RTUV.")]
    if errors:
        raise ValidationError(errors)
    lock_key = f"{kind}-code:" + hashlib.sha256(f"{settings.SECRET_KEY}|{code}|{client}".encode()).hexdigest()[:32]
    found = find(code)
    locked = ratelimit.peek(lock_key) >= LOCK_AFTER
    matches = secret_matches(secret, found.secret_hash if found is not None else _unknown_secret_hash())
    if found is not None and matches and not locked:
        ratelimit.forget(lock_key)
        return found
    if not locked:
        tries, _left = ratelimit.count(lock_key, LOCK_MINUTES * 60)
        if tries == LOCK_AFTER and found is not None and on_lock is not None:
            on_lock(found)
    raise ValidationError(_("The receipt code or the secret is wrong, or too many tries were made from your "
                            "network: wait 30 minutes, then try again."))
