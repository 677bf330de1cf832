# The establishment registry now lives in orgs (same table): the site's key points there; state only.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_defaults"), ("orgs", "0003_establishment")]
    run_before = [("evaluations", "0006_establishment_to_orgs")]
    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(model_name="site", name="establishment", field=models.ForeignKey(
            blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="initiative_sites",
            to="orgs.establishment", verbose_name="agency, enterprise or school")),
    ])]
