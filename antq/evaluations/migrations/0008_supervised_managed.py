"""Circular 124/2021 Art. 4 item 4 splits in two: "crime and social evils fell" stays the unit's own answer;
"people under management are managed" becomes an automatic check on the supervision files. A national set
an evaluation already used is not edited: a new version starts today (as the criteria pages do)."""

import datetime

from django.db import migrations
from django.utils import timezone

from antq.evaluations.defaults import _CRIME_LOWER, _MANAGED

FIELDS = ["order", "code", "text", "article", "judgement", "threshold", "check_code", "allows_exception",
          "exception_text"]


def _rows(criteria):
    """The criteria as dicts, crime_lower cut to its own text and the check added after it."""
    rows = []
    for c in sorted(criteria, key=lambda c: c.order):
        row = {f: getattr(c, f) for f in FIELDS}
        if row["code"] == "crime_lower":
            row["text"] = _CRIME_LOWER[1]
            rows.append(row)
            code, text, article, judgement, threshold, check, allows, exception = _MANAGED
            rows.append({"code": code, "text": text, "article": article, "judgement": judgement,
                         "threshold": threshold, "check_code": check, "allows_exception": allows,
                         "exception_text": exception})
        else:
            rows.append(row)
    for order, row in enumerate(rows, start=1):
        row["order"] = order
    return rows


def split(apps, schema_editor):
    CriteriaSet = apps.get_model("evaluations", "CriteriaSet")
    Criterion = apps.get_model("evaluations", "Criterion")
    Evaluation = apps.get_model("evaluations", "Evaluation")
    today = timezone.localdate()
    for kind in ("residential_area", "commune"):
        current = (CriteriaSet.objects.filter(kind=kind, province__isnull=True, valid_to__isnull=True)
                   .order_by("-version").first())
        if current is None:
            continue
        criteria = list(Criterion.objects.filter(criteria_set=current))
        codes = {c.code for c in criteria}
        if "supervised_managed" in codes or "crime_lower" not in codes:
            continue
        rows = _rows(criteria)
        used = Evaluation.objects.filter(criteria_set=current).exists() or \
            Evaluation.objects.filter(province_set=current).exists()
        if used:
            start = max(today, current.valid_from + datetime.timedelta(days=1))
            target = CriteriaSet.objects.create(kind=kind, province=None, version=current.version + 1,
                                                valid_from=start, source=current.source)
            current.valid_to = start - datetime.timedelta(days=1)
            current.save(update_fields=["valid_to"])
        else:
            target = current
            for c in criteria:
                if c.code == "crime_lower":
                    Criterion.objects.filter(pk=c.pk).update(text=_CRIME_LOWER[1])
            by_code = {c.code: c for c in Criterion.objects.filter(criteria_set=current)}
            for row in rows:
                if row["code"] in by_code:
                    Criterion.objects.filter(pk=by_code[row["code"]].pk).update(order=row["order"])
                else:
                    Criterion.objects.create(criteria_set=current, **row)
            continue
        Criterion.objects.bulk_create([Criterion(criteria_set=target, **row) for row in rows])


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0007_list_indexes")]

    operations = [migrations.RunPython(split, migrations.RunPython.noop)]
