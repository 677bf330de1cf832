from django.db import migrations

from antq.mediation.defaults import apply_disputes


class Migration(migrations.Migration):
    dependencies = [("mediation", "0005_disputes"), ("mediation", "0004_cases_defaults")]
    operations = [migrations.RunPython(apply_disputes, migrations.RunPython.noop)]
