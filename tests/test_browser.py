"""The built site in a real headless Chromium, driven over the DevTools protocol by Playwright.

Every page (index and notebooks), served from 127.0.0.1 and opened from disk: no console error, no
failed or off-site request, every image decoded, Chinese drawn with the shipped font; and the code
toggle hides and shows the code cells; on a phone-sized screen (390 px) no page is wider than the screen,
every chart is shown large enough to read or opens at full size on a tap, and the documents table is cards.
Screenshots go to build/artifacts/ for review.
Needs a Chromium binary (Debian: `apt-get install chromium`); Playwright's own browser download is
not used, so `playwright install` is never needed.
"""

import os
import shutil
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from build_site import FONT_FAMILY

try:
    from playwright import sync_api
except ImportError:  # the test extra is not installed
    sync_api = None

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
# Under CI (CI=true, as CI services set it) a browser test that cannot run fails: a green run must mean
# the site was opened in a browser. On a workstation without Chromium the tests are skipped with the reason.
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
MISSING = (
    "Playwright is missing: run `make install`" if sync_api is None
    else "no Chromium found: install it with `apt-get install chromium` (Debian/Ubuntu)" if CHROMIUM is None
    else ""
)
pytestmark = pytest.mark.slow
# Headless, and nothing that would reach the network on its own (updates, sync, QUIC probing).
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "build" / "artifacts"
NOTO = "NotoSansCJKsc-Regular"  # PostScript name of the shipped font, as the browser reports it
SAMPLE = "科技创新政策体系"

# Marks the first visible element with Chinese text, adds two spans of CJK next to it (one inheriting
# the page's fonts, one naming the shipped family) and reports what the font API says.
FONT_PROBE = """async ([family, sample]) => {
  await document.fonts.ready;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let host = null;
  while (!host && walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (/[\\u4e00-\\u9fff]/.test(walker.currentNode.data) && parent.getClientRects().length) host = parent;
  }
  if (!host) return null;
  host.setAttribute("data-cjk-text", "");
  const inherited = document.createElement("span");
  const explicit = document.createElement("span");
  inherited.setAttribute("data-cjk-probe", "");
  explicit.style.fontFamily = `"${family}"`;
  inherited.style.whiteSpace = explicit.style.whiteSpace = "nowrap";  // a narrow table cell would wrap them
  inherited.textContent = explicit.textContent = sample;
  host.append(inherited, explicit);
  await document.fonts.ready;
  return {
    check: document.fonts.check(`16px "${family}"`, "科技创新"),
    inherited: inherited.getBoundingClientRect().width,
    explicit: explicit.getBoundingClientRect().width,
  };
}"""
BROKEN_IMAGES = """() => Array.from(document.images)
  .filter((img) => !(img.complete && img.naturalWidth > 0))
  .map((img) => (img.currentSrc || img.src).slice(0, 100))"""
HIDDEN_INPUTS = """() => Array.from(document.querySelectorAll(".jp-CodeCell .jp-InputArea"))
  .map((el) => el.getClientRects().length === 0)"""
SHOWN_OUTPUTS = """() => Array.from(document.querySelectorAll(".jp-OutputArea"))
  .filter((el) => el.getBoundingClientRect().height > 0).length"""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site without printing one line per request."""

    def log_message(self, format, *args):
        pass


@dataclass
class Log:
    """What went wrong while a page loaded."""

    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    off_site: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def site(built_site):
    """The site built once per worker (conftest.built_site), shared with test_site.py."""
    return built_site


@pytest.fixture(scope="module")
def pages(site):
    return ["index.html"] + [p.relative_to(site).as_posix() for p in sorted((site / "notebooks").glob("*.html"))]


@pytest.fixture(scope="module")
def base_url(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if MISSING:
        (pytest.fail if IN_CI else pytest.skip)(f"{MISSING} (CI={os.environ.get('CI', '')!r})")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@contextmanager
def opened(context, url: str, local_prefix: str):
    """Open `url` in a new tab, recording errors; requests outside `local_prefix` are blocked and recorded."""
    page = context.new_page()
    log = Log()

    def route(r):
        if r.request.url.startswith((local_prefix, "data:")):
            r.continue_()
        else:
            log.off_site.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.on("requestfailed", lambda r: log.failed.append(f"{r.url[:100]}: {r.failure}"))
    page.on("response", lambda r: log.failed.append(f"{r.url[:100]}: HTTP {r.status}") if r.status >= 400 else None)
    try:
        page.goto(url, wait_until="load")
        yield page, log
    finally:
        page.close()


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium actually used to draw the text of the element at `selector` (DevTools CSS domain)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


def page_problems(page, log: Log) -> list[str]:
    """Everything wrong with one loaded page: errors, failed or off-site requests, broken images, fonts."""
    problems = [f"console: {e}" for e in log.errors] + [f"request: {f}" for f in log.failed]
    problems += [f"off-site request: {u}" for u in log.off_site]
    problems += [f"image not loaded: {src}" for src in page.evaluate(BROKEN_IMAGES)]
    probe = page.evaluate(FONT_PROBE, [FONT_FAMILY, SAMPLE])
    if probe is None:
        return problems  # no Chinese on this page: nothing for the font to draw
    if not probe["check"]:
        problems.append(f'document.fonts.check("16px {FONT_FAMILY}") is false after document.fonts.ready')
    if abs(probe["inherited"] - probe["explicit"]) > 0.5:
        problems.append(f"CJK width {probe['inherited']} with the page's fonts, {probe['explicit']} with {FONT_FAMILY}")
    probe_fonts = platform_fonts(page, "[data-cjk-probe]")
    if [(f["postScriptName"], f["isCustomFont"]) for f in probe_fonts] != [(NOTO, True)]:
        problems.append(f"CJK sample drawn with {probe_fonts}")
    text_fonts = platform_fonts(page, "[data-cjk-text]")
    if not any(f["postScriptName"] == NOTO and f["isCustomFont"] for f in text_fonts):
        problems.append(f"page's Chinese text drawn with {text_fonts}")
    return problems


def test_every_page_loads_cleanly_when_served(context, base_url, pages):
    problems = {}
    for name in pages:
        with opened(context, base_url + name, base_url) as (page, log):
            problems[name] = page_problems(page, log)
    assert {name: p for name, p in problems.items() if p} == {}
    assert len(pages) > 1


def test_every_page_loads_cleanly_from_disk(context, site, pages):
    problems = {}
    for name in pages:
        with opened(context, (site / name).as_uri(), site.as_uri()) as (page, log):
            problems[name] = page_problems(page, log)
    assert {name: p for name, p in problems.items() if p} == {}


def test_index_shows_charts_and_chinese(context, base_url):
    with opened(context, base_url + "index.html", base_url) as (page, _):
        assert page.evaluate("document.images.length") > 0
        assert page.evaluate(FONT_PROBE, [FONT_FAMILY, SAMPLE]) is not None


def test_code_toggle_hides_and_shows_code_cells(context, base_url, pages):
    with opened(context, base_url + pages[1], base_url) as (page, _):
        button = page.locator("#toggle-code")
        outputs = page.evaluate(SHOWN_OUTPUTS)
        assert page.evaluate(HIDDEN_INPUTS) and not any(page.evaluate(HIDDEN_INPUTS)) and outputs > 0
        button.click()
        assert button.inner_text() == "Show code" and button.get_attribute("aria-pressed") == "true"
        assert all(page.evaluate(HIDDEN_INPUTS))
        assert page.evaluate(SHOWN_OUTPUTS) == outputs  # the results stay
        button.click()
        assert button.inner_text() == "Hide code" and not any(page.evaluate(HIDDEN_INPUTS))


PHONE = {"width": 390, "height": 844}  # a common phone's CSS viewport
# The page's width against the screen's, and (to say what is wrong) the first elements sticking out.
OVERFLOW = """() => ({
  scroll: document.scrollingElement.scrollWidth,
  inner: window.innerWidth,
  wide: Array.from(document.body.querySelectorAll("*"))
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map((el) => el.tagName + "." + el.className),
})"""


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


def test_no_page_runs_off_a_phone_screen(phone, base_url, pages):
    overflowing = {}
    for name in pages:
        with opened(phone, base_url + name, base_url) as (page, _):
            page.evaluate("document.fonts.ready.then(() => true)")
            found = page.evaluate(OVERFLOW)
            # A mobile browser widens the layout viewport (innerWidth) to fit a page that is too wide,
            # so both are compared with the phone's width, not with each other alone.
            if not found["scroll"] <= found["inner"] == PHONE["width"]:
                overflowing[name] = found
    assert overflowing == {}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with opened(phone, base_url + pages[1], base_url) as (page, _):
        page.screenshot(path=ARTIFACTS / "notebook-phone.png")


# Each image of the page: its natural and displayed widths, and the image its link (if any) opens, loaded
# here to learn its own natural width.
CHARTS = """async () => Promise.all(Array.from(document.images).map(async (img) => {
  await img.decode().catch(() => null);
  const link = img.closest("a[href]");
  let linked = 0;
  if (link && /\\.(png|jpe?g|svg|webp)$/i.test(new URL(link.href).pathname)) {
    const full = new Image();
    full.src = link.href;
    linked = await full.decode().then(() => full.naturalWidth, () => -1);
  }
  return {src: img.getAttribute("src").slice(0, 80), natural: img.naturalWidth,
          shown: img.getBoundingClientRect().width, linked: linked};
}))"""
LEGIBLE = 0.7  # a chart drawn at 70 % of its pixels keeps 8-9 pt labels at about 6 CSS px: the floor of legible


def test_every_chart_on_a_phone_is_legible_or_opens_at_full_size(phone, base_url, pages):
    unreadable = {}
    for name in pages:
        with opened(phone, base_url + name, base_url) as (page, _):
            charts = page.evaluate(CHARTS)
            assert all(c["natural"] > 0 for c in charts), name
            bad = [c for c in charts if c["shown"] < LEGIBLE * c["natural"] and c["linked"] < c["natural"]]
            if bad:
                unreadable[name] = bad
    assert unreadable == {}


def test_a_chart_of_a_notebook_page_opens_at_full_size_on_tap(phone, base_url, pages):
    with opened(phone, base_url + pages[1], base_url) as (page, _):
        chart = page.locator("a.chart-full img").first
        natural = chart.evaluate("(img) => img.naturalWidth")
        assert chart.evaluate("(img) => img.getBoundingClientRect().width") < LEGIBLE * natural  # shrunk to fit
        with page.expect_navigation():
            chart.tap()
        assert page.url.endswith(".png")
        assert page.evaluate("document.images[0].naturalWidth") == natural


def test_the_documents_table_is_one_card_per_document_on_a_phone(phone, context, base_url):
    with opened(phone, base_url + "index.html", base_url) as (page, _):
        cards = page.evaluate("""() => Array.from(document.querySelectorAll("table.documents tbody tr"))
          .map((tr) => ({width: tr.getBoundingClientRect().width,
                         title: tr.querySelector("td.title").getBoundingClientRect().width}))""")
        assert cards and all(c["width"] > 0.8 * PHONE["width"] for c in cards)
        assert all(c["title"] > 0.6 * PHONE["width"] for c in cards)  # the title runs across the card
    with opened(context, base_url + "index.html", base_url) as (page, _):  # a wide screen keeps the table
        assert page.evaluate("getComputedStyle(document.querySelector('table.documents tr')).display") == "table-row"


def test_screenshots_for_review(context, base_url, pages):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, shot in (("index.html", "index.png"), (pages[1], "notebook.png")):
        with opened(context, base_url + name, base_url) as (page, _):
            page.evaluate("document.fonts.ready.then(() => true)")
            page.screenshot(path=ARTIFACTS / shot)
        assert (ARTIFACTS / shot).read_bytes().startswith(b"\x89PNG")
