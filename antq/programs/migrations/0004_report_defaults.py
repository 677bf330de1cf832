from django.db import migrations


def apply(apps, schema_editor):
    from antq.programs.defaults import apply_reports

    apply_reports(apps)


class Migration(migrations.Migration):
    dependencies = [("programs", "0003_reports"), ("geo", "0002_defaults"), ("orgs", "0002_defaults")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
