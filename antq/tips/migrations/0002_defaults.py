from django.db import migrations

from antq.tips.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("tips", "0001_initial"), ("orgs", "0002_defaults"), ("initiatives", "0002_defaults")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
