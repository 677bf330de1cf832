"""Test helpers: tips made through the services."""

from django.utils import timezone

from antq.tips import services
from antq.tips.models import TipCategory

IDENTITY = {"reporter_name": "Nguyễn Thị Tố Giác", "reporter_phone": "0912345678",
            "reporter_id_number": "079190001234", "reporter_address": "12 Lê Lợi",
            "reporter_email": "to.giac@example.vn"}


def category(code="drugs"):
    return TipCategory.objects.get(code=code)


def anonymous_tip(commune, text="Có người bán ma túy ở quán nước đầu ngõ, tối nào cũng có", received_at=None):
    if received_at is None:
        return services.tip_submit(category=category(), description=text, commune=commune)
    from antq.tips.services import _create

    return _create(actor=None, channel="online", report_type="denunciation", category=category(),
                   description=text, commune=commune, occurred_on=None, address="", latitude=None, longitude=None,
                   anonymous=True, identity={}, consent={}, received_at=received_at)


def identified_tip(commune, text="Bị lừa chuyển khoản 20 triệu qua tin nhắn giả ngân hàng", received_at=None):
    if received_at is None:
        return services.tip_submit(category=category("online_fraud"), description=text, commune=commune,
                                   anonymous=False, identity=IDENTITY, consent={"handle": True, "contact": True})
    from antq.tips.services import _create

    return _create(actor=None, channel="online", report_type="denunciation", category=category("online_fraud"),
                   description=text, commune=commune, occurred_on=None, address="", latitude=None, longitude=None,
                   anonymous=False, identity=IDENTITY, consent={"handle": True, "contact": True},
                   received_at=received_at)


def now():
    return timezone.now()


def open_identity(tip, officer, approver, reason="Cần liên hệ người báo tin để xác minh địa điểm"):
    """The two-person flow in one step, for tests that need the identity open."""
    from antq.core import services as core_services

    request = services.identity_request(actor=officer, tip=tip, reason=reason)
    return core_services.access_approve(actor=approver, grant=request)


def _box(kind: bytes, body: bytes) -> bytes:
    return (8 + len(body)).to_bytes(4, "big") + kind + body


def real_mp4(*, location: bytes = b"+10.7769+106.7009/", model: bytes = b"iPhone 15") -> bytes:
    """A real (tiny) video made with FFmpeg, with what a phone adds: the place it was filmed (©xyz) and
    its model in the movie's user data — appended to the moov box, which FFmpeg writes last."""
    import io

    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        stream = out.add_stream("mpeg4", rate=5)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for _ in range(5):
            frame = av.VideoFrame(32, 32, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes(plane.buffer_size))
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    data = buffer.getvalue()
    moov = data.index(b"moov") - 4
    assert moov + int.from_bytes(data[moov:moov + 4], "big") == len(data), "moov is not last"
    extra = _box(b"udta", _box(b"\xa9xyz", b"\x00\x12\x15\xc7" + location) + _box(b"\xa9mod", model))
    size = int.from_bytes(data[moov:moov + 4], "big") + len(extra)
    return data[:moov] + size.to_bytes(4, "big") + data[moov + 4:] + extra
