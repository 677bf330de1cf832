"""Daily jobs of the grassroots forces (antq.core.tasks.daily)."""

from __future__ import annotations


def lay_out_schedules(*, today) -> int:
    """Recurring duty laid out the duty rule's days ahead, so each member sees and confirms their shifts in
    time (services.schedules_lay_out). Answers how many shifts were made."""
    from antq.forces.services import schedules_lay_out

    return schedules_lay_out(today=today)
