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
    from policytext.tables import parse_corpus

    return parse_corpus(corpus)


@pytest.fixture(scope="session")
def devset_tables():
    """The development set (tests/data/devset/) parsed into tables, once per worker; tests only read it."""
    from policytext.agreement import devset_tables

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
