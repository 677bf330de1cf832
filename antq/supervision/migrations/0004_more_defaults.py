from django.db import migrations

from antq.supervision.defaults import apply


class Migration(migrations.Migration):
    """The purposes added with moves, breaches, helpers and opening a file outside the police, and their
    time limits (defaults.apply is safe to run again)."""

    dependencies = [("supervision", "0003_moves_breaches_reintegration"), ("core", "0006_accessgrant_emergency")]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
