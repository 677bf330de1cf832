import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from antq.committees import selectors, services
from antq.committees.models import CommitteeMember, Meeting, SteeringCommittee
from antq.committees.tests.factories import full_committee, org_of
from antq.core.models import AuditEvent
from antq.core.testing import pdf_bytes

pytestmark = pytest.mark.django_db
PDF = pdf_bytes()


def test_committee_create_is_one_per_unit(tree, people):
    committee = services.committee_create(actor=people.officer_a, unit=tree.a, name="Ban Chỉ đạo phường")
    assert AuditEvent.objects.filter(action="committees.committee_create", object_id=str(committee.pk)).exists()
    with pytest.raises(ValidationError):
        services.committee_create(actor=people.officer_a, unit=tree.a, name="Ban thứ hai")
    with pytest.raises(PermissionDenied):
        services.committee_create(actor=people.officer_a, unit=tree.b, name="Ban Chỉ đạo xã")
    with pytest.raises(ValidationError):
        services.committee_create(actor=people.officer_a, unit=tree.a1, name="Ban khu phố")
    assert SteeringCommittee.objects.count() == 1


def test_a_committee_without_a_police_standing_deputy_is_flagged_and_fixing_clears_it(tree, people):
    committee = full_committee(tree.province, skip=("standing_deputy",))
    unmet = selectors.unmet_rules(committee)
    assert [(r.position, r.org_type.code) for r in unmet] == [("standing_deputy", "police")]
    assert list(selectors.with_composition_problems(SteeringCommittee.objects.all())) == [committee]
    services.member_add(actor=people.province, committee=committee, full_name="Đại tá Nguyễn Văn Công",
                        organisation=org_of(tree.province, "police"), position="standing_deputy",
                        title="Giám đốc Công an tỉnh")
    assert selectors.unmet_rules(committee) == []
    assert not selectors.with_composition_problems(SteeringCommittee.objects.all()).exists()


def test_a_standing_deputy_from_another_organisation_does_not_count(tree, people):
    committee = full_committee(tree.a, skip=("standing_deputy",))
    services.member_add(actor=people.officer_a, committee=committee, full_name="Lê Văn Khác",
                        organisation=org_of(tree.a, "farmers"), position="standing_deputy")
    assert [r.org_type.code for r in selectors.unmet_rules(committee)] == ["police"]


def test_single_seats_and_term_history(tree, people):
    committee = full_committee(tree.a)
    head = CommitteeMember.objects.get(committee=committee, position="head")
    with pytest.raises(ValidationError) as exc:
        services.member_add(actor=people.officer_a, committee=committee, full_name="Người Mới",
                            organisation=org_of(tree.a, "people_committee"), position="head")
    assert "position" in exc.value.message_dict
    services.member_end_term(actor=people.officer_a, member=head, term_end=datetime.date(2026, 6, 30))
    assert selectors.unmet_rules(committee)[0].position == "head"
    services.member_add(actor=people.officer_a, committee=committee, full_name="Người Mới",
                        organisation=org_of(tree.a, "people_committee"), position="head")
    assert selectors.unmet_rules(committee) == []
    assert CommitteeMember.objects.filter(committee=committee, position="head").count() == 2  # history kept


def test_members_come_from_organisations_of_the_unit(tree, people):
    committee = full_committee(tree.a)
    with pytest.raises(ValidationError) as exc:
        services.member_add(actor=people.officer_a, committee=committee, full_name="X",
                            organisation=org_of(tree.b, "women"), position="member")
    assert "organisation" in exc.value.message_dict


def test_recording_a_meeting_with_attendance_decisions_and_signed_minutes(tree, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    committee = full_committee(tree.a)
    members = list(CommitteeMember.objects.filter(committee=committee))
    meeting = services.meeting_record(
        actor=people.officer_a, committee=committee, held_on=datetime.date(2026, 10, 5), place="Hội trường",
        chair=members[0], attendance=[
            services.AttendanceLine(members[0], "present"),
            services.AttendanceLine(members[1], "absent", "Đi công tác"),
            services.AttendanceLine(members[2], "represented", "Ông Phó"),
        ],
        decisions=[services.DecisionLine("Tuần tra đêm khu phố 1", org_of(tree.a, "youth"),
                                         datetime.date(2026, 11, 1))],
        signed_minutes=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
    )
    assert meeting.attendance.count() == 3 and meeting.decisions.get().owner.org_type.code == "youth"
    assert meeting.signed_minutes.name.endswith(".pdf")
    event = AuditEvent.objects.get(action="committees.meeting_record")
    assert event.after["decisions"] == 1


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"held_on": datetime.date(2099, 1, 1)}, "held_on"),
    ({"attendance_absent_without_reason": True}, "attendance"),
    ({"signed_minutes": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")},
     "signed_minutes"),
    ({"signed_minutes": SimpleUploadedFile("x.pdf", b"", content_type="application/pdf")}, "signed_minutes"),
])
def test_bad_meetings_are_refused_and_nothing_is_written(tree, people, kwargs, field):
    committee = full_committee(tree.a)
    member = CommitteeMember.objects.filter(committee=committee).first()
    attendance = []
    if kwargs.pop("attendance_absent_without_reason", False):
        attendance = [services.AttendanceLine(member, "absent", "  ")]
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(actor=people.officer_a, committee=committee, attendance=attendance,
                                **{"held_on": datetime.date(2026, 10, 5), **kwargs})
    assert field in exc.value.message_dict
    assert not Meeting.objects.exists()
    assert not AuditEvent.objects.filter(action="committees.meeting_record").exists()


def test_other_commune_cannot_record(tree, people):
    committee = full_committee(tree.a)
    with pytest.raises(PermissionDenied):
        services.meeting_record(actor=people.officer_b, committee=committee, held_on=datetime.date(2026, 10, 5))
    assert not Meeting.objects.exists()
