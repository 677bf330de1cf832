"""Reads of the mediation app: the rule in force, what a team lacks against it, the cases and the register."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, IntegerField, Prefetch, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core import refcache, rules, sqlcache
from antq.core.access import has_permission, scope_paths
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.geo.selectors import current_commune, current_province
from antq.mediation import permissions as perms
from antq.mediation.choices import ENDINGS, LIVE_DISPUTE, OPEN_STATUSES, CaseStatus, Compliance, DisputeState, Sex
from antq.mediation.models import (
    CaseMediator,
    ComplexArea,
    Dispute,
    EscalationRule,
    MediationCase,
    MediationTeam,
    Mediator,
    Subject,
    TeamRule,
    serving,
)


def rule_in_force(on: datetime.date | None = None) -> TeamRule | None:
    on = on or timezone.localdate()
    return rules.row_in_force(TeamRule.objects.all(), on)


def with_counts(teams, on: datetime.date | None = None):
    """Annotate each team with its current mediators, women and ethnic-minority mediators (one query)."""
    on = on or timezone.localdate()
    current = serving(on, prefix="mediators__")
    return teams.annotate(
        n_mediators=Count("mediators", filter=current, distinct=True),
        n_women=Count("mediators", filter=current & Q(mediators__sex=Sex.FEMALE), distinct=True),
        n_minority=Count("mediators", filter=current & Q(mediators__ethnic_minority=True), distinct=True))


def problems(team, rule: TeamRule | None) -> list[str]:
    """What an annotated team lacks against the rule (Law 35/2013 Art. 12), in words."""
    if rule is None:
        return []
    found = []
    if team.n_mediators < rule.min_mediators:
        found.append(_("%(n)s mediators; at least %(min)s needed") % {"n": team.n_mediators, "min": rule.min_mediators})
    if team.n_women < rule.min_women:
        found.append(_("no woman among the mediators") if team.n_women == 0 else
                     _("%(n)s women; at least %(min)s needed") % {"n": team.n_women, "min": rule.min_women})
    if team.minorities_live_here and team.n_minority < rule.min_ethnic_minority:
        found.append(_("no ethnic-minority mediator in an area where minorities live"))
    return found


def with_problems(teams, on: datetime.date | None = None):
    """Narrow `teams` to those that break the rule in force (one query)."""
    on = on or timezone.localdate()
    rule = rule_in_force(on)
    if rule is None:
        return teams.none()
    return with_counts(teams, on).filter(
        Q(n_mediators__lt=rule.min_mediators) | Q(n_women__lt=rule.min_women)
        | Q(minorities_live_here=True, n_minority__lt=rule.min_ethnic_minority))


def teams_of(user, action: str):
    return MediationTeam.objects.visible_to(user, action).current().select_related(
        "unit__unit_type", "unit__level", "commune__unit_type", "commune__level")


# --- Cases -------------------------------------------------------------------------------------------


# What a list never shows: what the parties said (sealed: decrypting it per row is most of a list's cost,
# bench/mediation.py) and the secret's hash.
LIST_DEFERRED = ("description", "place", "agreement_terms", "secret_hash", "next_step", "stop_reason")


def cases_of(user, action: str):
    """Matters for a list: the columns a row shows, with the units it names."""
    return MediationCase.objects.visible_to(user, action).defer(*LIST_DEFERRED).select_related(
        "subject", "commune__unit_type", "commune__level", "unit__unit_type", "unit__level")


# What the Front acts on, each defined once: the lists' filters, the board's and the roll-ups' counts.
TO_ASSIGN = Q(status=CaseStatus.RECEIVED)
TO_FOLLOW = Q(compliance=Compliance.FOLLOWING)


def late(today: datetime.date) -> Q:
    """Assigned, not started, and the day to start by is past (it ended at 24:00 — Art. 21.1)."""
    return Q(status=CaseStatus.ASSIGNED, start_due__lt=today)


def is_late(case, today: datetime.date) -> bool:
    """The same condition as `late`, for one matter already read."""
    return case.status == CaseStatus.ASSIGNED and case.start_due is not None and case.start_due < today


def late_to_start(cases, today: datetime.date | None = None):
    return cases.filter(late(today or timezone.localdate()))


def to_assign(cases):
    return cases.filter(TO_ASSIGN)


def agreements_to_follow(cases):
    return cases.filter(TO_FOLLOW)


def serving_mediators(team: MediationTeam, on: datetime.date | None = None) -> list[Mediator]:
    return list(Mediator.objects.filter(team=team).current(on or timezone.localdate()))


def assignable_mediators(case: MediationCase, on: datetime.date | None = None):
    """The serving mediators who may take the case: its team's; before it has one, those of the teams of
    the area it arose in, or where that has none, of every current team of its commune."""
    if case.team_id:
        teams = MediationTeam.objects.filter(pk=case.team_id)
    else:  # the teams of the area the matter arose in, if it has any; else the commune's
        teams = MediationTeam.objects.current(on).filter(commune_id=case.commune_id)
        if case.unit_id and teams.filter(unit_id=case.unit_id).exists():
            teams = teams.filter(unit_id=case.unit_id)
    return (Mediator.objects.current(on).filter(team__in=teams).select_related("team")
            .order_by("team__name", "-is_leader", "full_name"))


def register_rows(team: MediationTeam, year: int):
    """The team's register for a year (Art. 27), in its numbers' order, with what each row shows."""
    return (MediationCase.objects.filter(team=team, register_year=year).order_by("register_number")
            .select_related("subject", "unit").prefetch_related(
                "parties", Prefetch("assignments", queryset=CaseMediator.objects.select_related("mediator"))))


SUBJECTS = "mediation.subjects"  # key in antq.core.refcache, cleared when a subject changes


def subjects_by_pk() -> dict[int, Subject]:
    """Every subject, from the reference cache: the roll-ups name them on every page."""
    return refcache.cached(SUBJECTS, lambda: {s.pk: s for s in Subject.objects.all()})


def active_subjects():
    return Subject.objects.filter(is_active=True)


def _aggregate(queryset, counts: dict, key=None) -> dict[str, int]:
    """`queryset.aggregate(**counts)`; with a `key` naming all it depends on, its built SQL is kept and run
    again (antq.core.sqlcache: Django's building costs more than the query for one commune). `queryset` may
    be a function returning it: then not even the scoped queryset is built once the SQL is kept."""
    def scoped():
        return queryset() if callable(queryset) else queryset

    if key is None:
        return scoped().aggregate(**counts)
    names = list(counts)
    (row,) = sqlcache.rows(key, lambda: scoped().order_by().annotate(_all=Value(1, output_field=IntegerField()))
                           .values("_all").annotate(**counts).values_list(*names))
    return dict(zip(names, row, strict=True))


def scope_key(user, action: str) -> tuple:
    """What a scoped query depends on for this user: their scopes for `action` (for antq.core.sqlcache)."""
    return (action, *scope_paths(user, action))


def workload(cases, today: datetime.date | None = None, *, key=None) -> dict[str, int]:
    """What the commune's Front has to act on, in one query: matters to assign, late to start, agreements to
    follow (the same conditions as the list's filters). `key`: see `_aggregate` (the day is added)."""
    today = today or timezone.localdate()
    return _aggregate(cases, {
        "to_assign": Count("pk", filter=TO_ASSIGN), "late": Count("pk", filter=late(today)),
        "to_follow": Count("pk", filter=TO_FOLLOW)},
        key=("mediation.workload", today, *key) if key else None)


# --- Statistics, rolled up commune → province → nation ------------------------------------------------

SMALL_COUNT = 3  # fewer than this is shown as "< 3" to those who may not see the parties (a family is findable)
GROUPS = {geo.CENTRAL: "province_id", geo.PROVINCE: "commune_id", geo.COMMUNE: "unit_id"}


CHILD_LEVEL = {"province_id": geo.PROVINCE, "commune_id": geo.COMMUNE, "unit_id": geo.RESIDENTIAL_AREA}


def _units(pks, level: str) -> list[AdminUnit]:
    """The units named by a roll-up's rows: provinces and communes from the reference cache (no query, no
    model built per row), residential areas — or a unit no longer current — in one query."""
    lookup = {geo.PROVINCE: current_province, geo.COMMUNE: current_commune}.get(level)
    found = {pk: lookup(pk) for pk in pks} if lookup else {}
    missing = [pk for pk in pks if found.get(pk) is None]
    if missing:
        found.update({u.pk: u for u in AdminUnit.objects.filter(pk__in=missing).select_related("unit_type", "level")})
    return [found[pk] for pk in pks if found.get(pk) is not None]


def sees_exact_counts(user, unit) -> bool:
    """Small counts are shown as they are only to those who may see the parties of a commune's matters (a
    family is findable in a count of one); above a commune, never."""
    return unit.level.code in (geo.COMMUNE, geo.RESIDENTIAL_AREA) and has_permission(user, perms.VIEW_PARTIES, unit)


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def _counts(today: datetime.date) -> dict:
    return {
        "received": Count("pk"),
        "agreed": Count("pk", filter=Q(status=CaseStatus.AGREED)),
        "not_agreed": Count("pk", filter=Q(status=CaseStatus.NOT_AGREED)),
        "stopped": Count("pk", filter=Q(status=CaseStatus.STOPPED)),
        "declined": Count("pk", filter=Q(status=CaseStatus.DECLINED)),
        "open": Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        "late": Count("pk", filter=late(today)),
        "following": Count("pk", filter=TO_FOLLOW),
        "breached": Count("pk", filter=Q(compliance=Compliance.BREACHED)),
    }


def in_unit(queryset, unit):
    """Rows of `unit`, filtered on the rows' own province, commune and area columns (their indexes)."""
    level = unit.level.code
    if level == geo.PROVINCE:
        return queryset.filter(province_id=unit.pk)
    if level == geo.COMMUNE:
        return queryset.filter(commune_id=unit.pk)
    if level == geo.RESIDENTIAL_AREA:
        return queryset.filter(commune_id=unit.parent_id, unit_id=unit.pk)
    return queryset


def scoped_cases(user, unit):
    """The matters of `unit` the user may see."""
    return in_unit(MediationCase.objects.visible_to(user, perms.VIEW_CASE), unit)


def statistics(cases, unit, year: int, *, exact: bool, today: datetime.date | None = None, key=None) -> dict:
    """A year's matters received in `unit`'s scope (`cases`, already scoped): the totals, by subject and
    outcome, and one row per unit a level down (provinces of the nation, communes of a province, areas of a
    commune) — three grouped queries, whatever the number of matters. Counts below SMALL_COUNT show as
    "< 3" unless `exact` (the viewer may see the parties). Agreed share = agreed / (agreed + not agreed),
    compared exactly, rounded only when shown."""
    today = today or timezone.localdate()
    start, end = _year_bounds(year)
    in_year = cases.filter(received_at__gte=start, received_at__lt=end).order_by()
    counts = _counts(today)

    def hide(n):
        return n if exact or n == 0 or n >= SMALL_COUNT else f"< {SMALL_COUNT}"

    def shown(row: dict) -> dict:
        settled = row["agreed"] + row["not_agreed"]
        share = Decimal(100 * row["agreed"]) / settled if settled and (exact or settled >= SMALL_COUNT) else None
        return {**{key: hide(row[key]) for key in counts}, "share": share}

    group = GROUPS.get(unit.level.code)
    rows = []
    if group:
        # The totals are the sum of the groups (matters with no residential area included): one query less.
        names = [group, *counts]
        built = lambda: in_year.values(group).annotate(**counts).values_list(*names)  # noqa: E731
        grouped_rows = [dict(zip(names, row, strict=True)) for row in (
            sqlcache.rows(("mediation.statistics", unit.pk, year, today, *key), built) if key else built())]
        totals = {key: sum(row[key] for row in grouped_rows) for key in counts}
        grouped = {row[group]: row for row in grouped_rows if row[group]}
        for child in _units(grouped, CHILD_LEVEL[group]):
            rows.append({"unit": child, "raw_late": grouped[child.pk]["late"], **shown(grouped[child.pk])})
        rows.sort(key=lambda row: (-row["raw_late"], row["unit"].search_name))
    else:
        totals = in_year.aggregate(**counts)
    subjects = subjects_by_pk()
    by_subject: dict[int, dict] = {}
    built = lambda: in_year.values("subject_id", "status").annotate(n=Count("pk")).values_list(  # noqa: E731
        "subject_id", "status", "n")
    for subject_id, status, n in (sqlcache.rows(("mediation.subjects", unit.pk, year, *key), built) if key
                                  else built()):
        by_subject.setdefault(subject_id, {})[status] = n
    subject_rows = [{"subject": subjects[pk], "total": hide(sum(by_status.values())),
                     "open": hide(sum(by_status.get(status, 0) for status in OPEN_STATUSES)),
                     **{status: hide(by_status.get(status, 0)) for status in [*ENDINGS, CaseStatus.DECLINED]}}
                    for pk, by_status in sorted(by_subject.items(), key=lambda item: subjects[item[0]].order)]
    return {"totals": shown(totals), "rows": rows, "subjects": subject_rows, "year": year}


# --- Disputes and hot spots -------------------------------------------------------------------------


def escalation_rule(on: datetime.date | None = None) -> EscalationRule | None:
    on = on or timezone.localdate()
    return rules.row_in_force(EscalationRule.objects.all(), on)


def escalation_due(dispute: Dispute, rule: EscalationRule | None, today: datetime.date) -> tuple[str, str] | None:
    """The state the rule puts a live dispute in, above the one it has, and why in words; None if none."""
    if rule is None or not dispute.is_live:
        return None
    days = (today - dispute.began_on).days
    for state, people, gatherings, limit in ((DisputeState.HOT_SPOT, rule.hot_people, rule.hot_gatherings,
                                              rule.hot_days),
                                             (DisputeState.RISK, rule.risk_people, rule.risk_gatherings,
                                              rule.risk_days)):
        if LIVE_DISPUTE.index(state) <= LIVE_DISPUTE.index(dispute.state):
            return None
        reasons = []
        if dispute.people_involved >= people:
            reasons.append(_("%(n)s people involved (from %(min)s)") % {"n": dispute.people_involved, "min": people})
        if dispute.gatherings >= gatherings:
            reasons.append(_("%(n)s gatherings (from %(min)s)") % {"n": dispute.gatherings, "min": gatherings})
        if days >= limit:
            reasons.append(_("%(n)s days unsettled (from %(min)s)") % {"n": days, "min": limit})
        if reasons:
            return state, "; ".join(reasons)
    return None


def disputes_of(user, action: str):
    return Dispute.objects.visible_to(user, action).select_related(
        "subject", "owner", "commune__unit_type", "commune__level", "unit__unit_type", "unit__level")


def dispute_counts(disputes, *, key=None) -> dict[str, int]:
    """Live disputes by state, in one query (the boards and the home page); `key`: see `_aggregate`."""
    return _aggregate(disputes, {
        "watched": Count("pk", filter=Q(state=DisputeState.WATCHED)),
        "risk": Count("pk", filter=Q(state=DisputeState.RISK)),
        "hot_spot": Count("pk", filter=Q(state=DisputeState.HOT_SPOT))},
        key=("mediation.disputes", *key) if key else None)


def incident_facts(evaluation, kinds: list[str]) -> list[str]:
    """The `evaluations.incidents` source (antq.core.registry): in a residential area's or a commune's
    evaluation period, each hot spot that arose ("new_hot_spot") and each dispute left unsettled for the
    rule's `prolonged_days` or more ("unsettled_dispute") — Circular 124/2021 Art. 4 items 3–4. Written in
    the official language; establishments are not judged on these."""
    if evaluation.establishment_id or not {"new_hot_spot", "unsettled_dispute"} & set(kinds):
        return []
    unit, start, end = evaluation.unit, evaluation.period_start, evaluation.period_end
    disputes = Dispute.objects.filter(began_on__lte=end).select_related("subject").order_by("began_on")
    disputes = (disputes.filter(unit_id=unit.pk) if unit.level.code == geo.RESIDENTIAL_AREA
                else disputes.filter(commune_id=unit.pk))
    facts = []
    if "new_hot_spot" in kinds:
        for d in disputes.filter(hot_spot_on__range=(start, end)):
            facts.append(f"{d.hot_spot_on:%d/%m/%Y} — Điểm nóng mới: {d.title} ({d.people_involved} người)")
    if "unsettled_dispute" in kinds:
        rule = escalation_rule(end)
        if rule is not None:
            for d in disputes.filter(Q(resolved_on__isnull=True) | Q(resolved_on__gte=start)):
                last = min(d.resolved_on or end, end)
                if (last - d.began_on).days >= rule.prolonged_days:
                    facts.append(f"{d.began_on:%d/%m/%Y} — Tranh chấp kéo dài {(last - d.began_on).days} ngày "
                                 f"chưa giải quyết dứt điểm: {d.title}")
    return facts


def scoped_disputes(user, unit):
    """The disputes of `unit` the user may see."""
    return in_unit(Dispute.objects.visible_to(user, perms.VIEW_DISPUTE), unit)


def live_disputes_by_unit(disputes, unit) -> dict:
    """Live disputes at risk and hot spots, in total and per unit a level down (one grouped query, read from
    the small index of live disputes)."""
    group = GROUPS.get(unit.level.code)
    counts = {"risk": Count("pk", filter=Q(state=DisputeState.RISK)),
              "hot_spot": Count("pk", filter=Q(state=DisputeState.HOT_SPOT))}
    live = disputes.filter(state__in=LIVE_DISPUTE).order_by()
    rows = {row[group]: row for row in live.values(group).annotate(**counts)} if group else {}
    total = {"risk": sum(r["risk"] for r in rows.values()), "hot_spot": sum(r["hot_spot"] for r in rows.values())}
    if not group:
        total = live.aggregate(**counts)
    return {"total": total, "rows": rows}


def complex_areas_of(user, today: datetime.date | None = None):
    """Complex areas with their plan's progress: measures, done, overdue (one query)."""
    today = today or timezone.localdate()
    return (ComplexArea.objects.visible_to(user, perms.VIEW_DISPUTE)
            .select_related("commune__unit_type", "commune__level")
            .annotate(n_measures=Count("measures", distinct=True),
                      n_done=Count("measures", filter=Q(measures__done_on__isnull=False), distinct=True),
                      n_overdue=Count("measures", filter=Q(measures__done_on__isnull=True, measures__due__lt=today),
                                      distinct=True)))
