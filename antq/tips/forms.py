from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import CachedChoiceField
from antq.geo import choices as geo
from antq.geo.forms import UnitField
from antq.geo.models import AdminUnit
from antq.geo.selectors import current_commune, current_province
from antq.tips import selectors, services
from antq.tips.choices import Channel, Feedback, Outcome, Referral, ReportType
from antq.tips.models import TipCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        accept = "image/jpeg,image/png,application/pdf,video/mp4"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files][:5]


class ReportForm(forms.Form):
    """The public form: what, when, where, files; who — only if the reporter wants."""

    category = CachedChoiceField(label=_("What is it about?"), empty_label="—",
                                 queryset=TipCategory.objects.filter(is_active=True),
                                 lookup=selectors.active_category_by_pk)
    description = forms.CharField(label=_("What happened?"), max_length=10_000,
                                  widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=_("Who, what, where, when: the more concrete, the better it can be "
                                              "checked."))
    occurred_on = forms.DateField(label=_("When did it happen?"), required=False, widget=DATE)
    province = UnitField(label=_("Province or city"), queryset=AdminUnit.objects.none(), empty_label="—",
                         lookup=current_province)
    # Any current commune; clean() checks that it lies in the province chosen.
    commune = UnitField(label=_("Commune or ward"), queryset=AdminUnit.objects.none(), empty_label="—",
                        lookup=current_commune)
    address = forms.CharField(label=_("Address or landmark"), max_length=300, required=False)
    latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, min_value=-90, max_value=90,
                                  widget=forms.HiddenInput)
    longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, min_value=-180, max_value=180,
                                   widget=forms.HiddenInput)
    attachments = MultipleFileField(label=_("Photos, videos or documents"), required=False,
                                    help_text=_("Up to 5 files: JPEG, PNG, PDF or MP4. Location and other hidden "
                                                "data are removed from photos, videos and documents."))
    anonymous = forms.TypedChoiceField(
        label=_("Do you want to give your name?"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("No, I stay anonymous")), ("no", _("Yes, I give my details"))], initial="yes")
    reporter_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    reporter_phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_id_number = forms.CharField(label=_("Citizen ID number (12 digits)"), max_length=12, required=False)
    reporter_address = forms.CharField(label=_("Your address"), max_length=300, required=False)
    consent_handle = forms.BooleanField(label=_("I agree that the police use my details to handle this report."),
                                        required=False)
    consent_contact = forms.BooleanField(label=_("I agree to be contacted by phone or email about this report."),
                                         required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = AdminUnit.objects.current().filter(level__code=geo.PROVINCE).select_related("unit_type", "level")
        self.fields["province"].queryset = provinces
        province_id = self.data.get("province") or self.initial.get("province")
        communes = AdminUnit.objects.current().filter(level__code=geo.COMMUNE).select_related("unit_type", "level")
        self.fields["commune"].queryset = communes.filter(parent_id=province_id) \
            if str(province_id or "").isdigit() else communes.none()

    def clean(self):
        data = super().clean()
        if data.get("commune") and data.get("province") and data["commune"].parent_id != data["province"].pk:
            self.add_error("commune", _("This commune is not in the province chosen."))
        # The service's own rules, so a short text or a bad ID shows beside the missing fields at once.
        values = self.service_values()
        checked = {key: values[key] for key in ("category", "description", "commune", "occurred_on", "identity",
                                                 "consent", "anonymous")}
        for field, messages in services.report_errors(**checked).items():
            field = {"consent": "consent_handle"}.get(field, field)
            if field not in self.errors:
                self.add_error(field, messages)
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data.get("category"), "description": data.get("description", ""),
            "commune": data.get("commune"),
            "occurred_on": data.get("occurred_on"), "address": data.get("address", ""),
            "latitude": data.get("latitude"), "longitude": data.get("longitude"),
            "anonymous": data.get("anonymous", True),
            "identity": {f: data.get(f, "") for f in services.IDENTITY_FIELDS},
            "consent": {"handle": data.get("consent_handle"), "contact": data.get("consent_contact")},
            "attachments": data.get("attachments") or [],
        }


class RecordForm(ReportForm):
    """A tip received by an officer: the channel and the type of report come first."""

    channel = forms.ChoiceField(label=_("Received"), choices=[c for c in Channel.choices if c[0] not in ("online",
                                                                                                         "app")])
    report_type = forms.ChoiceField(label=_("Type"), choices=ReportType.choices)
    reporter_organisation = forms.CharField(label=_("Reporting organisation (for information from the Front or "
                                                    "an organisation)"), max_length=200, required=False)
    field_order = ["channel", "report_type", "reporter_organisation"]

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, initial={"province": commune.parent_id, "commune": commune.pk}, **kwargs)
        self.fields["province"].lookup = self.fields["commune"].lookup = None  # only the officer's own commune
        self.fields["province"].queryset = AdminUnit.objects.filter(pk=commune.parent_id).select_related(
            "unit_type", "level")
        self.fields["commune"].queryset = AdminUnit.objects.filter(pk=commune.pk).select_related("unit_type", "level")


class FollowForm(forms.Form):
    receipt_code = forms.CharField(label=_("Receipt code"), max_length=12)
    secret = forms.CharField(label=_("Secret"), max_length=40, widget=forms.PasswordInput(render_value=True))


class ReplyForm(FollowForm):
    body = forms.CharField(label=_("Your message"), max_length=10_000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(label=_("Add files"), required=False)


class TriageForm(forms.Form):
    urgent = forms.BooleanField(label=_("Urgent (caught in the act, very serious, flight risk)"), required=False)
    urgent_reason = forms.CharField(label=_("Why urgent"), max_length=300, required=False)
    complex_case = forms.BooleanField(label=_("Complex case (2 months to resolve)"), required=False)
    category = forms.ModelChoiceField(label=_("Category"), queryset=TipCategory.objects.all(), required=False)


class AssignForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer in charge"), queryset=None)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class ExtendForm(forms.Form):
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=2, initial=2)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Reason (Art. 148)"), max_length=300)


class ResumeForm(forms.Form):
    cancelled_on = forms.DateField(label=_("Suspension cancelled by the procuracy on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancelled_on"].initial = timezone.localdate()


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class NotCrimeForm(forms.Form):
    referral = forms.ChoiceField(label=_("Referred to"), choices=Referral.choices)
    note = forms.CharField(label=_("Why it is not a crime"), max_length=2000)


class ForwardForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Receipt code of the tip it repeats"), max_length=12)


class IdentityRequestForm(forms.Form):
    reason = forms.CharField(label=_("Why you need the reporter's identity"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("The commune police chief or the province police read it and decide."))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message to the reporter"), max_length=10_000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    feedback = forms.ChoiceField(label=_("This message is"), required=False,
                                 choices=[("", _("a message")), *Feedback.choices])
