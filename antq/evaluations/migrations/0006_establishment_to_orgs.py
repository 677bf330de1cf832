# The establishment registry now lives in orgs (same table): the foreign keys point there; state only.
import django.db.models.deletion
from django.db import migrations, models


def _fk(related_name, **extra):
    return models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                             related_name=related_name, to="orgs.establishment", **extra)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0005_armed_forces_exempt"), ("orgs", "0003_establishment")]
    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(model_name="evaluation", name="establishment",
                              field=_fk("evaluations", verbose_name="establishment")),
        migrations.AlterField(model_name="incident", name="establishment",
                              field=_fk("incidents", verbose_name="establishment")),
        migrations.AlterField(model_name="movementgrading", name="establishment", field=_fk("gradings")),
        migrations.DeleteModel(name="Establishment"),
    ])]
