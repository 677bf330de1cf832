"""The receipt record (biên bản tiếp nhận) of a tip, Decree 30/2020 layout (LAW.md §2, §7).

It names the reporter only as "người tố giác" — identity stays in the encrypted fields; the
officer adds it by hand to the signed paper copy when the reporter gave it."""

from __future__ import annotations

from django.utils import timezone

from antq.core.documents import OfficialDocument, Section, build_docx
from antq.tips.models import Tip


def receipt_record_docx(tip: Tip) -> bytes:
    """Criminal Procedure Code Art. 145–146: every report is received, recorded and entered in the register."""
    commune = tip.commune.display_name
    received = timezone.localtime(tip.received_at)
    who = tip.reporter_organisation or ("Người tố giác không cung cấp thông tin cá nhân" if tip.anonymous
                                        else "Người tố giác (thông tin cá nhân lưu trong hồ sơ mật)")
    return build_docx(OfficialDocument(
        parent_body=f"CÔNG AN {tip.province.display_name}".upper(),
        issuing_body=f"CÔNG AN {commune}".upper(),
        number=f"Số: {tip.register_number}/BB-TN",
        place=tip.commune.name,
        date=timezone.localdate(tip.received_at),
        doc_type="BIÊN BẢN",
        summary="Tiếp nhận tố giác, tin báo về tội phạm",
        sections=[Section(heading="", paragraphs=[
            f"Hồi {received:%H} giờ {received:%M} ngày {received:%d/%m/%Y}, tại trụ sở Công an {commune}, "
            f"chúng tôi tiếp nhận {tip.get_report_type_display().lower()} qua hình thức: "
            f"{tip.get_channel_display().lower()}.",
            f"Người cung cấp: {who}.",
            f"Lĩnh vực: {tip.category.name}. Thời gian xảy ra: "
            f"{tip.occurred_on:%d/%m/%Y}." if tip.occurred_on else f"Lĩnh vực: {tip.category.name}.",
            f"Địa điểm: {tip.address or commune}.",
            f"Nội dung: {tip.description}",
            f"Mã tra cứu: {tip.receipt_code}. Số thứ tự trong sổ tiếp nhận: {tip.register_number}. "
            f"Thời hạn giải quyết: {tip.resolve_due:%d/%m/%Y}.",
            "Biên bản được lập xong hồi ... giờ ... cùng ngày, đọc lại cho người cung cấp thông tin nghe, "
            "đồng ý và ký tên.",
        ])],
        signer_authority="NGƯỜI TIẾP NHẬN",
        signer_title="",
        signer_name=tip.received_by.get_full_name() if tip.received_by_id else "",
        recipients=["Hồ sơ tin báo", "Lưu: sổ tiếp nhận"],
    ))
