from django.db import migrations

# The old rule's columns, each now a dated time limit with its unit (antq.core.limits).
COLUMNS = {
    "triage_hours": "tips.triage", "urgent_forward_hours": "tips.forward_urgent",
    "remote_forward_hours": "tips.forward_urgent_remote", "forward_days": "tips.forward",
    "resolve_days": "tips.resolve", "complex_months": "tips.resolve_complex", "extension_months": "tips.extension",
    "extension_notice_days": "tips.extension_notice", "suspension_notice_hours": "tips.suspension_notice",
    "cancelled_suspension_months": "tips.cancelled_suspension", "acknowledge_working_days": "tips.acknowledge",
    "outcome_days": "tips.outcome_notice",
}


def limits_from_rules(apps, schema_editor):
    from antq.core.limits import seed_limits
    from antq.tips.defaults import LIMITS

    TipRule = apps.get_model("tips", "TipRule")
    TimeLimit = apps.get_model("core", "TimeLimit")
    shipped = {row[0]: row for row in LIMITS}
    for rule in TipRule.objects.exclude(valid_from=None):  # dated rules someone entered
        for column, code in COLUMNS.items():
            _code, _label, _amount, unit, source, _units, unconfirmed = shipped[code]
            TimeLimit.objects.get_or_create(code=code, valid_from=rule.valid_from, defaults={
                "amount": getattr(rule, column), "unit": str(unit), "source": rule.source or source,
                "unconfirmed": unconfirmed})
    seed_limits(apps, LIMITS)


class Migration(migrations.Migration):
    dependencies = [("tips", "0006_partial_user_indexes"), ("core", "0004_working_calendar_and_limits")]
    operations = [
        migrations.RunPython(limits_from_rules, migrations.RunPython.noop),
        migrations.DeleteModel(name="TipRule"),
    ]
