from django.db import migrations

from antq.geo.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
