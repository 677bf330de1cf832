from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "antq.committees"
    label = "committees"
    verbose_name = _("Steering committees")

    def ready(self):
        from antq.core import demo

        demo.register("committees", 20, "antq.committees.demo.build_committees")
        from antq.committees import defaults
        from antq.committees.models import CompositionRule, MeetingCadence
        from antq.core import rules
        from antq.geo.models import Level

        levels = lambda: Level.objects.exclude(code="residential_area")  # noqa: E731
        rules.register_table(rules.RuleTable(
            key="committees.cadence", title=_("Meeting cadences"), model=MeetingCadence,
            fields=("level", "months", "source"), source=defaults.SOURCE_CADENCE, dated=True, same_rule=("level",),
            what=_("how often each level's steering committee meets"), choices={"level": levels}))
        rules.register_table(rules.RuleTable(
            key="committees.composition", title=_("Committee composition"), model=CompositionRule,
            fields=("level", "position", "org_type", "source"), source=defaults.SOURCE_COMPOSITION, dated=True,
            same_rule=("level", "position", "org_type"), choices={"level": levels},
            what=_("which organisation holds which seat of a level's steering committee")))
