from django.db import migrations

from antq.mediation.defaults import apply_cases


class Migration(migrations.Migration):
    dependencies = [("mediation", "0003_cases"), ("core", "0004_working_calendar_and_limits")]
    operations = [migrations.RunPython(apply_cases, migrations.RunPython.noop)]
