from django.db import migrations

from antq.committees.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("committees", "0001_initial"), ("orgs", "0002_defaults"), ("geo", "0002_defaults")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
