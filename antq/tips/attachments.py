"""Attachments to a tip: checked by content, size-limited, and stripped of what could identify an
anonymous reporter before anything reaches the police's disk: images are re-encoded from their
pixels (no EXIF: GPS position, camera serial, time); PDFs are rebuilt from their pages without
the document information and XMP; in MP4 videos the user-data and metadata boxes (the phone's
location ©xyz, make, model) are blanked in place and the recording times zeroed."""

from __future__ import annotations

import mmap
import os
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _

from antq.core.uploads import check_upload, clean_image

VIDEO_MAX_BYTES = 50 * 1024 * 1024


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
        return "mp4", *_clean_video(upload, name)
    try:
        kind = check_upload(upload, allowed=("jpeg", "png", "pdf"), max_bytes=settings.ANTQ_UPLOAD_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError(f"{name}: {' '.join(exc.messages)}") from exc
    if kind == "pdf":  # check_upload gave back the clean copy
        upload.seek(0)
        data = upload.read()
        return "pdf", ContentFile(data), len(data)
    return clean_image(upload, kind, name)


def _clean_video(upload, name: str) -> tuple[File, int]:
    """A real video, without its private boxes: copied to a file on disk chunk by chunk (never whole in
    memory), opened with FFmpeg (PyAV) to find a video stream and decode its first frame — an MP4 header
    on zeros is refused — then blanked in place through a memory map."""
    import av

    spool = tempfile.NamedTemporaryFile(suffix=".mp4")
    for chunk in upload.chunks():
        spool.write(chunk)
    spool.flush()
    try:
        with av.open(spool.name) as container:
            if not container.streams.video:
                raise ValueError("no video stream")
            next(container.decode(video=0))
        with mmap.mmap(spool.fileno(), 0) as data:
            _blank_mp4_metadata(data, 0, len(data))
    except (av.FFmpegError, StopIteration, ValueError, OSError) as exc:
        spool.close()
        raise ValidationError(_("%(name)s: the video cannot be read.") % {"name": name}) from exc
    size = os.path.getsize(spool.name)
    spool.seek(0)
    return File(spool, name="clip.mp4"), size


_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf"}
_PRIVATE = {b"udta", b"meta", b"uuid"}  # user data (©xyz location, make, model), metadata, vendor XMP
_STAMPED = {b"mvhd", b"tkhd", b"mdhd"}  # carry the recording's creation and modification times


def _blank_mp4_metadata(data, start: int, end: int) -> None:
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
