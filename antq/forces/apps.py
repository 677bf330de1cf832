from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForcesConfig(AppConfig):
    name = "antq.forces"
    label = "forces"
    verbose_name = _("Grassroots forces")

    def ready(self):
        from antq.core import demo, rules
        from antq.forces import defaults
        from antq.forces.models import (
            AllowanceRate,
            DutyRule,
            EligibilityRule,
            HardshipCommune,
            RatingRule,
            TeamSize,
            TrainingRule,
        )
        from antq.geo.models import AdminUnit

        demo.register("forces", 85, "antq.forces.demo.build_forces")  # after the police accounts
        from antq.core import registry
        from antq.forces.selectors import forces_check

        registry.contribute("evaluations.checks", "forces_rated", forces_check)
        from antq.core.refcache import clear_on_change
        from antq.forces.selectors import RULE_MODELS, rule_key

        for model in RULE_MODELS:
            clear_on_change(model, rule_key(model))
        rules.register_table(rules.RuleTable(
            key="forces.eligibility", title=_("Security team members"), model=EligibilityRule,
            fields=("min_age", "max_age", "min_education", "min_education_hardship", "needs_residence",
                    "needs_clean_record", "needs_health", "warn_months", "source"),
            source=defaults.LAW, dated=True, what=_("who may join a grassroots security team")))
        rules.register_table(rules.RuleTable(
            key="forces.team_size", title=_("Security team sizes"), model=TeamSize,
            fields=("province", "min_members", "max_members", "source", "unconfirmed"),
            source=defaults.TEAM_SIZE["source"], dated=True, unconfirmed=True, same_rule=("province",),
            what=_("how many members a team has, as each province fixes it"),
            choices={"province": lambda: AdminUnit.objects.current().filter(level__code="province")
                     .select_related("unit_type").order_by("search_name")}))
        rules.register_table(rules.RuleTable(
            key="forces.hardship_communes", title=_("Communes of special hardship"), model=HardshipCommune,
            fields=("commune", "note"), source=defaults.LAW,
            what=_("communes where a team member needs primary schooling only"),
            choices={"commune": lambda: AdminUnit.objects.current().filter(level__code="commune")
                     .select_related("unit_type").order_by("search_name")}))
        rules.register_table(rules.RuleTable(
            key="forces.duty", title=_("Security team duty"), model=DutyRule,
            fields=("sign_on_early_minutes", "sign_off_late_hours", "flag_unconfirmed_hours", "plan_days", "source"),
            source=defaults.DUTY["source"], dated=True, what=_("when members sign on and off, and how far ahead "
                                                               "recurring shifts are laid out")))
        rules.register_table(rules.RuleTable(
            key="forces.rating", title=_("Security team ratings"), model=RatingRule,
            fields=("excellent_above", "good_from", "completed_from", "disciplined_at_most", "source", "unconfirmed"),
            source=defaults.GUIDANCE, dated=True, unconfirmed=True,
            what=_("the share of tasks done each yearly rating needs")))
        rules.register_table(rules.RuleTable(
            key="forces.training", title=_("Security team training"), model=TrainingRule,
            fields=("refresh_months", "grace_months", "source", "unconfirmed"), source=defaults.TRAINING["source"],
            dated=True, unconfirmed=True, what=_("how often each member passes a required course")))
        rules.register_table(rules.RuleTable(
            key="forces.allowance", title=_("Security team allowances"), model=AllowanceRate,
            fields=("province", "role", "monthly_amount", "insurance_amount", "source", "unconfirmed"),
            source=defaults.LAW, dated=True, unconfirmed=True, same_rule=("province", "role"),
            what=_("the monthly support and health insurance of members, per province and role"),
            choices={"province": lambda: AdminUnit.objects.current().filter(level__code="province")
                     .select_related("unit_type").order_by("search_name")}))
