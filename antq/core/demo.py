"""The demo, built in steps the apps register from their AppConfig.ready(), so core imports none of
them: `orgs` lays the units, organisations and accounts, then each domain app adds its records in the
order of its step. Every step goes through the services and finds what exists, so running the demo
again creates nothing twice."""

from __future__ import annotations

from django.db import transaction
from django.utils.module_loading import import_string

# name: (order, "module.function"); a step reads and fills the shared context (admin, province, …).
# Steps are named by path and imported only when the demo runs, not in every server process.
_STEPS: dict[str, tuple[int, str]] = {}


def register(name: str, order: int, step: str) -> None:
    _STEPS[name] = (order, step)


@transaction.atomic
def build_demo(log=print) -> list[dict]:
    """Run every registered step in order; returns the logins to print."""
    context: dict = {"log": log}
    for _name, (_order, step) in sorted(_STEPS.items(), key=lambda item: item[1][0]):
        import_string(step)(context)
    return context["logins"]
