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
        demo.register("tips", 70, "antq.tips.demo.build_tips")  # after the accounts: tips go to officers
