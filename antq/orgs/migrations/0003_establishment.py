# The establishment registry moves from evaluations to orgs, below the domain apps, so evaluations and
# initiatives each read it without importing the other. Its table stays where it is: state only.
import django.db.models.deletion
from django.db import migrations, models

SIZE_CLASSES = [
    ("micro", "Micro enterprise"), ("small", "Small enterprise"), ("medium", "Medium enterprise"),
    ("large", "Large enterprise"), ("nursery", "Nursery"), ("kindergarten", "Kindergarten"),
    ("primary", "Primary school"), ("lower_secondary", "Lower secondary school"),
    ("upper_secondary", "Upper secondary school"), ("multi_level", "Multi-level school"),
    ("vocational", "Vocational school"), ("higher", "College or university"), ("armed_forces", "Armed forces unit"),
    ("other", "Other")]


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0002_defaults"),
        ("geo", "0003_path_pattern_index"),
        ("evaluations", "0005_armed_forces_exempt"),
    ]
    operations = [migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
        name="Establishment",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("kind", models.CharField(choices=[("residential_area", "Residential area"), ("commune", "Commune"),
                                               ("agency", "Agency"), ("enterprise", "Enterprise"),
                                               ("school", "Educational institution")],
                                      max_length=20, verbose_name="kind")),
            ("name", models.CharField(max_length=300, verbose_name="name")),
            ("search_name", models.CharField(db_index=True, editable=False, max_length=300)),
            ("size_class", models.CharField(blank=True, choices=SIZE_CLASSES, max_length=20,
                                            verbose_name="size or school level")),
            ("tax_code", models.CharField(blank=True, max_length=20, verbose_name="tax or registration code")),
            ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
            ("has_party_organisation", models.BooleanField(default=False, verbose_name="has a Party organisation")),
            ("is_exempt", models.BooleanField(default=False, editable=False, verbose_name="exempt from evaluation")),
            ("closed_on", models.DateField(blank=True, null=True, verbose_name="closed on")),
            ("created_at", models.DateTimeField(auto_now_add=True)),
            ("updated_at", models.DateTimeField(auto_now=True)),
            ("commune", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="establishments",
                                          to="geo.adminunit", verbose_name="commune")),
        ],
        options={
            "verbose_name": "establishment", "verbose_name_plural": "establishments",
            "db_table": "evaluations_establishment", "ordering": ["commune", "kind", "search_name"],
            "indexes": [models.Index(fields=["commune", "kind"], name="evaluations_est_commune_idx")],
            "constraints": [models.UniqueConstraint(condition=~models.Q(tax_code=""), fields=("tax_code",),
                                                    name="evaluations_est_unique_tax_code")],
        },
    )])]
