"""Attachments to a tip: checked by content, size-limited, and images re-encoded so that EXIF
data — GPS position, camera serial, time — never reaches the police's disk (it could identify
an anonymous reporter). PDFs and videos are kept as sent: their metadata is not stripped yet."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from antq.core.uploads import check_upload

VIDEO_MAX_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 40_000_000


def _is_mp4(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def clean_attachment(upload) -> tuple[str, ContentFile, int]:
    """(kind, content to store, size) or a ValidationError naming the file."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    name = getattr(upload, "name", "") or _("the file")
    if _is_mp4(head):
        if upload.size > VIDEO_MAX_BYTES:
            raise ValidationError(_("%(name)s: a video is at most %(mb)s MB.") % {
                "name": name, "mb": VIDEO_MAX_BYTES // (1024 * 1024)})
        data = upload.read()
        return "mp4", ContentFile(data), len(data)
    try:
        kind = check_upload(upload, allowed=("jpeg", "png", "pdf"), max_bytes=settings.ANTQ_UPLOAD_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError(f"{name}: {' '.join(exc.messages)}") from exc
    if kind == "pdf":
        data = upload.read()
        return "pdf", ContentFile(data), len(data)
    try:
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("%(name)s: the picture is too large.") % {"name": name})
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("%(name)s: the picture cannot be read.") % {"name": name}) from exc
    # A fresh image from the pixels alone: no EXIF, no GPS, no comments.
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if kind == "png" else "RGB")
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if kind == "jpeg":
        clean.convert("RGB").save(out, format="JPEG", quality=88)
        return "jpg", ContentFile(out.getvalue()), out.tell()
    clean.save(out, format="PNG")
    return "png", ContentFile(out.getvalue()), out.tell()
