"""Reads of supervision files: always scoped by unit and purpose, and never a file restricted from the
user — one definition the lists, search, exports and the API share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from antq.core import grants
from antq.core.access import has_permission
from antq.supervision import permissions as perms
from antq.supervision.choices import MeasureState
from antq.supervision.models import Helper, Measure, Person, Restriction

SEALED = ("full_name", "birth_date", "id_number", "address")
# What helping needs: who and where. Never the court's reference, the assessments or the breaches.
HELPER_FIELDS = ("full_name", "address")
FILE_PURPOSE = "supervision.file"  # opening a file outside the police (antq.core.grants)
POLICE, GRANT, HELPER = "police", "grant", "helper"


@dataclass(frozen=True)
class Reach:
    """How a user reaches a file: as the police keeping it, under a grant in force, or as its helper."""

    kind: str
    grant: object = None

    @property
    def whole(self) -> bool:
        return self.kind != HELPER

    @property
    def keeps(self) -> bool:
        """May write to the file (the police); a grant only opens it for reading."""
        return self.kind == POLICE


def reach(user, person: Person) -> Reach | None:
    """How `user` reaches `person`'s file, or None (then it does not exist for them). A restriction is
    checked by the caller first: it wins over everything."""
    if has_permission(user, perms.VIEW_FILE, person.commune):
        return Reach(POLICE)
    grant = grants.active(user, FILE_PURPOSE, person, person.commune)
    if grant is not None:
        return Reach(GRANT, grant)
    if helping(user).filter(pk=person.pk).exists():
        return Reach(HELPER)
    return None


def helping(user):
    """The people assigned to `user` to help — by name (a mentor) or through an organisation they act for
    with the helper's purpose — in force, in their units, not restricted from them, not anonymised."""
    from antq.orgs.models import RoleAssignment

    organisations = RoleAssignment.objects.active().filter(
        user_id=getattr(user, "pk", None), role__permissions__code=perms.HELP).values("organisation_id")
    assigned = Helper.objects.filter(ended_on__isnull=True).filter(
        Q(user_id=getattr(user, "pk", None)) | Q(organisation_id__in=organisations))
    return (Person.objects.visible_to(user, perms.HELP).filter(pk__in=assigned.values("person_id"),
                                                              anonymised_at__isnull=True)
            .exclude(pk__in=Restriction.objects.filter(user=user).values("person_id")).defer(*SEALED))


def files_of(user, action: str):
    """People whose file `user` may open for `action`: in their units, holding the purpose, not restricted
    from them. Lists read no sealed column (nothing decrypted per row)."""
    return (Person.objects.visible_to(user, action).exclude(pk__in=Restriction.objects.filter(user=user)
                                                            .values("person_id"))
            .defer(*SEALED).select_related("unit__unit_type", "unit__level"))


def is_restricted(user, person: Person) -> bool:
    return Restriction.objects.filter(person=person, user=user).exists()


PLAN_OWED = Q(state=MeasureState.ACTIVE, plan_issued_on__isnull=True)


def plan_late(today: datetime.date) -> Q:
    """A plan owed whose day to issue it has passed (it ended at 24:00)."""
    return PLAN_OWED & Q(plan_due__lt=today)


def plan_due_soon(today: datetime.date, days: int = 5) -> Q:
    """A plan owed whose day to issue it comes within `days`."""
    return PLAN_OWED & Q(plan_due__range=(today, today + datetime.timedelta(days=days)))


def plans_late(measures, today: datetime.date | None = None):
    return measures.filter(plan_late(today or timezone.localdate()))


def measures_of(user, action: str):
    return Measure.objects.visible_to(user, action).exclude(
        person_id__in=Restriction.objects.filter(user=user).values("person_id")).select_related("kind")


def assessments_missing(measures, today: datetime.date | None = None):
    """Active supervised measures whose latest month already due (its day to sign has passed) has no
    assessment: last month once its 5th has passed, else the month before."""
    from antq.core.dates import add_months
    from antq.supervision.services import assessment_due

    today = today or timezone.localdate()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if today <= assessment_due(month):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return (measures.filter(state=MeasureState.ACTIVE, kind__police_supervised=True,
                            started_on__lt=add_months(month, 1))  # under the measure during that month
            .exclude(assessments__month=month))


def moving_in(user):
    """Files handed to the user's communes, waiting for them to accept: seen by number, measure and where from
    only, until accepted."""
    from antq.supervision.choices import TransferState
    from antq.supervision.models import Transfer

    return (Transfer.objects.visible_to(user, perms.TRANSFER).filter(state=TransferState.PENDING)
            .exclude(person_id__in=Restriction.objects.filter(user=user).values("person_id")))


READS = ("supervision.file_read", "supervision.reintegration_read")  # the audit rows of a file's reads


def emergency_openings(user, limit: int = 300) -> list:
    """Files opened in an emergency in the units where `user` reviews access, newest first, each with how many
    times it was read under that opening (`reads`: audit rows carrying the grant's number) — two queries."""
    from collections import Counter

    from antq.core.models import AccessGrant, AuditEvent

    rows = list(AccessGrant.objects.visible_to(user, perms.REVIEW_ACCESS).filter(purpose=FILE_PURPOSE, emergency=True)
                .select_related("requested_by").order_by("-requested_at", "-pk")[:limit])
    reads = Counter(AuditEvent.objects.filter(action__in=READS, after__grant__in=[g.pk for g in rows])
                    .values_list("after__grant", flat=True)) if rows else Counter()
    for grant in rows:
        grant.reads = reads[grant.pk]
    return rows


def breaches_unhandled(breaches):
    """Breaches neither warned nor named by a proposal: what the evaluation's check counts."""
    from django.db.models import Exists, OuterRef

    from antq.supervision.models import Proposal

    # NOT EXISTS, not a LEFT JOIN … IS NULL: the planner then counts on most breaches being unhandled and
    # starts from the commune's own people (bench/supervision.py).
    return breaches.filter(warned_on__isnull=True).filter(
        ~Exists(Proposal.breaches.through.objects.filter(breach_id=OuterRef("pk"))))


def months_due(measure, start: datetime.date, end: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The months of `measure` within [start, end] whose assessment was due by `today` (first days)."""
    from antq.core.dates import add_months
    from antq.supervision.services import assessment_due

    first = max(measure.started_on, start).replace(day=1)
    last = min(measure.ended_on or end, end, today)
    months, month = [], first
    while month <= last:
        if assessment_due(month) < today and add_months(month, 1) - datetime.timedelta(days=1) <= last:
            months.append(month)
        month = add_months(month, 1)
    return months


def managed_check(evaluation, criterion):
    """Circular 124/2021 Art. 4 item 4 ("người phải quản lý, giáo dục được quản lý theo quy định"), judged on
    the files of the unit for the evaluation's period: every supervision plan issued within its limit, every
    monthly assessment signed by its day, no breach left unhandled. Contributed to the evaluation's checks
    (antq.core.registry "evaluations.checks", code "supervised_managed"); facts name file numbers, never
    people. Answers (passed, value, facts)."""
    from django.utils.translation import gettext as _

    from antq.supervision.models import Breach

    if getattr(evaluation, "establishment_id", None):
        return None, None, []
    start, end = evaluation.period_start, evaluation.period_end
    today = min(timezone.localdate(), end + datetime.timedelta(days=1))
    measures = list(Measure.objects.filter(person__unit__path__startswith=evaluation.unit.path,
                                           kind__police_supervised=True, started_on__lte=end)
                    .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start)).select_related("kind")
                    .prefetch_related("assessments").order_by("person_id", "pk"))
    facts = []
    for measure in measures:
        if measure.plan_due and start <= measure.plan_due <= end and (
                (measure.plan_issued_on or datetime.date.max) > measure.plan_due) and measure.plan_due < today:
            facts.append(_("File #%(n)s: the supervision plan was due by %(due)s and %(what)s.") % {
                "n": measure.person_id, "due": f"{measure.plan_due:%d/%m/%Y}",
                "what": _("issued on %(d)s") % {"d": f"{measure.plan_issued_on:%d/%m/%Y}"} if measure.plan_issued_on
                else _("is not issued")})
        signed = {a.month: a for a in measure.assessments.all()}
        late = [m for m in months_due(measure, start, end, today)
                if m not in signed or signed[m].signed_on > signed[m].due]
        if late:
            facts.append(_("File #%(n)s: the assessment of %(months)s was not signed on time.") % {
                "n": measure.person_id, "months": ", ".join(f"{m:%m/%Y}" for m in late)})
    unhandled = breaches_unhandled(Breach.objects.filter(
        measure__person__unit__path__startswith=evaluation.unit.path, occurred_on__range=(start, end)))
    for breach in unhandled.select_related("measure").order_by("occurred_on"):
        facts.append(_("File #%(n)s: the breach of %(d)s is neither warned nor proposed on.") % {
            "n": breach.measure.person_id, "d": f"{breach.occurred_on:%d/%m/%Y}"})
    if not facts:
        facts = [_("%(n)s supervised measures in the period: plans and assessments on time, no breach left "
                   "unhandled.") % {"n": len(measures)}]
        return True, None, facts
    return False, None, facts


# --- Statistics (forms HCD-12 monthly, HCD-13 by quarter, half-year, year), rolled up commune → province → nation

SMALL_COUNT = 3  # fewer than this shows as "< 3" outside the police: a person is findable in a count of one
GROUPS = {"central": "province_id", "province": "commune_id", "commune": "unit_id"}
CHILD_LEVEL = {"province_id": "province", "commune_id": "commune", "unit_id": "residential_area"}


def _columns():
    from django.utils.translation import gettext_lazy as _

    return [("under", _("Under supervision at the end")), ("received", _("Received in the period")),
            ("served", _("Served in the period")), ("revoked", _("Revoked in the period")),
            ("breaches", _("Breaches in the period")), ("back", _("Back in the community, being helped")),
            ("good", _("Assessed good")), ("fair", _("Assessed fair")), ("average", _("Assessed average")),
            ("poor", _("Assessed poor")),
            ("with_helper", _("With a helper at the end")), ("supported", _("Given help in the period")),
            ("vocational", _("Vocational training")), ("job", _("Jobs found")), ("loan", _("Loans"))]


def sees_exact_counts(user, unit) -> bool:
    """The police keeping files over the unit see every count; anyone else sees small ones hidden."""
    return has_permission(user, perms.VIEW_FILE, unit)


def period_bounds(kind: str, year: int, number: int) -> tuple[datetime.date, datetime.date]:
    """A month (HCD-12), a quarter, a half-year or a year (HCD-13): its first and last day."""
    from antq.core.dates import add_months

    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}[kind]
    start = datetime.date(year, 1 + (number - 1) * months if kind != "year" else 1, 1)
    return start, add_months(start, months) - datetime.timedelta(days=1)


def statistics(user, unit, start: datetime.date, end: datetime.date, *, exact: bool) -> dict:
    """The period's figures of the files in `unit` the user may count (restricted files left out): totals,
    one row per unit a level down, and the measures in progress at the end by kind — a handful of grouped
    queries whatever the number of files. Counts below SMALL_COUNT show as "< 3" unless `exact`."""
    from django.db.models import Count, Sum

    from antq.supervision.choices import EndReason, Grade, SupportKind
    from antq.supervision.models import Assessment, Breach, MeasureType, Support

    people = Person.objects.visible_to(user, perms.VIEW_STATISTICS).exclude(
        pk__in=Restriction.objects.filter(user=user).values("person_id"))
    level = unit.level.code
    if level != "central":
        people = people.filter(**{{"province": "province_id", "commune": "commune_id",
                                   "residential_area": "unit_id"}[level]: unit.pk})
    group = GROUPS.get(level)
    at_end = Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))
    measures = Measure.objects.filter(person__in=people).order_by()
    measure_counts = {
        "under": Count("pk", filter=at_end & Q(kind__police_supervised=True)),
        "received": Count("pk", filter=Q(intake_on__range=(start, end))),
        "served": Count("pk", filter=Q(end_reason=EndReason.COMPLETED, ended_on__range=(start, end))),
        "revoked": Count("pk", filter=Q(end_reason=EndReason.REVOKED, ended_on__range=(start, end))),
        "back": Count("person", distinct=True, filter=at_end & Q(kind__police_supervised=False)),
    }
    helper_at_end = Q(helpers__decided_on__lte=end) & (Q(helpers__ended_on__isnull=True) | Q(helpers__ended_on__gt=end))
    in_period = Q(given_on__range=(start, end))
    support_counts = {"supported": Count("person", distinct=True), **{
        name: Count("pk", filter=Q(kind=kind)) for name, kind in (
            ("vocational", SupportKind.VOCATIONAL), ("job", SupportKind.JOB), ("loan", SupportKind.LOAN))},
        "loan_amount": Sum("amount", filter=Q(kind=SupportKind.LOAN))}
    sources = [
        (measures, measure_counts),
        (Breach.objects.filter(measure__person__in=people, occurred_on__range=(start, end)).order_by(),
         {"breaches": Count("pk")}),
        # The months of the period assessed, by grade (what the monthly assessments send up).
        (Assessment.objects.filter(measure__person__in=people, month__range=(start, end)).order_by(),
         {grade: Count("pk", filter=Q(grade=grade)) for grade in Grade.values}),
        (people.filter(helper_at_end).order_by(), {"with_helper": Count("pk", distinct=True)}),
        (Support.objects.filter(person__in=people).filter(in_period).order_by(), support_counts),
    ]
    names = [name for name, _label in _columns()] + ["loan_amount"]
    by_unit: dict = {}
    totals = dict.fromkeys(names, 0)
    for queryset, counts in sources:
        prefix = "" if queryset.model is Person else (
            "measure__person__" if queryset.model in (Breach, Assessment) else "person__")
        column = f"{prefix}{group}" if group else None
        if column:
            for row in queryset.values(column).annotate(**counts).values(column, *counts):
                entry = by_unit.setdefault(row[column], dict.fromkeys(names, 0))
                for name in counts:
                    entry[name] += row[name] or 0
                    totals[name] += row[name] or 0
        else:
            for name, value in queryset.aggregate(**counts).items():
                totals[name] += value or 0

    def hide(n):
        return n if exact or n == 0 or n >= SMALL_COUNT else f"< {SMALL_COUNT}"

    def shown(row):
        values = {name: hide(row[name]) for name in names if name != "loan_amount"}
        return {**values, "cells": list(values.values()),  # in the columns' order, for the page
                "loan_amount": row["loan_amount"] if exact or row["loan"] >= SMALL_COUNT or not row["loan"] else None}

    rows = []
    if group:
        from antq.geo.models import AdminUnit

        units = {u.pk: u for u in AdminUnit.objects.filter(pk__in=[pk for pk in by_unit if pk])
                 .select_related("unit_type", "level")}
        rows = sorted(({"unit": units[pk], **shown(row)} for pk, row in by_unit.items() if pk in units),
                      key=lambda row: row["unit"].search_name)
    kinds = MeasureType.objects.in_bulk()
    by_kind = [(kinds[pk], hide(n)) for pk, n in measures.filter(at_end).values("kind").annotate(n=Count("pk"))
               .values_list("kind", "n").order_by("kind")]
    return {"columns": _columns(), "totals": shown(totals), "rows": rows, "by_kind": by_kind,
            "start": start, "end": end}


def plans_due_soon(measures, today: datetime.date | None = None, days: int = 5):
    return measures.filter(plan_due_soon(today or timezone.localdate(), days))


def assessments_due_now(measures, today: datetime.date | None = None):
    """Active supervised measures whose last month is not assessed yet and still may be (its day has not
    passed): what to sign this month."""
    from antq.supervision.services import assessment_due

    today = today or timezone.localdate()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if today > assessment_due(month):
        return measures.none()
    return (measures.filter(state=MeasureState.ACTIVE, kind__police_supervised=True,
                            started_on__lt=today.replace(day=1)).exclude(assessments__month=month))


NEEDS = ("late", "missing", "due", "breaches")


def files_needing(user, show: str, today: datetime.date | None = None):
    """The user's files with something to do: a plan late or due soon, a month not assessed, a breach not
    handled — the same definitions as the board's counts."""

    measures = measures_of(user, perms.VIEW_FILE)
    found = {"late": lambda: plans_late(measures, today), "missing": lambda: assessments_missing(measures, today),
             "due": lambda: plans_due_soon(measures, today),
             "breaches": lambda: Measure.objects.filter(pk__in=breaches_open(user).values("measure_id"))}[show]()
    return files_of(user, perms.VIEW_FILE).filter(pk__in=found.values("person_id"))


def breaches_open(user, action: str = perms.VIEW_FILE):
    """Breaches of measures in progress in the user's units, not restricted from them, not handled: filtered
    on the person's own commune column first (a commune's board reads its own rows, not the country's)."""
    from antq.supervision.models import Breach

    return breaches_unhandled(Breach.objects.visible_to(user, action).filter(measure__state=MeasureState.ACTIVE)
                              .exclude(measure__person_id__in=Restriction.objects.filter(user=user)
                                       .values("person_id")))


def board_counts(user, today: datetime.date | None = None, days: int = 5) -> dict[str, int]:
    """The commune police's board in two queries: plans late and due within `days`, breaches not handled. Their
    built SQL is kept per (user, scopes, day) (antq.core.sqlcache: building them costs more than running them
    for one commune); the restriction list is a live subquery in it."""
    from django.db.models import Count, IntegerField, Value

    from antq.core import sqlcache
    from antq.core.access import scope_paths

    today = today or timezone.localdate()
    key = (getattr(user, "pk", None), *scope_paths(user, perms.VIEW_FILE), today, days)

    def plans():
        return (measures_of(user, perms.VIEW_FILE).order_by().annotate(_all=Value(1, output_field=IntegerField()))
                .values("_all").annotate(
                    late=Count("pk", filter=plan_late(today)), due=Count("pk", filter=plan_due_soon(today, days)))
                .values_list("late", "due"))

    def breaches():
        return (breaches_open(user).order_by().annotate(_all=Value(1, output_field=IntegerField())).values("_all")
                .annotate(n=Count("pk")).values_list("n"))

    found = sqlcache.rows(("supervision.plans", *key), plans)
    late, due = found[0] if found else (0, 0)
    found = sqlcache.rows(("supervision.breaches", *key), breaches)
    return {"late": late, "due": due, "breaches": found[0][0] if found else 0}
