from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.core.forms import DATE_INPUT
from antq.mediation.choices import Sex


class TeamForm(forms.Form):
    area = forms.TypedChoiceField(label=_("Residential area"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=200, initial=_("Mediation team"))
    minorities_live_here = forms.BooleanField(label=_("Ethnic minorities live in the area"), required=False,
                                              help_text=_("The team then needs an ethnic-minority mediator."))
    established_on = forms.DateField(label=_("Established on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.pk, a.display_name) for a in areas]


class MediatorForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=60, initial="Kinh")
    ethnic_minority = forms.BooleanField(label=_("Of an ethnic minority"), required=False)
    election_share = forms.DecimalField(
        label=_("Share of household representatives who elected them (%)"), max_digits=5, decimal_places=2,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("More than half is needed (Law 35/2013 Art. 8)."))
    recognition_decision = forms.CharField(label=_("Recognition decision of the commune chairman"), max_length=60,
                                           required=False, help_text=_("For example \"15/QĐ-UBND\"."))
    recognised_on = forms.DateField(label=_("Recognised on"), required=False, widget=DATE_INPUT)
    term_start = forms.DateField(label=_("Term start"), widget=DATE_INPUT, initial=timezone.localdate)
    is_leader = forms.BooleanField(label=_("Elected team leader"), required=False)
    trained = forms.BooleanField(label=_("Trained in mediation"), required=False)


class EndTermForm(forms.Form):
    term_end = forms.DateField(label=_("Term ended on"), widget=DATE_INPUT)
