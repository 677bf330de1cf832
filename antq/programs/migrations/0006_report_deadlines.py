# A report form's deadline becomes a dated rule: a change applies to the periods that end from its
# date and never re-judges the earlier ones.
import django.db.models.deletion
from django.db import migrations, models


def deadlines_from_forms(apps, schema_editor):
    ReportForm = apps.get_model("programs", "ReportForm")
    ReportDeadline = apps.get_model("programs", "ReportDeadline")
    ReportDeadline.objects.bulk_create([
        ReportDeadline(form=form, amount=form.deadline_days, unit="days", source=form.source[:300])
        for form in ReportForm.objects.all()])


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0005_directives_inspections'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportDeadline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('amount', models.PositiveSmallIntegerField(default=5, verbose_name='due after the period')),
                ('unit', models.CharField(choices=[('hours', 'hours'), ('days', 'days'), ('working_days', 'working days'), ('months', 'months')], default='days', max_length=20, verbose_name='counted in')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='valid from')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='valid to')),
                ('form', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deadlines', to='programs.reportform', verbose_name='report form')),
            ],
            options={
                'verbose_name': 'report deadline',
                'verbose_name_plural': 'report deadlines',
                'ordering': ['form', 'valid_from'],
                'constraints': [models.UniqueConstraint(fields=('form', 'valid_from'), name='programs_deadline_once_a_day')],
            },
        ),
        migrations.RunPython(deadlines_from_forms, migrations.RunPython.noop),
        migrations.RemoveField(model_name='reportform', name='deadline_days'),
    ]
