"""Paths of the real seeds and of the hand-made inputs, and the pinned copy of the seeds, for every test.

A module of its own rather than conftest.py: the notebooks' folder has a conftest.py too, and a test
that imported names from "conftest" could get that one.
The tests are about the five seeds named in seeds/catalog.csv, pinned by file name and checksum:
anything else dropped into seeds/ (a new document, a sub-folder with its own catalog) is ignored,
so adding documents never breaks the tests.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold"


def _pinned() -> dict[str, str]:
    """File name -> sha256 of every document catalogued in seeds/catalog.csv."""
    from policytext.catalog import read_catalog

    return {row["file"]: row["sha256"] for row in read_catalog(SEEDS / "catalog.csv")}


SEED_SHA256 = _pinned()
SEED_FILES = sorted(SEED_SHA256)


def pinned_seeds(target: Path, source: Path = SEEDS) -> Path:
    """A copy of the catalogued documents of `source` and their catalog in `target` (checksums checked),
    and likewise of each sub-folder with its own catalog (seeds/reference/); nothing else."""
    from policytext.corpus import copy_catalogued

    return copy_catalogued(source, target)


def cli(*args: str):
    """Run `policytext ARGS...` in this process, as the command line would: its exit status and what it
    printed, as a CompletedProcess (returncode, stdout, stderr) like subprocess.run's.

    Starting a fresh interpreter costs seconds (imports, the segmenter's dictionary) and tests nothing the
    command's own code does not; the tests that check the installed command itself run it in a subprocess.
    Warnings show as they would in a fresh process: one line each on stderr, each text once (the filters
    and their once-only registry are reset for the call and restored after it).
    """
    import contextlib
    import gc
    import io
    import subprocess
    import warnings

    from policytext.cli import main

    out, err = io.StringIO(), io.StringIO()
    gc.collect()  # so that a file another test left open is not reported as if this command had left it
    with warnings.catch_warnings(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        warnings.resetwarnings()
        warnings.simplefilter("default")
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse's own errors
            status = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(["policytext", *args], status, out.getvalue(), err.getvalue())
