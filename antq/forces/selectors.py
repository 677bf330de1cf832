"""Reads of the grassroots forces: the rules in force, who is eligible, who ages out, which teams are too
small or too large — scoped by unit; one definition the pages, the checks and the API share."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core.dates import add_months
from antq.core.rules import row_in_force
from antq.forces import permissions as perms
from antq.forces.choices import EDUCATION_RANK, Education, MemberState
from antq.forces.models import EligibilityRule, HardshipCommune, Member, SecurityTeam, TeamSize


def eligibility_rule(on: datetime.date | None = None) -> EligibilityRule:
    return row_in_force(EligibilityRule.objects.all(), on or timezone.localdate()) or EligibilityRule()


def team_size(province_id: int | None, on: datetime.date | None = None) -> TeamSize:
    """The province's own size in force, else the national default."""
    on = on or timezone.localdate()
    return (row_in_force(TeamSize.objects.filter(province_id=province_id), on) if province_id else None) or \
        row_in_force(TeamSize.objects.filter(province__isnull=True), on) or TeamSize()


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """Whole years lived on `on` (a birthday on 29 February counts on 1 March in other years)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def ages_out_on(birth_date: datetime.date, rule: EligibilityRule) -> datetime.date:
    """The first day the member is older than the rule's upper age (their birthday after it)."""
    year = birth_date.year + rule.max_age + 1
    try:
        return birth_date.replace(year=year)
    except ValueError:  # born on 29 February
        return datetime.date(year, 3, 1)


def eligibility_problems(*, birth_date, education: str, clean_record: bool, lives_in_commune: bool,
                         commune, on: datetime.date) -> dict[str, list[str]]:
    """What keeps a person out of a team, on its field, naming the rule in force and its source (Law
    30/2023/QH15): age, schooling (primary is enough in a commune of special hardship), record, residence."""
    rule = eligibility_rule(on)
    source = rule.source or _("the rule in force")
    problems: dict[str, list[str]] = {}
    if birth_date is not None:
        age = age_on(birth_date, on)
        if not rule.min_age <= age <= rule.max_age:
            problems["birth_date"] = [_("%(age)s years old: a member is %(low)s to %(high)s (%(source)s).") % {
                "age": age, "low": rule.min_age, "high": rule.max_age, "source": source}]
    hardship = commune is not None and HardshipCommune.objects.filter(commune=commune).exists()
    needed = rule.min_education_hardship if hardship else rule.min_education
    if education in EDUCATION_RANK and EDUCATION_RANK[education] < EDUCATION_RANK[needed]:
        problems["education"] = [_("A member needs at least %(level)s%(where)s (%(source)s).") % {
            "level": Education(needed).label.lower(),
            "where": _(" in a commune of special hardship") if hardship else "", "source": source}]
    if rule.needs_clean_record and not clean_record:
        problems["clean_record"] = [_("A member has a clean record (%(source)s).") % {"source": source}]
    if rule.needs_residence and not lives_in_commune:
        problems["area"] = [_("A member lives in the commune (%(source)s).") % {"source": source}]
    return problems


def teams_of(user, action: str = perms.VIEW_TEAM):
    return SecurityTeam.objects.visible_to(user, action).current()


def members_of(user, action: str = perms.VIEW_TEAM):
    return Member.objects.visible_to(user, action)


def ageing_out(members, on: datetime.date | None = None):
    """Recognised members who turn older than the upper age within the rule's warning months (or already
    have): born on or before the day that makes them so at the horizon."""
    return members.filter(state=MemberState.RECOGNISED, birth_date__lte=_ageing_born_by(on or timezone.localdate()))


def _ageing_born_by(on: datetime.date) -> datetime.date:
    """Born on or before this day: older than the upper age by the rule's warning horizon."""
    rule = eligibility_rule(on)
    return _years_before(add_months(on, rule.warn_months), rule.max_age + 1)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier (28 February for a 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def sized(teams, on: datetime.date | None = None) -> list[dict]:
    """Each team with its recognised members counted and its province's size in force: "few" below the
    minimum, "many" above the maximum (compared exactly)."""
    on = on or timezone.localdate()
    rows = []
    sizes: dict[int, TeamSize] = {}
    for team in teams.annotate(n=Count("members", filter=Q(members__state=MemberState.RECOGNISED))):
        size = sizes.setdefault(team.province_id, team_size(team.province_id, on))
        flag = "few" if team.n < size.min_members else "many" if team.n > size.max_members else ""
        rows.append({"team": team, "members": team.n, "size": size, "flag": flag})
    return rows


def forces_check(evaluation, criterion):
    """Circular 124/2021 Art. 4 item 5 for a residential area, judged on the records: the security team(s) of
    the area had no member disciplined in the period. Contributed to the evaluation's checks
    (antq.core.registry "evaluations.checks", code "forces_rated"); an area without a team keeps the unit's own
    answer (None). Answers (passed, value, facts)."""
    from antq.forces.models import Discipline

    if getattr(evaluation, "establishment_id", None) or evaluation.unit.level.code != "residential_area":
        return None, None, []
    teams = list(SecurityTeam.objects.filter(areas=evaluation.unit, decided_on__lte=evaluation.period_end)
                 .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=evaluation.period_start)))
    if not teams:
        return None, None, []
    disciplined = (Discipline.objects.filter(member__team__in=teams, decided_on__range=(evaluation.period_start,
                                                                                        evaluation.period_end))
                   .select_related("member__team").order_by("decided_on"))
    facts = [_("%(team)s: %(member)s — %(form)s on %(day)s (%(decision)s).") % {
        "team": d.member.team.name, "member": d.member.full_name, "form": d.get_form_display().lower(),
        "day": f"{d.decided_on:%d/%m/%Y}", "decision": d.decision_number} for d in disciplined]
    if facts:
        return False, None, facts
    return True, None, [_("%(teams)s: no member disciplined in the period.") % {
        "teams": ", ".join(t.name for t in teams)}]


def board_counts(user, on: datetime.date | None = None) -> dict[str, int]:
    """The commune police's cards: members waiting for the chairman's recognition and members ageing out
    within the rule's warning months — one query (and the rule in force)."""
    born_by = _ageing_born_by(on or timezone.localdate())
    return members_of(user, perms.MANAGE_TEAM).order_by().aggregate(
        to_recognise=Count("pk", filter=Q(state=MemberState.PROPOSED)),
        ageing=Count("pk", filter=Q(state=MemberState.RECOGNISED, birth_date__lte=born_by)))
