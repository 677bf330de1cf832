from django.db import migrations

from antq.initiatives.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial"), ("evaluations", "0002_defaults")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
