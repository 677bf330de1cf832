from django.db import migrations

from antq.forces.defaults import apply_training


class Migration(migrations.Migration):
    dependencies = [("forces", "0005_training_allowances_community"), ("forces", "0004_duty_defaults")]

    operations = [migrations.RunPython(apply_training, migrations.RunPython.noop)]
