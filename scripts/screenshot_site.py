"""The README's picture of the site (docs/site-index.png): the index page of a built site as a 1280 x 900
browser window shows it, taken with Playwright driving the system's Chromium (no browser download).

    python scripts/screenshot_site.py [--site build/site] [--out docs/site-index.png]   # make screenshot

Run after `make site`; `make screenshot` does both. Two runs on one machine give the same bytes, but font
rendering differs between systems and Chromium versions, so the picture is refreshed by this separate
target and not checked by `make test`.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1280, "height": 900}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--font-render-hinting=none"]


def chromium() -> str:
    """Path of the system's Chromium; raise SystemExit with what to install when there is none."""
    found = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    if found is None:
        raise SystemExit("no Chromium found: install it with `apt-get install chromium` (Debian/Ubuntu)")
    return found


def screenshot(site: Path, out: Path) -> Path:
    """Write the PNG of `site`/index.html at VIEWPORT to `out` (palette kept, no metadata); return `out`."""
    from PIL import Image
    from playwright.sync_api import sync_playwright

    index = site / "index.html"
    if not index.is_file():
        raise SystemExit(f"{index} is missing: run `make site` first")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            page.goto(index.resolve().as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            shot = page.screenshot(animations="disabled", caret="hide")
        finally:
            browser.close()
    with Image.open(io.BytesIO(shot)) as image:  # re-encoded without any text chunk, the same way each time
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", optimize=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "site", help="the built site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "site-index.png", help="the PNG to write")
    args = parser.parse_args(argv)
    print(screenshot(args.site, args.out))
    return 0


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    sys.exit(main())
