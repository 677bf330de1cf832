"""Writes of grassroots mediation (Law 35/2013/QH13, LAW.md §3): teams and mediators, and the cases of the
mediation register.

Each function is keyword-only, takes `actor=` (the public request has none), runs in one transaction,
checks the actor's permission over the team's area or the case's commune and leaves one audit row named
like the function. No audit row holds what a party said or who they are: the case's number, subject,
status and dates only.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from antq.core import limits, receipts
from antq.core.access import has_permission
from antq.core.audit import audit_record, snapshot
from antq.core.text import clean, phone_ok
from antq.geo import choices as geo
from antq.geo.models import AdminUnit
from antq.mediation import permissions as perms
from antq.mediation import selectors
from antq.mediation.choices import (
    ENDINGS,
    LIVE_DISPUTE,
    CaseStatus,
    Compliance,
    DisputeKind,
    DisputeState,
    PartyRole,
    Progress,
    Route,
    Sex,
    Source,
)
from antq.mediation.models import (
    AreaAssessment,
    CaseMediator,
    ComplexArea,
    Dispute,
    DisputeAction,
    MediationCase,
    MediationSession,
    MediationTeam,
    Mediator,
    Party,
    Subject,
    TransformationMeasure,
)

TEAM_FIELDS = ["unit", "name", "minorities_live_here", "established_on", "dissolved_on"]
MEDIATOR_FIELDS = ["team", "full_name", "sex", "ethnicity", "ethnic_minority", "election_share",
                   "recognition_decision", "recognised_on", "is_leader", "trained", "term_start", "term_end"]


def _plain(number: Decimal) -> str:
    """50.00 → "50", 50.5 → "50,5" in the reader's format: a share as a person writes it."""
    from django.utils.formats import number_format

    normal = number.normalize()
    return number_format(normal, decimal_pos=max(0, -normal.as_tuple().exponent))


def _require(actor, unit: AdminUnit) -> None:
    if not has_permission(actor, perms.MANAGE_TEAM, unit):
        raise PermissionDenied


@transaction.atomic
def team_create(*, actor, unit: AdminUnit, name: str, minorities_live_here: bool = False,
                established_on: datetime.date | None = None) -> MediationTeam:
    """A mediation team of a residential area; an area may have several (Law 35/2013 Art. 12)."""
    _require(actor, unit)
    if unit.level.code != geo.RESIDENTIAL_AREA or not unit.is_current:
        raise ValidationError(_("A mediation team belongs to a current residential area."))
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Enter the team's name.")})
    if MediationTeam.objects.current().filter(unit=unit, name__iexact=name).exists():
        raise ValidationError({"name": _("%(unit)s already has a team of this name.") % {"unit": unit.display_name}})
    if established_on and established_on > timezone.localdate():
        raise ValidationError({"established_on": _("The date cannot be in the future.")})
    team = MediationTeam.objects.create(unit=unit, commune_id=unit.parent_id, name=name,
                                        minorities_live_here=minorities_live_here, established_on=established_on)
    audit_record(actor=actor, action="mediation.team_create", obj=team, unit_path=unit.path,
                 after=snapshot(team, TEAM_FIELDS))
    return team


@transaction.atomic
def mediator_add(*, actor, team: MediationTeam, full_name: str, sex: str, election_share: Decimal,
                 term_start: datetime.date, ethnicity: str = "Kinh", ethnic_minority: bool = False,
                 recognition_decision: str = "", recognised_on: datetime.date | None = None,
                 is_leader: bool = False, trained: bool = False) -> Mediator:
    """Record a mediator the area elected (Art. 8: by more than half of the household representatives, the
    share compared exactly with the rule in force) and the commune chairman recognised; the team leader is
    elected by the mediators, one at a time."""
    team = MediationTeam.objects.select_for_update().select_related("unit").get(pk=team.pk)
    _require(actor, team.unit)
    rule = selectors.rule_in_force(term_start)
    errors = {}
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = _("Enter the mediator's full name.")
    if sex not in Sex.values:
        errors["sex"] = _("Choose the mediator's sex.")
    if rule is not None and not election_share > rule.min_election_share:
        errors["election_share"] = _("A mediator is elected by more than %(min)s %% of the household "
                                     "representatives (Law 35/2013 Art. 8); %(share)s %% is not enough.") % {
            "min": _plain(rule.min_election_share), "share": _plain(election_share)}
    if election_share > 100:
        errors["election_share"] = _("A share cannot pass 100 %.")
    if term_start > timezone.localdate():
        errors["term_start"] = _("The date cannot be in the future.")
    if is_leader and Mediator.objects.current().filter(team=team, is_leader=True).exists():
        errors["is_leader"] = _("The team has a leader; end their term as leader first.")
    if errors:
        raise ValidationError(errors)
    mediator = Mediator.objects.create(
        team=team, full_name=full_name, sex=sex, ethnicity=" ".join(ethnicity.split()) or "Kinh",
        ethnic_minority=ethnic_minority, election_share=election_share,
        recognition_decision=recognition_decision.strip(), recognised_on=recognised_on, is_leader=is_leader,
        trained=trained, term_start=term_start)
    audit_record(actor=actor, action="mediation.mediator_add", obj=mediator, unit_path=team.unit.path,
                 after=snapshot(mediator, MEDIATOR_FIELDS))
    return mediator


@transaction.atomic
def mediator_end_term(*, actor, mediator: Mediator, term_end: datetime.date) -> Mediator:
    mediator = Mediator.objects.select_for_update(of=("self",)).select_related("team__unit").get(pk=mediator.pk)
    _require(actor, mediator.team.unit)
    if mediator.term_end is not None:
        raise ValidationError(_("This mediator's term has already ended."))
    if term_end < mediator.term_start:
        raise ValidationError({"term_end": _("The term cannot end before it began.")})
    before = snapshot(mediator, MEDIATOR_FIELDS)
    mediator.term_end = term_end
    mediator.save(update_fields=["term_end"])
    audit_record(actor=actor, action="mediation.mediator_end_term", obj=mediator, unit_path=mediator.team.unit.path,
                 before=before, after=snapshot(mediator, MEDIATOR_FIELDS))
    return mediator


# --- Cases (Art. 16–27) -----------------------------------------------------------------------------

CASE_FIELDS = ["commune", "unit", "team", "register_year", "register_number", "source", "source_ref", "subject",
               "status", "start_due", "started_on", "ended_on", "declined_subject", "agreement_due",
               "agreement_written", "next_step", "stop_reason", "compliance", "compliance_on"]
MAX_TEXT = 10_000
START = "mediation.start"
CONSENT_TEXT = "mediate"  # the one purpose parties' details are given for (Law 91/2025)


def _case_audit(actor, action: str, case: MediationCase, before: dict | None = None, **extra) -> None:
    audit_record(actor=actor, action=action, obj=case, unit_path=case.commune.path, before=before,
                 after={**snapshot(case, CASE_FIELDS), **extra})


def _require_case(actor, case_or_commune, action: str = perms.HANDLE_CASE) -> None:
    commune = case_or_commune.commune if isinstance(case_or_commune, MediationCase) else case_or_commune
    if not has_permission(actor, action, commune):
        raise PermissionDenied


def _locked_case(case: MediationCase) -> MediationCase:
    return MediationCase.objects.select_for_update(of=("self",)).select_related("commune", "team").get(pk=case.pk)


def route_text(route: str) -> str:
    return {Route.TIP: _("report it to the police (it may be a crime)"),
            Route.ADMINISTRATIVE: _("the commune People's Committee handles it"),
            Route.COURT: _("take it to the court or the competent authority")}.get(route, "")


def refusal(subject: Subject) -> str:
    """Why a matter of `subject` is not mediated, with its article and where it goes (Art. 3)."""
    return _("“%(subject)s” may not be mediated at the grassroots (%(article)s): %(route)s.") % {
        "subject": str(subject), "article": subject.article or "Luật Hòa giải ở cơ sở, Điều 3",
        "route": route_text(subject.route) or _("ask the commune People's Committee where to take it")}


def _party(data: dict, role: str, *, name_field: str) -> tuple[dict, dict]:
    """A party's cleaned details and the errors on them, keyed by the form's field names."""
    prefix = name_field.removesuffix("name")
    party = {"role": role, "full_name": clean(data.get("full_name")), "phone": clean(data.get("phone")),
             "address": clean(data.get("address"))[:300]}
    errors = {}
    if not party["full_name"]:
        errors[name_field] = [_("Enter the full name.")]
    if party["phone"] and not phone_ok(party["phone"]):
        errors[f"{prefix}phone"] = [_("Enter a phone number of 9 to 12 digits.")]
    return party, errors


def case_errors(*, subject, description, commune, unit, occurred_on, requester: dict | None, other: dict | None,
                consent: bool, parties_required: bool = True) -> tuple[dict, list[dict]]:
    """What is wrong with a matter, by field, and its parties cleaned; the forms show it before the service
    runs. A subject that may not be mediated is refused with its article (Art. 3)."""
    errors: dict[str, list[str]] = {}
    if subject is None or not subject.is_active:
        errors["subject"] = [_("Choose what the matter is about.")]
    elif not subject.mediable:
        errors["subject"] = [refusal(subject)]
    if len(description) < 10:
        errors["description"] = [_("Describe the matter (at least 10 characters).")]
    elif len(description) > MAX_TEXT:
        errors["description"] = [_("At most %(n)s characters.") % {"n": MAX_TEXT}]
    if commune is None or commune.level.code != geo.COMMUNE or not commune.is_current:
        errors["commune"] = [_("Choose the commune where it arose.")]
    elif unit is not None and (unit.parent_id != commune.pk or not unit.is_current):
        errors["unit"] = [_("This residential area is not in the commune chosen.")]
    if occurred_on and occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("This date is in the future.")]
    parties = []
    for data, role, field in ((requester, PartyRole.REQUESTER, "requester_name"), (other, PartyRole.OTHER,
                                                                                  "other_name")):
        if data is None or (not parties_required and not any(clean(v) for v in data.values())):
            continue
        party, party_errors = _party(data, role, name_field=field)
        errors.update(party_errors)
        parties.append(party)
    if parties and not consent:
        errors["consent"] = [_("Agree that the details given are used to mediate, or leave them out.")
                             if not parties_required else
                             _("Agree that these details are used to mediate: the mediators cannot reach the "
                               "parties otherwise.")]
    return errors, parties


def _new_case(*, actor, source: str, subject: Subject, description: str, commune: AdminUnit, unit, place: str,
              occurred_on, parties: list[dict], source_ref: str = "", team=None,
              receipt: tuple[str, str] | None = None) -> MediationCase:
    case = MediationCase(
        commune=commune, province_id=commune.parent_id, unit=unit, source=source, source_ref=source_ref[:40],
        subject=subject, description=description, place=clean(place)[:300], occurred_on=occurred_on,
        received_at=timezone.now(), received_by=actor if actor is not None else None)
    if receipt is not None:
        case.receipt_code, case.secret_hash = receipt
    case.save()
    if team is not None:
        _take_number(case, team)
    consent = {CONSENT_TEXT: True, "given_at": timezone.now().isoformat()}
    Party.objects.bulk_create([Party(case=case, consent=consent, **party) for party in parties])
    return case


def _take_number(case: MediationCase, team: MediationTeam) -> None:
    """The case's place in the team's register for the year it was received: the next number, taken under
    the team's lock so two assignments in one team never take the same one."""
    MediationTeam.objects.select_for_update().filter(pk=team.pk).first()
    year = timezone.localdate(case.received_at).year
    last = MediationCase.objects.filter(team=team, register_year=year).aggregate(last=Max("register_number"))["last"]
    case.team, case.unit_id = team, case.unit_id or team.unit_id
    case.register_year, case.register_number = year, (last or 0) + 1
    case.save(update_fields=["team", "unit", "register_year", "register_number"])


def case_request(*, subject, description: str, commune, unit=None, place: str = "", occurred_on=None,
                 requester: dict, other: dict, consent: bool) -> tuple[MediationCase, str]:
    """A party asks for mediation without an account (Art. 16.1), from the public page or the app: the
    matter reaches the commune's Front, and the person follows it with a receipt code and a secret."""
    description = (description or "").strip()
    errors, parties = case_errors(subject=subject, description=description, commune=commune, unit=unit,
                                  occurred_on=occurred_on, requester=requester, other=other, consent=consent)
    if errors:
        raise ValidationError(errors)
    secret, secret_hash = receipts.new_secret()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = _new_case(actor=None, source=Source.PUBLIC, subject=subject, description=description,
                                 commune=commune, unit=unit, place=place, occurred_on=occurred_on, parties=parties,
                                 receipt=(receipts.new_code(), secret_hash))
                _case_audit(None, "mediation.case_request", case)
            return case, secret
        except IntegrityError:  # the code is taken: draw another
            continue
    raise ValidationError(_("The request could not be saved; please send it again."))


@transaction.atomic
def case_open(*, actor, commune, source: str, subject, description: str, team=None, unit=None, place: str = "",
              occurred_on=None, requester: dict | None = None, other: dict | None = None, consent: bool = False,
              source_ref: str = "") -> MediationCase:
    """Enter a matter in the register (Art. 16: a party's request, a mediator's own knowledge, the team
    leader's assignment, a proposal of an agency or organisation); with a team, it takes its number."""
    _require_case(actor, commune)
    description = (description or "").strip()
    errors, parties = case_errors(subject=subject, description=description, commune=commune,
                                  unit=unit if unit is not None else (team.unit if team is not None else None),
                                  occurred_on=occurred_on, requester=requester, other=other, consent=consent,
                                  parties_required=False)
    if source not in Source.values or source in (Source.PUBLIC, Source.TIP):
        errors["source"] = [_("Choose what the mediation starts from.")]
    if team is not None and (team.commune_id != getattr(commune, "pk", None) or team.dissolved_on is not None):
        errors["team"] = [_("Choose a current team of this commune.")]
    if errors:
        raise ValidationError(errors)
    case = _new_case(actor=actor, source=source, subject=subject, description=description, commune=commune,
                     unit=unit, place=place, occurred_on=occurred_on, parties=parties, source_ref=source_ref,
                     team=team)
    _case_audit(actor, "mediation.case_open", case)
    return case


def case_from_referral(*, actor, commune, description: str, reference: str, note: str = "") -> MediationCase:
    """The `tips.referrals` hook: the police found a tip is no crime but a dispute among people and refer it
    to grassroots mediation (Art. 16.4, a proposal of an agency). Runs inside the tip's transaction; the
    reporter's identity never comes here — only what the matter is and the tip's receipt code."""
    subject = Subject.objects.get(code="other")
    text = (description or "").strip()
    if note:
        text = f"{text}\n\nGhi chú của Công an: {clean(note)}"
    case = _new_case(actor=actor, source=Source.TIP, subject=subject, description=text[:MAX_TEXT], commune=commune,
                     unit=None, place="", occurred_on=None, parties=[], source_ref=reference)
    _case_audit(actor, "mediation.case_from_referral", case)
    return case


@transaction.atomic
def case_decline(*, actor, case: MediationCase, subject, note: str = "") -> MediationCase:
    """A matter found, on examination, to be one that may not be mediated (Art. 3): closed with the article,
    and the parties told where to take it."""
    case = _locked_case(case)
    _require_case(actor, case)
    if not case.is_open:
        raise ValidationError(_("Only an open matter can be declined."))
    if subject is None or subject.mediable:
        raise ValidationError({"subject": [_("Choose why it may not be mediated.")]})
    before = snapshot(case, CASE_FIELDS)
    case.status, case.declined_subject, case.ended_on = CaseStatus.DECLINED, subject, timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):  # stored: in the official language, whoever declines
        case.next_step = (route_text(subject.route) or clean(note))[:300]
    case.save(update_fields=["status", "declined_subject", "ended_on", "next_step"])
    _case_audit(actor, "mediation.case_decline", case, before)
    return case


@transaction.atomic
def case_assign(*, actor, case: MediationCase, mediators: list[Mediator]) -> MediationCase:
    """The team leader assigns mediators (Art. 18); the case takes its number in their team's register and
    must start within the limit in force from the assignment (Art. 21.1: 3 days, counted per Art. 134 of
    the Criminal Procedure Code — from the next day, to 24:00, a day off moving the end)."""
    case = _locked_case(case)
    _require_case(actor, case)
    if case.status != CaseStatus.RECEIVED:
        raise ValidationError(_("Mediators are already assigned; recuse one to replace them."))
    today = timezone.localdate()
    teams = {m.team_id for m in mediators}
    if not mediators:
        raise ValidationError({"mediators": [_("Choose at least one mediator.")]})
    serving_ids = set(Mediator.objects.current(today).filter(pk__in=[m.pk for m in mediators])
                      .values_list("pk", flat=True))
    if len(teams) != 1 or len(serving_ids) != len(mediators):
        raise ValidationError({"mediators": [_("Choose serving mediators of one team.")]})
    team = MediationTeam.objects.get(pk=teams.pop())
    if team.commune_id != case.commune_id or (case.team_id and case.team_id != team.pk):
        raise ValidationError({"mediators": [_("Choose mediators of this matter's team.")]})
    before = snapshot(case, CASE_FIELDS)
    now = timezone.now()
    if case.team_id is None:
        _take_number(case, team)
    CaseMediator.objects.bulk_create([CaseMediator(case=case, mediator=m, assigned_at=now) for m in mediators])
    case.status, case.assigned_at = CaseStatus.ASSIGNED, now
    case.start_due = limits.in_force(START, now).last_day(now)
    case.save(update_fields=["status", "assigned_at", "start_due"])
    _case_audit(actor, "mediation.case_assign", case, before, mediators=sorted(m.pk for m in mediators))
    return case


@transaction.atomic
def mediator_recuse(*, actor, case: MediationCase, assignment: CaseMediator, reason: str,
                    replacement: Mediator | None = None) -> CaseMediator:
    """A mediator who is a party's relative or has an interest in the matter steps aside (Art. 18): the
    reason is recorded and, where they were the only one left, a serving mediator of the team replaces
    them. The record stays; the start limit runs from the first assignment."""
    case = _locked_case(case)
    _require_case(actor, case)
    assignment = CaseMediator.objects.select_for_update().get(pk=assignment.pk, case=case)
    errors = {}
    if not case.is_open:
        errors["reason"] = [_("The matter is closed.")]
    if assignment.recused_at is not None:
        errors["reason"] = [_("This mediator has already stepped aside.")]
    if len(clean(reason)) < 5:
        errors["reason"] = [_("Say why the mediator steps aside.")]
    others = case.assignments.filter(recused_at__isnull=True).exclude(pk=assignment.pk)
    if replacement is not None:
        if (replacement.team_id != case.team_id
                or not Mediator.objects.current().filter(pk=replacement.pk).exists()):
            errors["replacement"] = [_("Choose a serving mediator of the team.")]
        elif case.assignments.filter(mediator=replacement).exists():
            errors["replacement"] = [_("This mediator is already on the matter.")]
    elif not others.exists():
        errors["replacement"] = [_("Choose who replaces them: no other mediator is left on the matter.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if replacement is not None:
        assignment.replaced_by = CaseMediator.objects.create(case=case, mediator=replacement, assigned_at=now)
    assignment.recused_at, assignment.recusal_reason = now, clean(reason)[:300]
    assignment.save(update_fields=["recused_at", "recusal_reason", "replaced_by"])
    _case_audit(actor, "mediation.mediator_recuse", case, mediator=assignment.mediator_id,
                replacement=replacement.pk if replacement else None, reason=assignment.recusal_reason)
    return assignment


@transaction.atomic
def session_record(*, actor, case: MediationCase, held_on: datetime.date, place: str, participants: str,
                   summary: str) -> MediationSession:
    """A meeting with the parties (Art. 19–21); the first one is the start of the mediation."""
    case = _locked_case(case)
    _require_case(actor, case)
    errors = {}
    if case.status not in (CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS):
        errors["held_on"] = [_("Assign the mediators first.") if case.status == CaseStatus.RECEIVED
                             else _("The matter is closed.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [_("The date cannot be in the future.")]
    elif held_on < timezone.localdate(case.assigned_at):
        errors["held_on"] = [_("A session cannot come before the mediators were assigned (%(day)s).") % {
            "day": timezone.localdate(case.assigned_at).strftime("%d/%m/%Y")}]
    if not clean(place):
        errors["place"] = [_("Say where it was held.")]
    if not clean(participants):
        errors["participants"] = [_("Say who took part.")]
    if len((summary or "").strip()) < 10:
        errors["summary"] = [_("Write what was said (at least 10 characters).")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(case, CASE_FIELDS)
    session = MediationSession.objects.create(case=case, held_on=held_on, place=clean(place)[:200],
                                              participants=participants.strip(), summary=summary.strip(),
                                              recorded_by=actor)
    if case.started_on is None or held_on < case.started_on:
        case.started_on = held_on
    case.status = CaseStatus.IN_PROGRESS
    case.save(update_fields=["status", "started_on"])
    _case_audit(actor, "mediation.session_record", case, before, session=session.pk)
    return session


@transaction.atomic
def case_conclude(*, actor, case: MediationCase, outcome: str, ended_on: datetime.date, terms: str = "",
                  due: datetime.date | None = None, written: bool = False, next_step: str = "",
                  reason: str = "") -> MediationCase:
    """How the mediation ended (Art. 22): an agreement (its terms, by when, written or not — Art. 23–24),
    no agreement (the parties told where they may go next — Art. 25), or stopped (a party withdrew)."""
    case = _locked_case(case)
    _require_case(actor, case)
    errors = {}
    if outcome not in ENDINGS:
        errors["outcome"] = [_("Choose how it ended.")]
    elif case.status != CaseStatus.IN_PROGRESS and not (outcome == CaseStatus.STOPPED and case.is_open):
        errors["outcome"] = [_("Record a session first: a mediation ends after the parties met.")
                             if case.is_open else _("The matter is closed.")]
    if ended_on > timezone.localdate():
        errors["ended_on"] = [_("The date cannot be in the future.")]
    elif case.started_on and ended_on < case.started_on:
        errors["ended_on"] = [_("It cannot end before it started (%(day)s).") % {
            "day": case.started_on.strftime("%d/%m/%Y")}]
    if outcome == CaseStatus.AGREED:
        if len((terms or "").strip()) < 5:
            errors["terms"] = [_("Write what the parties agreed.")]
        if due is not None and due < ended_on:
            errors["due"] = [_("The agreement cannot be due before it was made.")]
    elif outcome == CaseStatus.NOT_AGREED and not clean(next_step):
        errors["next_step"] = [_("Say where the parties were told they may go (Art. 25).")]
    elif outcome == CaseStatus.STOPPED and not clean(reason):
        errors["reason"] = [_("Say why it stopped.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(case, CASE_FIELDS)
    case.status, case.ended_on = outcome, ended_on
    fields = ["status", "ended_on"]
    if outcome == CaseStatus.AGREED:
        case.agreement_terms, case.agreement_due, case.agreement_written = terms.strip(), due, written
        case.compliance = Compliance.FOLLOWING
        fields += ["agreement_terms", "agreement_due", "agreement_written", "compliance"]
    elif outcome == CaseStatus.NOT_AGREED:
        case.next_step = clean(next_step)[:300]
        fields.append("next_step")
    else:
        case.stop_reason = clean(reason)[:300]
        fields.append("stop_reason")
    case.save(update_fields=fields)
    _case_audit(actor, "mediation.case_conclude", case, before)
    return case


@transaction.atomic
def agreement_follow_up(*, actor, case: MediationCase, compliance: str, checked_on: datetime.date,
                        note: str = "") -> MediationCase:
    """The mediator follows the agreement until it is carried out or broken (Art. 26); a broken one is
    reported, and the parties may go to the authorities."""
    case = _locked_case(case)
    _require_case(actor, case)
    errors = {}
    if case.compliance != Compliance.FOLLOWING:
        errors["compliance"] = [_("There is no agreement being followed.")]
    elif compliance not in (Compliance.COMPLIED, Compliance.BREACHED):
        errors["compliance"] = [_("Choose whether it was carried out.")]
    if checked_on > timezone.localdate():
        errors["checked_on"] = [_("The date cannot be in the future.")]
    elif case.ended_on and checked_on < case.ended_on:
        errors["checked_on"] = [_("It cannot be checked before the agreement was made.")]
    if compliance == Compliance.BREACHED and not clean(note):
        errors["note"] = [_("Say what was not carried out.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(case, CASE_FIELDS)
    case.compliance, case.compliance_on = compliance, checked_on
    case.save(update_fields=["compliance", "compliance_on"])
    _case_audit(actor, "mediation.agreement_follow_up", case, before, note=clean(note)[:300])
    return case


def requester_access(*, receipt_code: str, secret: str, client: str = "") -> MediationCase:
    """A person who asked for mediation opens it with the code and secret (antq.core.receipts)."""

    def on_lock(case: MediationCase) -> None:
        with transaction.atomic():
            audit_record(actor=None, action="mediation.requester_access", obj=case, unit_path=case.commune.path,
                         after={"locked_minutes": receipts.LOCK_MINUTES, "wrong_tries": receipts.LOCK_AFTER})

    return receipts.open_with_secret(
        kind="mediation", receipt_code=receipt_code, secret=secret, client=client, on_lock=on_lock,
        find=lambda code: MediationCase.objects.select_related("commune", "subject", "team").filter(
            receipt_code=code).first())


def parties_read(*, actor, case: MediationCase) -> list[Party]:
    """The parties' details, for those allowed to see them (Law 91/2025): each look is a trail row naming
    the case, never the details."""
    if not has_permission(actor, perms.VIEW_PARTIES, case.commune):
        raise PermissionDenied
    parties = list(case.parties.all())
    if parties:
        with transaction.atomic():
            audit_record(actor=actor, action="mediation.parties_read", obj=case, unit_path=case.commune.path,
                         after={"parties": len(parties)})
    return parties


@transaction.atomic
def register_export(*, actor, team: MediationTeam, year: int, rows: int) -> None:
    """The register names the parties: its download is a read of their details, on the record."""
    if not has_permission(actor, perms.VIEW_PARTIES, team.commune):
        raise PermissionDenied
    audit_record(actor=actor, action="mediation.register_export", obj=team, unit_path=team.unit.path,
                 after={"year": year, "rows": rows})


# --- Disputes and hot spots -------------------------------------------------------------------------

DISPUTE_FIELDS = ["commune", "unit", "kind", "subject", "title", "people_involved", "gatherings", "began_on",
                  "owner", "state", "risk_on", "hot_spot_on", "resolved_on", "resolution", "case"]


def _dispute_audit(actor, action: str, dispute: Dispute, before: dict | None = None, **extra) -> None:
    audit_record(actor=actor, action=action, obj=dispute, unit_path=dispute.commune.path, before=before,
                 after={**snapshot(dispute, DISPUTE_FIELDS), **extra})


def _locked_dispute(dispute: Dispute) -> Dispute:
    return Dispute.objects.select_for_update(of=("self",)).select_related("commune").get(pk=dispute.pk)


def _raise(dispute: Dispute, state: str, on: datetime.date) -> None:
    if state == DisputeState.HOT_SPOT:
        dispute.hot_spot_on = on
        dispute.risk_on = dispute.risk_on or on
    else:
        dispute.risk_on = on
    dispute.state = state
    dispute.save(update_fields=["state", "risk_on", "hot_spot_on"])


def _by_rule(actor, dispute: Dispute, today: datetime.date) -> None:
    """Apply the escalation rule in force: a step up it calls for is taken now, with the rule's reason."""
    due = selectors.escalation_due(dispute, selectors.escalation_rule(today), today)
    if due is not None:
        state, reason = due
        before = snapshot(dispute, DISPUTE_FIELDS)
        _raise(dispute, state, today)
        _dispute_audit(actor, "mediation.dispute_escalate", dispute, before, reason=reason, by_rule=True)


def _dispute_errors(*, title, description, people_involved, gatherings, began_on) -> dict:
    errors = {}
    if not clean(title):
        errors["title"] = [_("Give the dispute a short title.")]
    if len((description or "").strip()) < 10:
        errors["description"] = [_("Describe the matter (at least 10 characters).")]
    if people_involved is None or people_involved < 1:
        errors["people_involved"] = [_("At least one person is involved.")]
    if gatherings is not None and gatherings < 0:
        errors["gatherings"] = [_("Cannot be negative.")]
    if began_on and began_on > timezone.localdate():
        errors["began_on"] = [_("This date is in the future.")]
    return errors


@transaction.atomic
def dispute_record(*, actor, commune, kind: str, subject, title: str, description: str, people_involved: int,
                   began_on: datetime.date, unit=None, parties: str = "", gatherings: int = 0) -> Dispute:
    """A dispute, complaint, mass complaint, strike or gathering found by the commune police or the Front,
    to settle on the spot (seed 001 §II.3); the escalation rule in force applies at once (LAW.md §12)."""
    if not has_permission(actor, perms.RECORD_DISPUTE, commune):
        raise PermissionDenied
    errors = _dispute_errors(title=title, description=description, people_involved=people_involved,
                             gatherings=gatherings, began_on=began_on)
    if kind not in DisputeKind.values:
        errors["kind"] = [_("Choose the kind.")]
    if subject is None:
        errors["subject"] = [_("Choose what the matter is about.")]
    if unit is not None and unit.parent_id != commune.pk:
        errors["unit"] = [_("This residential area is not in the commune chosen.")]
    if errors:
        raise ValidationError(errors)
    dispute = Dispute.objects.create(
        commune=commune, province_id=commune.parent_id, unit=unit, kind=kind, subject=subject,
        title=clean(title)[:200], description=description.strip(), parties=(parties or "").strip(),
        people_involved=people_involved, gatherings=gatherings or 0, began_on=began_on, owner=actor)
    _dispute_audit(actor, "mediation.dispute_record", dispute)
    _by_rule(actor, dispute, timezone.localdate())
    return dispute


def dispute_from_patrol(*, actor, commune, description: str, occurred_on: datetime.date, place: str, reporter: str,
                        team: str) -> dict:
    """The "forces.incident_sinks" hook: a dispute a grassroots security team member saw on duty, recorded by
    the commune police officer who read the report (their permission checked as for any dispute), with the
    officer in charge, "other matters" and two people involved to correct on the dispute's page. Answers the
    dispute's number and page."""
    text = (description or "").strip()
    title = f"Phát hiện khi tuần tra, trực: {team}"  # the record's own words, whatever the officer's language
    details = f"{text}\n\nNgười báo: {reporter} ({team})"
    if place:
        details += f" — {place}"
    dispute = dispute_record(actor=actor, commune=commune, kind=DisputeKind.DISPUTE,
                             subject=Subject.objects.get(code="other"), title=title, description=details,
                             people_involved=2, began_on=occurred_on)
    return {"reference": f"#{dispute.pk}", "url": reverse("mediation:dispute_detail", args=[dispute.pk])}


@transaction.atomic
def dispute_update(*, actor, dispute: Dispute, people_involved: int, gatherings: int, what: str,
                   taken_on: datetime.date | None = None) -> Dispute:
    """What was done and where things stand (people involved, gatherings so far); the rule then applies."""
    dispute = _locked_dispute(dispute)
    if not has_permission(actor, perms.RECORD_DISPUTE, dispute.commune):
        raise PermissionDenied
    taken_on = taken_on or timezone.localdate()
    errors = {}
    if not dispute.is_live:
        errors["what"] = [_("The dispute is settled.")]
    if len(clean(what)) < 5:
        errors["what"] = [_("Say what was done.")]
    if people_involved is None or people_involved < 1:
        errors["people_involved"] = [_("At least one person is involved.")]
    if gatherings is None or gatherings < 0:
        errors["gatherings"] = [_("Cannot be negative.")]
    if taken_on > timezone.localdate():
        errors["taken_on"] = [_("This date is in the future.")]
    elif taken_on < dispute.began_on:
        errors["taken_on"] = [_("It cannot come before the dispute began.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(dispute, DISPUTE_FIELDS)
    dispute.people_involved, dispute.gatherings = people_involved, gatherings
    dispute.save(update_fields=["people_involved", "gatherings"])
    DisputeAction.objects.create(dispute=dispute, taken_on=taken_on, what=what.strip(), recorded_by=actor)
    _dispute_audit(actor, "mediation.dispute_update", dispute, before)
    _by_rule(actor, dispute, timezone.localdate())
    return dispute


@transaction.atomic
def dispute_escalate(*, actor, dispute: Dispute, state: str, reason: str) -> Dispute:
    """An officer marks a dispute a risk of a hot spot or a hot spot before the rule would, saying why."""
    dispute = _locked_dispute(dispute)
    if not has_permission(actor, perms.RECORD_DISPUTE, dispute.commune):
        raise PermissionDenied
    errors = {}
    if state not in (DisputeState.RISK, DisputeState.HOT_SPOT):
        errors["state"] = [_("Choose risk of a hot spot or hot spot.")]
    elif not dispute.is_live or LIVE_DISPUTE.index(state) <= LIVE_DISPUTE.index(dispute.state):
        errors["state"] = [_("The dispute is already at this step or beyond.")]
    if len(clean(reason)) < 10:
        errors["reason"] = [_("Say why (at least 10 characters).")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(dispute, DISPUTE_FIELDS)
    _raise(dispute, state, timezone.localdate())
    _dispute_audit(actor, "mediation.dispute_escalate", dispute, before, reason=clean(reason)[:300], by_rule=False)
    return dispute


@transaction.atomic
def dispute_resolve(*, actor, dispute: Dispute, resolved_on: datetime.date, resolution: str,
                    case: MediationCase | None = None) -> Dispute:
    """Settled: how, and when (a hot spot stays counted in the year it arose)."""
    dispute = _locked_dispute(dispute)
    if not has_permission(actor, perms.RECORD_DISPUTE, dispute.commune):
        raise PermissionDenied
    errors = {}
    if not dispute.is_live:
        errors["resolution"] = [_("The dispute is settled.")]
    if len(clean(resolution)) < 10:
        errors["resolution"] = [_("Say how it was settled (at least 10 characters).")]
    if resolved_on > timezone.localdate():
        errors["resolved_on"] = [_("This date is in the future.")]
    elif resolved_on < dispute.began_on:
        errors["resolved_on"] = [_("It cannot come before the dispute began.")]
    if case is not None and case.commune_id != dispute.commune_id:
        errors["case"] = [_("Choose a matter of this commune.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(dispute, DISPUTE_FIELDS)
    dispute.state, dispute.resolved_on, dispute.resolution = DisputeState.RESOLVED, resolved_on, clean(resolution)
    dispute.case = case
    dispute.save(update_fields=["state", "resolved_on", "resolution", "case"])
    _dispute_audit(actor, "mediation.dispute_resolve", dispute, before)
    return dispute


def disputes_escalate_due(*, today: datetime.date | None = None) -> int:
    """The daily job: a dispute left unsettled long enough steps up by the rule's days, with its reason."""
    today = today or timezone.localdate()
    stepped = 0
    for pk in Dispute.objects.filter(state__in=LIVE_DISPUTE).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            dispute = _locked_dispute(Dispute(pk=pk))
            before = dispute.state
            _by_rule(None, dispute, today)
            stepped += dispute.state != before
    return stepped


# --- Complex areas ----------------------------------------------------------------------------------

AREA_FIELDS = ["commune", "name", "designated_on", "designation_decision", "removed_on", "removal_decision"]


def _area_audit(actor, action: str, area: ComplexArea, before: dict | None = None, **extra) -> None:
    audit_record(actor=actor, action=action, obj=area, unit_path=area.commune.path, before=before,
                 after={**snapshot(area, AREA_FIELDS), **extra})


def _locked_area(area: ComplexArea) -> ComplexArea:
    area = ComplexArea.objects.select_for_update(of=("self",)).select_related("commune").get(pk=area.pk)
    return area


def _require_area(actor, commune) -> None:
    if not has_permission(actor, perms.MANAGE_COMPLEX_AREA, commune):
        raise PermissionDenied


@transaction.atomic
def complex_area_designate(*, actor, commune, name: str, reasons: str, designated_on: datetime.date,
                           decision: str, areas=()) -> ComplexArea:
    """Put an area on the list of complex areas, with why and the decision (seed 000 §III.2); residential
    areas of the commune, or none for the whole commune."""
    _require_area(actor, commune)
    errors = {}
    if not clean(name):
        errors["name"] = [_("Give the area a name.")]
    if len((reasons or "").strip()) < 10:
        errors["reasons"] = [_("Say why it is complex (at least 10 characters).")]
    if not clean(decision):
        errors["decision"] = [_("Enter the decision's number.")]
    if designated_on > timezone.localdate():
        errors["designated_on"] = [_("This date is in the future.")]
    if any(a.parent_id != commune.pk for a in areas):
        errors["areas"] = [_("This residential area is not in the commune chosen.")]
    if errors:
        raise ValidationError(errors)
    area = ComplexArea.objects.create(commune=commune, province_id=commune.parent_id, name=clean(name)[:200],
                                      reasons=reasons.strip(), designated_on=designated_on,
                                      designation_decision=clean(decision)[:100])
    area.areas.set(areas)
    _area_audit(actor, "mediation.complex_area_designate", area, areas=sorted(a.pk for a in areas))
    return area


@transaction.atomic
def measure_add(*, actor, area: ComplexArea, measure: str, owner: str, due: datetime.date) -> TransformationMeasure:
    """A measure of the transformation plan, with who carries it out and by when."""
    area = _locked_area(area)
    _require_area(actor, area.commune)
    errors = {}
    if not area.is_listed:
        errors["measure"] = [_("The area is off the list.")]
    if len(clean(measure)) < 5:
        errors["measure"] = [_("Say what is to be done.")]
    if not clean(owner):
        errors["owner"] = [_("Say who carries it out.")]
    if due < area.designated_on:
        errors["due"] = [_("It cannot be due before the area was designated.")]
    if errors:
        raise ValidationError(errors)
    row = TransformationMeasure.objects.create(area=area, measure=clean(measure)[:500], owner=clean(owner)[:200],
                                               due=due)
    _area_audit(actor, "mediation.measure_add", area, measure=row.pk, due=due.isoformat())
    return row


@transaction.atomic
def measure_done(*, actor, measure: TransformationMeasure, done_on: datetime.date) -> TransformationMeasure:
    area = _locked_area(measure.area)
    _require_area(actor, area.commune)
    measure = TransformationMeasure.objects.select_for_update().get(pk=measure.pk)
    if measure.done_on is not None:
        raise ValidationError({"done_on": [_("This measure is already done.")]})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": [_("This date is in the future.")]})
    if done_on < area.designated_on:
        raise ValidationError({"done_on": [_("It cannot be done before the area was designated.")]})
    measure.done_on = done_on
    measure.save(update_fields=["done_on"])
    _area_audit(actor, "mediation.measure_done", area, measure=measure.pk, done_on=done_on.isoformat())
    return measure


@transaction.atomic
def assessment_record(*, actor, area: ComplexArea, assessed_on: datetime.date, progress: str,
                      summary: str) -> AreaAssessment:
    """A periodic assessment of the transformation."""
    area = _locked_area(area)
    _require_area(actor, area.commune)
    errors = {}
    if progress not in Progress.values:
        errors["progress"] = [_("Choose how it is going.")]
    if len((summary or "").strip()) < 10:
        errors["summary"] = [_("Write the assessment (at least 10 characters).")]
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("This date is in the future.")]
    elif assessed_on < area.designated_on:
        errors["assessed_on"] = [_("It cannot come before the area was designated.")]
    if errors:
        raise ValidationError(errors)
    row = AreaAssessment.objects.create(area=area, assessed_on=assessed_on, progress=progress,
                                        summary=summary.strip(), recorded_by=actor)
    _area_audit(actor, "mediation.assessment_record", area, progress=progress)
    return row


@transaction.atomic
def complex_area_remove(*, actor, area: ComplexArea, removed_on: datetime.date, decision: str,
                        note: str) -> ComplexArea:
    """Off the list by a decision, once transformed; the plan and its assessments stay on record."""
    area = _locked_area(area)
    _require_area(actor, area.commune)
    errors = {}
    if not area.is_listed:
        errors["decision"] = [_("The area is already off the list.")]
    if not clean(decision):
        errors["decision"] = [_("Enter the decision's number.")]
    if len(clean(note)) < 10:
        errors["note"] = [_("Say why it is taken off (at least 10 characters).")]
    if removed_on > timezone.localdate():
        errors["removed_on"] = [_("This date is in the future.")]
    elif removed_on < area.designated_on:
        errors["removed_on"] = [_("It cannot come before the area was designated.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(area, AREA_FIELDS)
    area.removed_on, area.removal_decision, area.removal_note = removed_on, clean(decision)[:100], clean(note)[:500]
    area.save(update_fields=["removed_on", "removal_decision", "removal_note"])
    _area_audit(actor, "mediation.complex_area_remove", area, before)
    return area
