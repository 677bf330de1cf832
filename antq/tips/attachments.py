"""Attachments to a tip: checked by content, size-limited, and stripped of what could identify an
anonymous reporter before anything reaches the police's disk: images are re-encoded from their
pixels (no EXIF: GPS position, camera serial, time); PDFs are rebuilt from their pages without
the document information and XMP; in MP4 videos the user-data and metadata boxes (the phone's
location ©xyz, make, model) are blanked in place and the recording times zeroed."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

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
        data = bytearray(upload.read())
        try:
            _blank_mp4_metadata(data, 0, len(data))
        except ValueError as exc:
            raise ValidationError(_("%(name)s: the video cannot be read.") % {"name": name}) from exc
        return "mp4", ContentFile(bytes(data)), len(data)
    try:
        kind = check_upload(upload, allowed=("jpeg", "png", "pdf"), max_bytes=settings.ANTQ_UPLOAD_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError(f"{name}: {' '.join(exc.messages)}") from exc
    if kind == "pdf":
        data = _pdf_without_metadata(upload, name)
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


def _pdf_without_metadata(upload, name: str) -> bytes:
    """The pages alone in a new document: no /Info (author, creator tool, dates), no XMP."""
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(_("%(name)s: a PDF with a password cannot be checked; send it without one.")
                                  % {"name": name})
        writer = PdfWriter()
        writer.append(reader)
        writer.metadata = None
        writer.root_object.pop("/Metadata", None)
        for page in writer.pages:
            page.pop("/Metadata", None)
            page.pop("/PieceInfo", None)
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise ValidationError(_("%(name)s: the document cannot be read.") % {"name": name}) from exc
    return out.getvalue()


_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf"}
_PRIVATE = {b"udta", b"meta", b"uuid"}  # user data (©xyz location, make, model), metadata, vendor XMP
_STAMPED = {b"mvhd", b"tkhd", b"mdhd"}  # carry the recording's creation and modification times


def _blank_mp4_metadata(data: bytearray, start: int, end: int) -> None:
    """Blank the private boxes of an MP4 in place: each becomes a `free` box of the same size full of
    zeros, so no offset moves and the video plays as before. ValueError if the boxes don't add up."""
    pos = start
    while pos + 8 <= end:
        size, kind, header = int.from_bytes(data[pos:pos + 4], "big"), bytes(data[pos + 4:pos + 8]), 8
        if size == 1:
            size, header = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise ValueError("an MP4 box runs past its parent")
        body = pos + header
        if kind in _PRIVATE:
            data[pos + 4:pos + 8] = b"free"
            data[body:pos + size] = bytes(size - header)
        elif kind in _CONTAINERS:
            _blank_mp4_metadata(data, body, pos + size)
        elif kind in _STAMPED and size >= header + 4:
            width = 8 if data[body] == 1 else 4  # version 1: 64-bit times
            data[body + 4:min(body + 4 + 2 * width, pos + size)] = bytes(min(2 * width, pos + size - body - 4))
        pos += size
