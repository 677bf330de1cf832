"""Checking uploaded files by their content, not by the name or type the browser claims."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The first bytes of each accepted format.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "xlsx": (b"PK\x03\x04",),  # a ZIP container; openpyxl then checks it is a workbook
}
EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "xlsx": "xlsx"}


def sniff(head: bytes) -> str | None:
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


def check_upload(upload, *, allowed: tuple[str, ...], max_bytes: int | None = None) -> str:
    """Return the detected kind of `upload`, or raise a ValidationError saying what is wrong."""
    limit = max_bytes or settings.ANTQ_UPLOAD_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(_("The file is too large (at most %(mb)s MB).") % {"mb": limit // (1024 * 1024)})
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind not in allowed:
        names = ", ".join(k.upper() for k in allowed)
        raise ValidationError(_("This file is not an accepted type (%(types)s).") % {"types": names})
    return kind
