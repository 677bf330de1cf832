from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "antq.tips"
    label = "tips"
    verbose_name = _("Tips and crime reports")

    def ready(self):
        from antq.core.refcache import clear_on_change
        from antq.tips import selectors
        from antq.tips.models import TipCategory, TipRule

        clear_on_change(TipCategory, selectors.CATEGORIES)
        clear_on_change(TipRule, selectors.RULES)
