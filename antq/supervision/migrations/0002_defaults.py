from django.db import migrations

from antq.supervision.defaults import apply


class Migration(migrations.Migration):
    # The commune police chief's role is shipped by the tips app; the working-day limit by core.
    dependencies = [("supervision", "0001_initial"), ("tips", "0012_pending_index"),
                    ("core", "0004_working_calendar_and_limits")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
