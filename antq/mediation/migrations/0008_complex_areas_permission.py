from django.db import migrations

from antq.mediation.defaults import apply_disputes


class Migration(migrations.Migration):
    dependencies = [("mediation", "0007_complex_areas"), ("mediation", "0006_disputes_defaults")]
    operations = [migrations.RunPython(apply_disputes, migrations.RunPython.noop)]
