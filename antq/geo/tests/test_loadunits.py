import pytest
from django.core.management import call_command

from antq.core.models import AuditEvent
from antq.geo.models import AdminUnit

pytestmark = pytest.mark.django_db


def test_loads_34_provinces_and_3321_communes_with_official_codes_once(capsys):
    call_command("loadunits")
    assert AdminUnit.objects.of_level("province").count() == 34
    assert AdminUnit.objects.of_level("commune").count() == 3321
    hanoi = AdminUnit.objects.get(level__code="province", code="01")
    assert hanoi.name == "Thành phố Hà Nội"
    hoan_kiem = AdminUnit.objects.get(level__code="commune", code="00070")
    assert hoan_kiem.parent == hanoi
    assert hoan_kiem.path == f"{hanoi.path}{hoan_kiem.pk}/"
    assert str(AdminUnit.objects.get(level__code="province", code="80")) == "Tỉnh Tây Ninh"
    audit_rows = AuditEvent.objects.count()
    total = AdminUnit.objects.count()
    snapshot = list(AdminUnit.objects.values_list("pk", "name", "path", "updated_at"))

    call_command("loadunits")

    assert "0 created, 0 renamed" in capsys.readouterr().out
    assert AdminUnit.objects.count() == total == 1 + 34 + 3321
    assert list(AdminUnit.objects.values_list("pk", "name", "path", "updated_at")) == snapshot
    assert AuditEvent.objects.count() == audit_rows
    # Diacritics- and case-insensitive search on real names.
    assert list(AdminUnit.objects.search("hoan kiem").values_list("name", flat=True)) == ["Phường Hoàn Kiếm"]
    assert AdminUnit.objects.search("HOÀN KIẾM").count() == 1
