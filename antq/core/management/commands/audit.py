from django.core.management.base import BaseCommand, CommandError

from antq.core.audit import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. `antq audit verify` checks the hash chain and reports the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        report = audit_verify()
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at row {report.broken_id}: {report.reason} "
                f"({report.checked} rows verified before it)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} rows verified."))
