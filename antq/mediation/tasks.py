"""Daily jobs of grassroots mediation (antq.core.tasks.daily): disputes step up by the escalation rule's days,
and the commune's Front is reminded of mediations late to start or starting today."""

from __future__ import annotations


def escalate_disputes(*, today) -> int:
    """A dispute left unsettled long enough becomes a risk of a hot spot, then a hot spot, by the rule in
    force — each step an audit row with the rule's reason (services.disputes_escalate_due)."""
    from antq.mediation.services import disputes_escalate_due

    return disputes_escalate_due(today=today)


def start_reminders(*, today) -> int:
    """One email to each commune Front officer who handles mediation, listing the matters of their commune
    whose mediation is late to start or must start today: numbers and dates only, never the parties."""
    from collections import defaultdict

    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from antq.mediation import permissions as perms
    from antq.mediation.choices import CaseStatus
    from antq.mediation.models import MediationCase
    from antq.orgs.models import RoleAssignment

    cases = list(MediationCase.objects.filter(status=CaseStatus.ASSIGNED, start_due__lte=today)
                 .select_related("team").order_by("start_due"))
    by_commune = defaultdict(list)
    for case in cases:
        by_commune[case.commune_id].append(case)
    holders = (RoleAssignment.objects.active().filter(role__permissions__code=perms.HANDLE_CASE,
                                                      scope_id__in=by_commune)
               .select_related("user").distinct())
    base = settings.ANTQ_BASE_URL.rstrip("/")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for holder in holders:
            if not holder.user.email:
                continue
            lines = [_("Mediations that must start today or are late to start:"), ""]
            lines += [_("- %(number)s (%(team)s): start by %(due)s — %(link)s") % {
                "number": c.label, "team": c.team.name if c.team else "—", "due": f"{c.start_due:%d/%m/%Y}",
                "link": base + reverse("mediation:case_detail", args=[c.pk])} for c in by_commune[holder.scope_id]]
            send_mail(_("ANTQ: mediations to start"), "\n".join(lines), None, [holder.user.email])
            sent += 1
    return sent
