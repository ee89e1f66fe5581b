"""Shared fixtures on the pinned seeds (paths and the pinned copy live in support.py).

What several test files need and costs seconds to make (the parsed seeds, the built site) is made once per
worker here and only read by the tests.
"""

import pytest
from support import DATA, SEED_FILES, SEEDS, pinned_seeds

DEVSET = DATA / "devset"


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory):
    """A read-only copy of the pinned seeds, for tests that hand a folder to a subprocess."""
    return pinned_seeds(tmp_path_factory.mktemp("pinned") / "seeds")


@pytest.fixture(scope="session")
def corpus():
    import policytext

    return policytext.load_corpus(SEEDS, files=SEED_FILES)


@pytest.fixture(scope="session")
def seed_tables(corpus):
    """The pinned seeds parsed into tables, once per worker; tests read it and never change it."""
    from policytext.pipeline.tables import parse_corpus

    return parse_corpus(corpus)


@pytest.fixture(scope="session")
def devset_tables():
    """The development set (tests/data/devset/) parsed into tables, once per worker; tests only read it."""
    from policytext.validation.agreement import devset_tables

    if not (DEVSET / "docs").is_dir():
        pytest.skip("the development set is not in this checkout")
    return devset_tables(DEVSET)


@pytest.fixture(scope="session")
def site_inputs_dirs(tmp_path_factory):
    """The notebooks and figures folders the site is built from (test_site.site_inputs)."""
    from test_site import site_inputs

    return site_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_inputs_dirs, seeds_copy):
    """The site built once into a temporary folder, read by the site and the browser tests (never changed)."""
    from build_site import build_site

    notebooks, figures = site_inputs_dirs
    site = tmp_path_factory.mktemp("site")
    return build_site(site, notebooks_dir=notebooks, figures_dir=figures, seeds=seeds_copy).parent


# Fixtures whose tests are checks over a whole corpus, and slow: the site built from every committed notebook
# (every notebook converted to HTML, the font cut to their characters), the 23 documents of the development set.
SLOW_FIXTURES = {"built_site", "devset_tables"}


def pytest_collection_modifyitems(config, items):
    """Mark `slow` (left out by `make test-fast`) every test that uses a fixture of SLOW_FIXTURES or runs once
    per corpus with the development set as its corpus."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        by_devset = any(isinstance(value, str) and value == "devset" for value in params.values())
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or by_devset:
            item.add_marker(pytest.mark.slow)


# -- the run leaves the checkout as it found it ------------------------------------------------------
# The notebooks write their charts to a temporary folder during the tests (notebooks/conftest.py), the site
# is built into temporary folders, and nothing else may write under version control either: the state of
# the checkout is taken when the run starts and compared when it ends, and a difference fails the run.
# Only the main process does this (under pytest-xdist the workers' sessions are parts of one run).

_STATUS: list[str] = []


def _is_worker(config) -> bool:
    return hasattr(config, "workerinput")


def pytest_sessionstart(session):
    from support import git_status

    if not _is_worker(session.config):
        status = git_status()
        if status is not None:  # not a git checkout (an unpacked release): nothing to compare
            _STATUS.append(status)


def pytest_sessionfinish(session, exitstatus):
    from support import git_status, status_changes

    if _is_worker(session.config) or not _STATUS:
        return
    after = git_status()
    changed = status_changes(_STATUS.pop(), after or "")
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["the test run changed the checkout (`git status --porcelain`, before/after):", *changed]
        if reporter is not None:
            reporter.write_line("\n".join(["", *lines]), red=True, bold=True)
        else:
            print("\n".join(lines))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
