"""Messages of third-party packages that users meet, so our catalogue translates them.

Django REST framework ships only a partial Vietnamese catalogue, and django-tables2 none;
listing the exact msgids here makes `makemessages` carry them into `antq/locale`, which
Django searches before the packages' own catalogues. Nothing imports this module.
"""

from django.utils.translation import gettext_noop as _

MESSAGES = [
    # django-tables2 pagination
    _("previous"),
    _("next"),
    # Django REST framework: authentication, permissions, routing
    _("Authentication credentials were not provided."),
    _("Incorrect authentication credentials."),
    _("Invalid token."),
    _("Invalid token header. No credentials provided."),
    _("Invalid token header. Token string should not contain spaces."),
    _("Invalid token header. Token string should not contain invalid characters."),
    _("A server error occurred."),
    _("Malformed request."),
    _("Invalid input."),
    _("Invalid page."),
    _("Invalid value."),
    _("Request was throttled."),
    _("Expected available in {wait} second."),
    _("Expected available in {wait} seconds."),
    _('Unsupported media type "{media_type}" in request.'),
    _("Could not satisfy the request Accept header."),
    _("A page number within the paginated result set."),
    _("Number of results to return per page."),
    # Django REST framework: field validation
    _("This field is required."),
    _("This field may not be null."),
    _("Not a valid string."),
    _("Must be a valid boolean."),
    _("A valid integer is required."),
    _("A valid number is required."),
    _("String value too large."),
    _("Ensure this field has no more than {max_length} characters."),
    _("Ensure this field has at least {min_length} characters."),
    _("Ensure this value is less than or equal to {max_value}."),
    _("Ensure this value is greater than or equal to {min_value}."),
    _("This value does not match the required pattern."),
    _("Enter a valid URL."),
    _("Must be a valid UUID."),
    _('"{input}" is not a valid choice.'),
    _("This selection may not be empty."),
    _('Expected a list of items but got type "{input_type}".'),
    _("Invalid data. Expected a dictionary, but got {datatype}."),
    _("Datetime has wrong format. Use one of these formats instead: {format}."),
    _("Time has wrong format. Use one of these formats instead: {format}."),
    _("Expected a date but got a datetime."),
    _("Expected a datetime but got a date."),
    _("Surrogate characters are not allowed: U+{code_point:X}."),
    _('Invalid pk "{pk_value}" - object does not exist.'),
    _("Incorrect type. Expected pk value, received {data_type}."),
    _("Object with {slug_name}={value} does not exist."),
    _("This field must be unique."),
    _("The fields {field_names} must make a unique set."),
    _("No file was submitted."),
    _("The submitted file is empty."),
    _("The submitted data was not a file. Check the encoding type on the form."),
]
