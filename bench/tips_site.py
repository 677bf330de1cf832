"""Settings of the server the intake benchmark starts: the product's own, with URLs that add one
minimal view (`tips_urls.py`) — the floor the intake is measured against."""

from antq.settings import *  # noqa: F403 - the product's settings, unchanged

ROOT_URLCONF = "tips_urls"
