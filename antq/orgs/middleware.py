"""Second factor: a user whose roles hold a sensitive permission must pass TOTP first."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths an unverified user may still reach: logging in and out, setting up the second
# factor, switching language, static files.
_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/static/")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not user.is_verified()
            and user.requires_second_factor
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"error": {"status": 403, "code": "second_factor_required",
                               "message": _("Confirm your login with your authenticator code first.")}},
                    status=403,
                )
            return redirect(f"{reverse('otp_verify')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
