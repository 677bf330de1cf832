from django.db import migrations

from antq.evaluations.defaults import apply


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial"), ("orgs", "0002_defaults"), ("geo", "0002_defaults"),
                    ("programs", "0005_directives_inspections")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
