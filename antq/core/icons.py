"""Icons drawn inline from the Bootstrap Icons package's SVG files (installed by npm with the rest of the
front end), so a page needs neither the icon font (130 KB) nor its style sheet: the public pages, read
on cheap phones over slow links, use only these."""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.utils.safestring import mark_safe

_NAME = re.compile(r"^[a-z0-9-]+$")


@functools.lru_cache(maxsize=128)
def svg(name: str) -> str:
    """The icon's <svg>, hidden from screen readers (the text beside it says what it means); "" when the
    package or the icon is missing, so a page never fails for a picture."""
    if not _NAME.match(name):
        return ""
    path = settings.BASE_DIR / "node_modules" / "bootstrap-icons" / "icons" / f"{name}.svg"
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return mark_safe(text.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308 - the package's file
