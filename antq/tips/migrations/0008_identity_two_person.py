from django.db import migrations

from antq.tips.defaults import apply_identity_approval


class Migration(migrations.Migration):
    dependencies = [("tips", "0007_limits_as_data"), ("core", "0005_accessgrant")]
    operations = [migrations.RunPython(apply_identity_approval, migrations.RunPython.noop)]
