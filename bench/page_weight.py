"""The public tip form's weight on a slow link (issue 15): bytes transferred on a first visit (the page and
every file it loads, as the server sends them: compressed, or the font as it is) and on the next visit
(the page alone: the files carry hashed names and a year's cache, so the browser keeps them).

The static files are collected as in production (WhiteNoise's CompressedManifestStaticFilesStorage:
hashed names, .br and .gz beside each file) into a temporary folder; the page is rendered by the real
view with ANTQ_DEBUG=0 and compressed by the same middleware; each file is counted at the size of the
smallest encoding a browser accepts (Brotli). Target: ≤ 150 KB first, ≤ 20 KB next.

    .venv/bin/python bench/page_weight.py
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "antq.settings"
os.environ["ANTQ_VAR_DIR"] = str(ROOT / "var" / "bench")
STATIC = tempfile.mkdtemp(prefix="antq-static-")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
settings.STATIC_ROOT = STATIC
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
settings.DEBUG = False
settings.ALLOWED_HOSTS = ["testserver"]

from access_layer import prepare_database  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = ["/bao-tin/", "/bao-tin/theo-doi/"]


def asset_bytes(url: str) -> tuple[int, str]:
    """The bytes sent for one static URL: its Brotli file if there is one, else gzip, else the file."""
    name = url.split("/static/", 1)[1].split("?")[0].split("#")[0]
    path = Path(STATIC) / name
    for suffix, encoding in ((".br", "br"), (".gz", "gzip"), ("", "identity")):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            return candidate.stat().st_size, encoding
    raise SystemExit(f"not collected: {name}")


def assets_of(html: str) -> list[str]:
    found = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    for css in [u for u in found if u.endswith(".css")]:  # fonts and images a style sheet loads
        text = (Path(STATIC) / css.split("/static/", 1)[1]).read_text(errors="ignore")
        base = css.rsplit("/", 1)[0]
        for ref in re.findall(r'url\(["\']?([^"\')]+)["\']?\)', text):
            if ref.startswith("data:"):
                continue
            if ref.endswith((".woff2", ".woff2?")) or ".woff2" in ref:
                found.append(os.path.normpath(f"{base}/{ref.split('?')[0]}"))
    return list(dict.fromkeys(found))


def main() -> None:
    prepare_database()
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    print(f"static files collected with hashed names: {staticfiles_storage.__class__.__name__}")
    for page in PAGES:
        response = client.get(page)
        body = response.content
        html = (gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body).decode()
        files = [(url, *asset_bytes(url)) for url in assets_of(html)]
        first = len(body) + sum(size for _url, size, _enc in files)
        print(f"\n{page}: page {len(body) / 1024:.1f} KB sent ({response.get('Content-Encoding', 'identity')}, "
              f"{len(html) / 1024:.1f} KB of HTML)")
        for url, size, encoding in files:
            print(f"  {size / 1024:7.1f} KB  {encoding:8}  {url}")
        print(f"  first visit {first / 1024:.1f} KB; next visit {len(body) / 1024:.1f} KB "
              f"(files cached: {staticfiles_storage.__class__.__name__} names them by content)")


if __name__ == "__main__":
    main()
