from django.db import migrations

from antq.forces.defaults import apply_duty


class Migration(migrations.Migration):
    dependencies = [("forces", "0003_duty_tasks_ratings"), ("forces", "0002_defaults")]

    operations = [migrations.RunPython(apply_duty, migrations.RunPython.noop)]
