"""The `antq` console script: Django's manage.py for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
