from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from antq.core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `antq backup` over the configured database and into an empty media "
            "folder, after checking its checksums; then verify the audit chain against the backup's head and "
            "that the data keys open every file and encrypted column.")

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--yes", action="store_true", help="Replace the configured database without asking.")

    def handle(self, *args, source: Path, yes: bool, **options):
        if not yes:
            raise CommandError("This replaces the configured database: run again with --yes.")
        try:
            report = restore(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        audit = report["audit"]
        if not audit.ok:
            raise CommandError(f"Restored, but the audit chain does not hold: {audit.reason}.")
        self.stdout.write(f"Audit chain intact against the backup's head: {audit.checked} rows.")
        missing = sorted(set(report["manifest"]["key_ids"]) - set(report["key_ids"]))
        if report["unreadable"]:
            raise CommandError(
                "RESTORED, BUT THE DATA KEYS DO NOT OPEN IT. Identities, reports, messages and files of this "
                f"backup cannot be read: {len(report['unreadable'])} unreadable ({', '.join(report['unreadable'][:5])}"
                f"{'…' if len(report['unreadable']) > 5 else ''}). Set ANTQ_DATA_KEYS to the keys that sealed it"
                + (f" (missing: {', '.join(missing)})" if missing else "") + ".")
        self.stdout.write(self.style.SUCCESS(
            f"Restored: every stored file ({report['files']}) opens with the data keys."))
