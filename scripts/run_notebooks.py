"""Execute every notebook in notebooks/ in place, deterministically (used by `make notebooks`).

Cells run with the notebook folder as working directory; execution timestamps and kernel
metadata that change from run to run are stripped, so a second run changes no byte.
With --output-dir the executed copies go there and the originals stay untouched (tests use
this with POLICYTEXT_SEEDS / POLICYTEXT_FIGURES to run the collection on another corpus).
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

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def _scrub(nb: nbformat.NotebookNode) -> None:
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)


def run(path: Path, output: Path | None = None) -> float:
    """Execute one notebook (in place, or into `output`); return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    # The kernel talks to us over local IPC sockets in a private folder, not over unencrypted TCP
    # (which makes every kernel print a warning, and which nothing here needs).
    with tempfile.TemporaryDirectory(prefix="policytext-kernel-") as sockets:
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        try:
            NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(path.parent)}}).execute()
        finally:
            if km.has_kernel:  # a kernel manager passed in is ours to shut down
                km.shutdown_kernel()
    elapsed = time.perf_counter() - start
    _scrub(nb)
    nbformat.write(nb, output or path)
    return elapsed


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
        times = list(pool.map(run, paths, targets))
    for path, seconds in zip(paths, times, strict=True):
        print(f"{path.name}: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
