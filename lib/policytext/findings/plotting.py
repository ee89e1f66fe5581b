"""One house style for charts, with the bundled Noto Sans CJK SC font so Chinese never shows as boxes."""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import matplotlib
import matplotlib.dates
import matplotlib.patches
import numpy as np

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_NAME = "Noto Sans CJK SC"
PALETTE = ["#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f"]


def font_path() -> Path:
    """Path of the bundled CJK font (shipped by the mplfonts package)."""
    spec = find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package is missing: run `make install`")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.exists():
        raise RuntimeError(f"{path} is missing: reinstall mplfonts")
    return path


@lru_cache(maxsize=1)
def setup() -> Path:
    """Register the CJK font with matplotlib, apply the house style and show warnings as one line each.

    Every notebook calls this first, so a repaired input reads 'warning: ../seeds/x.txt: …' in its
    output rather than the library's source path and line.
    """
    from matplotlib import font_manager

    from ..errors import show_warnings_plainly

    show_warnings_plainly()
    path = font_path()
    font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_NAME, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 12,
            "axes.titleweight": "normal",
            "figure.dpi": 100,
            "savefig.dpi": 120,
            "savefig.bbox": "tight",
            "svg.hashsalt": "policytext",
            "path.simplify": True,
        }
    )
    return path


def chart_title(fig) -> str:
    """The chart's title as a reader sees it: the figure's suptitle, else the first axes title, else ''."""
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    titles = [suptitle] + [ax.get_title() for ax in fig.axes]
    return next((" ".join(t.split()) for t in titles if t.strip()), "")


def savefig(fig, notebook: str, name: str, root: str | Path = "figures", source: str | None = None) -> Path:
    """Save `fig` as PNG under figures/<notebook>/<name>.png; its title goes into the PNG's `Title` text.

    `Source` says what made the chart: notebooks/<notebook>.ipynb unless `source` (a script's path) is given.
    The metadata carries nothing that changes from run to run (no date, no software version), so the
    same chart gives the same bytes; the site's gallery reads title and source back as the caption.
    The PNG is written to a temporary file beside it and renamed into place, so that a reader (the site
    build) never finds a half-written chart.
    """
    import os
    import tempfile

    out = Path(root) / notebook
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    metadata = {"Software": None, "Title": chart_title(fig) or None, "Source": source or f"notebooks/{notebook}.ipynb"}
    handle, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".png.part", dir=out)
    try:
        with os.fdopen(handle, "wb") as f:
            fig.savefig(f, format="png", metadata=metadata, facecolor="white")
        os.chmod(partial, 0o644)  # mkstemp's 0600 would make the chart unreadable to others
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return path


def png_text(path: str | Path) -> dict[str, str]:
    """The text chunks of a PNG file (`Title`, `Source`, …), as savefig wrote them."""
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        return {str(k): str(v) for k, v in getattr(image, "text", {}).items()}


def publish(fig, notebook: str, name: str, root: str | Path | None = None) -> None:
    """Save `fig` to figures/<notebook>/<name>.png, show it once in the notebook, and close it.

    Returns nothing, so a cell ending with it shows the chart and no other output.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    from ..paths import figures_dir

    savefig(fig, notebook, name, root=figures_dir() if root is None else root)
    display(fig)
    plt.close(fig)


MAX_ROWS = 20  # bars or heatmap rows/columns beyond this are summarised in one "other (n, mean)" entry


def top_rows(data, n: int = MAX_ROWS):
    """`data` (Series or DataFrame) with at most `n` rows: the n − 1 largest (by value, or row total) in
    their given order, then one row 'other (k, mean)' holding the mean of the k others; unchanged when
    it has n rows or fewer. Keeps charts legible at 40–200 documents."""
    import pandas as pd

    if len(data) <= n:
        return data
    size = data if isinstance(data, pd.Series) else data.sum(axis=1, numeric_only=True)
    order = pd.Series(size.to_numpy(dtype=float), index=range(len(size))).sort_values(ascending=False, kind="stable")
    keep = sorted(order.index[: n - 1])
    rest = [i for i in range(len(data)) if i not in set(keep)]
    label = f"other ({len(rest)}, mean)"
    if isinstance(data, pd.Series):
        return pd.concat([data.iloc[keep], pd.Series([data.iloc[rest].mean()], index=[label])])
    return pd.concat([data.iloc[keep], data.iloc[rest].mean(numeric_only=True).to_frame(label).T])


MAX_SEGMENTS = 8  # stacked segments (legend entries) beyond this are summed in one "other (n)" segment


def top_segments(frame, n: int = MAX_SEGMENTS):
    """`frame` with at most `n` columns: the n − 1 with the largest totals in their given order, then
    'other (k)' holding the sum of the k others (segments of a stacked bar add up, so the bar keeps its
    length); unchanged when it has n columns or fewer."""
    if frame.shape[1] <= n:
        return frame
    totals = frame.sum(axis=0).to_numpy(dtype=float)
    order = sorted(range(len(totals)), key=lambda i: (-totals[i], i))
    keep = sorted(order[: n - 1])
    rest = [i for i in range(frame.shape[1]) if i not in set(keep)]
    out = frame.iloc[:, keep].copy()
    out[f"other ({len(rest)})"] = frame.iloc[:, rest].sum(axis=1)
    return out


def _tall(figsize, rows: int):
    """`figsize` made tall enough for `rows` bars or heatmap rows."""
    return (figsize[0], max(figsize[1], 0.32 * rows + 1.5))


def _fig(figsize=(8, 4.5)):
    import matplotlib.pyplot as plt

    setup()
    return plt.subplots(figsize=figsize)


def barh(values, title: str, xlabel: str = "", color: str | None = None, figsize=(8, 4.5), fmt: str = "{:g}"):
    """Horizontal bars of a Series (largest at the top), each labelled with its value (at most MAX_ROWS bars)."""
    values = top_rows(values)
    fig, ax = _fig(_tall(figsize, len(values)))
    data = values.iloc[::-1]
    bars = ax.barh([str(i) for i in data.index], data.values, color=color or PALETTE[0])
    ax.bar_label(bars, labels=[fmt.format(v) for v in data.values], padding=3, fontsize=9)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.margins(x=0.12)
    fig.tight_layout()
    return fig


def stacked_barh(frame, title: str, xlabel: str = "", figsize=(8, 4.5), colors=None):
    """Horizontal stacked bars: one bar per row of `frame`, one segment per column (at most MAX_ROWS bars and
    MAX_SEGMENTS segments)."""
    frame = top_segments(top_rows(frame))
    fig, ax = _fig(_tall(figsize, len(frame)))
    data = frame.iloc[::-1]
    left = None
    for k, column in enumerate(data.columns):
        values = data[column].to_numpy(dtype=float)
        ax.barh([str(i) for i in data.index], values, left=left, label=str(column),
                color=(colors or PALETTE)[k % len(colors or PALETTE)])
        left = values if left is None else left + values
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def heatmap(frame, title: str, fmt: str = "{:.0f}", cmap: str = "Blues", figsize=(7, 4)):
    """A labelled heatmap of a numeric DataFrame, each cell annotated (at most MAX_ROWS rows and columns)."""
    frame = top_rows(top_rows(frame).T).T
    fig, ax = _fig(_tall((max(figsize[0], 0.45 * frame.shape[1] + 4), figsize[1]), len(frame)))
    values = frame.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(frame.shape[1]), [str(c) for c in frame.columns], rotation=30, ha="right")
    ax.set_yticks(range(frame.shape[0]), [str(i) for i in frame.index])
    high = values.max() if values.size else 0
    for (r, c), v in np.ndenumerate(values):
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=9,
                color="white" if high and v > 0.6 * high else "black")
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.8)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def word_cloud(frequencies: dict, title: str, figsize=(8, 4.5), max_words: int = 120):
    """A word cloud of term frequencies, drawn with the bundled CJK font (fixed random_state)."""
    from wordcloud import WordCloud

    cloud = WordCloud(
        font_path=str(setup()), width=1200, height=650, background_color="white", random_state=0,
        max_words=max_words, colormap="viridis", prefer_horizontal=1.0, collocations=False,
    ).generate_from_frequencies(frequencies)
    fig, ax = _fig(figsize)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.axis("off")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def network(graph, title: str, weight: str = "count", seed: int = 0, figsize=(8, 6)):
    """A co-occurrence network: node size by weighted degree, edge width by `weight`."""
    import networkx as nx

    fig, ax = _fig(figsize)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)))
    pos = nx.spring_layout(ordered, seed=seed, weight=weight, k=0.9)
    strength = dict(ordered.degree(weight=weight))
    top = max(strength.values()) if strength else 1
    widths = [0.5 + 3 * d[weight] / max(1, max(e[weight] for _, _, e in ordered.edges(data=True)))
              for _, _, d in ordered.edges(data=True)]
    nx.draw_networkx_edges(ordered, pos, ax=ax, width=widths, alpha=0.35, edge_color=PALETTE[6])
    nx.draw_networkx_nodes(ordered, pos, ax=ax, node_size=[150 + 1200 * strength[n] / top for n in ordered.nodes],
                           node_color=PALETTE[0], alpha=0.8)
    nx.draw_networkx_labels(ordered, pos, ax=ax, font_family=FONT_NAME, font_size=9)
    ax.axis("off")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def grouped_barh(frame, title: str, xlabel: str = "", figsize=(8, 4.5)):
    """Horizontal bars side by side: one group per row of `frame`, one bar per column (at most MAX_ROWS groups)."""
    frame = top_rows(frame)
    fig, ax = _fig(_tall(figsize, len(frame) * max(1, len(frame.columns)) * 0.5))
    data = frame.iloc[::-1]
    n = len(data.columns)
    height = 0.8 / n
    positions = np.arange(len(data))
    for k, column in enumerate(data.columns):
        ax.barh(positions + (k - (n - 1) / 2) * height, data[column].to_numpy(dtype=float), height=height,
                label=str(column), color=PALETTE[k % len(PALETTE)])
    ax.set_yticks(positions, [str(i) for i in data.index])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def timeline(documents, title: str, figsize=(8, 3.2)):
    """Documents on a time axis by when they were written, one band per region, labelled with their doc_id
    (the index of `documents`). A written date known only as a period or range (`written_from` to
    `written_to`) is drawn as a bar over that span; an exact day as a dot.

    Within a region each document takes the lowest lane where its label clears the labels already there
    (widths measured as drawn), so labels of one region never print over each other; the figure grows
    taller when its lanes need more height than `figsize` gives. Documents without a written date are left out (the
    notebook says how many).
    """
    import pandas as pd

    fig, ax = _fig(figsize)
    dated = documents["written_from"].fillna("").astype(str).str.match(r"^\d{4}")
    documents = documents[dated]
    regions = sorted(documents["region"].unique())
    spans = {doc_id: (pd.Timestamp(row["written_from"]), pd.Timestamp(row["written_to"]))
             for doc_id, row in documents.iterrows()}
    if spans:
        first, last = min(s for s, _ in spans.values()), max(e for _, e in spans.values())
        margin = max(pd.Timedelta(days=30), (last - first) * 0.08)  # room for the first and last labels
        ax.set_xlim(first - margin, last + margin)
    ax.set_title(title)
    fig.autofmt_xdate()
    renderer = fig.canvas.get_renderer()
    labelled = len(documents) <= MAX_ROWS
    lanes: dict[str, int] = {}
    band_lanes: list[int] = []
    for region in regions:
        rows = documents[documents["region"] == region].sort_values(["written_from", "written_to"])
        ends: list[float] = []  # right edge (pixels) of the last label in each lane
        for doc_id in sorted(rows.index, key=lambda d: (spans[d][0] + (spans[d][1] - spans[d][0]) / 2, d)):
            start, end = spans[doc_id]
            if not labelled:  # beyond MAX_ROWS documents labels would smear: one lane per region, no labels
                lanes[doc_id] = 0
                continue
            probe = ax.text(start + (end - start) / 2, 0, doc_id, fontsize=8, ha="center")
            box = probe.get_window_extent(renderer)
            probe.remove()
            # a label also clears the previous one's bar: the span counts as part of its footprint
            left = min(box.x0, ax.transData.transform((matplotlib.dates.date2num(start), 0))[0])
            right = max(box.x1, ax.transData.transform((matplotlib.dates.date2num(end), 0))[0])
            lane = next((i for i, e in enumerate(ends) if e + 6 <= left), len(ends))
            if lane == len(ends):
                ends.append(right)
            ends[lane] = right
            lanes[doc_id] = lane
        band_lanes.append(max(1, len(ends)))
    base = [sum(band_lanes[:k]) for k in range(len(regions))]
    for k, region in enumerate(regions):
        color = PALETTE[k % len(PALETTE)]
        for doc_id in documents[documents["region"] == region].index:
            start, end = spans[doc_id]
            y = base[k] + lanes[doc_id]
            if end > start:
                ax.plot([start, end], [y, y], color=color, linewidth=7, alpha=0.55, solid_capstyle="butt", zorder=2)
            else:
                ax.scatter([start], [y], s=80, color=color, zorder=3)
            if labelled:
                ax.annotate(doc_id, (start + (end - start) / 2, y), textcoords="offset points", xytext=(0, 7),
                            ha="center", fontsize=8)
        if k:
            ax.axhline(base[k] - 0.5, color="#ccc", linewidth=0.8)
    ax.set_yticks([b + (n - 1) / 2 for b, n in zip(base, band_lanes, strict=True)], regions)
    total = sum(band_lanes)
    ax.set_ylim(-0.6, total - 0.2)
    ax.grid(axis="x", alpha=0.3)
    # a lane needs 0.34 inch (a dot or bar and its label above it) besides 1.5 inches of title and date
    # axis: the figure grows only when its lanes need more than `figsize` gives
    fig.set_size_inches(figsize[0], max(figsize[1], 1.5 + 0.34 * total))
    fig.tight_layout()
    return fig


def diverging_barh(values, title: str, xlabel: str, labels: tuple[str, str], figsize=(8, 6)):
    """Bars left and right of zero (e.g. keyness z): positive values favour labels[0], negative labels[1]."""
    fig, ax = _fig(figsize)
    data = values.iloc[::-1]
    colors = [PALETTE[0] if v > 0 else PALETTE[1] for v in data.values]
    ax.barh([str(i) for i in data.index], data.values, color=colors)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    handles = [matplotlib.patches.Patch(color=PALETTE[0], label=labels[0]),
               matplotlib.patches.Patch(color=PALETTE[1], label=labels[1])]
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def reuse_map(documents, edges, title: str, figsize=(10, 5.5)):
    """Text reuse between documents placed by when they were written (x) and their region (lanes).

    `documents` (index doc_id) needs region, written_from, written_to; `edges` needs source_doc,
    target_doc, chars and direction. Edge width grows with the characters two documents share; an arrow
    runs from the earlier written document to the later, a plain line where the order is unknown.
    """
    import pandas as pd
    from matplotlib.patches import FancyArrowPatch

    fig, ax = _fig(figsize)
    regions = sorted(documents["region"].unique(), key=lambda r: (r != "National", r))
    pos = {}
    for lane, region in enumerate(regions):
        # a document with no known written date has no place on the time axis (its arrows would be NaN paths)
        dated = documents["written_from"].fillna("") != ""
        rows = documents[(documents["region"] == region) & dated].sort_values(["written_from", "written_to"])
        for k, (doc_id, row) in enumerate(rows.iterrows()):
            start, end = pd.Timestamp(row["written_from"]), pd.Timestamp(row["written_to"])
            middle = start + (end - start) / 2
            pos[doc_id] = (middle.year + (middle.day_of_year - 1) / 366, lane + 0.28 * ((k % 3) - 1))
    top = max(edges["chars"].max(), 1) if len(edges) else 1
    # Every document is labelled while the labels stay legible; beyond MAX_ROWS, those of the heaviest edges.
    heavy = edges.sort_values(["chars", "source_doc", "target_doc"], ascending=[False, True, True])
    labelled = set(pos) if len(pos) <= MAX_ROWS else set(
        list(dict.fromkeys(d for pair in zip(heavy["source_doc"], heavy["target_doc"], strict=True) for d in pair
                           if d in pos))[:MAX_ROWS])
    for e in edges.sort_values(["chars", "source_doc", "target_doc"]).itertuples():
        if e.source_doc not in pos or e.target_doc not in pos:
            continue
        arrow = FancyArrowPatch(
            pos[e.source_doc], pos[e.target_doc], connectionstyle="arc3,rad=0.18",
            arrowstyle="-|>" if e.direction == "forward" else "-", mutation_scale=10,
            linewidth=0.6 + 5 * e.chars / top, color=PALETTE[6], alpha=0.45, shrinkA=7, shrinkB=7, zorder=1,
        )
        ax.add_patch(arrow)
    for lane, region in enumerate(regions):
        ids = [d for d in documents.index[documents["region"] == region] if d in pos]
        if not ids:
            continue
        xs, ys = zip(*(pos[d] for d in ids), strict=True)
        ax.scatter(xs, ys, s=70, color=PALETTE[lane % len(PALETTE)], zorder=3, label=region)
        for d in ids:
            if d in labelled:
                ax.annotate(d, pos[d], textcoords="offset points", xytext=(0, 7), ha="center", fontsize=7, zorder=4)
    ax.set_yticks(range(len(regions)), regions)
    ax.set_ylim(-0.7, len(regions) - 0.3)
    ax.set_xlabel("year written")
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def _grid(n: int, ncols: int, size: float, polar: bool = False):
    import matplotlib.pyplot as plt

    setup()
    nrows = max(1, -(-n // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + 0.6), squeeze=False,
                             subplot_kw={"projection": "polar"} if polar else None)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat)


def heatmap_grid(matrices: dict, title: str, vmin: float = 0.0, vmax: float = 1.0, ncols: int = 5, fmt: str = "{:.2f}"):
    """Small multiples of annotated heatmaps on one colour scale, one per labelled matrix (e.g. PMC surfaces);
    the first MAX_ROWS matrices only, the title saying so when there are more."""
    if len(matrices) > MAX_ROWS:
        title = f"{title} (first {MAX_ROWS} of {len(matrices)})"
        matrices = dict(list(matrices.items())[:MAX_ROWS])
    fig, axes = _grid(len(matrices), ncols, 2.6)
    image = None
    for k, (ax, (label, frame)) in enumerate(zip(axes, matrices.items(), strict=False)):
        values = frame.to_numpy(dtype=float)
        image = ax.imshow(values, cmap="Blues", vmin=vmin, vmax=vmax)
        ax.set_xticks(range(frame.shape[1]), [str(c) for c in frame.columns], fontsize=7)
        # row labels once per row of panels: they are the same in every panel
        ax.set_yticks(range(frame.shape[0]), [str(i) for i in frame.index] if k % ncols == 0 else [], fontsize=7)
        for (r, c), v in np.ndenumerate(values):
            ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=7,
                    color="white" if v > vmin + 0.6 * (vmax - vmin) else "black")
        ax.spines[:].set_visible(False)
        ax.set_title(str(label), fontsize=8)
    if image is not None:
        fig.colorbar(image, ax=axes[: len(matrices)], shrink=0.6)
    fig.suptitle(title)
    return fig


def radar_grid(frame, title: str, vmax: float = 1.0, ncols: int = 5):
    """Small multiples of radar charts: one per row of `frame`, one spoke per column (e.g. PMC X1..X10); the
    first MAX_ROWS rows only, the title saying so when there are more."""
    if len(frame) > MAX_ROWS:
        title = f"{title} (first {MAX_ROWS} of {len(frame)})"
        frame = frame.iloc[:MAX_ROWS]
    fig, axes = _grid(len(frame), ncols, 2.6, polar=True)
    spokes = np.linspace(0, 2 * np.pi, frame.shape[1], endpoint=False)
    closed = np.append(spokes, spokes[0])
    for ax, (label, row) in zip(axes, frame.iterrows(), strict=False):
        values = row.to_numpy(dtype=float)
        ax.plot(closed, np.append(values, values[0]), color=PALETTE[0], linewidth=1.2)
        ax.fill(closed, np.append(values, values[0]), color=PALETTE[0], alpha=0.25)
        ax.set_xticks(spokes, [str(c) for c in frame.columns], fontsize=7)
        ax.set_ylim(0, vmax)
        ax.set_yticks([vmax / 2, vmax], ["", ""])
        ax.set_title(str(label), fontsize=8, pad=10)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def scaling(sizes, seconds, title: str, ylabel: str, xlabel: str = "documents", figsize=(7, 4)):
    """Time against corpus size, measured points with a least-squares line (the benchmarks' charts)."""
    fig, ax = _fig(figsize)
    x, y = np.asarray(sizes, dtype=float), np.asarray(seconds, dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    ax.plot(x, y, "o", color=PALETTE[0], label="measured")
    grid = np.linspace(0, x.max(), 50)
    ax.plot(grid, slope * grid + intercept, "-", color=PALETTE[1],
            label=f"linear fit: {1000 * slope:.1f} s per 1,000 documents")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig
