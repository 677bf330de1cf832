"""Checking uploaded files by their content, not by the name or type the browser claims; a PDF, whoever
sends it (a citizen's scan, a committee's signed minutes), is rebuilt without what could act or leak."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
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


_ACTIVE = ("/Link", "/Widget", "/Screen", "/Movie", "/Sound", "/RichMedia", "/FileAttachment")


def _inert(annotation) -> bool:
    return "/A" not in annotation and "/AA" not in annotation and annotation.get("/Subtype") not in _ACTIVE


def clean_pdf(upload) -> bytes:
    """The pages alone in a new document: no document information (author, creator tool, dates), no XMP,
    no JavaScript, no actions run on opening or on a page, no links (to a site or to launch a program),
    no forms and no embedded files. ValidationError when it cannot be read or has a password."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, NameObject

    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(_("A PDF with a password cannot be checked; send it without one."))
        writer = PdfWriter()
        writer.append(reader)
        writer.metadata = None
        for key in ("/Metadata", "/OpenAction", "/AA", "/Names", "/AcroForm", "/URI"):
            writer.root_object.pop(key, None)
        writer.remove_links()
        for page in writer.pages:
            for key in ("/Metadata", "/PieceInfo", "/AA"):
                page.pop(key, None)
            annotations = page.get("/Annots")
            if annotations is not None:  # what is left may still carry an action: only inert notes stay
                kept = [a for a in annotations.get_object() if _inert(a.get_object())]
                if kept:
                    page[NameObject("/Annots")] = ArrayObject(kept)
                else:
                    page.pop("/Annots", None)
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ValidationError(_("The document cannot be read.")) from exc
    return out.getvalue()


def check_upload(upload, *, allowed: tuple[str, ...], max_bytes: int | None = None) -> str:
    """Return the detected kind of `upload`, or raise a ValidationError saying what is wrong. A PDF is
    replaced, in the upload itself, by its clean copy (clean_pdf): every caller stores the clean one."""
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
    if kind == "pdf":
        cleaned = clean_pdf(upload)
        upload.file, upload.size = io.BytesIO(cleaned), len(cleaned)
    return kind


MAX_PIXELS = 40_000_000


def clean_image(upload, kind: str, name: str) -> tuple[str, ContentFile, int]:
    """A JPEG or PNG re-encoded from its pixels alone — no EXIF, no GPS position, no comments — as (extension,
    content to store, size); a picture that cannot be read or is too large is refused, naming the file."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("%(name)s: the picture is too large.") % {"name": name})
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("%(name)s: the picture cannot be read.") % {"name": name}) from exc
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if kind == "png" else "RGB")
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if kind == "jpeg":
        clean.convert("RGB").save(out, format="JPEG", quality=88)
        return "jpg", ContentFile(out.getvalue()), out.tell()
    clean.save(out, format="PNG")
    return "png", ContentFile(out.getvalue()), out.tell()
