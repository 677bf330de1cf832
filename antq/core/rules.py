"""The rules area ("Quy định"): every rule table of the product in one list, with its source.

The calendar and the time limits are core's own; an app with rule tables of its own registers its
page from its AppConfig.ready(), so the list grows with the apps and core imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class RulePage:
    title: str | Promise
    url_name: str
    source: str
    what: str | Promise = ""
    unconfirmed: bool = False


_PAGES: dict[str, RulePage] = {}


def register(page: RulePage) -> None:
    _PAGES[page.url_name] = page


def pages() -> list[RulePage]:
    return list(_PAGES.values())
