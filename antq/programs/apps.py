from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "antq.programs"
    label = "programs"
    verbose_name = _("Coordination programs")

    def ready(self):
        from antq.core import demo, registry
        from antq.programs import documents, services

        registry.contribute("committees.review_sections", "programs", documents.review_sections)
        registry.contribute("committees.follow_up_programs", "programs", services.follow_up_programs)
        registry.contribute("committees.decision_follow_up", "programs", services.decision_follow_up_by_id)

        demo.register("programs", 30, "antq.programs.demo.build_programs")
        demo.register("programs.reports", 35, "antq.programs.demo_reports.build_reports")
