from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "antq.supervision"
    label = "supervision"
    verbose_name = _("Supervision and reintegration")

    def ready(self):
        from antq.core import demo, limits, rules
        from antq.supervision import defaults
        from antq.supervision.models import MeasureType

        limits.declare_all(defaults.LIMITS)
        from antq.core import registry
        from antq.supervision.selectors import managed_check

        registry.contribute("evaluations.checks", "supervised_managed", managed_check)
        from antq.core import grants
        from antq.supervision import permissions as perms
        from antq.supervision.selectors import FILE_PURPOSE

        grants.register(grants.Purpose(
            code=FILE_PURPOSE, label=_("a supervision file"), request_permission=perms.REQUEST_FILE,
            approve_permission=perms.APPROVE_FILE, limit="supervision.file_grant", url_name="supervision:file_detail",
            break_glass_permission=perms.REQUEST_FILE, break_glass_limit="supervision.break_glass"))
        demo.register("supervision", 80, "antq.supervision.demo.build_supervision")  # after the police accounts
        rules.register_table(rules.RuleTable(
            key="supervision.measure_types", title=_("Measures"), model=MeasureType,
            fields=("code", "name", "name_en", "order", "is_active", "police_supervised", "article",
                    "retention_years"),
            source=defaults.SOURCE, unconfirmed=True,
            what=_("the measures a person in the community may be under, their article and how long a file is kept")))
