from django.core.management.base import BaseCommand
from django.utils import timezone

from antq.tips.models import TipIntake
from antq.tips.services import intake_drain, intake_retry


class Command(BaseCommand):
    help = ("The receipt journal: reports waiting for the worker and reports set aside. --register registers "
            "the waiting ones now; --retry CODE … tries set-aside ones again once their cause is mended.")

    def add_arguments(self, parser):
        parser.add_argument("--register", action="store_true", help="Register every waiting report now.")
        parser.add_argument("--retry", nargs="+", metavar="CODE", default=[], help="Try these set-aside reports again.")

    def handle(self, *args, **options):
        if options["register"]:
            self.stdout.write(f"{intake_drain()} reports registered.")
        if options["retry"]:
            tips = intake_retry(codes=[code.strip().upper() for code in options["retry"]])
            self.stdout.write(f"{len(tips)} reports registered: {' '.join(t.receipt_code for t in tips) or '-'}")
        waiting = TipIntake.objects.filter(registered_at__isnull=True, error="")
        oldest = waiting.order_by("pk").values_list("received_at", flat=True).first()
        age = f", the oldest for {(timezone.now() - oldest).total_seconds():.0f} s" if oldest else ""
        self.stdout.write(f"Waiting for the worker: {waiting.count()}{age}.")
        aside = TipIntake.objects.filter(registered_at__isnull=True).exclude(error="").order_by("pk")
        self.stdout.write(f"Set aside: {aside.count()}.")
        for intake in aside:
            self.stdout.write(f"  {intake.receipt_code}  {timezone.localtime(intake.received_at):%d/%m/%Y %H:%M}  "
                              f"{intake.error}")
