"""The API's front page (settings.SPECTACULAR_SETTINGS["DESCRIPTION"]): plain text, imported by the
settings, so it imports nothing."""

API_DESCRIPTION = """API of the all-people movement for protecting national security (ANTQ).

Every answer holds only what the caller may see: objects outside their units answer 404.

## How to get a token
1. Log in to ANTQ in a browser with an account that may use the API, and give your 6-digit code.
2. Open your account menu (your name, top right) → **API token**.
3. Name the token (the program that will use it), enter a fresh 6-digit code, and create it.
4. Copy the token now: it is shown once, and only its hash is stored. It expires after the days shown
   there; revoke it on the same page when the program no longer needs it.

Send it with every request:

    curl -H "Authorization: Token antq_…" https://<server>/api/v1/units/

A request without a valid token answers 401; with a token but without the permission, 403.
Lists are paged (`?page=`), filtered with the parameters each operation lists, and dates are ISO 8601
(YYYY-MM-DD) in Asia/Ho_Chi_Minh.
"""
