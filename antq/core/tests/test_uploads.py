"""Uploads bounded and made inert: a request's whole size capped before it is read, PDFs rebuilt
without scripts, actions or links, files served as downloads."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from antq.core.uploads import check_upload


def _active_pdf() -> bytes:
    """A PDF that runs JavaScript on opening, has a page action and a link to an outside site."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('xin chao');")})
    writer.root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("chao"), writer._add_object(script)])})})
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.launchURL('x')")})
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")})})
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(90), NumberObject(20)]),
        NameObject("/A"): DictionaryObject({
            NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("http://lua-dao.example/")})})
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_loses_its_scripts_actions_and_links_and_keeps_its_pages():
    raw = _active_pdf()
    for marker in (b"/JavaScript", b"/OpenAction", b"/Launch", b"/URI", b"example", b"chao"):
        assert marker in raw  # (pypdf writes "-" and "." in strings as octal escapes)
    upload = SimpleUploadedFile("bien-ban.pdf", raw)
    assert check_upload(upload, allowed=("pdf",)) == "pdf"
    upload.seek(0)
    clean = upload.read()
    for marker in (b"/JavaScript", b"/OpenAction", b"/Launch", b"/URI", b"example", b"chao", b"/AA"):
        assert marker not in clean, marker
    assert len(PdfReader(io.BytesIO(clean)).pages) == 1 and upload.size == len(clean)


def test_a_pdf_that_cannot_be_read_is_refused():
    with pytest.raises(ValidationError, match=r"cannot be read|Không đọc được"):
        check_upload(SimpleUploadedFile("hong.pdf", b"%PDF-1.7\n garbage"), allowed=("pdf",))


def test_a_request_over_the_cap_is_refused_before_it_is_read(client, settings, db):
    settings.ANTQ_REQUEST_MAX_BYTES = 1024 * 1024
    from antq.tips.models import TipIntake

    big = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff" + bytes(2 * 1024 * 1024))
    page = client.post("/bao-tin/", {"description": "x" * 20, "photos": big})
    assert page.status_code == 413 and "1 MB" in page.content.decode()
    big = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff" + bytes(2 * 1024 * 1024))
    api = client.post("/api/v1/public/tips/", {"description": "x" * 20, "attachments": big})
    assert api.status_code == 413 and api.json()["error"]["status"] == 413
    assert not TipIntake.objects.exists()
