"""One house style for charts, with the bundled Noto Sans CJK SC font so Chinese never shows as boxes."""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import matplotlib

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
    """Register the CJK font with matplotlib and apply the house style; return the font path."""
    from matplotlib import font_manager

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
            "axes.titleweight": "bold",
            "figure.dpi": 100,
            "savefig.dpi": 120,
            "savefig.bbox": "tight",
            "svg.hashsalt": "policytext",
            "path.simplify": True,
        }
    )
    return path


def savefig(fig, notebook: str, name: str, root: str | Path = "figures") -> Path:
    """Save `fig` as PNG under figures/<notebook>/<name>.png with no date in its metadata."""
    out = Path(root) / notebook
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    fig.savefig(path, metadata={"Software": None}, facecolor="white")
    return path
