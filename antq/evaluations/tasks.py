"""Deadline reminders of the yearly evaluation (Circular 124/2021/TT-BCA Art. 9–10; Decision 510).

Run once a day by the worker's daily job (`antq.core.tasks.daily`). On each day that is one of
a rule's `remind_days_before` before a deadline — registration (end of Q1), decision (15 or
20 Nov), grading file (20 or 30 Nov) — the people who must act in each commune that still owes
something get one email listing it. A `Reminder` row per person and deadline keeps it to once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from antq.evaluations import permissions as perms
from antq.evaluations import selectors
from antq.evaluations.choices import ESTABLISHMENT_KINDS, OPEN_STATUSES, UnitKind
from antq.evaluations.models import Evaluation, MovementGrading, Reminder
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.orgs.models import Establishment

RUN = perms.RUN_EVALUATION
APPROVE = perms.APPROVE_EVALUATION
GRADE = perms.GRADE_MOVEMENT


def _expected_by_commune(kind: str) -> dict[int, set[int]]:
    """The subjects each commune must evaluate for `kind`: unit ids, or establishment ids."""
    if kind == UnitKind.RESIDENTIAL_AREA:
        rows = AdminUnit.objects.current().filter(level__code=geo.RESIDENTIAL_AREA).values_list("parent_id", "pk")
    elif kind == UnitKind.COMMUNE:
        rows = AdminUnit.objects.current().filter(level__code=geo.COMMUNE).values_list("pk", "pk")
    else:
        rows = Establishment.objects.filter(kind=kind, is_exempt=False, closed_on__isnull=True).values_list(
            "commune_id", "pk")
    expected: dict[int, set[int]] = defaultdict(set)
    for commune_id, subject_id in rows:
        expected[commune_id].add(subject_id)
    return expected


def _subject_field(kind: str) -> str:
    return "establishment_id" if kind in ESTABLISHMENT_KINDS else "unit_id"


def _missing(kind: str, done) -> dict[int, int]:
    """Per commune, how many expected subjects are not in `done` (a queryset of evaluations or gradings)."""
    done_ids = set(done.values_list(_subject_field(kind), flat=True))
    counts = {commune: len(subjects - done_ids) for commune, subjects in _expected_by_commune(kind).items()}
    return {commune: n for commune, n in counts.items() if n}


def owed(what: str, kind: str, year: int) -> dict[int, int]:
    """Commune id → number of items still owed for this deadline."""
    if what == Reminder.What.REGISTRATION:
        return _missing(kind, Evaluation.objects.filter(year=year, kind=kind))
    if what == Reminder.What.GRADING:
        return _missing(kind, MovementGrading.objects.filter(year=year, kind=kind))
    return dict(Evaluation.objects.filter(year=year, kind=kind, status__in=OPEN_STATUSES).order_by()
                .values_list("commune_id").annotate(n=Count("pk")))


def _recipients(action: str, unit_ids) -> dict[int, set[int]]:
    """User id → the units among `unit_ids` where they hold `action` by a role given right there."""
    from antq.orgs.models import RoleAssignment

    found: dict[int, set[int]] = defaultdict(set)
    for user_id, scope_id in (RoleAssignment.objects.active().filter(role__permissions__code=action,
                                                                     scope_id__in=unit_ids, user__is_active=True)
                              .values_list("user_id", "scope_id").distinct()):
        found[user_id].add(scope_id)
    return found


def _deadlines(today: datetime.date):
    """(what, kind, year, due date, days before) for every deadline a reminder falls due on today."""
    for kind, rule in selectors.kind_rules(today).items():
        days = set(rule.remind_days_before or [])
        for what, due in ((Reminder.What.REGISTRATION, rule.registration_due(today.year)),
                          (Reminder.What.DECISION, rule.decision_due(today.year)),
                          (Reminder.What.GRADING, rule.grading_due(today.year))):
            if (due - today).days in days:
                yield what, kind, rule, due, (due - today).days


def deadline_reminders(*, today: datetime.date) -> int:
    """Send today's reminders; returns how many people were written to."""
    lines: dict[int, list[tuple]] = defaultdict(list)  # user id → (what, kind, due, days, commune id, n)
    for what, kind, rule, due, days in _deadlines(today):
        by_commune = owed(what, kind, today.year)
        if not by_commune:
            continue
        action = {Reminder.What.REGISTRATION: RUN, Reminder.What.DECISION: RUN, Reminder.What.GRADING: GRADE}[what]
        who = _recipients(action, by_commune)
        if what == Reminder.What.DECISION:
            # The approving level is told too: the commune's chairman, or the province for communes.
            approvers = {c: c for c in by_commune}
            if rule.approving_level.code == geo.PROVINCE:
                approvers = dict(AdminUnit.objects.filter(pk__in=by_commune).values_list("pk", "parent_id"))
            for user_id, units in _recipients(APPROVE, set(approvers.values())).items():
                who[user_id] |= {c for c, a in approvers.items() if a in units}
        sent = set(Reminder.objects.filter(what=what, kind=kind, year=today.year, days_before=days,
                                           user_id__in=who).values_list("user_id", flat=True))
        for user_id, communes in who.items():
            if user_id in sent:
                continue
            for commune_id in communes:
                lines[user_id].append((what, kind, due, days, commune_id, by_commune[commune_id]))
    return _send(lines, today)


def _send(lines: dict[int, list[tuple]], today: datetime.date) -> int:
    from antq.orgs.models import User

    if not lines:
        return 0
    users = {u.pk: u for u in User.objects.filter(pk__in=lines)}
    communes = {u.pk: u for u in AdminUnit.objects.filter(pk__in={line[4] for rows in lines.values()
                                                                   for line in rows})
                .select_related("unit_type", "level")}
    base = settings.ANTQ_BASE_URL.rstrip("/") + reverse("evaluations:dashboard")
    written = 0
    with translation.override(settings.LANGUAGE_CODE):
        what_text = {Reminder.What.REGISTRATION: _("not yet registered"),
                     Reminder.What.DECISION: _("not yet decided"),
                     Reminder.What.GRADING: _("grading file not yet sent")}
        for user_id, rows in lines.items():
            user = users[user_id]
            body = [_("Dear %(name)s,") % {"name": user.get_full_name() or user.username}, "",
                    _("These deadlines of the \"Safe in security and order\" evaluation are near:"), ""]
            for what, kind, due, days, commune_id, n in sorted(rows, key=lambda r: (r[2], r[4])):
                commune = communes[commune_id]
                body.append(_("- %(commune)s: %(n)s %(kind)s %(what)s — due %(due)s (%(days)s days left)") % {
                    "commune": commune.display_name, "n": n, "kind": UnitKind(kind).label.lower(),
                    "what": what_text[what], "due": f"{due:%d/%m/%Y}", "days": days})
                body.append(f"  {base}?unit={commune_id}&year={today.year}")
            body += ["", _("This message was sent by ANTQ; do not reply.")]
            if user.email:
                send_mail(_("ANTQ: evaluation deadlines approaching"), "\n".join(body), None, [user.email])
                written += 1
            Reminder.objects.bulk_create(
                [Reminder(user_id=user_id, what=what, kind=kind, year=today.year, due_on=due, days_before=days,
                          items=n) for what, kind, due, days, _c, n in rows], ignore_conflicts=True)
    return written
