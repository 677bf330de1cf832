"""Writes of the models registry (Guidance 22/HD-BCA-V05, LAW.md §1 "Models"; seed 001 §I.4).

Each function is keyword-only, takes `actor=`, runs in one transaction, checks the actor's
permission over the unit, leaves one audit row and, for a model, one line of its history
(`InitiativeEvent`). A model is never deleted: removal keeps it, its reason and its history.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import fold
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.initiatives import permissions as perms
from antq.initiatives.choices import EventKind, Grade, InitiativeKind, MemberRole, RemovalReason, Status
from antq.initiatives.models import (
    ExemplaryUnit,
    Grading,
    Initiative,
    InitiativeEvent,
    Recognition,
    Site,
    Team,
    TeamMember,
)
from antq.orgs.models import Organisation

MANAGE = perms.MANAGE_INITIATIVE
GRADE = perms.GRADE_INITIATIVE
RECOGNISE = perms.RECOGNISE_EXEMPLARY
INITIATIVE_FIELDS = ["unit", "organisation", "name", "kind", "started_on", "description", "status", "is_exemplary",
                     "removed_on", "removal_reason", "removal_note"]


def _require(actor, action: str, unit: AdminUnit) -> None:
    if not has_permission(actor, action, unit):
        raise PermissionDenied


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _places(unit: AdminUnit) -> tuple[AdminUnit | None, AdminUnit | None]:
    """(commune, province) of a unit, from the tree; central units have neither."""
    level = unit.level.code
    if level == geo.RESIDENTIAL_AREA:
        return unit.parent, unit.parent.parent
    if level == geo.COMMUNE:
        return unit, unit.parent
    if level == geo.PROVINCE:
        return None, unit
    return None, None


def _not_future(errors: dict, field: str, value: datetime.date | None) -> None:
    if value and value > timezone.localdate():
        errors[field] = [_("This date is in the future.")]


def _official():
    """History lines are stored, so they are written in the official language (the default,
    Vietnamese), whatever the language of the screen that caused them."""
    return translation.override(settings.LANGUAGE_CODE)


def _event(initiative: Initiative, kind: str, on: datetime.date, actor, text: str = "") -> None:
    InitiativeEvent.objects.create(initiative=initiative, kind=kind, on=on, actor=actor, text=text[:500])


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update(of=("self",)).select_related(
        "unit__level", "unit__unit_type", "commune__level", "commune__unit_type").get(pk=initiative.pk)


def _require_active(initiative: Initiative) -> None:
    if initiative.status != Status.ACTIVE:
        raise ValidationError(_("This model was removed on %(date)s; it can no longer change.") % {
            "date": f"{initiative.removed_on:%d/%m/%Y}"})


# --- The model itself --------------------------------------------------------------------------


def _initiative_errors(*, unit, organisation, name, kind, started_on) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if unit is None or not unit.is_current:
        errors["unit"] = [_("Choose a current unit.")]
    if organisation is None or not organisation.is_active:
        errors["organisation"] = [_("Choose the organisation that owns the model.")]
    elif unit is not None and not unit.path.startswith(organisation.unit.path) \
            and not organisation.unit.path.startswith(unit.path):
        errors["organisation"] = [_("The owning organisation must be of this unit, above it or below it.")]
    if not name:
        errors["name"] = [_("Enter the name.")]
    if kind not in InitiativeKind.values:
        errors["kind"] = [_("Choose the kind of model.")]
    if started_on is None:
        errors["started_on"] = [_("Enter the date it started.")]
    _not_future(errors, "started_on", started_on)
    return errors


@transaction.atomic
def initiative_create(*, actor, unit: AdminUnit, organisation: Organisation, name: str, kind: str,
                      started_on: datetime.date, description: str = "") -> Initiative:
    """Register a model of the movement (Guidance 22/HD-BCA-V05: counted by name, sites, teams)."""
    _require(actor, MANAGE, unit)
    name = _clean(name)
    errors = _initiative_errors(unit=unit, organisation=organisation, name=name, kind=kind, started_on=started_on)
    if errors:
        raise ValidationError(errors)
    commune, province = _places(unit)
    initiative = Initiative.objects.create(
        unit=unit, commune=commune, province=province, organisation=organisation, name=name, search_name=fold(name),
        kind=kind, started_on=started_on, description=(description or "").strip())
    _event(initiative, EventKind.CREATED, started_on, actor, organisation.name)
    audit_record(actor=actor, action="initiatives.initiative_create", obj=initiative, unit_path=unit.path,
                 after=snapshot(initiative, INITIATIVE_FIELDS))
    return initiative


@transaction.atomic
def initiative_update(*, actor, initiative: Initiative, organisation: Organisation, name: str, kind: str,
                      started_on: datetime.date, description: str = "") -> Initiative:
    initiative = _locked(initiative)
    _require(actor, MANAGE, initiative.unit)
    _require_active(initiative)
    name = _clean(name)
    errors = _initiative_errors(unit=initiative.unit, organisation=organisation, name=name, kind=kind,
                                started_on=started_on)
    first_site = initiative.sites.order_by("started_on").values_list("started_on", flat=True).first()
    if started_on and first_site and started_on > first_site:
        errors["started_on"] = [_("A site started on %(date)s, before this date.") % {
            "date": f"{first_site:%d/%m/%Y}"}]
    if errors:
        raise ValidationError(errors)
    before = snapshot(initiative, INITIATIVE_FIELDS)
    initiative.organisation, initiative.name, initiative.search_name = organisation, name, fold(name)
    initiative.kind, initiative.started_on, initiative.description = kind, started_on, (description or "").strip()
    initiative.save(update_fields=["organisation", "name", "search_name", "kind", "started_on", "description",
                                   "updated_at"])
    _event(initiative, EventKind.UPDATED, timezone.localdate(), actor)
    audit_record(actor=actor, action="initiatives.initiative_update", obj=initiative,
                 unit_path=initiative.unit.path, before=before, after=snapshot(initiative, INITIATIVE_FIELDS))
    return initiative


# --- Sites and teams ---------------------------------------------------------------------------


@transaction.atomic
def site_add(*, actor, initiative: Initiative, unit: AdminUnit, name: str, started_on: datetime.date,
             establishment=None) -> Site:
    """A place that replicates the model (Guidance 22 counts them as điểm). The site's own unit
    decides who may add it: a commune replicates its province's model in its own areas."""
    initiative = _locked(initiative)
    _require(actor, MANAGE, unit)
    _require_active(initiative)
    name = _clean(name)
    errors: dict[str, list[str]] = {}
    # A residential area's model spreads to the other areas of its commune; any other model
    # is replicated inside the area of the unit that owns it.
    area = initiative.commune if initiative.unit.level.code == geo.RESIDENTIAL_AREA else initiative.unit
    if not unit.is_current or unit.level.code not in (geo.COMMUNE, geo.RESIDENTIAL_AREA):
        errors["unit"] = [_("A site is a commune or a residential area.")]
    elif not unit.path.startswith(area.path):
        errors["unit"] = [_("A site lies inside %(area)s, where the model belongs.") % {"area": area.display_name}]
    if establishment is not None and (establishment.commune_id not in (unit.pk, unit.parent_id)
                                      or establishment.closed_on):
        errors["establishment"] = [_("Choose an open establishment of this commune.")]
    if not name:
        errors["name"] = [_("Enter the name.")]
    if started_on is None:
        errors["started_on"] = [_("Enter the date it started.")]
    elif started_on < initiative.started_on:
        errors["started_on"] = [_("A site cannot start before its model (%(date)s).") % {
            "date": f"{initiative.started_on:%d/%m/%Y}"}]
    _not_future(errors, "started_on", started_on)
    if errors:
        raise ValidationError(errors)
    commune, province = _places(unit)
    site = Site.objects.create(initiative=initiative, unit=unit, establishment=establishment, commune=commune,
                               province=province, name=name, started_on=started_on)
    _event(initiative, EventKind.SITE_ADDED, started_on, actor, f"{name} — {unit.display_name}")
    audit_record(actor=actor, action="initiatives.site_add", obj=site, unit_path=unit.path,
                 after=snapshot(site, ["initiative", "unit", "establishment", "name", "started_on"]))
    return site


@transaction.atomic
def site_close(*, actor, site: Site, closed_on: datetime.date, note: str) -> Site:
    site = Site.objects.select_for_update(of=("self",)).select_related("unit", "initiative").get(pk=site.pk)
    _require(actor, MANAGE, site.unit)
    note = _clean(note)
    errors: dict[str, list[str]] = {}
    if site.closed_on:
        errors["closed_on"] = [_("This site is already closed.")]
    elif closed_on is None or closed_on < site.started_on:
        errors["closed_on"] = [_("A site closes after it started (%(date)s).") % {
            "date": f"{site.started_on:%d/%m/%Y}"}]
    _not_future(errors, "closed_on", closed_on)
    if not note:
        errors["note"] = [_("Say why the site closed.")]
    if errors:
        raise ValidationError(errors)
    site.closed_on, site.close_note = closed_on, note
    site.save(update_fields=["closed_on", "close_note"])
    # Its teams stop with it: a team cannot run a site that no longer exists.
    site.teams.filter(disbanded_on__isnull=True).update(disbanded_on=closed_on)
    _event(site.initiative, EventKind.SITE_CLOSED, closed_on, actor, f"{site.name}: {note}")
    audit_record(actor=actor, action="initiatives.site_close", obj=site, unit_path=site.unit.path,
                 after={"closed_on": closed_on, "close_note": note})
    return site


def _member_errors(members: list[dict]) -> list[str]:
    problems = []
    leaders = [m for m in members if m.get("role") == MemberRole.LEADER]
    if len(leaders) > 1:
        problems.append(_("A team has one leader."))
    for number, member in enumerate(members, start=1):
        if not _clean(member.get("full_name")):
            problems.append(_("Member %(n)s: enter the full name.") % {"n": number})
        if member.get("role", MemberRole.MEMBER) not in MemberRole.values:
            problems.append(_("Member %(n)s: choose leader, deputy or member.") % {"n": number})
    return problems


@transaction.atomic
def team_form(*, actor, initiative: Initiative, name: str, formed_on: datetime.date, site: Site | None = None,
              members: list[dict] | None = None) -> Team:
    """A team (tổ) that runs the model, with its members and its leader (Guidance 22)."""
    initiative = _locked(initiative)
    unit = site.unit if site is not None else initiative.unit
    _require(actor, MANAGE, unit)
    _require_active(initiative)
    members = members or []
    name = _clean(name)
    errors: dict[str, list[str]] = {}
    if site is not None and (site.initiative_id != initiative.pk or site.closed_on):
        errors["site"] = [_("Choose an open site of this model.")]
    if not name:
        errors["name"] = [_("Enter the name.")]
    if formed_on is None:
        errors["formed_on"] = [_("Enter the date it was formed.")]
    elif formed_on < (site.started_on if site else initiative.started_on):
        errors["formed_on"] = [_("A team cannot be formed before its model or site started.")]
    _not_future(errors, "formed_on", formed_on)
    problems = _member_errors(members)
    if problems:
        errors["members"] = problems
    if errors:
        raise ValidationError(errors)
    commune, province = _places(unit)
    team = Team.objects.create(initiative=initiative, site=site, unit=unit, commune=commune, province=province,
                               name=name, formed_on=formed_on)
    TeamMember.objects.bulk_create([
        TeamMember(team=team, full_name=_clean(m["full_name"]), role=m.get("role") or MemberRole.MEMBER,
                   phone=_clean(m.get("phone")), joined_on=formed_on) for m in members])
    with _official():
        _event(initiative, EventKind.TEAM_FORMED, formed_on, actor,
               _("%(team)s, %(n)s members") % {"team": name, "n": len(members)})
    audit_record(actor=actor, action="initiatives.team_form", obj=team, unit_path=unit.path,
                 after={**snapshot(team, ["initiative", "site", "unit", "name", "formed_on"]),
                        "members": [_clean(m["full_name"]) for m in members]})
    return team


@transaction.atomic
def team_disband(*, actor, team: Team, disbanded_on: datetime.date) -> Team:
    team = Team.objects.select_for_update(of=("self",)).select_related("unit", "initiative").get(pk=team.pk)
    _require(actor, MANAGE, team.unit)
    if team.disbanded_on:
        raise ValidationError({"disbanded_on": [_("This team is already disbanded.")]})
    if disbanded_on is None or disbanded_on < team.formed_on:
        raise ValidationError({"disbanded_on": [_("A team is disbanded after it was formed.")]})
    if disbanded_on > timezone.localdate():
        raise ValidationError({"disbanded_on": [_("This date is in the future.")]})
    team.disbanded_on = disbanded_on
    team.save(update_fields=["disbanded_on"])
    team.members.filter(left_on__isnull=True).update(left_on=disbanded_on)
    _event(team.initiative, EventKind.TEAM_DISBANDED, disbanded_on, actor, team.name)
    audit_record(actor=actor, action="initiatives.team_disband", obj=team, unit_path=team.unit.path,
                 after={"disbanded_on": disbanded_on})
    return team


@transaction.atomic
def member_add(*, actor, team: Team, full_name: str, role: str = MemberRole.MEMBER, phone: str = "",
               joined_on: datetime.date) -> TeamMember:
    """Add a member; a new leader takes over from the current one, who stays as a member."""
    team = Team.objects.select_for_update(of=("self",)).select_related("unit", "initiative").get(pk=team.pk)
    _require(actor, MANAGE, team.unit)
    full_name = _clean(full_name)
    errors: dict[str, list[str]] = {}
    if team.disbanded_on:
        errors["team"] = [_("This team is disbanded.")]
    if not full_name:
        errors["full_name"] = [_("Enter the full name.")]
    if role not in MemberRole.values:
        errors["role"] = [_("Choose leader, deputy or member.")]
    if joined_on is None or joined_on < team.formed_on:
        errors["joined_on"] = [_("A member joins after the team was formed (%(date)s).") % {
            "date": f"{team.formed_on:%d/%m/%Y}"}]
    _not_future(errors, "joined_on", joined_on)
    if phone and not phone.replace(" ", "").lstrip("+").isdigit():
        errors["phone"] = [_("A phone number has digits only.")]
    if errors:
        raise ValidationError(errors)
    text = full_name
    if role == MemberRole.LEADER:
        previous = team.members.filter(role=MemberRole.LEADER, left_on__isnull=True).first()
        if previous:
            previous.role = MemberRole.MEMBER
            previous.save(update_fields=["role"])
            with _official():
                text = _("%(new)s takes over as leader from %(old)s") % {"new": full_name, "old": previous.full_name}
    member = TeamMember.objects.create(team=team, full_name=full_name, role=role, phone=_clean(phone),
                                       joined_on=joined_on)
    _event(team.initiative, EventKind.MEMBER_JOINED, joined_on, actor, f"{team.name}: {text}")
    audit_record(actor=actor, action="initiatives.member_add", obj=member, unit_path=team.unit.path,
                 after=snapshot(member, ["team", "full_name", "role", "phone", "joined_on"]))
    return member


@transaction.atomic
def member_leave(*, actor, member: TeamMember, left_on: datetime.date) -> TeamMember:
    member = TeamMember.objects.select_for_update(of=("self",)).select_related("team__unit",
                                                                              "team__initiative").get(pk=member.pk)
    _require(actor, MANAGE, member.team.unit)
    if member.left_on:
        raise ValidationError({"left_on": [_("This member has already left.")]})
    if left_on is None or left_on < member.joined_on:
        raise ValidationError({"left_on": [_("A member leaves after joining (%(date)s).") % {
            "date": f"{member.joined_on:%d/%m/%Y}"}]})
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": [_("This date is in the future.")]})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    _event(member.team.initiative, EventKind.MEMBER_LEFT, left_on, actor, f"{member.team.name}: {member.full_name}")
    audit_record(actor=actor, action="initiatives.member_leave", obj=member, unit_path=member.team.unit.path,
                 after={"left_on": left_on})
    return member


# --- Grading, recognition, removal -------------------------------------------------------------


@transaction.atomic
def initiative_grade(*, actor, initiative: Initiative, period_start: datetime.date, period_end: datetime.date,
                     grade: str, note: str = "", graded_on: datetime.date | None = None) -> Grading:
    """Grade a model for a period (Guidance 22/HD-BCA-V05). Periods follow one another without
    overlap; the rule's interval sets when the next grading is due, not its length."""
    initiative = _locked(initiative)
    _require(actor, GRADE, initiative.unit)
    _require_active(initiative)
    errors: dict[str, list[str]] = {}
    if grade not in Grade.values:
        errors["grade"] = [_("Choose a grade.")]
    if period_start is None or period_end is None or period_end < period_start:
        errors["period_end"] = [_("The period ends after it starts.")]
    else:
        if period_end < initiative.started_on:
            errors["period_end"] = [_("The model had not started by the end of this period.")]
        _not_future(errors, "period_start", period_start)
        overlap = initiative.gradings.filter(period_start__lte=period_end, period_end__gte=period_start).first()
        if overlap:
            errors["period_start"] = [_("A grading already covers %(start)s – %(end)s.") % {
                "start": f"{overlap.period_start:%d/%m/%Y}", "end": f"{overlap.period_end:%d/%m/%Y}"}]
    graded_on = graded_on or timezone.localdate()
    _not_future(errors, "graded_on", graded_on)
    if period_start and graded_on < period_start:
        errors["graded_on"] = [_("A grading is made after its period starts.")]
    if grade == Grade.INEFFECTIVE and not _clean(note):
        errors["note"] = [_("Say why the model is ineffective.")]
    if errors:
        raise ValidationError(errors)
    grading = Grading.objects.create(initiative=initiative, period_start=period_start, period_end=period_end,
                                     grade=grade, note=(note or "").strip(), graded_on=graded_on,
                                     graded_by=actor)
    with _official():
        _event(initiative, EventKind.GRADED, grading.graded_on, actor,
               f"{period_start:%d/%m/%Y} – {period_end:%d/%m/%Y}: {Grade(grade).label}")
    audit_record(actor=actor, action="initiatives.initiative_grade", obj=grading, unit_path=initiative.unit.path,
                 after=snapshot(grading, ["initiative", "period_start", "period_end", "grade", "note"]))
    return grading


@transaction.atomic
def initiative_recognise(*, actor, initiative: Initiative, recognised_on: datetime.date, decision_number: str,
                         issued_by: str, note: str = "") -> Recognition:
    """Recognise a model as an exemplary example (điển hình tiên tiến). Guidance 22 recognises
    the best models: its last grading must rate it effective."""
    initiative = _locked(initiative)
    _require(actor, RECOGNISE, initiative.unit)
    _require_active(initiative)
    decision_number, issued_by = _clean(decision_number), _clean(issued_by)
    errors: dict[str, list[str]] = {}
    last = initiative.gradings.order_by("-period_end").first()
    if last is None or last.grade != Grade.GOOD:
        errors["__all__"] = [_("Only a model whose last grading rates it effective can be recognised as exemplary.")]
    if initiative.is_exemplary:
        errors["__all__"] = [_("This model is already an exemplary example.")]
    if not decision_number:
        errors["decision_number"] = [_("Enter the number of the decision.")]
    if not issued_by:
        errors["issued_by"] = [_("Enter who issued the decision.")]
    if recognised_on is None or recognised_on < initiative.started_on:
        errors["recognised_on"] = [_("Enter a date after the model started.")]
    _not_future(errors, "recognised_on", recognised_on)
    if errors:
        raise ValidationError(errors)
    recognition = Recognition.objects.create(initiative=initiative, recognised_on=recognised_on,
                                             decision_number=decision_number, issued_by=issued_by,
                                             note=(note or "").strip())
    initiative.is_exemplary = True
    initiative.save(update_fields=["is_exemplary", "updated_at"])
    _event(initiative, EventKind.RECOGNISED, recognised_on, actor, f"{decision_number} — {issued_by}")
    audit_record(actor=actor, action="initiatives.initiative_recognise", obj=recognition,
                 unit_path=initiative.unit.path,
                 after=snapshot(recognition, ["initiative", "recognised_on", "decision_number", "issued_by"]))
    return recognition


def _end_recognitions(initiative: Initiative, on: datetime.date, note: str, actor) -> None:
    for recognition in initiative.recognitions.filter(ended_on__isnull=True):
        recognition.ended_on, recognition.end_note = on, note[:300]
        recognition.save(update_fields=["ended_on", "end_note"])
        _event(initiative, EventKind.RECOGNITION_ENDED, on, actor, f"{recognition.decision_number}: {note}")
    initiative.is_exemplary = False


@transaction.atomic
def initiative_remove(*, actor, initiative: Initiative, removed_on: datetime.date, reason: str,
                      note: str) -> Initiative:
    """Remove an ineffective or formalistic model (seed 001 §II; Guidance 22). It is kept with its
    reason and history; its sites close, its teams disband and its exemplary title ends."""
    initiative = _locked(initiative)
    _require(actor, RECOGNISE, initiative.unit)
    _require_active(initiative)
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    if reason not in RemovalReason.values:
        errors["reason"] = [_("Choose why the model is removed.")]
    if not _clean(note):
        errors["note"] = [_("Explain the removal: it stays in the model's history.")]
    if removed_on is None or removed_on < initiative.started_on:
        errors["removed_on"] = [_("Enter a date after the model started.")]
    _not_future(errors, "removed_on", removed_on)
    if errors:
        raise ValidationError(errors)
    before = snapshot(initiative, INITIATIVE_FIELDS)
    _end_recognitions(initiative, removed_on, note, actor)
    with _official():
        close_note = _("model removed")
    initiative.sites.filter(closed_on__isnull=True).update(closed_on=removed_on, close_note=close_note)
    teams = initiative.teams.filter(disbanded_on__isnull=True)
    TeamMember.objects.filter(team__in=teams, left_on__isnull=True).update(left_on=removed_on)
    teams.update(disbanded_on=removed_on)
    initiative.status, initiative.removed_on = Status.REMOVED, removed_on
    initiative.removal_reason, initiative.removal_note = reason, note
    initiative.save(update_fields=["status", "removed_on", "removal_reason", "removal_note", "is_exemplary",
                                   "updated_at"])
    with _official():
        _event(initiative, EventKind.REMOVED, removed_on, actor, f"{RemovalReason(reason).label}: {note}")
    audit_record(actor=actor, action="initiatives.initiative_remove", obj=initiative, unit_path=initiative.unit.path,
                 before=before, after=snapshot(initiative, INITIATIVE_FIELDS))
    return initiative


# --- Exemplary communes and wards --------------------------------------------------------------


@transaction.atomic
def exemplary_unit_recognise(*, actor, unit: AdminUnit, recognised_on: datetime.date, decision_number: str,
                             issued_by: str, valid_until: datetime.date | None = None,
                             note: str = "") -> ExemplaryUnit:
    """Recognise a commune or ward as an exemplary unit of the movement; seed 001 (Plan 279
    §I.4) asks each province for at least one exemplary commune and one exemplary ward. The
    province decides, so the actor needs the permission over the province."""
    errors: dict[str, list[str]] = {}
    if unit is None or unit.level.code != geo.COMMUNE or not unit.is_current:
        raise ValidationError({"unit": [_("Choose a current commune, ward or special zone.")]})
    _require(actor, RECOGNISE, unit.parent)
    decision_number, issued_by = _clean(decision_number), _clean(issued_by)
    if not decision_number:
        errors["decision_number"] = [_("Enter the number of the decision.")]
    if not issued_by:
        errors["issued_by"] = [_("Enter who issued the decision.")]
    if recognised_on is None:
        errors["recognised_on"] = [_("Enter the date of the decision.")]
    _not_future(errors, "recognised_on", recognised_on)
    if valid_until and recognised_on and valid_until < recognised_on:
        errors["valid_until"] = [_("The recognition ends after it starts.")]
    if recognised_on and not errors and ExemplaryUnit.objects.filter(
            unit=unit, ended_on__isnull=True, recognised_on__lte=recognised_on).exclude(
            valid_until__lt=recognised_on).exists():
        errors["unit"] = [_("%(unit)s is already an exemplary unit on that date.") % {"unit": unit.display_name}]
    if errors:
        raise ValidationError(errors)
    row = ExemplaryUnit.objects.create(unit=unit, province=unit.parent, recognised_on=recognised_on,
                                       valid_until=valid_until, decision_number=decision_number,
                                       issued_by=issued_by, note=(note or "").strip())
    audit_record(actor=actor, action="initiatives.exemplary_unit_recognise", obj=row, unit_path=unit.path,
                 after=snapshot(row, ["unit", "recognised_on", "valid_until", "decision_number", "issued_by"]))
    return row


@transaction.atomic
def exemplary_unit_end(*, actor, row: ExemplaryUnit, ended_on: datetime.date, note: str) -> ExemplaryUnit:
    row = ExemplaryUnit.objects.select_for_update(of=("self",)).select_related("unit__parent").get(pk=row.pk)
    _require(actor, RECOGNISE, row.unit.parent)
    note = _clean(note)
    errors: dict[str, list[str]] = {}
    if row.ended_on:
        errors["ended_on"] = [_("This recognition has already ended.")]
    elif ended_on is None or ended_on < row.recognised_on:
        errors["ended_on"] = [_("The recognition ends after it starts.")]
    if not note:
        errors["note"] = [_("Say why the recognition ends.")]
    if errors:
        raise ValidationError(errors)
    row.ended_on, row.end_note = ended_on, note
    row.save(update_fields=["ended_on", "end_note"])
    audit_record(actor=actor, action="initiatives.exemplary_unit_end", obj=row, unit_path=row.unit.path,
                 after={"ended_on": ended_on, "end_note": note})
    return row

