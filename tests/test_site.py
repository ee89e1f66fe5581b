"""The static site (scripts/build_site.py): every notebook listed, nothing loaded from other hosts,
every local link resolving, UTF-8 and the shipped CJK font on every page, and untrusted text escaped."""

import base64
import csv
import html
import io
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from fontTools.ttLib import TTFont
from policytext.findings.plotting import png_text
from support import ROOT, pinned_seeds

sys.path.insert(0, str(ROOT / "scripts"))
from build_site import (
    CJK_RANGES,
    FONT_FAMILY,
    FONT_FILE,
    build_site,
    link_notebooks_to_pages,
    notebook_abstract,
    notebook_title,
)

NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
# Elements whose src/href the browser fetches by itself (an <a> is only followed when clicked).
LOADING_TAGS = {"script", "link", "img", "source"}
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _png() -> bytes:
    """A small chart as PNG bytes, like a notebook's image output."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([0, 1, 2], [1, 0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def make_tiny_notebooks(
    folder: Path, heading: str = "Tiny notebook 小型", prose: str = "A first look at 科技创新."
) -> Path:
    """Two small executed notebooks in `folder`: one with an image output that links to the other."""
    folder.mkdir(parents=True, exist_ok=True)
    image = nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(_png()).decode("ascii")})
    text = nbformat.v4.new_output("stream", name="stdout", text="科技创新 42\n")
    first = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(f"# {heading}\n\n{prose}\n\nSee [the second](01_tiny.ipynb)."),
        nbformat.v4.new_code_cell("print('科技创新', 42)", execution_count=1, outputs=[text, image]),
    ])
    second = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Second tiny notebook\n\nNo charts here, only 政策 text."),
        nbformat.v4.new_code_cell("1 + 1", execution_count=1, outputs=[
            nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]),
    ])
    nbformat.write(first, folder / "00_tiny.ipynb")
    nbformat.write(second, folder / "01_tiny.ipynb")
    return folder


def site_inputs(tmp: Path) -> tuple[Path, Path]:
    """The notebooks and figures folders to build from: a copy of the repository's taken once (so that a
    notebook run writing charts at the same time can never hand the site a half-written file), or tiny
    ones while it has none."""
    if sorted(NOTEBOOKS.glob("*.ipynb")):
        notebooks, figures = tmp / "notebooks", tmp / "figures"
        notebooks.mkdir(parents=True)
        for path in sorted(NOTEBOOKS.glob("*.ipynb")):
            shutil.copyfile(path, notebooks / path.name)
        if FIGURES.is_dir():
            shutil.copytree(FIGURES, figures)
        else:
            figures.mkdir(parents=True)
        return notebooks, figures
    empty = tmp / "figures"
    empty.mkdir(parents=True, exist_ok=True)
    return make_tiny_notebooks(tmp / "notebooks"), empty


class Page(HTMLParser):
    """What the tests need from one HTML page: the URL attributes by tag, the charset, the <style> text."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.urls: list[tuple[str, str, str]] = []
        self.text = path.read_text(encoding="utf-8")
        self.charset = ""
        self.styles: list[str] = []
        self._in_style = False
        self.feed(path.read_text(encoding="utf-8"))
        self.close()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("src", "href", "srcset"):
            if values.get(name) is not None:
                self.urls.append((tag, name, values[name]))
        if tag == "meta" and values.get("charset"):
            self.charset = values["charset"]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


# The site and browser tests read one site built per worker (conftest.built_site).
@pytest.fixture(scope="module")
def inputs(site_inputs_dirs):
    return site_inputs_dirs


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


@pytest.fixture(scope="module")
def pages(site):
    return [Page(p) for p in sorted(site.rglob("*.html"))]


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^\s*([a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE))


def test_index_lists_every_notebook(site, inputs):
    notebooks, _ = inputs
    index = (site / "index.html").read_text(encoding="utf-8")
    for path in sorted(notebooks.glob("*.ipynb")):
        title = notebook_title(nbformat.read(path, as_version=4), path.stem)
        assert f'href="notebooks/{path.stem}.html"' in index
        assert (site / "notebooks" / f"{path.stem}.html").is_file()
        assert title.replace("&", "&amp;") in index


def test_index_summarises_the_corpus(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Chengdu–Chongqing S&amp;T innovation policy: an open notebook collection" in index
    for label in ("Documents", "Regions", "Written", "Scripts", "Sentences", "Clauses"):
        assert f"<dt>{label}</dt>" in index
    assert "<dt>Documents</dt><dd>5</dd>" in index
    assert "Chongqing (4), Chengdu (1)" in index


def test_no_page_loads_anything_from_another_host(pages):
    for page in pages:
        for tag, attr, url in page.urls:
            if tag in LOADING_TAGS:
                assert not _is_remote(url), f"{page.path.name}: <{tag} {attr}={url[:80]!r}> loads from another host"
                assert not url.startswith("data:") or tag in {"img", "source"}, f"{page.path.name}: <{tag}> data URL"
        css = "\n".join(page.styles)
        assert "@import" not in css, page.path.name
        assert not re.search(r"url\(\s*['\"]?([a-z]+:)?//", css, re.IGNORECASE), page.path.name


def test_no_cdn_scripts_in_notebook_pages(site):
    for path in sorted((site / "notebooks").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        for marker in ("require.js", "require.min.js", "MathJax", "mermaid.esm", "cdnjs", "unpkg", "jsdelivr"):
            assert marker not in text, f"{path.name} mentions {marker}"


def test_every_page_declares_utf8(pages):
    for page in pages:
        assert page.charset.lower() == "utf-8", page.path.name


def test_every_local_link_and_image_resolves(site, pages):
    for page in pages:
        for tag, attr, url in page.urls:
            parts = urlsplit(url)
            if url.startswith(("#", "data:", "mailto:")) or parts.scheme or _is_remote(url):
                continue
            target = (page.path.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(site.resolve()), f"{page.path.name}: <{tag} {attr}={url!r}> leaves the site"
            assert target.exists(), f"{page.path.name}: <{tag} {attr}={url!r}> does not exist"


def test_every_page_uses_the_shipped_font(site, pages):
    with TTFont(site / "fonts" / FONT_FILE) as font:
        assert font["name"].getDebugName(6) == "NotoSansCJKsc-Regular"
    for page in pages:
        css = "\n".join(page.styles)
        face = re.search(r'@font-face\s*{[^}]*font-family:\s*"' + FONT_FAMILY + r'"[^}]*url\("([^"]+)"', css)
        assert face, f"{page.path.name} declares no @font-face for {FONT_FAMILY}"
        assert (page.path.parent / face.group(1)).resolve() == (site / "fonts" / FONT_FILE).resolve()


def test_notebook_pages_have_a_code_toggle(site):
    for path in sorted((site / "notebooks").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert 'id="toggle-code"' in text and ">Hide code</button>" in text, path.name
        assert "body.code-hidden .jp-CodeCell .jp-Cell-inputWrapper" in text, path.name


def test_a_notebook_without_saved_figures_gets_its_first_image_as_thumbnail(tmp_path, seeds_copy):
    notebooks = make_tiny_notebooks(tmp_path / "notebooks")
    index = build_site(tmp_path / "site", notebooks_dir=notebooks, figures_dir=tmp_path / "none", seeds=seeds_copy)
    text = index.read_text(encoding="utf-8")
    assert 'src="thumbnails/00_tiny.png"' in text
    assert (index.parent / "thumbnails" / "00_tiny.png").read_bytes().startswith(b"\x89PNG")
    assert "thumbnails/01_tiny.png" not in text  # no image output, no thumbnail
    assert 'href="01_tiny.html"' in (index.parent / "notebooks" / "00_tiny.html").read_text(encoding="utf-8")


def test_build_is_deterministic_and_removes_stale_pages(tmp_path, site, inputs, seeds_copy):
    notebooks, figures = inputs
    first = site  # built from the same inputs into another folder
    second = build_site(tmp_path / "b", notebooks_dir=notebooks, figures_dir=figures, seeds=seeds_copy).parent
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    (tmp_path / "empty").mkdir()
    build_site(second, notebooks_dir=tmp_path / "empty", figures_dir=tmp_path / "empty", seeds=seeds_copy)
    assert not (second / "notebooks").exists() and not (second / "figures").exists()


def test_text_from_documents_and_notebooks_is_escaped(tmp_path):
    seeds = tmp_path / "seeds"
    pinned_seeds(seeds)
    (seeds / "900_hostile.txt").write_text(
        f"关于{SCRIPT}加快科技创新的若干措施\n\n为推动科技创新高质量发展,{IMG}现提出如下措施。\n\n"
        f"一、加强基础研究。支持高校和科研院所开展基础研究{SCRIPT}。\n",
        encoding="utf-8",
    )
    with (seeds / "catalog.csv").open("a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerow(["hostile-2024", "900_hostile.txt", "", f"{SCRIPT} 科技创新 {IMG}", "", "",
                                f"Chengdu{SCRIPT}", "", "Simplified", "2024", "", "", ""])
    notebooks = make_tiny_notebooks(tmp_path / "notebooks", heading=f"Hostile {SCRIPT}", prose=f"Abstract {IMG}")
    index = build_site(tmp_path / "site", notebooks_dir=notebooks, figures_dir=tmp_path / "none", seeds=seeds)
    text = index.read_text(encoding="utf-8")
    for raw in (SCRIPT, IMG, "<script", "<img src=x"):
        assert raw not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 科技创新 &lt;img src=x onerror=alert(1)&gt;" in text  # title
    assert "为推动科技创新高质量发展,&lt;img src=x onerror=alert(1)&gt;现提出如下措施。" in text  # document text
    assert "Chengdu&lt;script&gt;alert(1)&lt;/script&gt;" in text  # region
    assert "Hostile &lt;script&gt;alert(1)&lt;/script&gt;" in text and "Abstract &lt;img src=x" in text  # notebook


def test_notebook_links_point_to_pages():
    assert link_notebooks_to_pages("see [b](01_b.ipynb) and [c](02_c.ipynb#Findings)") == (
        "see [b](01_b.html) and [c](02_c.html#Findings)"
    )
    for unchanged in ("[gh](https://example.org/x.ipynb)", "[d](data.ipynb.txt)", "a.ipynb in prose"):
        assert link_notebooks_to_pages(unchanged) == unchanged


def test_title_and_abstract_come_from_the_first_heading_and_paragraph():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("# 01 · **Talent** policy\n\n**Overview.** What [texts](x.md) say\nabout 人才."),
        nbformat.v4.new_markdown_cell("## Later\n\nNot this."),
    ])
    assert notebook_title(nb, "fallback") == "01 · Talent policy"
    assert notebook_abstract(nb) == "Overview. What texts say about 人才."
    heading_alone = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_markdown_cell("First paragraph.\n\nSecond."),
    ])
    assert notebook_abstract(heading_alone) == "First paragraph."
    assert notebook_title(nbformat.v4.new_notebook(), "fallback") == "fallback"
    long = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T\n\n" + "policy text " * 60)])
    abstract = notebook_abstract(long)
    assert len(abstract) <= 300 and abstract.endswith("policy text…")


PAGE_BUDGET = 2_000_000  # bytes a reader's phone downloads for one page: HTML, font and every image it names


def _cjk(text: str) -> set[str]:
    return {c for c in set(text) if any(lo <= ord(c) <= hi for lo, hi in CJK_RANGES)}


def test_the_font_is_cut_to_the_characters_the_pages_use(site, pages):
    font = site / "fonts" / FONT_FILE
    assert font.stat().st_size < 400_000  # the full Noto Sans CJK SC is 16 MB
    with TTFont(font) as cut:
        covered = {chr(u) for u in cut.getBestCmap()}
    used = set().union(*(_cjk(page.text) for page in pages))
    assert used and used <= covered, sorted(used - covered)[:20]


def test_every_page_weighs_well_under_two_megabytes(site, pages):
    for page in pages:
        loaded = {(page.path.parent / unquote(urlsplit(url).path)).resolve()
                  for tag, _, url in page.urls if tag == "img" and not url.startswith("data:")}
        css = "\n".join(page.styles)
        loaded |= {(page.path.parent / u).resolve() for u in re.findall(r'url\("([^"]+)"\)', css)}
        weight = page.path.stat().st_size + sum(p.stat().st_size for p in loaded)
        assert weight < PAGE_BUDGET, f"{page.path.name} weighs {weight:,} bytes"


def test_gallery_captions_are_chart_titles_with_their_notebook(site, inputs):
    _, figures = inputs
    index = (site / "index.html").read_text(encoding="utf-8")
    saved = [p for p in sorted(figures.rglob("*.png")) if png_text(p).get("Source")]
    if not saved:
        pytest.skip("no saved charts to caption")
    for png in saved:
        text = png_text(png)
        stem = Path(text["Source"]).stem
        rel = png.relative_to(figures).as_posix()
        caption = re.search(rf'<a href="figures/{re.escape(rel)}">.*?<figcaption>(.*?)</figcaption>', index)
        assert caption, rel
        assert caption.group(1).startswith(html.escape(text["Title"], quote=True))
        if text["Source"].startswith("notebooks/"):
            assert f'from <a href="notebooks/{stem}.html">' in caption.group(1)
        else:  # a benchmark script's chart: named, not linked
            assert f'from {html.escape(text["Source"])}' in caption.group(1)


def test_chart_outputs_are_files_each_shown_through_a_link_to_itself(tmp_path):
    from build_site import charts_to_files

    png = _png()
    data = base64.b64encode(png).decode("ascii")
    body = f'<p>x</p><img alt="a chart" src="data:image/png;base64,{data}"/><img src="data:image/png;base64,{data}">'
    page = charts_to_files(body, tmp_path, "00_nb")
    assert "data:" not in page
    assert page.count('<a class="chart-full" href="00_nb/chart-01.png"') == 1
    assert '<img alt="a chart" src="00_nb/chart-01.png"/></a>' in page
    assert '<img src="00_nb/chart-02.png"></a>' in page
    assert [(tmp_path / "00_nb" / f"chart-0{n}.png").read_bytes() for n in (1, 2)] == [png, png]


def test_documents_cells_carry_their_column_name_for_the_phone_cards(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(<td.*?)</tr>", index)
    assert rows
    for row in rows:
        labels = re.findall(r'<td[^>]*data-label="([^"]+)"', row)
        assert labels == ["doc_id", "title", "region", "written", "script", "sentences", "clauses", "opening"]
