from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "antq.initiatives"
    label = "initiatives"
    verbose_name = _("Models and exemplary examples")

    def ready(self):
        from antq.core import demo, registry
        from antq.initiatives.selectors import working_model_check

        registry.contribute("evaluations.checks", "working_model", working_model_check)

        demo.register("initiatives", 40, "antq.initiatives.demo.build_initiatives")
        demo.register("initiatives.establishment_sites", 55, "antq.initiatives.demo.build_establishment_sites")
        from antq.core import rules
        from antq.initiatives.models import InitiativeRule

        rules.register_table(rules.RuleTable(
            key="initiatives.rule", title=_("Rules for models"), model=InitiativeRule,
            fields=("grading_interval_months", "ineffective_gradings_for_review", "exemplary_communes_per_province",
                    "exemplary_wards_per_province", "confirmed", "source"),
            source="Hướng dẫn 22/HD-BCA-V05 (2022); Kế hoạch 279", dated=True, unconfirmed=True,
            what=_("how often models are graded, when one is reviewed for removal, exemplary units per province")))
