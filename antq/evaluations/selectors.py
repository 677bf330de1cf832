"""Reads about evaluations: rules in force, the units a commune must evaluate, and the shares
recognised that the dashboard shows. Every count is one aggregate query over indexed columns,
whatever the number of units (docs/architecture.md "Scale", bench/evaluations_dashboard.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import connections
from django.db.models import Count, Q
from django.utils import timezone

from antq.core import rules
from antq.core.access import prefix_condition, scope_paths
from antq.core.numbers import share
from antq.evaluations import permissions as perms
from antq.evaluations.choices import ESTABLISHMENT_KINDS, OPEN_STATUSES, Grade, Status, TargetKind, UnitKind
from antq.evaluations.models import CriteriaSet, Evaluation, KindRule, MovementGrading, Target
from antq.geo import choices as geo
from antq.geo.models import AdminUnit, Level
from antq.orgs.models import Establishment


def kind_rule(kind: str, on: datetime.date | None = None) -> KindRule:
    """The rule for `kind` in force on `on` (antq.core.rules.row_in_force)."""
    on = on or timezone.localdate()
    rule = rules.row_in_force(KindRule.objects.filter(kind=kind).select_related("approving_level"), on)
    if rule is None:
        raise KindRule.DoesNotExist(f"No rule for {kind} in force on {on}.")
    return rule


def subject(unit: AdminUnit, establishment: Establishment | None) -> dict:
    """The lookup of one evaluated subject: an establishment, or a unit evaluated for itself."""
    return {"establishment": establishment} if establishment else {"unit": unit, "establishment__isnull": True}


def kind_rules(on: datetime.date | None = None) -> dict[str, KindRule]:
    return {kind: kind_rule(kind, on) for kind in UnitKind.values}


def criteria_sets(kind: str, province: AdminUnit | None, on: datetime.date) -> tuple[CriteriaSet, CriteriaSet | None]:
    """The national set for `kind` in force on `on`, and the province's own set if it has one."""
    def newest(queryset):
        return (queryset.filter(kind=kind, valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
                .order_by("-version").first())
    national = newest(CriteriaSet.objects.filter(province__isnull=True))
    own = newest(CriteriaSet.objects.filter(province=province)) if province is not None else None
    return national, own


def is_exempt(kind: str, size_class: str, rule: KindRule | None = None) -> bool:
    """Circular 124/2021 Art. 1: armed-forces units among agencies, small and micro enterprises, primary
    schools, kindergartens and nurseries are not evaluated — the classes are the kind rule's data."""
    if kind not in ESTABLISHMENT_KINDS:
        return False
    rule = rule or kind_rule(kind)
    return size_class in (rule.exempt_classes or [])


def expected_residential_areas(commune: AdminUnit):
    return AdminUnit.objects.current().filter(parent=commune, level__code=geo.RESIDENTIAL_AREA)


def expected_establishments(commune: AdminUnit):
    return Establishment.objects.filter(commune=commune, is_exempt=False, closed_on__isnull=True)


def commune_units(commune: AdminUnit, year: int) -> dict[str, int]:
    """Art. 5: the commune's residential areas and non-exempt establishments, how many registered
    for `year` and how many were recognised (three counts, two queries)."""
    expected = expected_residential_areas(commune).count() + expected_establishments(commune).count()
    counts = Evaluation.objects.filter(commune=commune, year=year).exclude(kind=UnitKind.COMMUNE).aggregate(
        registered=Count("pk"), recognised=Count("pk", filter=Q(status=Status.RECOGNISED)))
    return {"expected": expected, **counts}


def commune_board(commune: AdminUnit, year: int) -> list[dict]:
    """Every unit the commune must evaluate in `year`, each with its evaluation if registered."""
    evaluations = Evaluation.objects.filter(commune=commune, year=year).exclude(kind=UnitKind.COMMUNE)
    by_unit = {}
    by_establishment = {}
    for evaluation in evaluations:
        if evaluation.establishment_id:
            by_establishment[evaluation.establishment_id] = evaluation
        else:
            by_unit[evaluation.unit_id] = evaluation
    rows = [{"kind": UnitKind.RESIDENTIAL_AREA, "kind_label": UnitKind.RESIDENTIAL_AREA.label,
             "name": area.display_name, "unit": area, "establishment": None, "evaluation": by_unit.get(area.pk)}
            for area in expected_residential_areas(commune).select_related("unit_type", "level")
            .order_by("search_name")]
    rows += [{"kind": est.kind, "kind_label": UnitKind(est.kind).label, "name": est.name, "unit": commune,
              "establishment": est, "evaluation": by_establishment.get(est.pk)}
             for est in expected_establishments(commune).order_by("kind", "search_name")]
    return rows


def approving_unit(evaluation: Evaluation, rule: KindRule | None = None) -> AdminUnit | None:
    """The unit whose authority recognises this evaluation: the ancestor at the rule's approving level."""
    rule = rule or kind_rule(evaluation.kind, evaluation.period_end)
    ancestors = [evaluation.unit, *evaluation.unit.ancestors()]
    return next((unit for unit in ancestors if unit.level_id == rule.approving_level_id), None)


def target(kind: str, year: int, unit: AdminUnit | None = None):
    """The target in force for `year` in `unit`'s area: the nearest area's own target, else the
    national one (a province may set a higher goal for itself, never erase the national one)."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part] if unit is not None else []
    rows = (Target.objects.filter(kind=kind, year_from__lte=year).filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
            .filter(Q(unit__isnull=True) | Q(unit_id__in=ids)).values_list("unit_id", "value", "year_from"))
    depth = {pk: index for index, pk in enumerate(ids)}
    best = max(rows, key=lambda row: (depth.get(row[0], -1), row[2]), default=None)
    return best[1] if best else None


# --- The dashboard ---------------------------------------------------------------------------


def _group_field(within: AdminUnit) -> str | None:
    """Which denormalised column groups the units below `within`: provinces under the nation,
    communes under a province; a commune's own units are listed one by one."""
    return {geo.CENTRAL: "province", geo.PROVINCE: "commune"}.get(within.level.code)


def _expected(within: AdminUnit, group: str | None) -> dict[tuple, int]:
    """(child id, kind) -> number of units to evaluate, in three aggregate queries."""
    vendor = connections[AdminUnit.objects.db].vendor
    counts: dict[tuple, int] = defaultdict(int)
    # A residential area's province is its commune's parent; a commune's is its parent.
    area_group = {"province": "parent__parent_id", "commune": "parent_id"}.get(group)
    commune_group = {"province": "parent_id", "commune": "id"}.get(group)
    est_group = {"province": "commune__parent_id", "commune": "commune_id"}.get(group)
    levels = dict(Level.objects.filter(code__in=[geo.RESIDENTIAL_AREA, geo.COMMUNE]).values_list("code", "pk"))
    for level, kind, column in ((geo.RESIDENTIAL_AREA, UnitKind.RESIDENTIAL_AREA, area_group),
                                (geo.COMMUNE, UnitKind.COMMUNE, commune_group)):
        units = AdminUnit.objects.current().filter(prefix_condition("path", within.path, vendor),
                                                   level_id=levels[level])
        if column:
            for child, n in units.values_list(column).annotate(n=Count("pk")).order_by():
                counts[(child, kind)] += n
        else:
            counts[(None, kind)] += units.count()
    establishments = Establishment.objects.filter(is_exempt=False, closed_on__isnull=True)
    if within.level.code == geo.PROVINCE:  # by the commune's parent: an index, not a path scan
        establishments = establishments.filter(commune__parent=within)
    elif within.level.code != geo.CENTRAL:
        establishments = establishments.filter(prefix_condition("commune__path", within.path, vendor))
    columns = [est_group, "kind"] if est_group else ["kind"]
    for row in establishments.values_list(*columns).annotate(n=Count("pk")).order_by():
        key = (row[0], row[1]) if est_group else (None, row[0])
        counts[key] += row[-1]
    return counts


def _evaluation_counts(within: AdminUnit, year: int, group: str | None) -> dict[tuple, dict]:
    evaluations = _evaluations_within(within).filter(year=year)
    columns = [f"{group}_id", "kind"] if group else ["kind"]
    rows = evaluations.values_list(*columns).annotate(
        registered=Count("pk"), recognised=Count("pk", filter=Q(status=Status.RECOGNISED)),
        refused=Count("pk", filter=Q(status=Status.REFUSED))).order_by()
    result = {}
    for row in rows:
        key = (row[0], row[1]) if group else (None, row[0])
        result[key] = {"registered": row[-3], "recognised": row[-2], "refused": row[-1]}
    return result


def _evaluations_within(within: AdminUnit):
    """Evaluations inside `within` by their denormalised province or commune, which the
    dashboard indexes serve; below a commune, by the unit path."""
    code = within.level.code
    if code == geo.CENTRAL:
        return Evaluation.objects.all()
    if code == geo.PROVINCE:
        return Evaluation.objects.filter(province=within)
    if code == geo.COMMUNE:
        return Evaluation.objects.filter(commune=within)
    vendor = connections[Evaluation.objects.db].vendor
    return Evaluation.objects.filter(prefix_condition("unit__path", within.path, vendor))


def _line(expected: int, counts: dict | None) -> dict:
    counts = counts or {"registered": 0, "recognised": 0, "refused": 0}
    return {"expected": expected, **counts, "share": share(counts["recognised"], expected),
            "registered_share": share(counts["registered"], expected)}


def recognition_summary(within: AdminUnit, year: int) -> dict:
    """The share of units recognised in `within` for `year`: in total, by unit kind, and by child
    area (province or commune), against the target (Plan 279)."""
    group = _group_field(within)
    expected = _expected(within, group)
    counts = _evaluation_counts(within, year, group)
    kinds = UnitKind.values
    by_kind = {kind: _line(sum(n for (_c, k), n in expected.items() if k == kind),
                           _sum([c for (_child, k), c in counts.items() if k == kind])) for kind in kinds}
    total = _line(sum(expected.values()), _sum(list(counts.values())))
    children = []
    if group:
        ids = {child for child, _kind in expected} | {child for child, _kind in counts}
        units = {u.pk: u for u in AdminUnit.objects.filter(pk__in=ids).select_related("unit_type", "level")}
        for child_id in ids:
            if child_id not in units:
                continue
            line = _line(sum(n for (c, _k), n in expected.items() if c == child_id),
                         _sum([v for (c, _k), v in counts.items() if c == child_id]))
            children.append({"unit": units[child_id], **line})
        children.sort(key=lambda row: row["unit"].search_name)
    goal = target(TargetKind.RECOGNISED_SHARE, year, within)
    return {"year": year, "total": total, "by_kind": by_kind, "children": children, "target": goal,
            "meets_target": (total["share"] is not None and goal is not None and total["share"] >= goal)}


def _sum(rows: list[dict]) -> dict:
    return {"registered": sum(r["registered"] for r in rows), "recognised": sum(r["recognised"] for r in rows),
            "refused": sum(r["refused"] for r in rows)}


def share_over_years(within: AdminUnit, years: list[int]) -> list[dict]:
    """Share recognised per year (the units to evaluate are today's, so older years are approximate)."""
    expected = sum(_expected(within, None).values())
    evaluations = _evaluations_within(within).filter(year__in=years)
    counts = {year: (registered, recognised) for year, registered, recognised in evaluations.values_list("year")
              .annotate(registered=Count("pk"), recognised=Count("pk", filter=Q(status=Status.RECOGNISED)))
              .order_by()}
    # A year nobody registered for has no data: None, shown as such, never as 0 %.
    return [{"year": year, "recognised": counts.get(year, (0, 0))[1],
             "share": share(counts[year][1], expected) if counts.get(year, (0, 0))[0] else None}
            for year in years]


def weak_communes(within: AdminUnit, year: int):
    """Communes graded weak (Directive 09's goal is none)."""
    vendor = connections[MovementGrading.objects.db].vendor
    return (MovementGrading.objects.filter(prefix_condition("unit__path", within.path, vendor), year=year,
                                           kind=UnitKind.COMMUNE, grade=Grade.WEAK)
            .select_related("unit__unit_type", "unit__level").order_by("unit__search_name"))


def late_evaluations(within: AdminUnit, year: int, today: datetime.date | None = None):
    """Evaluations still open after their kind's decision deadline: those of `year` whose deadline has
    passed, and any of an earlier year still open — they do not stop being late on 1 January."""
    today = today or timezone.localdate()
    late_kinds = [kind for kind, rule in kind_rules(today).items() if rule.decision_due(year) < today]
    return (_evaluations_within(within).filter(Q(year=year, kind__in=late_kinds) | Q(year__lt=year),
                                               status__in=OPEN_STATUSES)
            .select_related("unit__unit_type", "unit__level", "establishment").order_by("-year", "unit__path"))


def to_act_on(user) -> dict:
    """The evaluations waiting for `user`, whatever their year: self-assessments to fill and review meetings
    to record where they run evaluations, proposals to decide where they approve (two queries)."""
    counts = {"to_assess": 0, "to_review": 0, "to_decide": 0}
    if scope_paths(user, perms.RUN_EVALUATION):
        counts.update(Evaluation.objects.visible_to(user, perms.RUN_EVALUATION).aggregate(
            to_assess=Count("pk", filter=Q(status=Status.REGISTERED)),
            to_review=Count("pk", filter=Q(status=Status.ASSESSED))))
    if scope_paths(user, perms.APPROVE_EVALUATION):
        counts["to_decide"] = Evaluation.objects.visible_to(user, perms.APPROVE_EVALUATION).filter(
            status=Status.PROPOSED).count()
    return counts


def area_rows(children: list[dict], target, *, order: str = "worst", below: bool = False) -> list[dict]:
    """The dashboard's areas, worst first by default: the lowest share recognised at the top (areas with
    nothing to evaluate last), or by name; `below` keeps those under the target (exact comparison)."""
    from antq.geo.selectors import by_proper_name

    rows = list(children)
    if below:
        rows = [r for r in rows if target is not None and r["share"] is not None and r["share"] < target]
    if order == "name":
        position = {u.pk: i for i, u in enumerate(by_proper_name([r["unit"] for r in rows]))}
        return sorted(rows, key=lambda r: position[r["unit"].pk])
    return sorted(rows, key=lambda r: (r["share"] is None, r["share"] or 0, r["unit"].search_name))
