from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from antq.core.demo import build_demo


class Command(BaseCommand):
    help = "Create the demo province (Tây Ninh) and print its logins. Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo uses public passwords; it runs only with ANTQ_DEBUG=1.")
        logins = build_demo()
        out = self.stdout.write
        out("")
        out(f"ANTQ demo — Tây Ninh. Logins (password for all: {logins[0]['password']})")
        out("-" * 96)
        for entry in logins:
            totp = " [TOTP]" if "totp_secret" in entry else ""
            out(f"  {entry['username']:<16} {entry['role']:<28} {entry['scope']}{totp}")
        out("-" * 96)
        out("Accounts marked [TOTP] hold sensitive permissions and need a 6-digit code after the")
        out("password. Add the key below to an authenticator app, or print the current code with")
        out("  .venv/bin/antq otp_code USERNAME")
        for entry in logins:
            if "totp_secret" in entry:
                out(f"  {entry['username']:<16} key {entry['totp_secret']}")
        out("")
