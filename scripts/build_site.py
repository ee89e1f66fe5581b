"""Build the collection's static HTML site: every executed notebook, a corpus summary and a figure gallery.

    .venv/bin/python scripts/build_site.py [--out build/site]

The site works offline, opened from disk (file://) or served: pages load nothing from other hosts.
Notebook pages come from nbconvert's `lab` template, extended by SITE_TEMPLATE below so that the blocks
which would load RequireJS, MathJax, Mermaid or the widget manager from a CDN are empty; chart outputs
(inline base64 PNGs) and markdown images (inlined by `embed_images`) are written out by `charts_to_files`.
Chinese text is drawn with the Noto Sans CJK SC font shipped by mplfonts, cut down with fontTools to the CJK
characters the pages use (about 130 KB instead of 16 MB) and declared with @font-face in every page.
The gallery shows small copies of the charts, captioned with the title each chart was saved with.
Pages are laid out in one column on a phone; wide tables and code scroll inside their own box, and the
documents table becomes one card per document. Chart outputs are written as image files next to their
page, each shown through a link to its file, so a tap opens the chart at full size.
Notebooks are rendered as they are committed: nothing is executed here.
The output is deterministic (no timestamps), so two builds of the same inputs are byte-identical.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import re
import shutil
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import policytext
from fontTools import subset
from fontTools.ttLib import TTFont
from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from PIL import Image
from policytext.errors import CorpusError
from policytext.findings.plotting import font_path, png_text
from policytext.pipeline.pipeline import OPTIONAL_STAGES
from policytext.pipeline.tables import parse_corpus

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Chengdu–Chongqing S&T innovation policy: an open notebook collection"
FONT_FAMILY = "PolicyText CJK"
FONT_FILE = "NotoSansCJKsc-Regular-subset.woff"
THUMBNAIL_WIDTH = 480  # pixels: sharp in a 260 px gallery tile on a 2x screen, a fifth of a chart's bytes
ABSTRACT_CHARS = 300
OPENING_CHARS = 80
# Folders and files of the output that a build owns and replaces; anything else there is left alone.
OWNED = ("index.html", "notebooks", "figures", "fonts", "thumbnails")

# The shipped font covers only CJK code points (unicode-range), so Latin text keeps the system UI font
# and the browser never draws Chinese with whatever CJK font the reader's system happens to have.
# Code points of UNICODE_RANGE below: the characters the font subset is cut to.
CJK_RANGES = ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F), (0x3190, 0x31FF),
              (0x3200, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
              (0x20000, 0x2FA1F))
FONT_FACE = """@font-face {{
  font-family: "{family}";
  src: url("{prefix}fonts/{file}") format("woff");
  font-display: block;
  unicode-range: U+2E80-2FDF, U+3000-303F, U+3040-30FF, U+3100-312F, U+3190-31FF, U+3200-4DBF,
    U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF, U+20000-2FA1F;
}}"""
SANS = f'"{FONT_FAMILY}", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif'
MONO = f'"{FONT_FAMILY}", Menlo, Consolas, "DejaVu Sans Mono", monospace'

NOTEBOOK_CSS = f"""
:root {{
  --jp-ui-font-family: {SANS};
  --jp-content-font-family: {SANS};
  --jp-code-font-family: {MONO};
}}
.site-nav {{ position: sticky; top: 0; z-index: 10; display: flex; gap: 1em; align-items: center;
  padding: 0.5em 0; background: var(--jp-layout-color0, #fff); font-family: {SANS}; }}
.site-nav button {{ font: inherit; padding: 0.2em 0.8em; cursor: pointer; }}
body.code-hidden .jp-CodeCell .jp-Cell-inputWrapper {{ display: none; }}
/* Nothing wider than the screen: wide tables and long code lines scroll inside their own box. */
img {{ max-width: 100%; height: auto; }}
.jp-Cell, .jp-Cell-inputWrapper, .jp-Cell-outputWrapper, .jp-InputArea, .jp-OutputArea, .jp-OutputArea-child,
.jp-InputArea-editor, .jp-OutputArea-output, .jp-RenderedHTMLCommon {{ min-width: 0; max-width: 100%; }}
.jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-InputArea-editor, .highlight {{ overflow-x: auto; }}
.jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li {{ overflow-wrap: anywhere; }}
/* Every chart links to its image at full size: on a phone a tap opens it, where it can be zoomed. */
a.chart-full {{ display: inline-block; max-width: 100%; cursor: zoom-in; }}
@media (max-width: 700px) {{
  a.chart-full::after {{ content: "Tap the chart to open it at full size"; display: block; font-size: 0.75em;
    color: #555; font-family: {SANS}; }}
  body {{ margin: 0; }}
  main, .jp-Notebook {{ padding: 0.4em !important; }}
  .jp-InputPrompt, .jp-OutputPrompt {{ display: none; }}
  .jp-Cell {{ padding: 0.3em 0 !important; }}
  .site-nav {{ padding: 0.5em 0.4em; }}
}}
"""

INDEX_CSS = f"""
body {{ font-family: {SANS}; color: #1a1a1a; max-width: 72em; margin: 0 auto; padding: 1em 1.5em 3em;
  line-height: 1.5; }}
h1 {{ font-size: 1.7em; margin-bottom: 0.2em; }}
a {{ color: #1f4e79; }}
dl.summary {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1.2em; }}
dl.summary dt {{ font-weight: bold; }}
dl.summary dd {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }}
td.num {{ text-align: right; }}
td.nowrap {{ white-space: nowrap; }}
ol.notebooks {{ list-style: none; padding: 0; }}
ol.notebooks li {{ display: flex; gap: 1em; margin: 1em 0; align-items: flex-start; }}
ol.notebooks li > a {{ flex: 0 0 220px; }}  /* the thumbnail keeps its width beside a long abstract */
ol.notebooks img {{ width: 220px; height: auto; border: 1px solid #ddd; background: #fff; }}
ol.notebooks h3 {{ margin: 0 0 0.3em; }}
.gallery {{ display: flex; flex-wrap: wrap; gap: 1em; }}
.gallery figure {{ margin: 0; width: 260px; }}
.gallery img {{ width: 100%; height: auto; border: 1px solid #ddd; background: #fff; }}
.gallery figcaption {{ font-size: 0.85em; overflow-wrap: anywhere; }}
.gallery figcaption .from {{ display: block; color: #555; }}
/* Nothing wider than the screen: the documents table scrolls inside its own box. */
.scroll {{ overflow-x: auto; max-width: 100%; }}
img {{ max-width: 100%; }}
p, dd, h1, h3 {{ overflow-wrap: anywhere; }}
@media (max-width: 700px) {{
  body {{ padding: 0.6em 0.8em 2em; }}
  h1 {{ font-size: 1.35em; }}
  dl.summary {{ grid-template-columns: 1fr; }}
  dl.summary dd {{ margin-bottom: 0.4em; }}
  ol.notebooks li {{ flex-direction: column; gap: 0.4em; }}
  ol.notebooks li > a {{ flex: none; width: 100%; }}
  ol.notebooks img {{ width: 100%; }}
  .gallery figure {{ width: 100%; }}
  /* The documents table becomes one card per document: title and opening across the card, the short
     fields side by side, each after its column's name. */
  table.documents, table.documents tbody, table.documents tr {{ display: block; width: auto; }}
  table.documents thead {{ display: none; }}
  table.documents tr {{ border: 1px solid #ddd; border-radius: 4px; margin: 0 0 0.8em; padding: 0.3em 0.6em; }}
  table.documents td {{ display: inline-block; border: 0; padding: 0.1em 1em 0.1em 0; text-align: left;
    white-space: normal; }}
  table.documents td.title, table.documents td.opening {{ display: block; padding-right: 0; }}
  table.documents td.title {{ font-weight: bold; }}
  table.documents td::before {{ content: attr(data-label) ": "; color: #555; font-size: 0.85em; font-weight: normal; }}
}}
"""

# A toggle for every code cell: a class on <body> that CSS above turns into display:none.
TOGGLE_SCRIPT = """<script>
(function () {
  var button = document.getElementById("toggle-code");
  button.addEventListener("click", function () {
    var hidden = document.body.classList.toggle("code-hidden");
    button.textContent = hidden ? "Show code" : "Hide code";
    button.setAttribute("aria-pressed", String(hidden));
  });
}());
</script>"""

NAV = """<nav class="site-nav">
<a href="../index.html">&larr; All notebooks</a>
<button type="button" id="toggle-code" aria-pressed="false">Hide code</button>
</nav>"""

# The lab template with every CDN-loading block emptied (RequireJS, widget manager, MathJax, Mermaid)
# and the site's head, navigation and toggle script added. LaTeX in markdown therefore shows as source.
SITE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
{{ resources.site.css }}
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.site.nav }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.site.script }}
{{ super() }}
{%- endblock body_footer -%}
"""
SITE_TEMPLATE_NAME = "policytext_site.html.j2"

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
# A relative markdown link to a notebook: ](name.ipynb) or ](name.ipynb#anchor), not one with a scheme.
_NOTEBOOK_LINK = re.compile(r"(\]\(\s*<?)(?![A-Za-z][A-Za-z0-9+.-]*:|//)([^()\s<>]+?)\.ipynb(?=[#)>\s])")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


@dataclass(frozen=True)
class NotebookEntry:
    """One rendered notebook as the index lists it; paths are relative to the site root."""

    stem: str
    title: str
    abstract: str
    page: str
    thumbnail: str | None


@dataclass(frozen=True)
class CorpusSummary:
    """What the index says about the corpus; `documents` has one dict per document."""

    n_documents: int
    regions: list[tuple[str, int]]
    scripts: list[tuple[str, int]]
    first_date: str
    last_date: str
    sentences: int
    clauses: int
    documents: list[dict[str, str]]


def link_notebooks_to_pages(markdown: str) -> str:
    """Point relative markdown links at notebooks to their rendered pages (x.ipynb -> x.html)."""
    return _NOTEBOOK_LINK.sub(r"\1\2.html", markdown)


class NotebookLinks(Preprocessor):
    """Rewrites links between notebooks in markdown cells, so they keep working inside the site."""

    def preprocess_cell(self, cell, resources, index):
        """Rewrite one markdown cell's links (other cells pass unchanged)."""
        if cell.cell_type == "markdown":
            cell.source = link_notebooks_to_pages(cell.source)
        return cell, resources


def make_exporter() -> HTMLExporter:
    """An HTMLExporter on the offline site template that inlines markdown images."""
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({SITE_TEMPLATE_NAME: SITE_TEMPLATE})],
        template_file=SITE_TEMPLATE_NAME,
        embed_images=True,
        theme="light",
    )
    exporter.register_preprocessor(NotebookLinks(), enabled=True)
    return exporter


def plain(markdown: str) -> str:
    """Markdown reduced to one line of plain text: no images, link targets, emphasis or line breaks."""
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", markdown))
    return " ".join(_MD_EMPHASIS.sub("", text).split())


def _markdown_paragraphs(nb: nbformat.NotebookNode) -> list[str]:
    """The blank-line-separated paragraphs of all markdown cells, in notebook order."""
    paragraphs = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n", cell.source) if p.strip()]
    return paragraphs


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """Text of the notebook's first markdown heading, or `fallback` when it has none."""
    for paragraph in _markdown_paragraphs(nb):
        for line in paragraph.splitlines():
            m = _HEADING.match(line)
            if m:
                return plain(m.group(1))
    return fallback


def notebook_abstract(nb: nbformat.NotebookNode) -> str:
    """The first paragraph of prose after the notebook's first heading, as one line of plain text."""
    seen_heading = False
    for paragraph in _markdown_paragraphs(nb):
        lines = paragraph.splitlines()
        if _HEADING.match(lines[0]):
            seen_heading = True
            lines = lines[1:]  # a heading line directly followed by its text, without a blank line
        text = plain("\n".join(line for line in lines if not _HEADING.match(line)))
        if seen_heading and text and not text.startswith(("<", "|", "---")):
            return _shorten(text, ABSTRACT_CHARS)
    return ""


def first_image_output(nb: nbformat.NotebookNode) -> bytes | None:
    """The PNG bytes of the notebook's first image output, if any."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                return base64.b64decode(data["image/png"])
    return None


def render_notebook(exporter: HTMLExporter, path: Path, out: Path, figures: Path) -> NotebookEntry:
    """Write notebooks/<stem>.html into the site at `out`; return the notebook's index entry."""
    nb = nbformat.read(path, as_version=4)
    title = notebook_title(nb, path.stem)
    resources = {
        "metadata": {"name": title, "path": str(path.parent)},
        "site": {"css": FONT_FACE.format(family=FONT_FAMILY, prefix="../", file=FONT_FILE) + NOTEBOOK_CSS,
                 "nav": NAV, "script": TOGGLE_SCRIPT},
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    page = out / "notebooks" / f"{path.stem}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(charts_to_files(body, page.parent, path.stem), encoding="utf-8")
    return NotebookEntry(path.stem, title, notebook_abstract(nb), f"notebooks/{page.name}",
                         _thumbnail(nb, path.stem, out, figures))


_INLINE_IMAGE = re.compile(r'<img\b(?P<before>[^>]*?)\bsrc="data:image/(?P<kind>png|jpeg);base64,(?P<data>[^"]+)"'
                           r'(?P<after>[^>]*)>')


def charts_to_files(body: str, folder: Path, stem: str) -> str:
    """The page's inline images written to <folder>/<stem>/chart-NN.png (or .jpeg) and each shown through a
    link to its file, so that a tap on a phone opens the chart at full size, where its labels can be read
    and zoomed; the same page gives the same files."""
    count = 0

    def extract(match: re.Match) -> str:
        nonlocal count
        count += 1
        name = f"{stem}/chart-{count:02d}.{match['kind']}"
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(match["data"]))
        return (f'<a class="chart-full" href="{_e(name)}" title="Open the chart at full size">'
                f'<img{match["before"]}src="{_e(name)}"{match["after"]}></a>')

    return _INLINE_IMAGE.sub(extract, body)


def _thumbnail(nb: nbformat.NotebookNode, stem: str, out: Path, figures: Path) -> str | None:
    """Site path of a small copy of the notebook's key chart: its first saved figure, else its first image output."""
    saved = sorted((figures / stem).glob("*.png")) if (figures / stem).is_dir() else []
    if saved:
        return f"thumbnails/figures/{stem}/{saved[0].name}"
    png = first_image_output(nb)
    if png is None:
        return None
    target = out / "thumbnails" / f"{stem}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(shrink_png(png))
    return f"thumbnails/{stem}.png"


def shrink_png(data: bytes, width: int = THUMBNAIL_WIDTH) -> bytes:
    """A PNG scaled down to `width` pixels (never up) in 256 colours, without metadata.

    A chart has few colours, so the palette costs nothing visible and a third of the bytes;
    the same input gives the same bytes.
    """
    with Image.open(io.BytesIO(data)) as image:
        small = image.convert("RGB")
        if small.width > width:
            small = small.resize((width, round(small.height * width / small.width)), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        small.quantize(colors=256).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def corpus_summary(seeds: Path) -> CorpusSummary:
    """Counts of the parsed corpus in `seeds`, and one row per document for the index."""
    # the text stages only: the index needs the documents and their sentences, not the language layer
    tables = parse_corpus(policytext.load_corpus(seeds), disable=OPTIONAL_STAGES)
    docs = tables.documents
    dates = sorted([d for d in docs["written_from"] if d] + [d for d in docs["written_to"] if d])
    openings = tables.sentences.groupby("doc_id", sort=False)["text"].first()
    rows = [
        {
            "doc_id": row["doc_id"], "title": row["title"], "region": row["region"],
            "written": row["date_written"].replace("/", " to "),
            "script": row["script"], "sentences": str(row["sentences"]), "clauses": str(row["clauses"]),
            "opening": _shorten(openings.get(row["doc_id"], ""), OPENING_CHARS),
        }
        for row in docs.to_dict("records")
    ]
    return CorpusSummary(
        n_documents=len(docs),
        regions=_counts(docs["region"]),
        scripts=_counts(docs["script"]),
        first_date=dates[0] if dates else "",
        last_date=dates[-1] if dates else "",
        sentences=len(tables.sentences),
        clauses=len(tables.clauses),
        documents=rows,
    )


def _counts(column: pd.Series) -> list[tuple[str, int]]:
    """(value, count) pairs, most frequent first; an empty value counts as 'unknown'."""
    counts = column.replace("", "unknown").value_counts()
    return sorted(((str(k), int(v)) for k, v in counts.items()), key=lambda kv: (-kv[1], kv[0]))


def _shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters with an ellipsis, at a space when there is one near the end."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)  # Chinese has no spaces between words: then cut at the limit
    return text[: cut if cut > 0 else limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Figure:
    """One chart of the gallery: the full image, its small copy, and what it shows and where it comes from."""

    path: str
    thumbnail: str
    title: str
    notebook: str
    source: str


def copy_figures(figures: Path, out: Path) -> list[Figure]:
    """Copy every PNG under `figures` to <out>/figures/ (sub-folders kept) with a small copy under
    <out>/thumbnails/figures/; the caption is the chart title and notebook stored in the PNG by savefig."""
    found = []
    for png in sorted(figures.rglob("*.png")) if figures.is_dir() else []:
        rel = png.relative_to(figures).as_posix()
        target = out / "figures" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
        thumb = out / "thumbnails" / "figures" / rel
        thumb.parent.mkdir(parents=True, exist_ok=True)
        thumb.write_bytes(shrink_png(png.read_bytes()))
        text = png_text(png)
        source = text.get("Source", "")
        notebook = Path(source).stem if source.endswith(".ipynb") else ""
        found.append(Figure(f"figures/{rel}", f"thumbnails/figures/{rel}", text.get("Title", ""), notebook, source))
    return found


def site_characters(out: Path) -> str:
    """Every character of the site's pages that the CJK font is declared for (CJK_RANGES), sorted."""
    text = "".join(page.read_text(encoding="utf-8") for page in sorted(out.rglob("*.html")))
    # set(text) first: the pages hold megabytes of inlined images, but only a few thousand distinct characters.
    return "".join(sorted(c for c in set(text) if any(lo <= ord(c) <= hi for lo, hi in CJK_RANGES)))


def copy_font(out: Path, characters: str) -> Path:
    """Write the shipped CJK font, cut to `characters`, as WOFF to <out>/fonts/ so every page can use it offline.

    The subset keeps every name and layout feature of the font and no timestamp, so the same characters
    give the same bytes.
    """
    options = subset.Options()
    options.flavor = "woff"
    options.desubroutinize = True  # compresses better
    options.name_IDs = ["*"]
    options.layout_features = ["*"]
    target = out / "fonts" / FONT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    # closed on leaving: a lazy TTFont keeps its 16 MB source file open until then
    with TTFont(font_path(), recalcTimestamp=False, lazy=True) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in characters])
        subsetter.subset(font)
        font.flavor = "woff"
        font.save(str(target))
    return target


def _e(value: object) -> str:
    """`value` as HTML-escaped text, safe inside element content and quoted attributes."""
    return html.escape(str(value), quote=True)


def _summary_html(summary: CorpusSummary) -> str:
    """The corpus counts as a definition list."""
    regions = ", ".join(f"{_e(name)} ({n})" for name, n in summary.regions)
    scripts = ", ".join(f"{_e(name)} ({n})" for name, n in summary.scripts)
    dates = f"{_e(summary.first_date)} to {_e(summary.last_date)}" if summary.first_date else "unknown"
    items = [
        ("Documents", str(summary.n_documents)), ("Regions", regions), ("Written", dates),
        ("Scripts", scripts), ("Sentences", str(summary.sentences)), ("Clauses", str(summary.clauses)),
    ]
    return '<dl class="summary">\n' + "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items) + "\n</dl>"


def _documents_html(summary: CorpusSummary) -> str:
    """One table row per document."""
    head = ("doc_id", "title", "region", "written", "script", "sentences", "clauses", "opening")
    classes = {"doc_id": "nowrap", "written": "nowrap", "sentences": "num", "clauses": "num", "title": "title",
               "opening": "opening"}
    # data-label: the column's name, shown before the cell when the table is laid out as cards on a phone
    rows = [
        "<tr>" + "".join(
            f'<td class="{classes[k]}" data-label="{k}">{_e(doc[k])}</td>' if k in classes
            else f'<td data-label="{k}">{_e(doc[k])}</td>' for k in head
        ) + "</tr>"
        for doc in summary.documents
    ]
    return ('<div class="scroll">\n<table class="documents">\n<thead><tr>' + "".join(f"<th>{k}</th>" for k in head)
            + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>")


def _notebooks_html(entries: list[NotebookEntry]) -> str:
    """The list of notebooks, each with its thumbnail, title and abstract."""
    if not entries:
        return "<p>No notebooks yet.</p>"
    items = []
    for entry in entries:
        thumb = (f'<a href="{_e(entry.page)}"><img src="{_e(entry.thumbnail)}" alt="Key chart of {_e(entry.title)}">'
                 "</a>" if entry.thumbnail else "")
        items.append(f'<li>{thumb}<div><h3><a href="{_e(entry.page)}">{_e(entry.title)}</a></h3>'
                     f"<p>{_e(entry.abstract)}</p></div></li>")
    return '<ol class="notebooks">\n' + "\n".join(items) + "\n</ol>"


def _gallery_html(figures: list[Figure], entries: list[NotebookEntry]) -> str:
    """Every figure as a linked small image, captioned with its chart title and the notebook it comes from."""
    if not figures:
        return "<p>No figures yet.</p>"
    titles = {entry.stem: (entry.title, entry.page) for entry in entries}
    items = []
    for fig in figures:
        caption = _e(fig.title or fig.path.removeprefix("figures/"))
        if fig.notebook in titles:
            name, page = titles[fig.notebook]
            caption += f'<span class="from">from <a href="{_e(page)}">{_e(name)}</a></span>'
        elif fig.source:
            caption += f'<span class="from">from {_e(fig.source)}</span>'
        image = f'<img src="{_e(fig.thumbnail)}" alt="{_e(fig.title or fig.path)}">'
        items.append(f'<figure><a href="{_e(fig.path)}">{image}</a><figcaption>{caption}</figcaption></figure>')
    return '<div class="gallery">\n' + "\n".join(items) + "\n</div>"


def render_index(summary: CorpusSummary, entries: list[NotebookEntry], figures: list[Figure]) -> str:
    """The index page; every string that comes from documents or notebooks is HTML-escaped."""
    font_face = FONT_FACE.format(family=FONT_FAMILY, prefix="", file=FONT_FILE)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{_e(TITLE)}</title>
<style>
{font_face}
{INDEX_CSS}
</style>
</head>
<body>
<header>
<h1>{_e(TITLE)}</h1>
<p>Quantitative analyses of Chinese science-and-technology innovation policy texts from the
Chengdu–Chongqing region (成渝地区), rendered from the executed notebooks.</p>
</header>
<main>
<section id="corpus">
<h2>The corpus</h2>
{_summary_html(summary)}
</section>
<section id="notebooks">
<h2>Notebooks</h2>
{_notebooks_html(entries)}
</section>
<section id="documents">
<h2>The documents</h2>
<p>One row per document of the corpus, with the first sentence of its clean text.</p>
{_documents_html(summary)}
</section>
<section id="figures">
<h2>Figure gallery</h2>
{_gallery_html(figures, entries)}
</section>
</main>
</body>
</html>
"""


def _clear(out: Path) -> None:
    """Remove what an earlier build wrote, so a deleted notebook or figure leaves no stale page."""
    for name in OWNED:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def build_site(
    out: Path,
    notebooks_dir: Path = ROOT / "notebooks",
    figures_dir: Path = ROOT / "figures",
    seeds: Path = ROOT / "seeds",
) -> Path:
    """Build the site into `out` from the notebooks, figures and corpus given; return index.html's path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _clear(out)
    figures = copy_figures(Path(figures_dir), out)
    exporter = make_exporter()
    notebooks = sorted(Path(notebooks_dir).glob("*.ipynb"))
    entries = [render_notebook(exporter, path, out, Path(figures_dir)) for path in notebooks]
    index = out / "index.html"
    index.write_text(render_index(corpus_summary(Path(seeds)), entries, figures), encoding="utf-8")
    copy_font(out, site_characters(out))  # last: the font is cut to the characters of the finished pages
    return index


def main(argv: list[str] | None = None) -> int:
    """Command line: build the site and print where its index is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site", help="output folder (default build/site)")
    parser.add_argument("--notebooks-dir", type=Path, default=ROOT / "notebooks", help="executed notebooks to render")
    parser.add_argument("--figures-dir", type=Path, default=ROOT / "figures", help="the notebooks' saved figures")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="the corpus folder the index summarises")
    args = parser.parse_args(argv)
    warnings.showwarning = lambda message, *_args, **_kw: print(f"warning: {message}", file=sys.stderr)
    try:
        print(build_site(args.out, args.notebooks_dir, args.figures_dir, args.seeds))
    except CorpusError as exc:
        print(f"error: {exc} (the site was not rebuilt)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    sys.exit(main())
