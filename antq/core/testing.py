"""Shared test helper: check a view or endpoint three ways, as NetBox's view tests do.

- in scope, with the permission: it works;
- out of scope: 404, so the object's existence does not leak;
- in scope, without the permission: 403 (or 404 where the design hides it);
and for a write, that a refused request changed nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _call(client, method: str, url: str, data: Any, api: bool):
    fn = getattr(client, method)
    if data is None:
        return fn(url)
    return fn(url, data, format="json") if api else fn(url, data)


def check_three_ways(
    *,
    client_for: Callable[[Any], Any],
    url: str,
    allowed,
    outsider,
    unpermitted,
    method: str = "get",
    data: Any = None,
    ok: tuple[int, ...] = (200,),
    denied: int = 403,
    state: Callable[[], Any] | None = None,
    api: bool = False,
):
    """`client_for(user)` returns a logged-in client; `state()` snapshots what a write may change.

    The refused calls run first, so the allowed write is the only one that may change `state`.
    Returns the allowed response.
    """
    before = state() if state else None
    response = _call(client_for(outsider), method, url, data, api)
    assert response.status_code == 404, f"out of scope: expected 404, got {response.status_code}"
    if state:
        assert state() == before, "a refused out-of-scope write changed data"
    response = _call(client_for(unpermitted), method, url, data, api)
    assert response.status_code == denied, f"no permission: expected {denied}, got {response.status_code}"
    if state:
        assert state() == before, "a refused write without permission changed data"
    response = _call(client_for(allowed), method, url, data, api)
    assert response.status_code in ok, f"in scope: expected {ok}, got {response.status_code}"
    return response


def pdf_bytes(text: str = "") -> bytes:
    """A real one-page PDF (uploads are rebuilt page by page, so a bare header no longer passes)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if text:
        writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
