"""The certificate of recognition (Giấy công nhận) as a Decree 30/2020 document (LAW.md §1, §7)."""

from __future__ import annotations

from antq.core.documents import OfficialDocument, Section, build_docx
from antq.evaluations import selectors
from antq.evaluations.models import Evaluation


def certificate_docx(evaluation: Evaluation) -> bytes:
    """Circular 124/2021 Art. 10: the competent People's Committee recognises the unit as
    meeting the "Safe in security and order" standard for the year."""
    approver = selectors.approving_unit(evaluation)
    approver_name = approver.display_name if approver else ""
    parent = approver.parent.display_name.upper() if approver and approver.parent_id else ""
    subject = evaluation.subject_name
    place = (approver or evaluation.unit).name
    return build_docx(OfficialDocument(
        parent_body=parent,
        issuing_body=f"ỦY BAN NHÂN DÂN {approver_name}".upper(),
        number=f"Số: {evaluation.decision_number}",
        place=place,
        date=evaluation.decided_on,
        doc_type="GIẤY CÔNG NHẬN",
        summary=f"Đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" năm {evaluation.year}",
        sections=[Section(
            heading=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {approver_name}".upper(),
            paragraphs=[
                "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28 tháng 12 năm 2021 của Bộ trưởng Bộ Công an quy định "
                "về tiêu chuẩn \"An toàn về an ninh, trật tự\" và trình tự, thủ tục, hồ sơ xét, công nhận;",
                f"Xét Tờ trình số {evaluation.proposal_number} ngày {evaluation.proposed_on:%d/%m/%Y} và biên bản "
                f"họp bình xét ngày {evaluation.review_held_on:%d/%m/%Y},",
                f"Công nhận: {subject} ({evaluation.get_kind_display().lower()}) đạt tiêu chuẩn \"An toàn về an "
                f"ninh, trật tự\" năm {evaluation.year} (kỳ đánh giá từ {evaluation.period_start:%d/%m/%Y} đến "
                f"{evaluation.period_end:%d/%m/%Y}).",
            ])],
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="",
        recipients=[subject, "Công an " + evaluation.commune.display_name, "Ủy ban MTTQ " +
                    evaluation.commune.display_name],
    ))
