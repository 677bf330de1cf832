from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from antq.core.access import has_permission
from antq.geo.models import AdminUnit
from antq.orgs import permissions as perms
from antq.orgs import services
from antq.orgs.models import Organisation, OrganisationType, Role
from antq.orgs.selectors import grantable_roles


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    org_type = forms.ModelChoiceField(label=_("Type"),
                                      queryset=OrganisationType.objects.filter(is_active=True))
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)


class OrganisationEditForm(OrganisationForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("User name"), max_length=150, regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False,
                             help_text=_("A link to choose a password is sent here."))
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    password = forms.CharField(label=_("Initial password"), required=False, strip=False,
                               widget=forms.PasswordInput(render_value=False),
                               help_text=_("Leave empty to send the set-up link instead."))


class RoleGrantForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none())
    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.filter(is_active=True))
    scope = forms.ModelChoiceField(label=_("Over the unit"), queryset=AdminUnit.objects.none())

    def __init__(self, *args, actor, user, **kwargs):
        super().__init__(*args, **kwargs)
        home = user.home_unit
        # The user's home unit, its current sub-units, and the units above it the actor manages.
        units = AdminUnit.objects.current().filter(
            pk__in=[*[a.pk for a in home.ancestors()], home.pk]
        ) | AdminUnit.objects.current().filter(parent=home)
        units = units.visible_to(actor, perms.MANAGE_USER).select_related("unit_type", "level")
        self.fields["scope"].queryset = units
        self.fields["scope"].initial = home.pk
        self.fields["organisation"].queryset = (
            Organisation.objects.visible_to(actor, perms.VIEW_ORGANISATION)
            .filter(unit__in=units, is_active=True).select_related("unit__unit_type", "unit__level")
        )
        self.fields["role"].queryset = Role.objects.filter(
            pk__in=[role.pk for role in grantable_roles(actor, home)]
        )
        self.fields["organisation"].label_from_instance = lambda o: f"{o.name} — {o.unit.display_name}"

    @staticmethod
    def can_grant(actor, user) -> bool:
        return user.home_unit is not None and has_permission(actor, perms.MANAGE_USER, user.home_unit)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form; the write goes through the audited service."""

    def save(self, commit=True):
        services.password_change(actor=self.user, new_password=self.cleaned_data["new_password1"])
        return self.user


class SetPasswordForm(auth_forms.SetPasswordForm):
    def save(self, commit=True):
        services.password_change(actor=self.user, new_password=self.cleaned_data["new_password1"])
        return self.user


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The email goes out from the worker (django-tasks), not inside the request."""

    def save(self, **kwargs):
        from antq.orgs.tasks import send_password_setup_email

        for user in self.get_users(self.cleaned_data["email"]):
            send_password_setup_email.enqueue(user_id=user.pk, purpose="reset")


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code from your authenticator app"), regex=r"^\d{6}$", max_length=6,
        error_messages={"invalid": _("Enter the 6-digit code.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "autofocus": True}),
    )


class ApiTokenForm(forms.Form):
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, initial=30)
    code = forms.CharField(label=_("Code from your authenticator"), max_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class ApiTokenRevokeForm(forms.Form):
    code = forms.CharField(label=_("Code from your authenticator"), max_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))
