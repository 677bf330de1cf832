from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "antq.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from antq.core import limits
        from antq.core.models import CalendarDay, TimeLimit
        from antq.core.refcache import clear_on_change

        clear_on_change(CalendarDay, limits.CALENDAR)
        clear_on_change(TimeLimit, limits.LIMITS)
