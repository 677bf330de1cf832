from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "antq.initiatives"
    label = "initiatives"
    verbose_name = _("Models and exemplary examples")

    def ready(self):
        from antq.core import demo, registry
        from antq.initiatives.selectors import working_model_check

        registry.contribute("evaluations.checks", "working_model", working_model_check)

        demo.register("initiatives", 40, "antq.initiatives.demo.build_initiatives")
        demo.register("initiatives.establishment_sites", 55, "antq.initiatives.demo.build_establishment_sites")
