from django.core.management.base import BaseCommand

from antq.core.services import rotate_keys


class Command(BaseCommand):
    help = ("Re-encrypt everything encrypted at rest (identities, reports, messages, files) with the first key "
            "of ANTQ_DATA_KEYS: put the new key first, keep the old ones after it until this has run.")

    def handle(self, *args, **options):
        counts = rotate_keys()
        for name, changed in counts.items():
            self.stdout.write(f"{name}: {changed} re-encrypted")
        self.stdout.write(f"{sum(counts.values())} values re-encrypted.")
