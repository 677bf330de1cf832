from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "antq.evaluations"
    label = "evaluations"
    verbose_name = _("Safe in security and order evaluations")

    def ready(self):
        from antq.core import demo, rules

        rules.register(rules.RulePage(
            title=_("Rules of the evaluation"), url_name="evaluations:rules",
            source="Thông tư 124/2021/TT-BCA; Quyết định 510/QĐ-BCA-V05",
            what=_("criteria by kind of unit, periods and deadlines, who approves, exempt units, grading "
                   "score sheets, targets"), unconfirmed=True))
        # Establishments first, then the models' step gives them sites, then they are evaluated.
        demo.register("evaluations.establishments", 50, "antq.evaluations.demo.build_establishments")
        demo.register("evaluations", 60, "antq.evaluations.demo.build_evaluations")
