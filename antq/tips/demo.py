"""Demo tips for Tây Ninh (called by `antq demo`): three months of reports in every state —
anonymous and identified, some urgent, some overdue, one extended, one suspended, one merged as a
duplicate, one referred to mediation — with messages both ways; the officer of Tân Ninh has asked to see
one reporter's identity, waiting for the chief's approval. Running it again adds nothing."""

import datetime

from django.utils import timezone

from antq.core import receipts
from antq.tips import services
from antq.tips.models import RemoteCommune, Tip, TipCategory, TipMessage

IDENTITY = {"reporter_name": "Trần Thị Hạnh", "reporter_phone": "0909123456", "reporter_id_number": "072190004321",
            "reporter_address": "Khu phố 2, phường Tân Ninh", "reporter_email": "hanh.tran@example.vn"}
# (commune code, days ago, category, text, identified, steps)
TIPS = [
    ("25459", 80, "drugs", "Nhiều thanh niên lạ tụ tập ở quán nước đầu hẻm 12, nghi mua bán ma túy vào ban đêm.",
     False, ["triage", "verify", "resolve"]),
    ("25459", 62, "online_fraud", "Tôi bị lừa chuyển 20 triệu đồng qua tin nhắn giả danh ngân hàng.", True,
     ["triage", "verify", "forward", "outcome"]),
    ("25459", 45, "property", "Mất trộm xe máy trước cổng chợ Tân Ninh lúc 14 giờ.", True,
     ["triage_complex", "verify", "extend"]),
    ("25459", 30, "public_order", "Nhóm thanh niên đua xe, lạng lách trên đường 30/4 mỗi tối thứ bảy.", False,
     ["triage", "verify", "suspend"]),
    ("25459", 28, "public_order", "Đua xe trên đường 30/4 tối thứ bảy, rất nguy hiểm cho người đi đường.", False,
     ["merge"]),
    ("25459", 26, "drugs", "Có người bán ma túy gần trường THPT Tây Ninh giờ tan học.", False, ["triage"]),
    ("25606", 40, "social_evils", "Có tụ điểm đánh bạc tại nhà một hộ ở ấp Hòa Bình, tối nào cũng đông người.",
     True, ["triage", "verify"]),
    ("25606", 21, "life_health", "Hai nhóm mâu thuẫn đất đai, đã xô xát, có nguy cơ đánh nhau.", False,
     ["triage", "not_crime"]),
    ("25606", 3, "trafficking", "Có người rủ con gái tôi sang Campuchia làm việc lương cao, nghi lừa bán người.",
     True, ["triage_urgent"]),
    ("25486", 2, "security", "Người lạ phát tờ rơi kích động ở chợ biên giới.", False, []),
    ("25486", 1, "property", "Trộm bò trong đêm ở ấp Thạnh Lợi.", True, []),
]


def build_tips(context: dict) -> None:
    admin, communes = context["admin"], context["communes"]
    if Tip.objects.filter(commune__in=communes).exists():
        return
    by_code = {c.code: c for c in communes}
    RemoteCommune.objects.get_or_create(commune=by_code["25486"], defaults={"note": "Xã biên giới, xa trụ sở"})
    now = timezone.now()
    merged_target = None
    for code, days_ago, category, text, identified, steps in TIPS:
        commune = by_code[code]
        tip, _secret = services._create(
            actor=None, channel="online", report_type="denunciation", category=TipCategory.objects.get(code=category),
            description=text, commune=commune, occurred_on=timezone.localdate() - datetime.timedelta(days=days_ago + 1),
            address="", latitude=None, longitude=None, anonymous=not identified,
            identity=IDENTITY if identified else {}, consent={"handle": True, "contact": True} if identified else {},
            received_at=now - datetime.timedelta(days=days_ago, hours=3))
        if "đường 30/4" in text and merged_target is None:
            merged_target = tip
        for step in steps:
            _step(admin, tip, step, merged_target)
        _spread_messages(tip, now)
    _identity_request(by_code["25459"])
    _photo(by_code["25606"])


def _photo(commune) -> None:
    """The reporter of the gambling den sends a photo (stored sealed, like every file)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    tip = Tip.objects.filter(commune=commune, anonymous=False).order_by("received_at").first()
    if tip is None:
        return
    image = Image.new("RGB", (480, 320), (70, 90, 60))
    ImageDraw.Draw(image).rectangle((120, 100, 360, 260), fill=(150, 110, 80))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    services.reporter_message(tip=tip, body="Ảnh chụp căn nhà, tối qua có khoảng 15 xe máy đậu trước cổng.",
                              attachments=[SimpleUploadedFile("anh.jpg", buffer.getvalue())])


def _identity_request(commune) -> None:
    """The officer in charge of the newest identified open tip of Tân Ninh asks to see who reported it."""
    tip = (Tip.objects.filter(commune=commune, anonymous=False, closed_at__isnull=True, assigned_to__isnull=False)
           .select_related("commune").order_by("-received_at").first())
    if tip is not None:
        services.identity_request(actor=tip.assigned_to, tip=tip,
                                  reason="Cần gọi lại người báo tin để xác định biển số xe bị mất trộm.")


def _spread_messages(tip, now) -> None:
    """The services stamp messages with the time they run; in the demo the thread unfolds over the
    days after the report instead (a reply a day or two apart)."""
    for index, pk in enumerate(TipMessage.objects.filter(tip=tip).order_by("pk").values_list("pk", flat=True)):
        at = tip.received_at + datetime.timedelta(days=1 + 2 * index, hours=index)
        TipMessage.objects.filter(pk=pk).update(created_at=min(at, now - datetime.timedelta(hours=1)))


def _step(admin, tip, step: str, merged_target) -> None:
    tip = Tip.objects.get(pk=tip.pk)
    if step.startswith("triage"):
        urgent = step == "triage_urgent"
        services.tip_triage(actor=admin, tip=tip, urgent=urgent, complex_case=step == "triage_complex",
                            urgent_reason="Có dấu hiệu mua bán người, nạn nhân có thể bị đưa đi" if urgent else "")
        services.tip_assign(actor=admin, tip=tip, officer=_officer(tip))
        if not tip.anonymous:
            services.officer_message(actor=admin, tip=tip, feedback="acknowledgement",
                                     body="Công an đã tiếp nhận tin báo của bạn và đang xác minh. Cảm ơn bạn.")
    elif step == "verify":
        services.tip_verify(actor=admin, tip=tip)
        services.officer_message(actor=admin, tip=tip, body="Bạn có nhớ thêm đặc điểm người liên quan không?")
        services.reporter_message(tip=tip, body="Người đó cao khoảng 1m70, hay đi xe máy màu đen.")
    elif step == "resolve":
        services.tip_resolve(actor=admin, tip=tip, outcome="prosecute", note="Đã khởi tố vụ án")
    elif step == "forward":
        services.tip_forward(actor=admin, tip=tip, note="Chuyển Cơ quan CSĐT Công an tỉnh")
    elif step == "outcome":
        services.officer_message(actor=admin, tip=tip, feedback="outcome",
                                 body="Tin báo của bạn đã được chuyển Cơ quan điều tra và khởi tố vụ án. Cảm ơn bạn.")
    elif step == "extend":
        services.tip_extend(actor=admin, tip=tip, months=2, reason="Chờ kết quả định giá tài sản")
    elif step == "suspend":
        services.tip_suspend(actor=admin, tip=tip, reason="Chờ trích xuất camera giao thông từ Sở")
    elif step == "merge" and merged_target is not None:
        services.tip_merge(actor=admin, tip=tip, into=merged_target)
    elif step == "not_crime":
        services.tip_not_crime(actor=admin, tip=tip, referral="mediation",
                               note="Tranh chấp dân sự, chuyển tổ hòa giải ấp")


def _officer(tip):
    from antq.orgs.models import User

    return (User.objects.filter(role_assignments__scope=tip.commune,
                                role_assignments__role__code__in=["commune_police", "commune_police_chief"],
                                role_assignments__revoked_at__isnull=True).order_by("pk").first())


SYNTHETIC_TEXT = "Tin báo minh họa (số liệu demo, không có thật)."


def build_national(context: dict) -> None:
    """The rest of the country, in bulk and clearly synthetic (every text says so; register numbers from
    900 000): 10–45 tips per province over the last 90 days, most closed, some open, a few past a
    deadline, so that the national statistics count a country. Deadlines come from the limits in force,
    as the intake sets them; no audit rows, on purpose: nobody reported these."""
    import random

    from antq.core import limits
    from antq.geo.models import AdminUnit
    from antq.tips.choices import Channel, Outcome, Status

    if Tip.objects.filter(register_number__gte=900_000).exists():
        return
    detailed = {c.pk for c in context["communes"]}
    categories = list(TipCategory.objects.filter(is_active=True).order_by("pk"))
    communes: dict[int, list[int]] = {}
    for pk, parent in (AdminUnit.objects.current().filter(level__code="commune").exclude(pk__in=detailed)
                       .order_by("pk").values_list("pk", "parent_id")):
        communes.setdefault(parent, []).append(pk)
    now = timezone.now()
    tips, number = [], 900_000
    for province_id, commune_ids in sorted(communes.items()):
        rng = random.Random(province_id)  # noqa: S311 - demo figures, reproducible
        for _ in range(rng.randint(10, 45)):
            received = now - datetime.timedelta(days=rng.uniform(0.2, 90))
            day = timezone.localdate(received)
            resolve_due = limits.in_force("tips.resolve", day).last_day(day)
            age = (now - received).days
            status = (Status.RECEIVED if age < 1 else rng.choice([Status.TRIAGED, Status.VERIFYING]) if age < 25
                      else rng.choices([Status.RESOLVED, Status.NOT_CRIME, Status.FORWARDED, Status.VERIFYING],
                                       weights=[70, 12, 10, 8])[0])
            closed = status in (Status.RESOLVED, Status.NOT_CRIME, Status.FORWARDED)
            number += 1
            tips.append(Tip(
                receipt_code=receipts.new_code(2), secret_hash="!",  # noqa: S106 - unusable: nobody can open these
                channel=rng.choice(Channel.values),
                category=rng.choice(categories), description=SYNTHETIC_TEXT,
                commune_id=rng.choice(commune_ids), province_id=province_id, status=status, received_at=received,
                register_year=day.year, register_number=number,
                triage_due=limits.in_force("tips.triage", day).end(received),
                triaged_at=None if status == Status.RECEIVED else received + datetime.timedelta(hours=6),
                resolve_due=resolve_due,
                outcome=Outcome.NO_PROSECUTION if status == Status.RESOLVED else "",
                closed_at=received + datetime.timedelta(days=rng.randint(5, 22)) if closed else None))
    Tip.objects.bulk_create(tips, batch_size=2000)
    context["log"](f"  national picture: {len(tips)} synthetic tips in {len(communes)} provinces")
