"""The mediation documents the commune keeps (Law 35/2013/QH13): the written agreement (văn bản hòa giải
thành, Art. 24) to print and sign, and the team's register (sổ theo dõi hoạt động hòa giải ở cơ sở,
Art. 27) for a year, numbered. They name the parties and their address — never a phone — so they are
built only for those who may see the parties, and each download is on the record."""

from __future__ import annotations

from django.utils import timezone

from antq.core.documents import OfficialDocument, Section, build_docx
from antq.mediation import selectors
from antq.mediation.choices import CaseStatus, PartyRole
from antq.mediation.models import MediationCase, MediationTeam

REGISTER_HEADERS = ["Số thứ tự", "Ngày nhận", "Họ tên, địa chỉ các bên", "Nội dung vụ việc", "Hòa giải viên",
                    "Kết quả", "Ngày kết thúc", "Ghi chú"]
RESULTS = {CaseStatus.AGREED: "Hòa giải thành", CaseStatus.NOT_AGREED: "Hòa giải không thành",
           CaseStatus.STOPPED: "Dừng hòa giải", CaseStatus.DECLINED: "Không thuộc phạm vi hòa giải",
           CaseStatus.RECEIVED: "Đang chờ phân công", CaseStatus.ASSIGNED: "Đã phân công",
           CaseStatus.IN_PROGRESS: "Đang hòa giải"}
COMPLIANCE = {"following": "Đang theo dõi thực hiện", "complied": "Đã thực hiện xong thỏa thuận",
              "breached": "Không thực hiện thỏa thuận"}


def _party_line(party) -> str:
    return f"{party.full_name} ({party.address})" if party.address else party.full_name


def register_rows(team: MediationTeam, year: int) -> list[list]:
    """One row per case of the team's register for `year`, in number order (the Vietnamese the commune
    writes in its book, whatever the reader's language)."""
    rows = []
    for case in selectors.register_rows(team, year):
        mediators = ", ".join(a.mediator.full_name + (" (đã rút)" if a.recused_at else "")
                              for a in case.assignments.all())
        note = COMPLIANCE.get(case.compliance, "") if case.status == CaseStatus.AGREED else (
            case.next_step or case.stop_reason)
        matter = f"{case.subject.name}: {case.description}"
        rows.append([case.register_number, timezone.localdate(case.received_at),
                     "; ".join(_party_line(p) for p in case.parties.all()) or "—",
                     matter if len(matter) <= 600 else matter[:599] + "…", mediators or "—",
                     RESULTS[case.status], case.ended_on, note])
    return rows


def _title(team: MediationTeam, year: int) -> tuple[str, str]:
    return (f"SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ NĂM {year}",
            f"{team.name} — {team.unit.display_name}, {team.commune.display_name}")


def register_sheet(team: MediationTeam, year: int, rows: list[list]) -> dict:
    title, subtitle = _title(team, year)
    return {"title": title, "subtitle": subtitle, "headers": REGISTER_HEADERS, "rows": rows}


def register_docx(team: MediationTeam, year: int, rows: list[list]) -> bytes:
    _title_text, subtitle = _title(team, year)
    table = [REGISTER_HEADERS, *([_text(v) for v in row] for row in rows)]
    leader = next((m.full_name for m in selectors.serving_mediators(team) if m.is_leader), "")
    return build_docx(OfficialDocument(
        parent_body=f"Ủy ban nhân dân {team.commune.display_name}",
        issuing_body=team.name, number=f"Năm {year}", place=team.commune.name, date=timezone.localdate(),
        doc_type="SỔ THEO DÕI", summary=f"Hoạt động hòa giải ở cơ sở năm {year} — {subtitle}",
        sections=[Section(heading="", paragraphs=[f"Tổng số vụ, việc: {len(rows)}."] if rows else
                          ["Chưa có vụ, việc nào trong năm."], table=table if rows else None)],
        signer_authority="TỔ TRƯỞNG TỔ HÒA GIẢI", signer_title="", signer_name=leader,
        recipients=["Ủy ban MTTQ " + team.commune.display_name, "Công chức Tư pháp - Hộ tịch"]))


def _text(value) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)


def agreement_docx(case: MediationCase, parties: list) -> bytes:
    """The written agreement of Art. 24: the grounds, the parties, the matter, how the mediation went, what
    was agreed and by when, and a signing block for each party and each mediator."""
    team = case.team
    mediators = [a.mediator.full_name for a in case.assignments.select_related("mediator")
                 if a.recused_at is None]
    sessions = list(case.sessions.all())
    lines = [f"Căn cứ Luật Hòa giải ở cơ sở năm 2013; căn cứ {case.get_source_display().lower()}.",
             "Các bên:"]
    lines += [f"- {'Bên yêu cầu' if p.role == PartyRole.REQUESTER else 'Bên còn lại'}: {_party_line(p)}."
              for p in parties] or ["- (chưa ghi tên các bên)"]
    lines += [f"Nội dung vụ việc ({case.subject.name}): {case.description}",
              "Diễn biến: " + ("; ".join(f"ngày {s.held_on:%d/%m/%Y} tại {s.place}" for s in sessions) or "—") + ".",
              f"Thỏa thuận đạt được: {case.agreement_terms}",
              "Thời hạn thực hiện: " + (f"đến ngày {case.agreement_due:%d/%m/%Y}." if case.agreement_due
                                        else "theo thỏa thuận của các bên."),
              "Các bên có trách nhiệm thực hiện thỏa thuận hòa giải thành; hòa giải viên theo dõi, đôn đốc việc "
              "thực hiện (Luật Hòa giải ở cơ sở, Điều 25, 26).",
              f"Văn bản được lập thành {len(parties) + 1} bản, mỗi bên giữ một bản, tổ hòa giải lưu một bản."]
    return build_docx(OfficialDocument(
        parent_body=f"{team.unit.display_name}, {case.commune.display_name}" if team else case.commune.display_name,
        issuing_body=team.name if team else "Tổ hòa giải",
        number=f"Số: {case.register_number or case.pk}/{case.register_year or ''}", place=case.commune.name,
        date=case.ended_on or timezone.localdate(), doc_type="VĂN BẢN HÒA GIẢI THÀNH",
        summary=f"Vụ việc {case.subject.name.lower()}", sections=[Section(heading="", paragraphs=lines)],
        signer_authority="", signer_title="", signer_name="", recipients=[],
        signatures=[*(("Bên yêu cầu" if p.role == PartyRole.REQUESTER else "Bên còn lại", p.full_name)
                      for p in parties), *(("Hòa giải viên", name) for name in mediators)]))
