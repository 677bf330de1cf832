import factory

from antq.geo.models import AdminUnit, Level, UnitType


class AdminUnitFactory(factory.django.DjangoModelFactory):
    """A unit with its path set; pass `parent` and `unit_type` (a UnitType code)."""

    class Meta:
        model = AdminUnit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    unit_type = "xa"
    parent = None
    code = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if isinstance(kwargs["unit_type"], str):
            kwargs["unit_type"] = UnitType.objects.select_related("level").get(code=kwargs["unit_type"])
        kwargs["level"] = kwargs["unit_type"].level
        unit = super()._create(model_class, *args, **kwargs)
        parent_path = unit.parent.path if unit.parent_id else "/"
        unit.path = f"{parent_path}{unit.pk}/"
        unit.depth = unit.path.count("/") - 2
        unit.save(update_fields=["path", "depth"])
        return unit


def level(code: str) -> Level:
    return Level.objects.get(code=code)
