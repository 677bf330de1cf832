"""Register numbers restart each year: the year joins the uniqueness (it was commune + number, so
the first tip of a commune's second year could not be saved), and a counter row per commune and
year hands out the next number."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Max
from django.utils import timezone


def backfill(apps, schema_editor):
    Tip = apps.get_model("tips", "Tip")
    Counter = apps.get_model("tips", "RegisterCounter")
    for tip in Tip.objects.only("received_at").iterator():
        Tip.objects.filter(pk=tip.pk).update(register_year=timezone.localtime(tip.received_at).year)
    rows = Tip.objects.values("commune_id", "register_year").annotate(last=Max("register_number"))
    Counter.objects.bulk_create(Counter(commune_id=r["commune_id"], year=r["register_year"], last=r["last"])
                                for r in rows)


class Migration(migrations.Migration):
    dependencies = [("geo", "0003_path_pattern_index"), ("tips", "0002_defaults")]

    operations = [
        migrations.CreateModel(
            name="RegisterCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField()),
                ("last", models.PositiveIntegerField()),
                ("commune", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                              to="geo.adminunit")),
            ],
            options={"constraints": [models.UniqueConstraint(fields=("commune", "year"), name="tips_counter_once")]},
        ),
        migrations.RemoveConstraint(model_name="tip", name="tips_register_once"),
        migrations.AddField(model_name="tip", name="register_year",
                            field=models.PositiveSmallIntegerField(editable=False, null=True,
                                                                   verbose_name="register year")),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(model_name="tip", name="register_year",
                              field=models.PositiveSmallIntegerField(editable=False, verbose_name="register year")),
        migrations.AddConstraint(model_name="tip", constraint=models.UniqueConstraint(
            fields=("commune", "register_year", "register_number"), name="tips_register_once")),
    ]
