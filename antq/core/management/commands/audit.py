from django.core.management.base import BaseCommand, CommandError

from antq.core.audit import audit_head, audit_verify


class Command(BaseCommand):
    help = (
        "Audit trail tools. `antq audit verify` checks the hash chain and reports the first broken link; "
        "`antq audit head` prints the newest hash to keep outside the database as an anchor."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "head"])
        parser.add_argument("--anchor", help="A hash printed earlier by `antq audit head` that must still be there.")
        parser.add_argument("--anchor-file", help="A file of heads (the daily job's ANTQ_AUDIT_HEAD_FILE, or its copy "
                                                  "elsewhere): its last head must still be there.")

    def handle(self, *args, **options):
        if options["action"] == "head":
            count, head = audit_head()
            self.stdout.write(f"{count} rows; head {head}")
            return
        anchor = options["anchor"]
        if options["anchor_file"]:
            try:
                lines = [line.split() for line in open(options["anchor_file"], encoding="utf-8") if line.strip()]
            except OSError as exc:
                raise CommandError(f"Cannot read {options['anchor_file']}: {exc}") from exc
            if not lines:
                raise CommandError(f"{options['anchor_file']} holds no head.")
            anchor = lines[-1][-1]
        report = audit_verify(anchor=anchor)
        if not report.ok:
            where = f"at row {report.broken_id}" if report.broken_id else "at its end"
            raise CommandError(
                f"Audit chain broken {where}: {report.reason} ({report.checked} rows verified before it)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} rows verified."))
