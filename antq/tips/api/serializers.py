from django.utils.translation import gettext as _
from rest_framework import serializers

from antq.geo.selectors import current_commune
from antq.tips import selectors
from antq.tips.choices import Channel, Feedback, Outcome, Referral, Status
from antq.tips.models import Tip, TipMessage


class MessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = TipMessage
        fields = ["id", "author", "body", "feedback", "created_at"]
        read_only_fields = fields


class TipSerializer(serializers.ModelSerializer):
    """A tip for the police: never the reporter's identity (read it on the identity endpoint)."""

    messages = MessageSerializer(many=True, read_only=True)

    class Meta:
        model = Tip
        fields = ["id", "receipt_code", "channel", "report_type", "category", "description", "occurred_on", "address",
                  "latitude", "longitude", "commune", "province", "anonymous", "reporter_organisation", "status",
                  "urgent", "urgent_reason", "complex_case", "received_at", "register_number", "assigned_to",
                  "triage_due", "forward_due", "resolve_due", "extended", "suspension_reason", "outcome", "referral",
                  "merged_into", "acknowledge_due", "acknowledged_at", "outcome_notice_due", "outcome_notified_at",
                  "messages"]
        read_only_fields = fields


def _shallow(field):
    clone = object.__new__(type(field))
    clone.__dict__.update(field.__dict__)
    return clone


class PublicReportSerializer(serializers.Serializer):
    category = serializers.CharField(max_length=40, help_text="The code of an active category.")
    description = serializers.CharField(max_length=10_000)
    commune = serializers.IntegerField(help_text="The id of a current commune.")
    occurred_on = serializers.DateField(required=False, allow_null=True, default=None)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, default=None)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True,
                                         default=None)
    anonymous = serializers.BooleanField(default=True)
    reporter_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    reporter_phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    reporter_email = serializers.EmailField(required=False, allow_blank=True, default="")
    reporter_id_number = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    reporter_address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    consent_handle = serializers.BooleanField(default=False)
    consent_contact = serializers.BooleanField(default=False)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=5)


    def get_fields(self):
        """DRF rebuilds every declared field for each request (a deep copy calls each __init__ again):
        0.6 ms of the public intake's budget (bench/tips_intake.py). These fields keep no state of their
        own between requests, so a shallow copy of each one's attributes, bound to this serializer, is
        enough (copy.copy would go through __reduce_ex__, three times slower)."""
        return {name: _shallow(field) for name, field in self._declared_fields.items()}

    # Categories and communes come from the reference cache: no query per report (bench/tips_intake.py).
    def validate_category(self, value):
        category = selectors.active_category(value)
        if category is None:
            raise serializers.ValidationError(_("Choose what the report is about."))
        return category

    def validate_commune(self, value):
        commune = current_commune(value)
        if commune is None:
            raise serializers.ValidationError(_("Choose the commune where it happened."))
        return commune


class ReceiptSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    secret = serializers.CharField(help_text="Shown once; keep it to follow the report.")


class AccessSerializer(serializers.Serializer):
    receipt_code = serializers.CharField(max_length=12)
    secret = serializers.CharField(max_length=40)


class ReplySerializer(AccessSerializer):
    body = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=5)
    action = serializers.ChoiceField(
        choices=["my_data", "withdraw_contact", "withdraw_all"], required=False, allow_blank=True, default="",
        help_text="my_data: the reporter's own details; withdraw_contact / withdraw_all: withdraw a consent.")


class PublicStatusSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    category = serializers.CharField(source="category.name")
    received_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=Status.choices)
    anonymous = serializers.BooleanField()
    messages = MessageSerializer(many=True)
    own_data = serializers.DictField(required=False, help_text="With action=my_data: the details given, ID masked.")


class RecordSerializer(PublicReportSerializer):
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] not in ("online", "app")])
    report_type = serializers.ChoiceField(choices=[("denunciation", ""), ("information", ""), ("recommendation", "")])
    reporter_organisation = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class TriageSerializer(serializers.Serializer):
    urgent = serializers.BooleanField(default=False)
    urgent_reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    complex_case = serializers.BooleanField(default=False)


class AssignSerializer(serializers.Serializer):
    officer = serializers.IntegerField()


class ExtendSerializer(serializers.Serializer):
    months = serializers.IntegerField(min_value=1, max_value=2)
    reason = serializers.CharField(max_length=500)


class SuspendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ResumeSerializer(serializers.Serializer):
    cancelled_on = serializers.DateField()


class ResolveSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class NotCrimeSerializer(serializers.Serializer):
    referral = serializers.ChoiceField(choices=Referral.choices)
    note = serializers.CharField(max_length=2000)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MergeSerializer(serializers.Serializer):
    into = serializers.CharField(max_length=12, help_text="Receipt code of the tip it repeats.")


class OfficerMessageSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10_000)
    feedback = serializers.ChoiceField(choices=Feedback.choices, required=False, allow_blank=True, default="")


class IdentitySerializer(serializers.Serializer):
    reporter_name = serializers.CharField()
    reporter_phone = serializers.CharField()
    reporter_id_number = serializers.CharField()
    reporter_address = serializers.CharField()
    reporter_email = serializers.CharField()
