from django.core.management.base import BaseCommand

from antq.tips.services import rotate_keys


class Command(BaseCommand):
    help = ("Re-encrypt reporters' identities with the first key of ANTQ_DATA_KEYS (put the new key first, "
            "keep the old one after it until this has run).")

    def handle(self, *args, **options):
        changed = rotate_keys()
        self.stdout.write(f"{changed} tips re-encrypted.")
