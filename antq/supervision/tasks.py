"""Daily jobs of supervision (antq.core.tasks.daily): the commune police head is reminded of plans due and of
months left unassessed, and files kept long enough are anonymised."""

from __future__ import annotations


def anonymise_due(*, today) -> int:
    """Files past their keeping are anonymised, with one audit row of what was removed (services)."""
    from antq.supervision.services import anonymise_due as run

    return run(today=today)


def plan_reminders(*, today) -> int:
    """One email to each holder of the plan-issuing purpose at a commune, listing the files whose plan is due
    within two days or late, and those whose latest month due is not assessed: file numbers and dates only,
    never who the person is. Answers how many were sent."""
    import datetime
    from collections import defaultdict

    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from antq.orgs.models import RoleAssignment
    from antq.supervision import permissions as perms
    from antq.supervision import selectors
    from antq.supervision.choices import MeasureState
    from antq.supervision.models import Measure

    active = Measure.objects.filter(state=MeasureState.ACTIVE).select_related("person")
    plans = active.filter(plan_issued_on__isnull=True, plan_due__lte=today + datetime.timedelta(days=2))
    missing = selectors.assessments_missing(active, today)
    by_commune = defaultdict(lambda: ([], []))
    for measure in plans.order_by("plan_due"):
        by_commune[measure.person.commune_id][0].append(measure)
    for measure in missing.order_by("person_id"):
        by_commune[measure.person.commune_id][1].append(measure)
    if not by_commune:
        return 0
    holders = (RoleAssignment.objects.active().filter(role__permissions__code=perms.ISSUE_PLAN,
                                                      scope_id__in=by_commune).select_related("user").distinct())
    base = settings.ANTQ_BASE_URL.rstrip("/")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for holder in holders:
            if not holder.user.email:
                continue
            due, unassessed = by_commune[holder.scope_id]
            lines = []
            if due:
                lines += [_("Supervision plans due or late:"), ""]
                lines += [_("- file #%(n)s: plan due by %(due)s%(late)s — %(link)s") % {
                    "n": m.person_id, "due": f"{m.plan_due:%d/%m/%Y}",
                    "late": _(" (late)") if m.plan_due < today else "",
                    "link": base + reverse("supervision:file_detail", args=[m.person_id])} for m in due]
                lines.append("")
            if unassessed:
                lines += [_("Monthly assessments not yet signed:"), ""]
                lines += [_("- file #%(n)s — %(link)s") % {
                    "n": m.person_id, "link": base + reverse("supervision:file_detail", args=[m.person_id])}
                    for m in unassessed]
            send_mail(_("ANTQ: supervision plans and assessments"), "\n".join(lines), None, [holder.user.email])
            sent += 1
    return sent
