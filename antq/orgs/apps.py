from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "antq.orgs"
    label = "orgs"
    verbose_name = _("Organisations and accounts")

    def ready(self):
        from antq.core import demo

        demo.register("orgs", 10, "antq.orgs.demo.build_base")
