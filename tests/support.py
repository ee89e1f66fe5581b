"""Paths of the real seeds and of the hand-made inputs, and the pinned copy of the seeds, for every test.

A module of its own rather than conftest.py: the notebooks' folder has a conftest.py too, and a test
that imported names from "conftest" could get that one.
The tests are about the seeds the committed notebooks were run on, pinned here by file name and
checksum (SEED_SHA256), not read from seeds/catalog.csv: a document or a catalog row added to seeds/
changes neither what the tests load nor what they expect. When the published collection changes, the
notebooks are run again and this list follows (the test of the catalog says so when they disagree).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold"


# File name -> sha256 of each seed document the committed notebooks were run on (their rows in seeds/catalog.csv).
SEED_SHA256 = {
    "000_1c8063284f6e5027.txt": "de3d192c71a9e58d065f4449beb160e3b5038fb2a756914bca05bf668267a02f",
    "001_bc794e7ec96f70d4.txt": "b6600cb9a4759f35c617c4c148e950107c4d6185d020084034b868a08d0716fc",
    "002_6ff88e1298bb6edd.txt": "c801d2bd8d36ecd3c84a9d9c867935778e2c250538ef342227727755d00c58bc",
    "003_654287db9a519d19.txt": "c07df68b380e8714ff654e0d52a711fd21b1a189f720e14c3e690b9778acca59",
    "004_be53cfa65109a65f.txt": "e349c81c3cdcdaf683d14a189f1004ef60b7d445f58b05d4f062222cdb81ab2d",
}
SEED_FILES = sorted(SEED_SHA256)


def pinned_seeds(target: Path, source: Path = SEEDS) -> Path:
    """A copy in `target` of the pinned seed documents of `source` (checksums checked) with their rows of its
    catalog, and of each sub-folder with its own catalog (seeds/reference/, copied as catalogued); nothing else."""
    import csv
    import hashlib

    from policytext.errors import CorpusError
    from policytext.reading.corpus import copy_catalogued

    target.mkdir(parents=True, exist_ok=True)
    for name, digest in SEED_SHA256.items():
        data = (source / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise CorpusError(source / name, "differs from the checksum the tests pin (tests/support.py)",
                              "restore the file, or run the notebooks again and update SEED_SHA256")
        (target / name).write_bytes(data)
    with open(source / "catalog.csv", encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = [row for row in reader if row["file"] in SEED_SHA256]
        columns = reader.fieldnames or []
    with open(target / "catalog.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for sub in sorted(p for p in source.iterdir() if (p / "catalog.csv").is_file()):
        copy_catalogued(sub, target / sub.name)
    return target


def git_status(root: Path = ROOT) -> str | None:
    """`git status --porcelain` of the checkout at `root` (untracked files listed one by one), or None when
    `root` is not a git checkout or git is missing."""
    import subprocess

    try:
        result = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                                capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def status_changes(before: str, after: str) -> list[str]:
    """The lines of `git status --porcelain` that appeared or went between two snapshots, sorted."""
    old, new = set(before.splitlines()), set(after.splitlines())
    return sorted(old ^ new)


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


def real_texts() -> list[str]:
    """The seeds' texts and the development laws' (tests/data/laws/dev, real statutes and government pages no
    one here wrote), as raw text: for checks that a faster form of a pattern or a search finds the same."""
    paths = [SEEDS / name for name in SEED_FILES] + sorted((DATA / "laws" / "dev").rglob("*.md"))
    return [p.read_text(encoding="utf-8") for p in paths]
