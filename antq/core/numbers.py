"""Shares compared exactly with their thresholds (docs/architecture.md rule 4: round only for display).

A share of 69.995 % is shown as "70,00 %" but does not meet 70 %: the share is kept to 50
significant digits, far past any difference between two fractions of counts a unit can hold, so a
comparison with a threshold of a few decimals is exact; templates round it when they show it.
"""

from __future__ import annotations

from decimal import Context, Decimal

_EXACT = Context(prec=50)


def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` as a percentage, unrounded; None when there is no whole."""
    if not whole:
        return None
    return _EXACT.divide(Decimal(part) * 100, Decimal(whole))
