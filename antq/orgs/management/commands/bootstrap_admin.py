import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from antq.orgs import services
from antq.orgs.models import OrganisationType


class Command(BaseCommand):
    help = "Create the first system administrator of a new installation (run `antq loadunits` first)."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--organisation", default="Bộ Công an", help="Central organisation (created if missing).")

    def handle(self, *args, **options):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        try:
            organisation = services.central_organisation_bootstrap(
                org_type=OrganisationType.objects.get(code="police"), name=options["organisation"])
            user = services.system_admin_bootstrap(username=options["username"], password=password,
                                                   full_name=options["full_name"], organisation=organisation)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Administrator {user.username} created. At first login they set up the second factor."))
