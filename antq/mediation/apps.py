from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "antq.mediation"
    label = "mediation"
    verbose_name = _("Grassroots mediation")

    def ready(self):
        from antq.core import demo, rules
        from antq.mediation import defaults
        from antq.mediation.models import TeamRule

        demo.register("mediation", 45, "antq.mediation.demo.build_mediation")
        rules.register_table(rules.RuleTable(
            key="mediation.team_rule", title=_("Mediation teams"), model=TeamRule,
            fields=("min_mediators", "min_women", "min_ethnic_minority", "min_election_share", "source"),
            source=defaults.SOURCE, dated=True,
            what=_("how a mediation team must be made up and elected")))
