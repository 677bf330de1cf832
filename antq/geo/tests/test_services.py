import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from antq.core.models import AuditEvent
from antq.geo import services
from antq.geo.models import AdminUnit, UnitType

pytestmark = pytest.mark.django_db


@pytest.fixture
def khu_pho():
    return UnitType.objects.get(code="khu_pho")


def test_commune_officer_adds_a_residential_area_with_an_audit_row(tree, people, khu_pho):
    area = services.residential_area_create(actor=people.officer_a, commune=tree.a, name="  Khu phố   2 ",
                                            unit_type=khu_pho)
    assert area.name == "Khu phố 2"
    assert area.parent == tree.a and area.level.code == "residential_area"
    assert area.path == f"{tree.a.path}{area.pk}/"
    event = AuditEvent.objects.get(action="geo.residential_area_create")
    assert event.actor == people.officer_a
    assert event.object_id == str(area.pk)
    assert event.unit_path == area.path
    assert event.after["name"] == "Khu phố 2"


@pytest.mark.parametrize("name", ["Khu phố 1", "khu PHỐ 1", "Khu phố 1 "])
def test_a_name_is_unique_within_its_commune(tree, people, khu_pho, name):
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        services.residential_area_create(actor=people.officer_a, commune=tree.a, name=name, unit_type=khu_pho)
    assert "đã có khu dân cư tên" in exc.value.message_dict["name"][0]
    assert AdminUnit.objects.filter(parent=tree.a).count() == 1
    assert not AuditEvent.objects.exists()


def test_the_same_name_is_fine_in_another_commune(tree, people, khu_pho):
    area = services.residential_area_create(actor=people.province, commune=tree.b, name="Khu phố 1",
                                            unit_type=khu_pho)
    assert area.parent == tree.b


def test_names_that_differ_only_by_diacritics_are_distinct(tree, people, khu_pho):
    services.residential_area_create(actor=people.officer_a, commune=tree.a, name="Khu phố Tân Thành",
                                     unit_type=khu_pho)
    services.residential_area_create(actor=people.officer_a, commune=tree.a, name="Khu phố Tân Thạnh",
                                     unit_type=khu_pho)
    assert AdminUnit.objects.filter(parent=tree.a).count() == 3


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"name": "   "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"unit_type_code": "xa"}, "unit_type"),
])
def test_bad_input_is_refused_and_nothing_is_written(tree, people, khu_pho, kwargs, field):
    unit_type = UnitType.objects.get(code=kwargs.pop("unit_type_code", "khu_pho"))
    with pytest.raises(ValidationError) as exc:
        services.residential_area_create(actor=people.officer_a, commune=tree.a, unit_type=unit_type,
                                         **{"name": "Khu phố 9", **kwargs})
    assert field in exc.value.message_dict
    assert AdminUnit.objects.filter(parent=tree.a).count() == 1
    assert not AuditEvent.objects.exists()


def test_areas_hang_only_under_a_commune(tree, people, khu_pho):
    with pytest.raises(ValidationError):
        services.residential_area_create(actor=people.province, commune=tree.province, name="Khu phố 9",
                                         unit_type=khu_pho)
    assert not AdminUnit.objects.filter(name="Khu phố 9").exists()


def test_an_officer_cannot_add_to_another_commune(tree, people, khu_pho):
    with pytest.raises(PermissionDenied):
        services.residential_area_create(actor=people.officer_a, commune=tree.b, name="Ấp Hai", unit_type=khu_pho)
    with pytest.raises(PermissionDenied):
        services.residential_area_create(actor=people.viewer_a, commune=tree.a, name="Khu phố 9", unit_type=khu_pho)
    assert not AdminUnit.objects.filter(name__in=["Ấp Hai", "Khu phố 9"]).exists()
    assert not AuditEvent.objects.exists()


def test_rename_keeps_the_before_and_after(tree, people, khu_pho):
    services.residential_area_update(actor=people.officer_a, area=tree.a1, name="Khu phố Một", unit_type=khu_pho)
    event = AuditEvent.objects.get(action="geo.residential_area_update")
    assert event.before["name"] == "Khu phố 1" and event.after["name"] == "Khu phố Một"
    assert AdminUnit.objects.search("khu pho mot").get() == tree.a1


def test_closing_an_area_keeps_it_with_its_successor(tree, people, khu_pho):
    import datetime

    other = services.residential_area_create(actor=people.officer_a, commune=tree.a, name="Khu phố 2",
                                             unit_type=khu_pho)
    services.residential_area_close(actor=people.officer_a, area=tree.a1, valid_to=datetime.date(2026, 1, 1),
                                    successor=other)
    tree.a1.refresh_from_db()
    assert tree.a1.valid_to == datetime.date(2026, 1, 1) and tree.a1.successor == other
    assert list(AdminUnit.objects.current().filter(parent=tree.a)) == [other]
    # The name is free again for a new current area.
    again = services.residential_area_create(actor=people.officer_a, commune=tree.a, name="Khu phố 1",
                                             unit_type=khu_pho)
    assert again.pk != tree.a1.pk
    with pytest.raises(ValidationError):
        services.residential_area_close(actor=people.officer_a, area=other, valid_to=datetime.date(2026, 1, 1),
                                        successor=tree.b1)
