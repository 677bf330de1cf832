from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "antq.evaluations"
    label = "evaluations"
    verbose_name = _("Safe in security and order evaluations")
