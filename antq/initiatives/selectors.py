"""Reads about models: Guidance 22's counts (models, sites, teams), exemplary coverage per
province (seed 001), models due for grading or for a removal review, and the working models
a unit's evaluation reads (Circular 124/2021 Art. 5–7).

Counts group by the commune and province each row carries: one aggregate per table,
whatever the number of rows (docs/architecture.md "Scale").
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core import rules
from antq.core.dates import add_months
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.initiatives.choices import Grade, InitiativeKind, Status
from antq.initiatives.models import ExemplaryUnit, Grading, Initiative, InitiativeRule, Site, Team, TeamMember

WARD_TYPES = ("phuong",)  # the rest of the commune level (xã, đặc khu, thị trấn) counts as communes


def rule(on: datetime.date | None = None) -> InitiativeRule:
    on = on or timezone.localdate()
    found = rules.row_in_force(InitiativeRule.objects.all(), on)
    return found or InitiativeRule()


def in_area(queryset, unit: AdminUnit):
    """Rows of `queryset` inside `unit`, through the commune/province they carry."""
    level = unit.level.code
    if level == geo.PROVINCE:
        return queryset.filter(province=unit)
    if level == geo.COMMUNE:
        return queryset.filter(commune=unit)
    if level == geo.RESIDENTIAL_AREA:
        return queryset.filter(unit=unit)
    return queryset


def _child_field(unit: AdminUnit) -> str | None:
    return {geo.CENTRAL: "province_id", geo.PROVINCE: "commune_id"}.get(unit.level.code)


def active_initiatives(on: datetime.date):
    return Initiative.objects.filter(started_on__lte=on).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=on))


def models_here(unit: AdminUnit, on: datetime.date):
    """Models a commune or residential area runs: its own and those with an open site in it
    (a province's camera model replicated in the commune, say)."""
    here = {"commune": unit} if unit.level.code == geo.COMMUNE else {"unit": unit}
    return active_initiatives(on).filter(Q(**here) | Q(pk__in=open_sites(on).filter(**here).values("initiative_id")))


def open_sites(on: datetime.date):
    return Site.objects.filter(started_on__lte=on).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))


def active_teams(on: datetime.date):
    return Team.objects.filter(formed_on__lte=on).filter(Q(disbanded_on__isnull=True) | Q(disbanded_on__gt=on))


def counts(unit: AdminUnit, on: datetime.date | None = None) -> dict:
    """Guidance 22's figures inside `unit` on `on`: models, exemplary ones, sites, teams and
    their members, by kind and by child area (province → communes, nation → provinces)."""
    on = on or timezone.localdate()
    child = _child_field(unit)
    keys = [child] if child else []

    def zero():
        return {"models": 0, "exemplary": 0, "sites": 0, "teams": 0}

    by_kind = {kind: zero() for kind in InitiativeKind.values}
    by_child: dict[int, dict] = defaultdict(zero)
    total = zero()
    models = (in_area(active_initiatives(on), unit).order_by().values(*keys, "kind")
              .annotate(n=Count("id"), exemplary=Count("id", filter=Q(is_exemplary=True))))
    for row in models:
        for bucket in (by_kind[row["kind"]], total, *([by_child[row[child]]] if child else [])):
            bucket["models"] += row["n"]
            bucket["exemplary"] += row["exemplary"]
    for name, queryset in (("sites", open_sites(on)), ("teams", active_teams(on))):
        rows = (in_area(queryset, unit).order_by().values(*keys, "initiative__kind").annotate(n=Count("id")))
        for row in rows:
            for bucket in (by_kind[row["initiative__kind"]], total, *([by_child[row[child]]] if child else [])):
                bucket[name] += row["n"]
    total["members"] = _members(unit, on)
    children = []
    if child:
        parent_filter = {"parent": unit} if unit.level.code == geo.PROVINCE else {"level__code": geo.PROVINCE}
        for area in (AdminUnit.objects.current().filter(**parent_filter).select_related("unit_type", "level")
                     .order_by("search_name")):
            children.append({"unit": area, **by_child.get(area.pk, zero())})
    return {"on": on, "total": total, "by_kind": by_kind, "children": children}


def _members(unit: AdminUnit, on: datetime.date) -> int:
    members = TeamMember.objects.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    level = unit.level.code
    if level == geo.PROVINCE:
        return members.filter(team__province=unit).count()
    if level == geo.COMMUNE:
        return members.filter(team__commune=unit).count()
    if level == geo.RESIDENTIAL_AREA:
        return members.filter(team__unit=unit).count()
    return members.count()


def exemplary_in_force(on: datetime.date):
    return (ExemplaryUnit.objects.filter(recognised_on__lte=on, ended_on__isnull=True)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on)))


def exemplary_coverage(unit: AdminUnit, on: datetime.date | None = None) -> dict:
    """Seed 001 (Plan 279 §I.4): each province keeps at least one exemplary commune and one
    exemplary ward. For the nation: every province with what it has and what it lacks; for a
    province: its exemplary communes and wards; for a commune: its own recognitions."""
    on = on or timezone.localdate()
    current = rule(on)
    need = {"communes": current.exemplary_communes_per_province, "wards": current.exemplary_wards_per_province}
    rows = exemplary_in_force(on).select_related("unit__unit_type", "unit__level", "province")
    level = unit.level.code
    if level == geo.COMMUNE:
        return {"need": need, "units": list(rows.filter(unit=unit)), "provinces": [], "missing": []}
    if level == geo.PROVINCE:
        rows = rows.filter(province=unit)
    provinces = ([unit] if level == geo.PROVINCE else
                 list(AdminUnit.objects.current().filter(level__code=geo.PROVINCE)
                      .select_related("unit_type", "level").order_by("search_name")))
    have = {p.pk: {"communes": 0, "wards": 0} for p in provinces}
    counted = (rows.order_by().values("province_id", "unit__unit_type__code").annotate(n=Count("unit_id",
                                                                                          distinct=True)))
    for row in counted:
        if row["province_id"] in have:
            which = "wards" if row["unit__unit_type__code"] in WARD_TYPES else "communes"
            have[row["province_id"]][which] += row["n"]
    lines = []
    for province in provinces:
        got = have[province.pk]
        lines.append({"unit": province, **got,
                      "lacks_commune": got["communes"] < need["communes"],
                      "lacks_ward": got["wards"] < need["wards"]})
    return {"need": need, "units": list(rows[:200]) if level == geo.PROVINCE else [], "provinces": lines,
            "missing": [line for line in lines if line["lacks_commune"] or line["lacks_ward"]]}


def with_last_grading(queryset):
    last = Grading.objects.filter(initiative=OuterRef("pk")).order_by("-period_end")
    return queryset.annotate(last_period_end=Max("gradings__period_end"),
                             last_grade=Subquery(last.values("grade")[:1]))


def due_for_grading(unit: AdminUnit, on: datetime.date | None = None):
    """Working models whose last grading period ended more than the rule's interval ago (or
    that started that long ago and were never graded)."""
    on = on or timezone.localdate()
    cutoff = add_months(on, -rule(on).grading_interval_months)
    models = with_last_grading(in_area(Initiative.objects.filter(status=Status.ACTIVE), unit))
    return (models.filter(Q(last_period_end__lt=cutoff) | Q(last_period_end__isnull=True, started_on__lt=cutoff))
            .select_related("unit__unit_type", "unit__level").order_by("last_period_end", "started_on"))


def for_removal_review(unit: AdminUnit, on: datetime.date | None = None) -> list[Initiative]:
    """Working models whose last N gradings were all ineffective (N from the rule): candidates
    for removal as ineffective or formalistic. Two queries whatever the number of models."""
    needed = rule(on).ineffective_gradings_for_review
    candidates = {m.pk: m for m in with_last_grading(in_area(Initiative.objects.filter(status=Status.ACTIVE), unit))
                  .filter(last_grade=Grade.INEFFECTIVE).select_related("unit__unit_type", "unit__level")}
    grades: dict[int, list[str]] = defaultdict(list)
    for initiative_id, grade in (Grading.objects.filter(initiative_id__in=candidates)
                                 .order_by("initiative_id", "-period_end").values_list("initiative_id", "grade")):
        grades[initiative_id].append(grade)
    return [candidates[pk] for pk, seen in grades.items()
            if len(seen) >= needed and all(g == Grade.INEFFECTIVE for g in seen[:needed])]


def working_models(*, unit: AdminUnit, establishment=None, start: datetime.date, end: datetime.date):
    """Models working in a unit during a period — owned there or replicated at an open site
    there — and not rated ineffective by their last grading within the period. What the "at
    least one working model" criterion reads (Circular 124/2021 Art. 5 khoản 1, Art. 6 khoản 3)."""
    models = Initiative.objects.filter(started_on__lte=end).filter(Q(removed_on__isnull=True) |
                                                                  Q(removed_on__gt=end))
    sites = Site.objects.filter(started_on__lte=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    if establishment is not None:
        models = models.filter(pk__in=sites.filter(establishment=establishment).values("initiative_id"))
    else:
        inside = {"commune": unit} if unit.level.code == geo.COMMUNE else {"unit": unit}
        models = models.filter(Q(**inside) | Q(pk__in=sites.filter(**inside).values("initiative_id")))
    last = Grading.objects.filter(initiative=OuterRef("pk"), period_end__lte=end).order_by("-period_end")
    return (models.annotate(grade_in_period=Subquery(last.values("grade")[:1]))
            .filter(Q(grade_in_period__isnull=True) | ~Q(grade_in_period=Grade.INEFFECTIVE))
            .order_by("-is_exemplary", "search_name"))


def working_model_check(evaluation, criterion) -> tuple[bool, Decimal, list[str]]:
    """The evaluation's "working model" criterion (Circular 124/2021 Art. 5 khoản 1, Art. 6 khoản 3): at
    least `criterion.threshold` (default one) model working in the unit during the period, read from this
    registry. Contributed to the evaluations app under "evaluations.checks" (antq.core.registry)."""
    models = list(working_models(unit=evaluation.unit, establishment=evaluation.establishment,
                                 start=evaluation.period_start, end=evaluation.period_end)[:6])
    facts = [f"{m.name} ({m.get_kind_display().lower()}{', ' + _('exemplary') if m.is_exemplary else ''})"
             for m in models[:5]]
    if len(models) > 5:
        facts.append(_("and more"))
    if not models:
        facts = [_("No working model recorded in the registry of models for this unit during the period.")]
    needed = int(criterion.threshold or 1)
    return len(models) >= needed, Decimal(len(models)), facts
