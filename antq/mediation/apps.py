from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "antq.mediation"
    label = "mediation"
    verbose_name = _("Grassroots mediation")

    def ready(self):
        from antq.core import demo, limits, registry, rules
        from antq.mediation import defaults
        from antq.mediation.models import EscalationRule, Subject, TeamRule

        demo.register("mediation", 45, "antq.mediation.demo.build_mediation")
        rules.register_table(rules.RuleTable(
            key="mediation.team_rule", title=_("Mediation teams"), model=TeamRule,
            fields=("min_mediators", "min_women", "min_ethnic_minority", "min_election_share", "source"),
            source=defaults.SOURCE, dated=True,
            what=_("how a mediation team must be made up and elected")))
        rules.register_table(rules.RuleTable(
            key="mediation.subjects", title=_("Subjects of mediation"), model=Subject,
            fields=("code", "name", "name_en", "order", "is_active", "mediable", "article", "route"),
            source=f"{defaults.LAW}, Điều 3",
            what=_("what a matter may be about, and what may not be mediated, with its article and where it "
                   "goes instead")))
        rules.register_table(rules.RuleTable(
            key="mediation.escalation", title=_("Disputes and hot spots"), model=EscalationRule,
            fields=("risk_people", "risk_gatherings", "risk_days", "hot_people", "hot_gatherings", "hot_days",
                    "prolonged_days", "source", "unconfirmed"),
            source=defaults.ESCALATION_SOURCE, dated=True, unconfirmed=True,
            what=_("when a dispute becomes a risk of a hot spot, then a hot spot, and when it counts as prolonged")))
        limits.declare_all(defaults.LIMITS)
        # A tip the police find is no crime but a dispute among people comes to the commune's mediation.
        from antq.core.refcache import clear_on_change
        from antq.mediation import selectors, services

        clear_on_change(Subject, selectors.SUBJECTS)

        registry.contribute("tips.referrals", "mediation", services.case_from_referral)
        # A dispute a security team member saw on duty, recorded by the commune police in one step.
        registry.contribute("forces.incident_sinks", "dispute", services.dispute_from_patrol)
        # Circular 124/2021 Art. 4 items 3–4: new hot spots and prolonged disputes fail an area's evaluation.
        from antq.mediation.selectors import incident_facts

        registry.contribute("evaluations.incidents", "mediation", incident_facts)
