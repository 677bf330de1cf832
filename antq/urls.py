from django.urls import include, path

from antq.core import views as core_views
from antq.dashboards import views as dashboard_views
from antq.geo import urls as geo_urls
from antq.mediation import urls as mediation_urls
from antq.orgs import views as orgs_views
from antq.tips import urls as tips_urls

urlpatterns = [
    # First: an app's requests (the public intake above all) are matched without trying every page's pattern.
    path("api/v1/", include(("antq.api_urls", "api"))),
    path("", dashboard_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("antq.orgs.auth_urls")),
    path("me/password/", orgs_views.PasswordChangeView.as_view(), name="password_change"),
    path("me/api-token/", orgs_views.api_token, name="api_token"),
    path("me/api-token/<str:token_key>/revoke/", orgs_views.api_token_revoke, name="api_token_revoke"),
    path("units/", include("antq.geo.urls")),
    path("audit/", core_views.audit_list, name="audit_list"),
    path("access/", core_views.access_list, name="access_list"),
    path("access/<int:pk>/<str:decision>/", core_views.access_decide, name="access_decide"),
    path("rules/", include([
        path("", core_views.rules_list, name="rules"),
        path("calendar/", core_views.calendar_day_add, name="calendar_day_add"),
        path("calendar/<int:pk>/remove/", core_views.calendar_day_remove, name="calendar_day_remove"),
        path("calendar/load/", core_views.calendar_year_load, name="calendar_year_load"),
        path("limits/<str:code>/", core_views.time_limit_change, name="time_limit_change"),
        path("tables/<str:key>/", core_views.rule_table, name="rule_table"),
        path("tables/<str:key>/new/", core_views.rule_row_edit, name="rule_row_add"),
        path("tables/<str:key>/<int:pk>/", core_views.rule_row_edit, name="rule_row_edit"),
        path("tables/<str:key>/<int:pk>/remove/", core_views.rule_row_remove, name="rule_row_remove"),
    ])),
    path("committees/", include("antq.committees.urls")),
    path("programs/", include("antq.programs.urls")),
    path("evaluations/", include("antq.evaluations.urls")),
    path("initiatives/", include("antq.initiatives.urls")),
    path("mediation/", include("antq.mediation.urls")),
    path("supervision/", include("antq.supervision.urls")),
    path("forces/", include("antq.forces.urls")),
    path("tips/", include("antq.tips.urls")),
    # Citizens: no account; Vietnamese paths they can read aloud ("report a tip").
    path("bao-tin/", include((tips_urls.public_urlpatterns, "public_tips"))),
    path("hoa-giai/", include((mediation_urls.public_urlpatterns, "public_mediation"))),
    path("don-vi/", include((geo_urls.public_urlpatterns, "public_units"))),
    path("", include("antq.orgs.urls")),
]


def handler400(request, exception=None):
    """A request Django cannot read (a body over the size limit…): the API answers in its own format."""
    from antq.core.middleware import bad_request_response

    return bad_request_response(request)


def handler404(request, exception=None):
    """An address under /api/ that names nothing (a malformed id) answers in the API's format."""
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    if request.path.startswith("/api/"):
        from antq.core.api import error_body

        return JsonResponse(error_body(404, "not_found", _("Not found.")), status=404)
    return render(request, "404.html", status=404)
