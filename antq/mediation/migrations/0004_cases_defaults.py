from django.db import migrations

from antq.mediation.defaults import apply_cases


class Migration(migrations.Migration):
    # The commune police chief's role, which the grants name, is shipped by the tips app.
    dependencies = [("mediation", "0003_cases"), ("core", "0004_working_calendar_and_limits"),
                    ("tips", "0012_pending_index")]
    operations = [migrations.RunPython(apply_cases, migrations.RunPython.noop)]
