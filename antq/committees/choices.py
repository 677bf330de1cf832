from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    HEAD = "head", _("Head")
    STANDING_DEPUTY = "standing_deputy", _("Standing deputy head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


# The order seats are listed in: head first, then the deputies, then the members.
POSITION_ORDER = {code: i for i, code in enumerate(Position.values)}


class Group(models.TextChoices):
    COMMITTEE = "committee", _("Committee")
    STANDING_OFFICE = "standing_office", _("Standing office")
    SUPPORT_TEAM = "support_team", _("Support team")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    REPRESENTED = "represented", _("Represented")


DEFAULT_COMMITTEE_NAME = (
    "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ ANTQ"
)
