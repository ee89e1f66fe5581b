"""Execute every notebook in notebooks/ in place, deterministically (used by `make notebooks`).

Cells run with the notebook folder as working directory; execution timestamps and kernel
metadata that change from run to run are stripped, so a second run changes no byte.
With --output-dir the executed copies go there and the originals stay untouched (`make notebooks
CORPUS=folder` and the tests use this with POLICYTEXT_SEEDS / POLICYTEXT_FIGURES to run the collection
on another corpus). A notebook that fails is reported in one line (notebook, cell, error) and not
written; the exit status is then 1, so `make` stops before rebuilding the site.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def _scrub(nb: nbformat.NotebookNode) -> None:
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)


class NotebookFailed(Exception):
    """A notebook stopped with an error: the message is one line naming the notebook, cell and error."""


def _cell_number(nb: nbformat.NotebookNode, error: CellExecutionError) -> str:
    """'cell N' (1-based among code cells) of the cell whose output holds the error, or '' if unknown."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"code cell {i}"
    return ""


def run(path: Path, output: Path | None = None) -> float:
    """Execute one notebook (in place, or into `output`); return the seconds it took.

    Raises NotebookFailed with a one-line message when a cell raises; nothing is written then.
    """
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    # The kernel talks to us over local IPC sockets in a private folder, not over unencrypted TCP
    # (which makes every kernel print a warning, and which nothing here needs).
    with tempfile.TemporaryDirectory(prefix="policytext-kernel-") as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except CellExecutionError as exc:
            where = _cell_number(nb, exc)
            value = " ".join(str(exc.evalue).split())[:300]
            raise NotebookFailed(f"{path.name}: {where + ' raised ' if where else ''}{exc.ename}: {value}") from None
        finally:
            if km.has_kernel:  # a kernel manager passed in is ours to shut down
                km.shutdown_kernel()
    elapsed = time.perf_counter() - start
    _scrub(nb)
    nbformat.write(nb, output or path)
    return elapsed


def _run_one(path: Path, output: Path | None) -> float | str:
    try:
        return run(path, output)
    except NotebookFailed as exc:
        return str(exc)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: all)")
    parser.add_argument("--output-dir", type=Path, help="write executed copies here instead of in place")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once (default: cores)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print("no notebooks in notebooks/")
        return 0
    if args.output_dir:
        args.output_dir.mkdir(parents=True, exist_ok=True)
    targets = [args.output_dir / p.name if args.output_dir else None for p in paths]
    # Each notebook runs in its own kernel process, so threads are enough to use every core.
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(_run_one, paths, targets))
    failed = [r for r in results if isinstance(r, str)]
    for path, result in zip(paths, results, strict=True):
        if not isinstance(result, str):
            print(f"{path.name}: {result:.1f} s")
    for message in failed:
        print(f"error: {message} (this notebook was not written; the site is not rebuilt)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    from policytext.errors import show_warnings_plainly

    show_warnings_plainly()  # each warning on one line, as the command line prints them
    sys.exit(main(sys.argv[1:]))
