from django.db import migrations

from antq.mediation.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_initial"), ("evaluations", "0002_defaults")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
