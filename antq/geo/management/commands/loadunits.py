from django.core.management.base import BaseCommand

from antq.geo.services import official_units_load


class Command(BaseCommand):
    help = "Load the 34 provinces and 3,321 communes (vietnam-provinces); safe to run again."

    def handle(self, *args, **options):
        counts = official_units_load(actor=None)
        self.stdout.write(
            f"Units: {counts['created']} created, {counts['renamed']} renamed."
        )
