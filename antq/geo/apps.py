from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "antq.geo"
    label = "geo"
    verbose_name = _("Administrative units")

    def ready(self):
        from antq.core.refcache import clear_on_change
        from antq.geo import selectors
        from antq.geo.models import AdminUnit

        clear_on_change(AdminUnit, selectors.COMMUNES, selectors.PROVINCES)
