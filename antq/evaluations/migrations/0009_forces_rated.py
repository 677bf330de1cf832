"""Circular 124/2021 Art. 4 item 5 ("the grassroots force rated as completing its tasks, no member disciplined")
becomes an automatic check on the security teams' records (the forces app contributes it). A national set an
evaluation already used is not edited: a new version starts today (as the criteria pages do)."""

import datetime

from django.db import migrations
from django.utils import timezone

FIELDS = ["order", "code", "text", "article", "judgement", "threshold", "check_code", "allows_exception",
          "exception_text"]


def automate(apps, schema_editor):
    CriteriaSet = apps.get_model("evaluations", "CriteriaSet")
    Criterion = apps.get_model("evaluations", "Criterion")
    Evaluation = apps.get_model("evaluations", "Evaluation")
    current = (CriteriaSet.objects.filter(kind="residential_area", province__isnull=True, valid_to__isnull=True)
               .order_by("-version").first())
    if current is None:
        return
    row = Criterion.objects.filter(criteria_set=current, code="security_force").first()
    if row is None or row.check_code == "forces_rated":
        return
    used = Evaluation.objects.filter(criteria_set=current).exists() or \
        Evaluation.objects.filter(province_set=current).exists()
    if not used:
        Criterion.objects.filter(pk=row.pk).update(judgement="automatic", check_code="forces_rated")
        return
    start = max(timezone.localdate(), current.valid_from + datetime.timedelta(days=1))
    revised = CriteriaSet.objects.create(kind=current.kind, province=None, version=current.version + 1,
                                         valid_from=start, source=current.source)
    for criterion in Criterion.objects.filter(criteria_set=current).order_by("order"):
        values = {f: getattr(criterion, f) for f in FIELDS}
        if values["code"] == "security_force":
            values.update(judgement="automatic", check_code="forces_rated")
        Criterion.objects.create(criteria_set=revised, **values)
    current.valid_to = start - datetime.timedelta(days=1)
    current.save(update_fields=["valid_to"])


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0008_supervised_managed")]

    operations = [migrations.RunPython(automate, migrations.RunPython.noop)]
