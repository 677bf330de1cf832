import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from antq.geo.services import unit_centres_load


class Command(BaseCommand):
    help = ("Load the centres of provinces and communes from a CSV of official code, latitude, longitude "
            "(with or without a header); 'use my location' on the public form picks the nearest commune.")

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        with open(options["file"], newline="", encoding="utf-8-sig") as handle:
            rows = [row for row in csv.reader(handle) if row and not row[0].strip().lower().startswith("code")]
        try:
            counts = unit_centres_load(actor=None, rows=rows)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(f"Centres: {counts['updated']} units updated.")
