"""What a user needs at a glance on the home page: where the movement's machinery lags.

Each figure is a set-based query over the user's jurisdiction (their top unit), whatever its size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from antq.committees import permissions as committees_perms
from antq.committees import selectors as committee_selectors
from antq.committees.models import SteeringCommittee
from antq.core import grants
from antq.core.access import has_national_permission, has_permission, prefix_condition, scope_paths
from antq.evaluations import permissions as evaluations_perms
from antq.evaluations import selectors as evaluation_selectors
from antq.evaluations.choices import Status as EvaluationStatus
from antq.forces import permissions as forces_perms
from antq.forces import selectors as forces_selectors
from antq.geo import choices as geo
from antq.geo.models import Level
from antq.mediation import permissions as mediation_perms
from antq.mediation import selectors as mediation_selectors
from antq.mediation.models import Dispute, MediationCase
from antq.programs import permissions as programs_perms
from antq.programs import selectors as program_selectors
from antq.programs.models import Assignment, ReportForm
from antq.supervision import permissions as supervision_perms
from antq.supervision import selectors as supervision_selectors
from antq.tips import permissions as tips_perms
from antq.tips import selectors as tip_selectors
from antq.tips.choices import Status as TipStatus
from antq.tips.models import Tip


@dataclass
class Card:
    """One thing to do today: how many, in words, and the list already filtered to those rows."""

    label: str
    count: int
    note: str
    url: str
    tone: str = ""  # "danger" past a deadline, "warning" due soon, "" otherwise


def _url(name: str, args=(), **query) -> str:
    return reverse(name, args=args) + (f"?{urlencode(query)}" if query else "")


def todo(user, units, today: datetime.date | None = None) -> list[Card]:
    """What is the user's to do today, across their jurisdictions (`units`, their top units): tips new, due
    today and overdue; identity requests waiting for their decision; reports owed; committees behind on
    meetings; mediation teams to complete; evaluations to assess, review or decide. Only cards with
    something in them; a bounded number of queries whatever the data."""
    today = today or timezone.localdate()
    cards: list[Card] = []
    if scope_paths(user, tips_perms.VIEW_TIP) and not has_national_permission(user, tips_perms.VIEW_TIP):
        # A commune's or a province's tips (a national scope handles none: no scan of the whole table).
        counts = tip_selectors.workload(Tip.objects.visible_to(user, tips_perms.VIEW_TIP))
        cards += [
            Card(_("Tips overdue"), counts["overdue"], _("past a deadline of the law"),
                 _url("tips:tip_list", overdue="true"), "danger"),
            Card(_("Tips due today"), counts["due_today"], _("a deadline ends at 24:00 today"),
                 _url("tips:tip_list", due_today="true"), "warning"),
            Card(_("New tips"), counts["new"], _("received, not yet triaged"),
                 _url("tips:tip_list", status=TipStatus.RECEIVED)),
        ]
    waiting = grants.approvable(user).count() if any(
        scope_paths(user, p.approve_permission) for p in grants.purposes()) else 0
    cards.append(Card(_("Access requests"), waiting, _("waiting for your decision"), _url("access_list"), "warning"))
    for row in program_selectors.reports_owed(user, units, today):
        cards.append(Card(
            _("Report %(period)s owed") % {"period": row["period"].strftime("%m/%Y")}, 1,
            _("%(unit)s · due %(due)s") % {"unit": row["unit"].display_name,
                                           "due": timezone.localtime(row["due"]).strftime("%d/%m/%Y")},
            reverse("programs:unit_report", args=[row["form"].code, row["unit"].pk, row["period"].isoformat()]),
            "danger" if row["late"] else "warning"))
    if scope_paths(user, committees_perms.RECORD_MEETING):
        own = SteeringCommittee.objects.visible_to(user, committees_perms.RECORD_MEETING).active().filter(
            unit__in=[u for u in units if has_permission(user, committees_perms.RECORD_MEETING, u)])
        behind = committee_selectors.overdue_count(own, today)
        cards.append(Card(_("Meetings owed"), behind, _("your steering committee is behind its cadence"),
                          _url("committees:committee_list", overdue="true"), "danger"))
    if scope_paths(user, mediation_perms.MANAGE_TEAM):
        short = mediation_selectors.with_problems(mediation_selectors.teams_of(user, mediation_perms.MANAGE_TEAM),
                                                  today).count()
        cards.append(Card(_("Mediation teams to complete"), short, _("not made up as the law requires"),
                          _url("mediation:team_list", problems="true"), "warning"))
    if scope_paths(user, mediation_perms.HANDLE_CASE):
        counts = mediation_selectors.workload(
            lambda: MediationCase.objects.visible_to(user, mediation_perms.HANDLE_CASE), today,
            key=mediation_selectors.scope_key(user, mediation_perms.HANDLE_CASE))
        cards += [
            Card(_("Mediation late to start"), counts["late"], _("the time to start after assignment has passed"),
                 _url("mediation:case_list", state="late"), "danger"),
            Card(_("Matters to assign"), counts["to_assign"], _("requests for mediation waiting for mediators"),
                 _url("mediation:case_list", state="to_assign"), "warning"),
            Card(_("Agreements to follow up"), counts["to_follow"], _("mediated agreements being carried out"),
                 _url("mediation:case_list", state="to_follow")),
        ]
    if scope_paths(user, mediation_perms.VIEW_DISPUTE) and not has_national_permission(
            user, mediation_perms.VIEW_DISPUTE):
        live = mediation_selectors.dispute_counts(
            lambda: Dispute.objects.visible_to(user, mediation_perms.VIEW_DISPUTE),
            key=mediation_selectors.scope_key(user, mediation_perms.VIEW_DISPUTE))
        cards += [
            Card(_("Hot spots"), live["hot_spot"], _("disputes that became hot spots, not yet settled"),
                 _url("mediation:dispute_list", state="hot_spot"), "danger"),
            Card(_("Disputes at risk"), live["risk"], _("may become hot spots"),
                 _url("mediation:dispute_list", state="risk"), "warning"),
        ]
    if scope_paths(user, supervision_perms.VIEW_FILE) and not has_national_permission(user,
                                                                                     supervision_perms.VIEW_FILE):
        measures = supervision_selectors.measures_of(user, supervision_perms.VIEW_FILE)
        plans = supervision_selectors.board_counts(user, today)
        cards += [
            Card(_("Supervision plans late"), plans["late"],
                 _("the time to issue it after intake has passed"), _url("supervision:file_list", show="late"),
                 "danger"),
            Card(_("Monthly assessments missing"), supervision_selectors.assessments_missing(measures, today).count(),
                 _("the day to sign them has passed"), _url("supervision:file_list", show="missing"), "warning"),
            Card(_("Supervision plans due soon"), plans["due"],
                 _("within five days"), _url("supervision:file_list", show="due")),
            Card(_("Assessments to sign this month"),
                 supervision_selectors.assessments_due_now(measures, today).count(),
                 _("last month's, before the day to sign passes"), _url("supervision:file_list")),
            Card(_("Breaches not handled"), plans["breaches"],
                 _("neither warned nor proposed on"), _url("supervision:file_list", show="breaches"), "danger"),
            Card(_("Files moving in"), supervision_selectors.moving_in(user).count(),
                 _("handed over by another commune, to accept"), _url("supervision:file_list"), "warning"),
        ]
    if scope_paths(user, forces_perms.MANAGE_TEAM) and not has_national_permission(user, forces_perms.MANAGE_TEAM):
        forces = forces_selectors.board_counts(user, today)
        cards += [
            Card(_("Members to recognise"), forces["to_recognise"], _("proposed, waiting for the commune chairman"),
                 _url("forces:team_list")),
            Card(_("Members ageing out"), forces["ageing"], _("reach the upper age within months"),
                 _url("forces:team_list"), "warning"),
            Card(_("Shifts not confirmed"), forces["unconfirmed"], _("members who have not answered a shift soon"),
                 _url("forces:team_list"), "warning"),
            Card(_("No-shows on duty"), forces["no_show"], _("members who did not come, past 30 days"),
                 _url("forces:team_list"), "danger"),
            Card(_("Disputes seen on duty"), forces["disputes"], _("reported by team members, to record"),
                 _url("forces:team_list"), "warning"),
        ]
    if scope_paths(user, forces_perms.DO_DUTY):
        cards.append(Card(_("My shifts to confirm"), forces_selectors.my_counts(user),
                          _("answer before each starts"), _url("forces:my_duty"), "warning"))
    if scope_paths(user, supervision_perms.HELP):
        cards.append(Card(_("People I help"), supervision_selectors.helping(user).count(),
                          _("assigned by the commune People's Committee"), _url("supervision:helping_list")))
    acts = evaluation_selectors.to_act_on(user)
    cards += [
        Card(_("Self-assessments to fill"), acts["to_assess"], _("\"Safe in security and order\" evaluations"),
             _url("evaluations:evaluation_list", status=EvaluationStatus.REGISTERED)),
        Card(_("Review meetings to record"), acts["to_review"], _("self-assessed, waiting for the review"),
             _url("evaluations:evaluation_list", status=EvaluationStatus.ASSESSED)),
        Card(_("Proposals to decide"), acts["to_decide"], _("waiting for the approving level"),
             _url("evaluations:evaluation_list", status=EvaluationStatus.PROPOSED), "warning"),
    ]
    return [card for card in cards if card.count]


def home_summary(user, unit) -> dict:
    today = timezone.localdate()
    vendor = connections[SteeringCommittee.objects.db].vendor
    summary = {"unit": unit}
    if has_permission(user, committees_perms.VIEW_COMMITTEE, unit):
        committees = (SteeringCommittee.objects.visible_to(user, committees_perms.VIEW_COMMITTEE).active()
                      .filter(prefix_condition("unit__path", unit.path, vendor)))
        summary["committees"] = committees.count()
        summary["incomplete"] = committee_selectors.with_composition_problems(committees).count()
        summary["meetings_overdue"] = committee_selectors.overdue_count(committees, today)
    if has_permission(user, programs_perms.VIEW_PROGRAM, unit):
        summary["assignments_overdue"] = (Assignment.objects.visible_to(user, programs_perms.VIEW_PROGRAM)
                                          .filter(prefix_condition("program__unit__path", unit.path, vendor))
                                          .overdue(today).count())
    form = ReportForm.objects.filter(is_active=True).prefetch_related("indicators", "deadlines").order_by("pk").first()
    if form is not None and has_permission(user, programs_perms.VIEW_REPORT, unit):
        start, _end = program_selectors.period_bounds(form, today)
        last, _end = program_selectors.period_bounds(form, start - datetime.timedelta(days=1))
        rates = program_selectors.reporting_rates(form, last, unit, Level.objects.get(code="commune").pk)
        summary["report"] = {"form": form, "period": last, "completeness": rates["completeness"],
                             "timeliness": rates["timeliness"], "expected": rates["expected"],
                             "received": rates["received"], "missing": rates["expected"] - rates["received"]}
    if unit.level.code != geo.COMMUNE and has_permission(user, evaluations_perms.VIEW_EVALUATION, unit):
        # Plan 279: the share of units recognised "Safe in security and order" against the target, and the
        # areas below it (exact comparison; the page rounds for display only).
        recognition = evaluation_selectors.recognition_summary(unit, today.year)
        target = recognition["target"]
        summary["recognition"] = {
            "share": recognition["total"]["share"], "target": target, "year": today.year,
            "below": sum(1 for row in recognition["children"]
                         if target is not None and row["expected"] and (row["share"] or 0) < target),
            "below_target": target is not None and (recognition["total"]["share"] or 0) < target}
    if unit.level.code != geo.COMMUNE and has_permission(user, tips_perms.VIEW_STATISTICS, unit):
        tips = Tip.objects.visible_to(user, tips_perms.VIEW_STATISTICS).filter(
            prefix_condition("commune__path", unit.path, vendor))
        late = tip_selectors.overdue(tips).count()
        police = has_permission(user, tips_perms.VIEW_TIP, unit)
        summary["tips_overdue"] = late if police or late == 0 or late >= tip_selectors.SMALL_COUNT \
            else f"< {tip_selectors.SMALL_COUNT}"
    return summary
