import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from antq.core.audit import GENESIS, audit_record, audit_verify
from antq.core.middleware import request_id_var
from antq.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _three_rows():
    return [audit_record(actor=None, action=f"test.step{i}", unit_path="/1/", after={"i": i, "tên": "Tân Ninh"})
            for i in range(3)]


def test_rows_are_chained_and_verify():
    rows = _three_rows()
    assert rows[0].prev_hash == GENESIS
    assert rows[1].prev_hash == rows[0].hash
    assert rows[2].prev_hash == rows[1].hash
    report = audit_verify()
    assert report.ok and report.checked == 3


def test_altering_a_row_with_sql_is_detected_at_that_row():
    rows = _three_rows()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = %s WHERE id = %s", ["test.forged", rows[1].pk])
    report = audit_verify()
    assert not report.ok
    assert report.broken_id == rows[1].pk
    assert report.checked == 1
    with pytest.raises(CommandError, match=f"row {rows[1].pk}"):
        call_command("audit", "verify")


def test_deleting_a_row_with_sql_is_detected_at_the_next_row():
    rows = _three_rows()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [rows[1].pk])
    report = audit_verify()
    assert not report.ok
    assert report.broken_id == rows[2].pk


def test_altering_the_json_payload_is_detected():
    rows = _three_rows()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET after = %s WHERE id = %s", ['{"i": 99}', rows[0].pk])
    assert audit_verify().broken_id == rows[0].pk


def test_verify_command_passes_on_an_intact_chain(capsys):
    _three_rows()
    call_command("audit", "verify")
    assert "3 rows verified" in capsys.readouterr().out


def test_the_trail_refuses_updates_and_deletes_through_the_orm():
    row = _three_rows()[0]
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=row.pk).update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=row.pk).action == "test.step0"


def test_request_id_is_recorded():
    token = request_id_var.set("abcdef0123456789")
    try:
        row = audit_record(actor=None, action="test.request")
    finally:
        request_id_var.reset(token)
    assert row.request_id == "abcdef0123456789"


def test_rows_cut_off_the_end_are_caught_by_an_anchor(capsys):
    rows = _three_rows()
    call_command("audit", "head")
    assert rows[2].hash in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [rows[2].pk])
    assert audit_verify().ok  # the chain alone cannot tell
    report = audit_verify(anchor=rows[2].hash)
    assert not report.ok and "removed from the end" in report.reason
    with pytest.raises(CommandError, match="at its end"):
        call_command("audit", "verify", anchor=rows[2].hash)


def test_a_view_write_carries_the_request_id(tree, people, login):
    from antq.geo.models import UnitType

    response = login(people.officer_a).post(
        f"/units/{tree.a.pk}/areas/new/", {"name": "Khu phố 3", "unit_type": UnitType.objects.get(code="khu_pho").pk},
        HTTP_X_REQUEST_ID="req-0123456789abcdef")
    assert response["X-Request-ID"] == "req-0123456789abcdef"
    assert AuditEvent.objects.get(action="geo.residential_area_create").request_id == "req-0123456789abcdef"
