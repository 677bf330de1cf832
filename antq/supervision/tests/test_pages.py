"""The pages of a file's life, reintegration and opening a file outside the police: each route three ways (in
scope, out of scope → 404, without the purpose), a refused form back 400 with what was typed on its field and
nothing written, the helper's page without the offence, the Front's emergency opening read-only."""

import datetime

import pytest
from django.urls import reverse

from antq.core.models import AccessGrant
from antq.core.testing import check_three_ways
from antq.orgs.tests.factories import OrganisationFactory, UserFactory, grant
from antq.supervision import services
from antq.supervision.models import Breach, Helper, Measure, Proposal, Transfer, Visit
from antq.supervision.tests.conftest import ID_NUMBER, NAME, REFERENCE

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 4)


def _url(name, *args):
    return reverse(f"supervision:{name}", args=args)


def test_a_breach_three_ways_and_a_refused_one_kept(tree, people, login, register):
    measure = register()
    url = _url("breach_record", measure.person_id, measure.pk)
    data = {"breach-occurred_on": "04/05/2026", "breach-what": "Vắng mặt buổi trình diện"}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=people.viewer_a, denied=404, ok=(302,),
                     state=lambda: Breach.objects.count())
    refused = login(people.officer_a).post(url, {"breach-occurred_on": "01/01/2099", "breach-what": "Đi khỏi nơi ở"})
    body = refused.content.decode()
    assert refused.status_code == 400 and "Đi khỏi nơi ở" in body and 'value="01/01/2099"' in body
    assert Breach.objects.count() == 1
    breach = Breach.objects.get()
    warn = _url("breach_warn", measure.person_id, breach.pk)
    assert login(people.officer_a).post(warn, {"warned_on": "03/05/2026"}).status_code == 400  # before the breach
    assert login(people.officer_a).post(warn, {"warned_on": "05/05/2026"}).status_code == 302
    assert Breach.objects.get().warned_on == datetime.date(2026, 5, 5)


def test_proposals_decisions_and_completion_are_the_heads(tree, people, chief, login, register):
    measure = register()
    breach = services.breach_record(actor=people.officer_a, measure=measure, occurred_on=DAY, what="Vắng mặt")
    url = _url("proposal_make", measure.person_id, measure.pk)
    data = {"proposal-kind": "revoke", "proposal-breaches": [breach.pk], "proposal-proposed_on": "10/05/2026",
            "proposal-grounds": "Vi phạm nghĩa vụ nhiều lần"}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=chief, outsider=people.officer_b,
                     unpermitted=people.officer_a, ok=(302,), state=lambda: Proposal.objects.count())
    proposal = Proposal.objects.get()
    decide = _url("proposal_decide", measure.person_id, proposal.pk)
    refused = login(chief).post(decide, {"decision-granted": "no", "decision-decided_on": "11/05/2026",
                                         "decision-decision": ""})
    assert refused.status_code == 400 and Proposal.objects.get().state == "pending"
    assert login(chief).post(decide, {"decision-granted": "no", "decision-decided_on": "11/05/2026",
                                      "decision-decision": "QĐ 7/QĐ-TA không chấp nhận"}).status_code == 302
    complete = _url("measure_complete", measure.person_id, measure.pk)
    assert login(people.officer_a).post(complete, {"complete-ended_on": "20/11/2026",
                                                   "complete-certificate_number": "9/GCN"}).status_code == 403
    assert login(chief).post(complete, {"complete-ended_on": "20/11/2026",
                                        "complete-certificate_number": "9/GCN"}).status_code == 302
    docx = check_three_ways(client_for=login, url=_url("certificate_docx", measure.person_id, measure.pk),
                            allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
                            denied=404)
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_monthly_assessment_as_a_document(tree, people, login, register):
    from io import BytesIO

    from docx import Document

    measure = register()
    row = services.assessment_record(actor=people.officer_a, measure=measure, month=datetime.date(2026, 5, 1),
                                     grade="good", roll_call="app", signed_on=datetime.date(2026, 6, 3))
    response = check_three_ways(client_for=login, url=_url("assessment_docx", measure.person_id, row.pk),
                                allowed=people.officer_a, outsider=people.officer_b, unpermitted=people.viewer_a,
                                denied=404)
    document = Document(BytesIO(response.content))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert NAME in text and "Xếp loại: Tốt." in text and "05/2026" in text and "Ủy ban nhân dân Phường Tân Ninh" in text


def test_a_move_offered_and_accepted_on_the_pages(tree, people, login, register):
    measure = register()
    url = _url("transfer_request", measure.person_id)
    data = {"move-province": tree.province.pk, "move-commune": tree.b.pk, "move-to_unit": tree.b1.pk,
            "move-reason": "Về ở với gia đình"}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=people.province, ok=(302,),
                     state=lambda: Transfer.objects.count())
    listed = login(people.officer_b).get(_url("file_list")).content.decode()
    assert f"#{measure.person_id}" in listed and NAME not in listed and "Về ở với gia đình" in listed
    transfer = Transfer.objects.get()
    viewer_b = UserFactory(home_unit=tree.b)
    grant(viewer_b, "observer", tree.b)
    check_three_ways(client_for=login, url=_url("transfer_decide", transfer.pk, "accept"), method="post",
                     data={"note": ""}, allowed=people.officer_b, outsider=people.officer_a, unpermitted=viewer_b,
                     denied=404, ok=(302,), state=lambda: Transfer.objects.get().state)
    assert Measure.objects.get(pk=measure.pk).person.commune == tree.b


def test_a_helper_on_a_phone_sees_their_person_and_records_a_visit(tree, people, women, login, register):
    union, helper = women
    person = register(kind="released_prison").person
    url = _url("helper_assign", person.pk)
    data = {"helper-helper": f"o{union.pk}", "helper-decision": "15/QĐ-UBND", "helper-decided_on": "04/05/2026"}
    check_three_ways(client_for=login, url=url, method="post", data=data, allowed=people.officer_a,
                     outsider=people.officer_b, unpermitted=people.province, ok=(302,),
                     state=lambda: Helper.objects.count())
    other_b = UserFactory(home_unit=tree.b)
    grant(other_b, "member_org_officer", tree.b, OrganisationFactory(unit=tree.b))
    page = check_three_ways(client_for=login, url=_url("helping_detail", person.pk), allowed=helper,
                            outsider=other_b, unpermitted=people.officer_a, denied=404)
    body = page.content.decode()
    assert NAME in body and ID_NUMBER not in body and REFERENCE not in body and "Án treo" not in body
    listed = login(helper).get(_url("helping_list")).content.decode()
    assert NAME in listed and login(people.viewer_a).get(_url("helping_list")).status_code == 403
    assert login(helper).get(_url("file_detail", person.pk)).status_code == 302  # to the helper's page
    refused = login(helper).post(_url("visit_record", person.pk), {"visit-visited_on": "04/05/2026",
                                                                   "visit-wishes": ""})
    assert refused.status_code == 400 and not Visit.objects.exists()
    assert login(helper).post(_url("visit_record", person.pk), {
        "visit-visited_on": "04/05/2026", "visit-wishes": "Muốn học nghề"}).status_code == 302
    assert login(other_b).post(_url("visit_record", person.pk), {
        "visit-visited_on": "04/05/2026", "visit-wishes": "x"}).status_code == 404
    assert Visit.objects.count() == 1


def test_the_front_breaks_the_glass_reads_only_and_the_province_sees_it(tree, people, front, chief, login, register):
    measure = register()
    url = _url("file_open")
    assert login(people.officer_a).get(url).status_code == 403
    front_b = UserFactory(home_unit=tree.b)
    grant(front_b, "commune_front", tree.b)
    unknown = login(front_b).post(url, {"number": measure.person_id, "reason": "Cần xem gấp có việc", "how": "now"})
    assert (unknown.status_code == 400 and "No file with this number" in unknown.content.decode()) or \
        "Không có hồ sơ" in unknown.content.decode()
    assert not AccessGrant.objects.exists()
    short = login(front).post(url, {"number": measure.person_id, "reason": "gấp", "how": "now"})
    assert short.status_code == 400 and 'value="' + str(measure.person_id) + '"' in short.content.decode()
    assert not AccessGrant.objects.exists()
    opened = login(front).post(url, {"number": measure.person_id, "how": "now",
                                     "reason": "Người này đang gây rối, cần liên hệ gia đình ngay"})
    assert opened.status_code == 302 and AccessGrant.objects.get().emergency
    page = login(front).get(_url("file_detail", measure.person_id)).content.decode()
    assert NAME in page and "breach_record" not in page and "/breaches/" not in page  # read only
    report = login(people.province).get(_url("emergency_openings")).content.decode()
    assert f"#{measure.person_id}" in report and "gây rối" in report
    chief_b = UserFactory(home_unit=tree.b)
    grant(chief_b, "commune_police_chief", tree.b)
    elsewhere = login(chief_b).get(_url("emergency_openings"))
    assert elsewhere.status_code == 200 and "gây rối" not in elsewhere.content.decode()  # another commune's
    assert login(people.officer_a).get(_url("emergency_openings")).status_code == 403
    approvals = login(chief).get(reverse("access_list")).content.decode()
    assert "gây rối" in approvals  # the head reads the reason and may close it


def test_the_commune_board_counts_moves_in_breaches_and_the_helpers_people(tree, people, women, login, register):
    measure = register()
    services.breach_record(actor=people.officer_a, measure=measure, occurred_on=DAY, what="Vắng mặt buổi trình diện")
    services.transfer_request(actor=people.officer_a, person=measure.person, to_unit=tree.b1, reason="Về ở với vợ")
    cards = {c.label: c.count for c in login(people.officer_a).get(reverse("home")).context["todo"]}
    assert cards["Vi phạm chưa xử lý"] == 1 and cards.get("Hồ sơ chuyển đến", 0) == 0  # a card of none is left out
    cards = {c.label: c.count for c in login(people.officer_b).get(reverse("home")).context["todo"]}
    assert cards["Hồ sơ chuyển đến"] == 1 and cards.get("Vi phạm chưa xử lý", 0) == 0
    union, helper = women
    back = register(kind="released_prison")
    services.helper_assign(actor=people.officer_a, person=back.person, organisation=union, decision="15/QĐ-UBND",
                           decided_on=DAY)
    cards = {c.label: c.count for c in login(helper).get(reverse("home")).context["todo"]}
    assert cards["Người tôi giúp đỡ"] == 1


def test_a_photo_is_optional_sealed_without_its_location_and_downloaded_on_the_record(tree, people, chief, login):
    import io
    import os

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from antq.core.models import AuditEvent
    from antq.supervision.models import MeasureType, Person

    url = reverse("supervision:person_register", args=[tree.a.pk])
    data = {"kind": MeasureType.objects.get(code="suspended_sentence").pk, "unit": tree.a1.pk, "full_name": NAME,
            "birth_date": "02/05/1998", "id_number": ID_NUMBER, "address": "Số 7, hẻm 3", "started_on": "20/04/2026",
            "intake_on": "28/04/2026"}
    refused = login(people.officer_a).post(url, {**data, "photo": SimpleUploadedFile("a.jpg", b"not a picture")})
    assert refused.status_code == 400 and "Chọn lại tệp" in refused.content.decode() and not Person.objects.exists()
    picture = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's make: gone once re-encoded
    Image.new("RGB", (40, 30), "green").save(picture, format="JPEG", exif=exif)
    assert login(people.officer_a).post(url, {**data, "photo": SimpleUploadedFile("chan-dung.jpg", picture.getvalue())}
                                        ).status_code == 302
    person = Person.objects.get()
    assert person.photo and "chan-dung" not in person.photo.name
    with open(person.photo.path, "rb") as raw:
        assert not raw.read().startswith(b"\xff\xd8")  # sealed on disk
    response = check_three_ways(client_for=login, url=_url("photo", person.pk), allowed=people.officer_a,
                                outsider=people.officer_b, unpermitted=people.viewer_a, denied=404)
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xff\xd8") and b"PhoneMaker" not in body
    assert AuditEvent.objects.filter(action="supervision.file_read", after__fields=["photo"]).count() == 1
    path = person.photo.path
    measure = person.measures.get()
    services.measure_complete(actor=chief, measure=measure, ended_on=datetime.date(2026, 11, 30),
                              certificate_number="9/GCN")
    services.anonymise_due(today=Person.objects.get().keep_until + datetime.timedelta(days=1))
    assert not Person.objects.get().photo and not os.path.exists(path)


def test_the_list_narrows_to_what_needs_doing_as_the_board_counts(tree, people, login, register):
    late = register()  # plan due 07/05/2026, not issued: late today
    back = register(kind="released_prison")  # no plan owed
    services.breach_record(actor=people.officer_a, measure=late, occurred_on=DAY, what="Vắng mặt buổi trình diện")
    page = login(people.officer_a).get(_url("file_list"), {"show": "late"})
    shown = [p.pk for p in page.context["people"]]
    assert shown == [late.person_id] and back.person_id not in shown
    assert [p.pk for p in login(people.officer_a).get(_url("file_list"), {"show": "breaches"}).context["people"]] == [
        late.person_id]
    everyone = login(people.officer_a).get(_url("file_list"), {"show": "nonsense"}).context["people"]
    assert {p.pk for p in everyone} == {late.person_id, back.person_id}


def test_ending_a_helper_on_the_page_refuses_a_day_before_the_decision(tree, people, women, login, register):
    union, _helper = women
    person = register(kind="released_prison").person
    helper = services.helper_assign(actor=people.officer_a, person=person, organisation=union,
                                    decision="15/QĐ-UBND", decided_on=DAY)
    url = _url("helper_end", person.pk, helper.pk)
    refused = login(people.officer_a).post(url, {"ended_on": "01/05/2026"}, follow=True)
    assert "từ ngày quyết định" in refused.content.decode() and Helper.objects.get().ended_on is None
    assert login(people.officer_b).post(url, {"ended_on": "05/05/2026"}).status_code == 404
    login(people.officer_a).post(url, {"ended_on": "05/05/2026"})
    assert Helper.objects.get().ended_on == datetime.date(2026, 5, 5)
