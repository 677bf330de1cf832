import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import QueryDict
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError
from rest_framework import serializers

from antq.geo.selectors import current_commune
from antq.tips import selectors
from antq.tips.choices import Channel, Feedback, Outcome, Referral, ReportType, Status
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


def _not_given(value):
    """An empty form field, or null, means the value was not given."""
    return None if value == "" else value


def _active_category(code: str):
    category = selectors.active_category(code)  # the reference cache: no query per report
    if category is None:
        raise ValueError(_("Choose what the report is about."))
    return category


def _current_commune(pk: int):
    commune = current_commune(pk)
    if commune is None:
        raise ValueError(_("Choose the commune where it happened."))
    return commune


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError(_("Enter a valid email address.")) from None
    return value


def _optional(kind, schema: dict):
    """A field that may be left out, null or (from a form) empty; documented as OpenAPI 3.0 has it."""
    return Annotated[kind | None, BeforeValidator(_not_given), WithJsonSchema({**schema, "nullable": True})]


Coordinate = Annotated[Decimal, Field(max_digits=9, decimal_places=6)]


# The public intake's body is checked with pydantic, not a DRF serializer: the serializer alone cost a
# tenth of the intake's throughput (bench/tips_intake.py). pydantic's ValidationError is answered by
# antq.core.api in the API's one error format and the user's language; the service checks the rules.
class PublicReport(BaseModel):
    """A report from the public (Criminal Procedure Code Art. 144–145): JSON, or a multipart form with
    files."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        # What the intake acknowledges, registration must store: PostgreSQL refuses NUL in text.
        if isinstance(value, str) and "\x00" in value:
            raise PydanticCustomError("nul_character", "A NUL character is not allowed.")
        return value

    category: Annotated[str, Field(max_length=40), AfterValidator(_active_category)] = Field(
        description="The code of an active category.")
    description: str = Field(max_length=10_000)
    commune: Annotated[int, AfterValidator(_current_commune)] = Field(description="The id of a current commune.")
    occurred_on: _optional(datetime.date, {"type": "string", "format": "date"}) = None
    address: str = Field("", max_length=300)
    latitude: _optional(Coordinate, {"type": "string", "format": "decimal"}) = None
    longitude: _optional(Coordinate, {"type": "string", "format": "decimal"}) = None
    anonymous: bool = True
    reporter_name: str = Field("", max_length=200)
    reporter_phone: str = Field("", max_length=20)
    reporter_email: Annotated[str, Field(max_length=254), AfterValidator(_email)] = ""
    reporter_id_number: str = Field("", max_length=12)
    reporter_address: str = Field("", max_length=300)
    consent_handle: bool = False
    consent_contact: bool = False
    attachments: Annotated[list[Any], WithJsonSchema(
        {"type": "array", "items": {"type": "string", "format": "binary"}, "maxItems": 5},
    )] = Field(default_factory=list, max_length=5, description="Files, in a multipart form.")

    @classmethod
    def from_request(cls, request) -> dict:
        """The service's arguments from the request's JSON or form body, its files included."""
        data = request.data
        if isinstance(data, QueryDict):
            data = data.dict()  # one value per field; the files are read below
        if isinstance(data, dict):
            data = {**data, "attachments": request.FILES.getlist("attachments")}
        return dict(cls.model_validate(data))


class RecordReport(PublicReport):
    """A report an officer records (Art. 144: in person, by phone, by letter, from an organisation)."""

    channel: Literal[tuple(c for c in Channel.values if c not in (Channel.ONLINE, Channel.APP))]
    report_type: Literal[tuple(ReportType.values)]
    reporter_organisation: str = Field("", max_length=200)


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
