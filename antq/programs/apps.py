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
        demo.register("programs.national", 36, "antq.programs.demo_reports.build_national")
        from antq.core import rules
        from antq.programs import defaults as program_defaults
        from antq.programs.models import ReportDeadline, ReportForm, ReportIndicator, ReviewRule

        rules.register_table(rules.RuleTable(
            key="programs.review", title=_("Program reviews"), model=ReviewRule,
            fields=("kind", "every_year", "years_after_start", "in_last_year", "due_month", "source"),
            source=program_defaults.SOURCE, what=_("when a coordination program owes its yearly, interim and final "
                                                   "reviews")))
        rules.register_table(rules.RuleTable(
            key="programs.report_forms", title=_("Periodic report forms"), model=ReportForm,
            fields=("name", "name_en", "period_type", "is_active", "source"),
            source="Chương trình phối hợp 09/CTPH-MTTQ-BCA (seed 000) §IV.4",
            what=_("the reports each level sends up, their period and deadline")))
        rules.register_table(rules.RuleTable(
            key="programs.report_deadlines", title=_("Report deadlines"), model=ReportDeadline,
            fields=("form", "amount", "unit", "opens_before_end", "source"), dated=True, same_rule=("form",),
            source="Chương trình phối hợp 09/CTPH-MTTQ-BCA (seed 000) §IV.4; BLTTHS 2015 Điều 134 (cách tính)",
            what=_("from when and until when each report is on time, from a date on")))
        rules.register_table(rules.RuleTable(
            key="programs.report_indicators", title=_("Indicators of the report forms"), model=ReportIndicator,
            fields=("form", "section", "section_en", "order", "code", "label", "label_en", "kind", "aggregate",
                    "unit_label", "unit_label_en", "whole_number"),
            source="Chương trình phối hợp 09/CTPH-MTTQ-BCA (seed 000) §IV.4",
            what=_("what each report form asks and how it rolls up")))
