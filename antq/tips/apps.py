from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "antq.tips"
    label = "tips"
    verbose_name = _("Tips and crime reports")

    def ready(self):
        from antq.core import demo, limits
        from antq.core.refcache import clear_on_change
        from antq.tips import defaults, selectors, services
        from antq.tips.models import TipCategory

        clear_on_change(TipCategory, selectors.CATEGORIES)
        limits.declare_all(defaults.LIMITS)
        limits.on_calendar_change(services.tip_deadlines_recompute)
        from antq.core import registry

        registry.contribute("core.rotate_keys", "tips.identity", services.rotate_identity_keys)
        # A security team member on duty reports a crime from the phone: it lands here as a tip.
        registry.contribute("forces.incident_sinks", "tip", services.tip_from_patrol)
        from antq.core import grants
        from antq.tips import permissions as perms

        grants.register(grants.Purpose(
            code=services.IDENTITY_PURPOSE, label=_("a reporter's identity"), request_permission=perms.VIEW_IDENTITY,
            approve_permission=perms.APPROVE_IDENTITY, limit="tips.identity_grant", url_name="tips:tip_detail"))
        demo.register("tips", 70, "antq.tips.demo.build_tips")  # after the accounts: tips go to officers
        demo.register("tips.national", 75, "antq.tips.demo.build_national")

        from antq.core import rules
        from antq.geo.models import AdminUnit
        from antq.tips.models import RemoteCommune

        rules.register_table(rules.RuleTable(
            key="tips.categories", title=_("Tip categories"), model=TipCategory,
            fields=("code", "name", "name_en", "order", "is_active"), source="Thông tư 28/2020/TT-BCA",
            what=_("what the public form offers a reporter to choose")))
        rules.register_table(rules.RuleTable(
            key="tips.remote_communes", title=_("Remote communes"), model=RemoteCommune,
            fields=("commune", "note"), source="TTLT 01/2017 Điều 8",
            what=_("communes far from their investigation body: 48 hours, not 24, to forward an urgent tip"),
            choices={"commune": lambda: AdminUnit.objects.current().filter(level__code="commune")
                     .select_related("unit_type").order_by("search_name")}))
