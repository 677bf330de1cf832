"""Reads of the grassroots forces: the rules in force, who is eligible, who ages out, which teams are too
small or too large — scoped by unit; one definition the pages, the checks and the API share."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.core import refcache
from antq.core.dates import add_months
from antq.forces import permissions as perms
from antq.forces.choices import (
    EDUCATION_RANK,
    GRADE_RANK,
    AssignmentState,
    Education,
    Grade,
    IncidentKind,
    MemberState,
    RatingState,
    TaskOutcome,
    TrainingResult,
)
from antq.forces.models import (
    AllowanceRate,
    Assignment,
    Attendance,
    DutyRule,
    EligibilityRule,
    HardshipCommune,
    Incident,
    Member,
    PrestigePerson,
    Rating,
    RatingRule,
    SecurityTeam,
    SelfManagedGroup,
    Shift,
    Task,
    TeamSize,
    TrainingRule,
)

RULE_MODELS = (EligibilityRule, TeamSize, DutyRule, RatingRule, TrainingRule, AllowanceRate)


def rule_key(model) -> str:
    return f"forces.rules.{model._meta.model_name}"


def _in_force(model, on: datetime.date, **match):
    """The row of a (small) rule table in force on `on` among those matching — the same choice as
    antq.core.rules.row_in_force (the newest dated from that day or before, else the undated one), made on the
    table's rows kept in memory for a minute (antq.core.refcache; a change here clears them at once), so that
    the board and the pages do not ask the database for each rule."""
    rows = refcache.cached(rule_key(model), lambda: list(model.objects.all()))
    found = [r for r in rows if all(getattr(r, k) == v for k, v in match.items())
             and (r.valid_from is None or r.valid_from <= on)]
    return max(found, key=lambda r: (r.valid_from is not None, r.valid_from or on), default=None)


def eligibility_rule(on: datetime.date | None = None) -> EligibilityRule:
    return _in_force(EligibilityRule, on or timezone.localdate()) or EligibilityRule()


def team_size(province_id: int | None, on: datetime.date | None = None) -> TeamSize:
    """The province's own size in force, else the national default."""
    on = on or timezone.localdate()
    return (_in_force(TeamSize, on, province_id=province_id) if province_id else None) or \
        _in_force(TeamSize, on, province_id=None) or TeamSize()


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
                         commune, on: datetime.date, healthy: bool = True) -> dict[str, list[str]]:
    """What keeps a person out of a team, on its field, naming the rule in force and its source (Law
    30/2023/QH15): age, schooling (primary is enough in a commune of special hardship), record, health,
    residence."""
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
    if rule.needs_health and not healthy:
        problems["healthy"] = [_("A member is healthy enough for the duties (%(source)s).") % {"source": source}]
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
    the area had no member disciplined in the period and no decided yearly rating below "completed its
    tasks". Contributed to the evaluation's checks (antq.core.registry "evaluations.checks", code
    "forces_rated"); an area without a team keeps the unit's own answer (None). Answers (passed, value,
    facts)."""
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
    below = (Rating.objects.filter(team__in=teams, member__isnull=True, state=RatingState.DECIDED,
                                   grade=Grade.NOT_COMPLETED,
                                   year__range=(evaluation.period_start.year, evaluation.period_end.year))
             .select_related("team").order_by("year"))
    facts += [_("%(team)s: rated “%(grade)s” for %(year)s (%(decision)s).") % {
        "team": r.team.name, "grade": r.get_grade_display().lower(), "year": r.year,
        "decision": r.decision_number} for r in below]
    if facts:
        return False, None, facts
    return True, None, [_("%(teams)s: no member disciplined in the period.") % {
        "teams": ", ".join(t.name for t in teams)}]


def board_counts(user, on: datetime.date | None = None, now: datetime.datetime | None = None,
                 action: str = perms.MANAGE_TEAM) -> dict[str, int]:
    """The commune police's cards: members waiting for the chairman's recognition, members ageing out within
    the rule's warning months, shifts not confirmed as they come near, no-shows of the past 30 days and
    disputes seen on duty to record — three queries (and the rules in force)."""
    now = now or timezone.now()
    born_by = _ageing_born_by(on or timezone.localdate(now))
    counts = members_of(user, action).order_by().aggregate(
        to_recognise=Count("pk", filter=Q(state=MemberState.PROPOSED)),
        ageing=Count("pk", filter=Q(state=MemberState.RECOGNISED, birth_date__lte=born_by)))
    horizon = now + datetime.timedelta(hours=duty_rule(timezone.localdate(now)).flag_unconfirmed_hours)
    shifts = shifts_of(user, action).filter(starts_at__lte=horizon,
                                                       ends_at__gte=now - datetime.timedelta(days=30))
    counts.update(Assignment.objects.filter(shift__in=shifts.values("pk")).order_by().aggregate(
        unconfirmed=Count("pk", filter=Q(state=AssignmentState.ASSIGNED, shift__ends_at__gt=now)),
        no_show=Count("pk", filter=Q(signed_on_at__isnull=True, shift__ends_at__lt=now)
                      & ~Q(state=AssignmentState.DECLINED))))
    counts["disputes"] = disputes_to_record(user, action).count()
    return counts


def rating_spread(ratings, year: int) -> list[dict]:
    """How the teams' decided ratings of a year spread over the grades, best first (every grade listed)."""
    counted = dict(ratings.filter(year=year, member__isnull=True, state=RatingState.DECIDED).order_by()
                   .values_list("grade").annotate(n=Count("pk")))
    return [{"grade": grade, "label": label, "n": counted.get(grade, 0)} for grade, label in Grade.choices]


def my_counts(user, now: datetime.datetime | None = None) -> int:
    """A member's shifts waiting for their answer (the home page's card)."""
    now = now or timezone.now()
    return my_assignments(user, now).filter(state=AssignmentState.ASSIGNED, shift__starts_at__gt=now).count()


# --- Duty ----------------------------------------------------------------------------------------------------


def duty_rule(on: datetime.date | None = None) -> DutyRule:
    return _in_force(DutyRule, on or timezone.localdate()) or DutyRule()


def shifts_of(user, action: str = perms.VIEW_TEAM):
    return Shift.objects.visible_to(user, action).filter(cancelled_at__isnull=True)


def no_show(assignments, now: datetime.datetime | None = None):
    """Members who did not come: not excused ahead (declined), the shift over, never signed on."""
    return assignments.exclude(state=AssignmentState.DECLINED).filter(
        signed_on_at__isnull=True, shift__ends_at__lt=now or timezone.now(), shift__cancelled_at__isnull=True)


def unconfirmed(assignments, now: datetime.datetime | None = None):
    """Members who have not answered a shift that starts within the rule's hours (or has started)."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=duty_rule(timezone.localdate(now)).flag_unconfirmed_hours)
    return assignments.filter(state=AssignmentState.ASSIGNED, shift__cancelled_at__isnull=True,
                              shift__starts_at__lte=horizon, shift__ends_at__gt=now)


def coming(shifts, now: datetime.datetime | None = None, hours: int = 24):
    """Shifts under way or starting within `hours` (tonight's patrols on the board)."""
    now = now or timezone.now()
    return shifts.filter(ends_at__gt=now, starts_at__lte=now + datetime.timedelta(hours=hours))


def my_assignments(user, now: datetime.datetime | None = None):
    """A member's own shifts for the phone: from those still open to sign off (the rule's hours after the end)
    to two weeks ahead, soonest first — one query."""
    now = now or timezone.now()
    rule = duty_rule(timezone.localdate(now))
    return (Assignment.objects.filter(member__user=user, member__state=MemberState.RECOGNISED,
                                      shift__cancelled_at__isnull=True,
                                      shift__ends_at__gte=now - datetime.timedelta(hours=rule.sign_off_late_hours),
                                      shift__starts_at__lte=now + datetime.timedelta(days=14))
            .select_related("shift__team").order_by("shift__starts_at", "pk"))


def my_tasks(user):
    """A member's open tasks: given to them or to their whole team (the phone page's list)."""
    from django.db.models import Exists, OuterRef

    mine = Member.objects.filter(user=user, state=MemberState.RECOGNISED)
    return (Task.objects.filter(closed_on__isnull=True)
            .filter(Q(member__in=mine) | Q(member__isnull=True, team__in=mine.values("team_id")))
            .annotate(personal=Exists(mine.filter(pk=OuterRef("member_id")))).order_by("due_on", "pk")[:20])


def can_answer(assignment: Assignment, now: datetime.datetime) -> bool:
    """Confirmed or excused only before the shift starts, and not once signed on."""
    return assignment.shift.starts_at > now and assignment.signed_on_at is None


def can_sign_on(assignment: Assignment, rule: DutyRule, now: datetime.datetime) -> bool:
    shift = assignment.shift
    return (assignment.signed_on_at is None and assignment.state != AssignmentState.DECLINED
            and shift.starts_at - datetime.timedelta(minutes=rule.sign_on_early_minutes) <= now < shift.ends_at)


def can_sign_off(assignment: Assignment, rule: DutyRule, now: datetime.datetime) -> bool:
    return (assignment.signed_on_at is not None and assignment.signed_off_at is None
            and now <= assignment.shift.ends_at + datetime.timedelta(hours=rule.sign_off_late_hours))


def disputes_to_record(user, action: str = perms.MANAGE_TEAM):
    """Disputes members saw on duty that the commune police have not recorded yet."""
    return Incident.objects.visible_to(user, action).filter(kind=IncidentKind.DISPUTE, sent_as="")


# --- Tasks and the yearly rating (Guidance 01/HD-BCA-V05) ----------------------------------------------------


def rating_rule(on: datetime.date | None = None) -> RatingRule:
    return _in_force(RatingRule, on or timezone.localdate()) or RatingRule()


def tasks_of(user, action: str = perms.VIEW_TEAM):
    return Task.objects.visible_to(user, action)


def share_done(done: int, total: int) -> Decimal | None:
    """The share of tasks done in %, exact (for display round it; compare with `grade_allowed`)."""
    return Decimal(done * 100) / Decimal(total) if total else None


def task_shares(tasks) -> dict:
    """(done, given) for the whole team under "team" and for each member under their id, the way the rating
    counts them: a task is done when its outcome says so, open ones count as given."""
    shares: dict = {}
    for task in tasks:
        for key in ("team", task.member_id):
            if key is not None:
                done, total = shares.get(key, (0, 0))
                shares[key] = (done + (task.outcome == TaskOutcome.DONE), total + 1)
    return shares


def grade_allowed(rule: RatingRule, done: int, total: int, disciplined: bool = False) -> str:
    """The best grade the records allow: "excellent" only above the rule's share (strictly: 95 % is not
    more than 95 %), "good" and "completed" from theirs, compared in whole tasks (done × 100 against
    threshold × total, no rounding); a year without tasks allows "completed"; a member disciplined in the
    year at most the rule's cap."""
    if total == 0:
        best = Grade.COMPLETED
    elif done * 100 > rule.excellent_above * total:
        best = Grade.EXCELLENT
    elif done * 100 >= rule.good_from * total:
        best = Grade.GOOD
    elif done * 100 >= rule.completed_from * total:
        best = Grade.COMPLETED
    else:
        best = Grade.NOT_COMPLETED
    if disciplined and GRADE_RANK[best] > GRADE_RANK[rule.disciplined_at_most]:
        best = rule.disciplined_at_most
    return best


def year_records(commune, year: int) -> tuple[list[SecurityTeam], list[Member], dict, dict, set]:
    """What the ratings of a commune's year are drafted from: the teams current in the year, their members
    recognised in it, the tasks given in the year counted (done, given) per team and per member — a task
    still open at the year's end counts as not done — and the members disciplined in it. Five queries."""
    from antq.forces.models import Discipline

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    teams = list(SecurityTeam.objects.filter(commune=commune, decided_on__lte=end)
                 .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start)).order_by("name"))
    members = list(Member.objects.filter(team__in=teams, recognised_on__lte=end)
                   .filter(Q(left_on__isnull=True) | Q(left_on__gte=start)).defer("id_number")
                   .order_by("team_id", "full_name"))
    done = Count("pk", filter=Q(outcome=TaskOutcome.DONE, closed_on__lte=end))
    tasks = Task.objects.filter(team__in=teams, given_on__range=(start, end)).order_by()
    by_team = {row["team_id"]: (row["done"], row["total"])
               for row in tasks.values("team_id").annotate(done=done, total=Count("pk"))}
    by_member = {row["member_id"]: (row["done"], row["total"])
                 for row in tasks.filter(member__isnull=False).values("member_id").annotate(done=done,
                                                                                            total=Count("pk"))}
    disciplined = set(Discipline.objects.filter(member__in=members, decided_on__range=(start, end))
                      .values_list("member_id", flat=True))
    return teams, members, by_team, by_member, disciplined


def ratings_of(user, action: str = perms.VIEW_TEAM):
    return Rating.objects.visible_to(user, action)


# --- Training, allowances, the community ----------------------------------------------------------------------


def training_rule(on: datetime.date | None = None) -> TrainingRule:
    return _in_force(TrainingRule, on or timezone.localdate()) or TrainingRule()


def _trained_condition(on: datetime.date) -> Q:
    """A member trained on `on`: a required course passed, ended within the rule's months."""
    rule = training_rule(on)
    return Q(Exists(Attendance.objects.filter(member=OuterRef("pk"), result=TrainingResult.PASSED,
                                              course__required=True,
                                              course__ends_on__gt=add_months(on, -rule.refresh_months),
                                              course__ends_on__lte=on)))


def lacking_training(members, on: datetime.date | None = None):
    """Recognised members past the rule's grace months with no required course passed within its months."""
    on = on or timezone.localdate()
    grace = add_months(on, -training_rule(on).grace_months)
    return members.filter(state=MemberState.RECOGNISED, recognised_on__lte=grace).exclude(_trained_condition(on))


def allowance_rate(province_id: int, role: str, on: datetime.date) -> AllowanceRate | None:
    """The province's monthly support for a role in force on a day (no national default: each province sets
    its own)."""
    return _in_force(AllowanceRate, on, province_id=province_id, role=role)


def groups_of(user, action: str = perms.VIEW_TEAM):
    return SelfManagedGroup.objects.visible_to(user, action).filter(ended_on__isnull=True)


def prestige_of(user, action: str = perms.VIEW_TEAM):
    return PrestigePerson.objects.visible_to(user, action).filter(ended_on__isnull=True)


# --- The province's and the nation's counts --------------------------------------------------------------------

GROUPS = {"central": "province_id", "province": "commune_id"}


def counts(user, unit, on: datetime.date | None = None) -> dict:
    """The forces of `unit` a level down (the nation by province, a province by commune): teams in being,
    members recognised, the share trained under the training rule (a required course passed within its
    months), and the spread of last year's decided team ratings — four grouped queries whatever the number of
    members, each read through the access layer. The counts are whole numbers; the page rounds the shares."""
    on = on or timezone.localdate()
    group = GROUPS[unit.level.code]
    scope = {} if unit.level.code == "central" else {"province_id": unit.pk}
    teams = dict(teams_of(user).filter(**scope).order_by().values_list(group).annotate(n=Count("pk")))
    members = dict(members_of(user).filter(state=MemberState.RECOGNISED, **scope).order_by()
                   .values_list(group).annotate(n=Count("pk")))
    rule = training_rule(on)
    trained = dict(Attendance.objects.filter(
        member__in=members_of(user).filter(state=MemberState.RECOGNISED, **scope), result=TrainingResult.PASSED,
        course__required=True, course__ends_on__gt=add_months(on, -rule.refresh_months), course__ends_on__lte=on)
        .order_by().values_list(f"member__{group}").annotate(n=Count("member", distinct=True)))
    spread: dict[int, dict[str, int]] = {}
    for key, grade, n in (ratings_of(user).filter(year=on.year - 1, member__isnull=True, state=RatingState.DECIDED,
                                                  **scope).order_by().values_list(group, "grade")
                          .annotate(n=Count("pk"))):
        spread.setdefault(key, {})[grade] = n
    from antq.geo.models import AdminUnit

    keys = set(teams) | set(members)
    names = dict(AdminUnit.objects.filter(pk__in=keys).values_list("pk", "name"))
    rows = [{"unit": key, "name": names.get(key, ""), "teams": teams.get(key, 0), "members": members.get(key, 0),
             "trained": trained.get(key, 0), "share": share_done(trained.get(key, 0), members.get(key, 0)),
             "grades": [spread.get(key, {}).get(g, 0) for g in Grade.values]} for key in keys]
    rows.sort(key=lambda r: r["name"])
    total = {"teams": sum(r["teams"] for r in rows), "members": sum(r["members"] for r in rows),
             "trained": sum(r["trained"] for r in rows),
             "grades": [sum(r["grades"][i] for r in rows) for i in range(len(Grade.values))]}
    total["share"] = share_done(total["trained"], total["members"])
    return {"rows": rows, "total": total, "group": group, "year": on.year - 1}
