"""Contributions between domain apps, which may not import each other (docs/architecture.md).

The receiving app names a hook and reads what was contributed to it; the contributing app adds a
function under that hook from its AppConfig.ready(). Neither imports the other: the hook's name and
the function's arguments and result, documented where the hook is read, are their whole contract.
Example: the models registry (initiatives) contributes the "working model" check to the evaluation's
criteria under "evaluations.checks".
"""

from __future__ import annotations

from collections.abc import Callable

_HOOKS: dict[str, dict[str, Callable]] = {}


def contribute(hook: str, name: str, function: Callable) -> None:
    _HOOKS.setdefault(hook, {})[name] = function


def contributions(hook: str) -> dict[str, Callable]:
    return dict(_HOOKS.get(hook, {}))
