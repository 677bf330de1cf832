"""The middleware of core: a request id carried into every audit row and returned to the client; the
refusals that come before any view (a body too large, a NUL character); the security headers."""

import contextvars
import re
import uuid

from django.conf import settings

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("antq_request_id", default="")
_VALID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class LanguageMiddleware:
    """Vietnamese unless the user switched: the browser's Accept-Language is ignored for pages.

    Staff often use browsers set to English; the product is Vietnamese first. API clients
    may still ask for English with Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if request.path.startswith("/api/") and language not in supported:
            language = translation.get_language_from_request(request)
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RequestSizeMiddleware:
    """A request whose body is larger than ANTQ_REQUEST_MAX_BYTES is refused with 413 before anything
    reads it (Django's own limit counts the fields, not the files: a form with many large files would
    otherwise be spooled to disk whole before any check)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return bad_request_response(request)
        if length > settings.ANTQ_REQUEST_MAX_BYTES:
            from django.utils.translation import gettext as _

            return bad_request_response(request, _("The request is too large (at most %(mb)s MB); nothing was "
                                                   "saved.") % {"mb": settings.ANTQ_REQUEST_MAX_BYTES // 2**20},
                                        status=413)
        return self.get_response(request)


class NulRefusalMiddleware:
    """A NUL character in the path or the query string is refused with a clear 400 before any view
    runs: no database stores it (PostgreSQL refuses it in text) and no lookup should see it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or any("\x00" in v for v in values)
                                         for key, values in request.GET.lists()):
            return bad_request_response(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        """A number in a filter beyond what the database holds (SQLite's 64-bit integers): a 400, not a 500."""
        if isinstance(exception, OverflowError):
            from django.utils.translation import gettext as _

            return bad_request_response(request, _("A number is out of range; nothing was saved."))
        return None


def bad_request_response(request, message=None, status=400):
    """400 (or `status`) in the API's error format under /api/, else the page (also Django's handler400)."""
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    message = message or _("The request could not be read; nothing was saved.")
    if request.path.startswith("/api/"):
        from antq.core.api import error_body

        return JsonResponse(error_body(status, "bad_request" if status == 400 else "too_large", message),
                            status=status)
    return render(request, "400.html", {"message": message}, status=status)


class SecurityHeadersMiddleware:
    """Nothing the application serves is kept by a browser or a proxy — pages, exports and API answers
    carry people's data or a reporter's codes — and no page may use a camera, a microphone or
    payment; the location only for the public form's "use my location"; a Content-Security-Policy
    lets pages run only this site's script files. Static files are served before this by WhiteNoise,
    with their own long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import patch_cache_control

        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        response.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=(), payment=(), usb=()")
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


# Scripts and style sheets from this site's files only: no inline script, no eval, nothing from another
# origin (no CDN). Style *attributes* stay allowed — the charts set widths and grid places from data, and an
# attribute cannot run script; <style> elements do not. data: images are Bootstrap's own icons in its CSS.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "style-src-elem 'self'",
    "style-src-attr 'unsafe-inline'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
    "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
])
