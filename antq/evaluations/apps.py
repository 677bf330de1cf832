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
        demo.register("evaluations.national", 65, "antq.evaluations.demo.build_national")
        from antq.evaluations.models import Criterion, KindRule, Target

        for key, title, model, fields, dated in (
                ("evaluations.kinds", _("Evaluated kinds of unit"), KindRule,
                 ("kind", "period_end_month", "period_end_day", "registration_due_month", "registration_due_day",
                  "decision_due_month", "decision_due_day", "approving_level", "exempt_classes", "source"), True),
                ("evaluations.criteria", _("Evaluation criteria"), Criterion,
                 ("criteria_set", "order", "text", "article", "judgement", "threshold", "check_code"), False),
                ("evaluations.targets", _("Targets of the movement"), Target,
                 ("kind", "unit", "value", "year_from", "year_to", "source"), False)):
            rules.register_table(rules.RuleTable(
                key=key, title=title, model=model, fields=fields, dated=dated, edited_on="evaluations:rules",
                source="Thông tư 124/2021/TT-BCA; Kế hoạch 279", unconfirmed=key == "evaluations.kinds"))
