from django.db import migrations

from antq.forces.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("forces", "0001_initial"), ("tips", "0012_pending_index"), ("orgs", "0004_drop_plain_api_tokens")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
