from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "antq.committees"
    label = "committees"
    verbose_name = _("Steering committees")

    def ready(self):
        from antq.core import demo

        demo.register("committees", 20, "antq.committees.demo.build_committees")
