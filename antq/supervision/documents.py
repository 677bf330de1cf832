"""The supervision documents the commune police issue (Law 127/2025/QH15): the monthly assessment sent to the
province's criminal-judgment enforcement body and the commune People's Committee, and the certificate of
completion. They name the person, so they are built only for the police keeping the file, and each download
is a read of the file on the record (services.file_read)."""

from __future__ import annotations

from django.utils import timezone

from antq.core.documents import OfficialDocument, Section, build_docx
from antq.supervision.models import Assessment, Measure

GRADES = {"good": "Tốt", "fair": "Khá", "average": "Trung bình", "poor": "Kém"}
ROLL_CALLS = {"in_person": "trực tiếp tại Công an xã", "app": "qua ứng dụng điện tử", "missed": "không trình diện"}


def _police(measure: Measure) -> str:
    return f"Công an {measure.person.commune.display_name}"


def _province_police(commune) -> str:
    return f"Công an {commune.parent.display_name}" if commune.parent_id else ""


RECIPIENTS = ["Cơ quan thi hành án hình sự Công an tỉnh", "Ủy ban nhân dân {commune}", "Lưu hồ sơ."]


def _who(identity: dict) -> str:
    born = identity.get("birth_date")
    return f"{identity['full_name']}, sinh ngày {born:%d/%m/%Y}" if born else identity["full_name"]


def assessment_docx(assessment: Assessment, identity: dict, signer: str) -> bytes:
    """The month's written assessment (nhận xét, đánh giá hằng tháng) of a person under a measure."""
    measure = assessment.measure
    commune = measure.person.commune
    lines = [f"Căn cứ Luật Thi hành án hình sự số 127/2025/QH15; căn cứ {measure.reference or 'quyết định thi hành'}.",
             f"Người chấp hành: {_who(identity)}; nơi cư trú: {identity['address']}.",
             f"Biện pháp: {measure.kind.name}, từ ngày {measure.started_on:%d/%m/%Y}"
             + (f" đến ngày {measure.ends_on:%d/%m/%Y}." if measure.ends_on else "."),
             f"Tháng {assessment.month:%m/%Y}: trình diện {ROLL_CALLS.get(assessment.roll_call, '')}.",
             f"Xếp loại: {GRADES.get(assessment.grade, assessment.grade)}."]
    if assessment.note:
        lines.append(f"Nhận xét: {assessment.note}")
    return build_docx(OfficialDocument(
        parent_body=_province_police(commune), issuing_body=_police(measure),
        number=f"Số: {assessment.pk}/NX-CAX", place=commune.name, date=assessment.signed_on,
        doc_type="BẢN NHẬN XÉT", summary=f"Việc chấp hành án tháng {assessment.month:%m/%Y}",
        sections=[Section(heading="", paragraphs=lines)], signer_authority="TRƯỞNG CÔNG AN", signer_title="",
        signer_name=signer,
        recipients=[r.format(commune=commune.display_name) for r in RECIPIENTS]))


def certificate_docx(measure: Measure, identity: dict, signer: str) -> bytes:
    """The certificate that the measure was served (giấy chứng nhận chấp hành xong)."""
    commune = measure.person.commune
    lines = [f"Căn cứ Luật Thi hành án hình sự số 127/2025/QH15; căn cứ {measure.reference or 'quyết định thi hành'}.",
             f"Chứng nhận: {_who(identity)}; nơi cư trú: {identity['address']}.",
             f"Đã chấp hành xong {measure.kind.name.lower()} từ ngày {measure.started_on:%d/%m/%Y} "
             f"đến ngày {measure.ended_on:%d/%m/%Y}."]
    return build_docx(OfficialDocument(
        parent_body=_province_police(commune), issuing_body=_police(measure),
        number=f"Số: {measure.certificate_number or measure.pk}", place=commune.name,
        date=measure.ended_on or timezone.localdate(), doc_type="GIẤY CHỨNG NHẬN",
        summary=f"Đã chấp hành xong {measure.kind.name.lower()}", sections=[Section(heading="", paragraphs=lines)],
        signer_authority="TRƯỞNG CÔNG AN", signer_title="", signer_name=signer,
        recipients=["Người chấp hành", *(r.format(commune=commune.display_name) for r in RECIPIENTS)]))


def _form_title(stats: dict) -> tuple[str, str]:
    start, end = stats["start"], stats["end"]
    monthly = start.day == 1 and start.month == end.month and start.year == end.year
    code = "HCD-12" if monthly else "HCD-13"
    what = f"tháng {start:%m/%Y}" if monthly else f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
    return code, f"THỐNG KÊ QUẢN LÝ, GIÁO DỤC, GIÚP ĐỠ NGƯỜI CHẤP HÀNH ÁN VÀ TÁI HÒA NHẬP CỘNG ĐỒNG ({code}) — {what}"


def statistics_table(stats: dict) -> tuple[list[str], list[list]]:
    """The rows of the form, in the official language: a unit a level down per row, then the total."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        headers = ["Đơn vị", *(str(label) for _name, label in stats["columns"]), "Số tiền vay (đồng)"]
    names = [name for name, _label in stats["columns"]]

    def line(label, row):
        return [label, *(row[name] for name in names), row["loan_amount"] if row["loan_amount"] is not None else ""]

    rows = [line(row["unit"].display_name, row) for row in stats["rows"]]
    rows.append(line("Tổng cộng", stats["totals"]))
    return headers, rows


def statistics_sheet(stats: dict, unit) -> dict:
    _code, title = _form_title(stats)
    headers, rows = statistics_table(stats)
    return {"title": title, "subtitle": unit.display_name, "headers": headers, "rows": rows}


def statistics_docx(stats: dict, unit) -> bytes:
    code, title = _form_title(stats)
    headers, rows = statistics_table(stats)
    table = [headers, *([str(v) if not hasattr(v, "strftime") else f"{v:%d/%m/%Y}" for v in row] for row in rows)]
    kinds = "; ".join(f"{kind.name}: {n}" for kind, n in stats["by_kind"]) or "không có"
    return build_docx(OfficialDocument(
        parent_body=f"Công an {unit.parent.display_name}" if unit.parent_id else "Bộ Công an",
        issuing_body=f"Công an {unit.display_name}" if unit.level.code != "central" else "Bộ Công an",
        number=f"Biểu {code}", place=unit.name, date=timezone.localdate(), doc_type="BÁO CÁO THỐNG KÊ",
        summary=title.split(" (")[0].capitalize(),
        sections=[Section(heading="", paragraphs=[title.split(" — ")[-1].capitalize() + ".",
                                                  f"Đang chấp hành cuối kỳ, theo biện pháp: {kinds}."], table=table)],
        signer_authority="THỦ TRƯỞNG ĐƠN VỊ", signer_title="", signer_name="",
        recipients=["Cơ quan thi hành án hình sự Công an cấp trên", "Lưu."]))
