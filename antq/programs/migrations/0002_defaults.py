from django.db import migrations

from antq.programs.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial"), ("orgs", "0002_defaults")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
