from django.db import migrations

from antq.orgs.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
