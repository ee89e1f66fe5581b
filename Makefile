# Two commands do everything (see README):
#   make notebooks   set up .venv, execute every notebook in place, write figures/ and the site (build/site)
#                    (CORPUS=folder: on that folder instead, into out/<folder name>/)
#   make test        set up .venv, run ruff, the unit tests and nbval over every notebook (what CI runs)
# and, while working: make test-fast (unit and property tests only: the tests marked slow are left out)
# Three installs: reading and running the notebooks needs the runtime dependencies only (RUN_STAMP);
# the tests add the `test` extra (pytest, nbval, playwright, ...) on top (TEST_STAMP); `make lab` adds
# the `lab` extra (JupyterLab) (LAB_STAMP).
# Installation is skipped when neither pyproject.toml nor constraints.txt changed:
# the stamp files' names carry a hash of both (their content, not their dates: a fresh clone or checkout
# beside an installed .venv installs nothing).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DEPHASH := $(shell cat pyproject.toml constraints.txt 2>/dev/null | $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
RUN_STAMP  := $(VENV)/.installed-run-$(DEPHASH)
TEST_STAMP := $(VENV)/.installed-test-$(DEPHASH)
LAB_STAMP  := $(VENV)/.installed-lab-$(DEPHASH)
# Where `make export` writes the tables, and the document `make report FILE=...` describes.
OUT  ?= build/tables
FILE ?=

.PHONY: install install-run notebooks site lab readme verify export report citation screenshot test test-fast lint unit nbval bench evaluate lock clean

install: $(TEST_STAMP)

install-run: $(RUN_STAMP)

$(RUN_STAMP):
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 'Python 3.11+ is required, found ' + sys.version.split()[0])"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@rm -f $(VENV)/.installed-run-*
	@touch $@

$(TEST_STAMP): | $(RUN_STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	@rm -f $(VENV)/.installed-test-*
	@touch $@

$(LAB_STAMP): | $(RUN_STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[lab]'
	@rm -f $(VENV)/.installed-lab-*
	@touch $@

# make notebooks CORPUS=path/to/folder (or POLICYTEXT_SEEDS=path/to/folder make notebooks): the whole
# collection on that folder; executed notebooks, figures and site go to out/<folder name>/ and the
# committed notebooks and figures stay untouched.
CORPUS ?= $(POLICYTEXT_SEEDS)
CORPUS_OUT = out/$(notdir $(abspath $(CORPUS)))

notebooks: $(RUN_STAMP)
ifeq ($(strip $(CORPUS)),)
	$(PY) scripts/run_notebooks.py
	$(PY) scripts/findings_table.py
	$(PY) scripts/build_site.py
else
	POLICYTEXT_SEEDS="$(abspath $(CORPUS))" POLICYTEXT_FIGURES="$(abspath $(CORPUS_OUT))/figures" \
	  $(PY) scripts/run_notebooks.py --output-dir "$(CORPUS_OUT)/notebooks"
	$(PY) scripts/build_site.py --out "$(CORPUS_OUT)/site" --notebooks-dir "$(CORPUS_OUT)/notebooks" \
	  --figures-dir "$(CORPUS_OUT)/figures" --seeds "$(CORPUS)"
endif

# The offline HTML site: build/site/index.html (open from disk or serve the folder).
site: $(RUN_STAMP)
	$(PY) scripts/build_site.py

# JupyterLab on the notebooks, to rerun and change them (installs the `lab` extra the first time).
lab: $(LAB_STAMP)
	$(VENV)/bin/jupyter lab notebooks

# README's findings table, from the executed notebooks' headline cells.
readme: $(RUN_STAMP)
	$(PY) scripts/findings_table.py

# Which findings of the executed notebooks have a current second reading; a worksheet of those to (re)read.
verify: $(RUN_STAMP)
	$(PY) scripts/verification_status.py --worksheet build/verification_worksheet.json

# Every table as CSV (UTF-8 with BOM) and Parquet (for R and pandas), and all in tables.xlsx (for Excel: text
# kept as text, a README sheet describing every column), into OUT (default build/tables).
export: $(RUN_STAMP)
	$(VENV)/bin/policytext export seeds --out $(OUT)

# A readable parse report of one document: make report FILE=seeds/001_bc794e7ec96f70d4.txt
# (a name with spaces: make report FILE="my documents/a b.txt"; the name reaches the command as one word)
report: $(RUN_STAMP)
	@test -n "$$REPORT_FILE" || { echo "usage: make report FILE=seeds/<document>.txt" >&2; exit 2; }
	@$(VENV)/bin/policytext report "$$REPORT_FILE"
report: export REPORT_FILE = $(FILE)

# CITATION.cff's version, date-released and address from pyproject.toml and lib/policytext/data/release.tsv.
citation: $(RUN_STAMP)
	$(PY) scripts/write_citation.py

# The README's picture of the site (docs/site-index.png), through Chromium: the same bytes on one machine,
# not across systems (font rendering), hence a target of its own and not part of `make test`.
screenshot: $(TEST_STAMP)
	$(PY) scripts/build_site.py
	$(PY) scripts/screenshot_site.py --site build/site --out docs/site-index.png

lint: $(TEST_STAMP)
	$(PY) -m ruff check lib tests scripts

unit: $(TEST_STAMP)
	$(PY) -m pytest -q -p no:cacheprovider tests

nbval: $(TEST_STAMP)
	$(PY) -m pytest -q --nbval --nbval-current-env notebooks

# Unit tests, browser tests and nbval (strict) over every notebook, spread over the cores file by file
# (a notebook's cells share one kernel, so each file stays on one worker). What CI and the README run.
test: $(TEST_STAMP)
	$(PY) -m ruff check lib tests scripts
	$(PY) -m pytest -q -p no:cacheprovider -n auto --dist loadfile tests $(wildcard notebooks/*.ipynb) --nbval --nbval-current-env

# The fast tier while working: unit and property tests, without the tests marked slow (the notebooks, the
# browser, fresh processes, and checks over a whole corpus: the site built from every notebook, the
# development set, exports to files). `make test` runs everything.
test-fast: $(TEST_STAMP)
	$(PY) -m ruff check lib tests scripts
	$(PY) -m pytest -q -p no:cacheprovider -n auto -m "not slow" tests

evaluate: $(RUN_STAMP)
	$(PY) scripts/evaluate.py

# Benchmarks that print figures: seeds and segmentation, the export at 1,000-10,000 documents, and the
# corpus-wide stages on near copies and real statutes. Their charts go under build/ (figures/benchmark/ holds
# the published ones: copy them over by hand after a run worth publishing), so a run changes nothing under
# version control.
bench: $(TEST_STAMP)
	$(PY) scripts/bench.py
	$(PY) scripts/bench_scale.py
	$(PY) scripts/bench_reuse.py

# Refresh constraints.txt from the versions installed in .venv (after a passing `make test`).
lock: $(TEST_STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
