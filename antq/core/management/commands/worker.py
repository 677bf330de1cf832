from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (django-tasks, database queue)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Exit when the queue is empty.")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, **options):
        kwargs = {"interval": options["interval"], "verbosity": options["verbosity"]}
        if options["batch"]:
            kwargs.update(batch=True, startup_delay=False)
        else:
            from antq.core.tasks import schedule_daily

            schedule_daily()  # a long-running worker also runs the daily job (reminders)
        call_command("db_worker", **kwargs)
