from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from antq.core.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database, the stored files and a manifest (checksums, the audit head) into a new "
            "folder. The data keys are not in it: keep them apart (docs/operations.md).")

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="A new or empty folder.")
        parser.add_argument("--note", default="", help="A line kept in the manifest.")

    def handle(self, *args, target: Path, note: str, **options):
        try:
            manifest = backup(target, note=note)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        head = manifest["audit_head"]
        self.stdout.write(self.style.SUCCESS(
            f"Backed up to {target}: the database and the stored files ({len(manifest['files'])}); "
            f"audit head {head['hash']} ({head['rows']} rows). "
            f"Keep the data keys ({', '.join(manifest['key_ids'])}) apart from it."))
