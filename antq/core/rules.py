"""The rules area ("Quy định"): every rule table of the product in one list, with its source.

The calendar and the time limits are core's own. An app registers its other rule tables from its
AppConfig.ready() — a `RuleTable` names the model, the fields an administrator edits, whether rows
are dated (a change is a new row from its `valid_from`, the row before ends the day before), and the
querysets its choices come from — and core gives each one page, one API endpoint and one service
(antq.core.services.rule_row_save), so core imports none of the apps. An app whose rules need more
than that (the evaluation's criteria sets and score sheets) keeps its own page and registers a link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class RulePage:
    title: str | Promise
    url_name: str
    source: str
    what: str | Promise = ""
    unconfirmed: bool = False


@dataclass(frozen=True)
class RuleTable:
    key: str  # "committees.cadence": its page is /rules/<key>/
    title: str | Promise
    model: type
    fields: tuple[str, ...]  # what an administrator edits
    source: str
    what: str | Promise = ""
    unconfirmed: bool = False
    dated: bool = False  # rows carry valid_from (and valid_to, when the model has it)
    same_rule: tuple[str, ...] = ()  # for dated rows: what makes two rows versions of one rule
    choices: dict[str, Callable] = field(default_factory=dict)  # field → () -> queryset of its choices
    queryset: Callable | None = None  # () -> the rows to list, for a table showing part of a model
    edited_on: str = ""  # the app's own page (URL name) where rows change: here they are read only

    def rows(self):
        rows = self.queryset() if self.queryset else self.model.objects.all()
        return rows.select_related(*[f for f in self.fields if self.model._meta.get_field(f).is_relation])


_PAGES: dict[str, RulePage] = {}
_TABLES: dict[str, RuleTable] = {}


def register(page: RulePage) -> None:
    _PAGES[page.url_name] = page


def register_table(table: RuleTable) -> None:
    _TABLES[table.key] = table


def pages() -> list[RulePage]:
    return list(_PAGES.values())


def tables() -> list[RuleTable]:
    return list(_TABLES.values())


def table(key: str) -> RuleTable:
    return _TABLES[key]


def row_in_force(rows, on):
    """The newest row of `rows` in force on `on`: dated from that day or before, else the undated default;
    where the model has `valid_to`, not ended before `on`. PostgreSQL sorts NULL first when descending, so
    the order says where the undated row goes (one definition for every dated rule table)."""
    from django.db.models import F, Q

    rows = rows.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
    if any(f.name == "valid_to" for f in rows.model._meta.fields):
        rows = rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return rows.order_by(F("valid_from").desc(nulls_last=True)).first()
