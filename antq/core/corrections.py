"""Messages of Django whose Vietnamese translation is wrong: listed here so that `makemessages` puts them in
this project's catalogue, which is read before Django's (LOCALE_PATHS), with the corrected Vietnamese.
Django's own has a space before the full stop ("… bằng với 2 .") and a doubled space."""

from django.utils.translation import gettext_noop

CORRECTED = [
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Please correct the duplicate data for %(field)s."),
    gettext_noop("Please correct the duplicate data for %(field_name)s which must be unique for the %(lookup)s "
                 "in %(date_field)s."),
]
