"""The home page: the user's jurisdictions and, for each, where the movement's machinery lags."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from antq.dashboards.selectors import home_summary, todo
from antq.geo.selectors import top_units
from antq.orgs.selectors import active_assignments


@login_required
def home(request):
    units = top_units(request.user)
    return render(request, "dashboards/home.html", {
        "assignments": list(active_assignments(request.user)),
        "top_units": units,
        "todo": todo(request.user, units),
        # The glance covers the first few jurisdictions; a user rarely holds more.
        "summaries": [home_summary(request.user, unit) for unit in units[:3]],
    })
