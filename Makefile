# Two commands do everything (see README):
#   make notebooks   set up .venv, execute every notebook in place, write figures/ and the site (build/site)
#                    (CORPUS=folder: on that folder instead, into out/<folder name>/)
#   make test        set up .venv, run ruff, the unit tests and nbval over every notebook
# Installation is skipped when neither pyproject.toml nor constraints.txt changed:
# the stamp file's name carries a hash of both.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DEPHASH := $(shell cat pyproject.toml constraints.txt 2>/dev/null | $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
STAMP  := $(VENV)/.installed-$(DEPHASH)

.PHONY: install notebooks site test lint unit nbval bench evaluate lock clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 'Python 3.11+ is required, found ' + sys.version.split()[0])"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# make notebooks CORPUS=path/to/folder (or POLICYTEXT_SEEDS=path/to/folder make notebooks): the whole
# collection on that folder; executed notebooks, figures and site go to out/<folder name>/ and the
# committed notebooks and figures stay untouched.
CORPUS ?= $(POLICYTEXT_SEEDS)
CORPUS_OUT = out/$(notdir $(abspath $(CORPUS)))

notebooks: $(STAMP)
ifeq ($(strip $(CORPUS)),)
	$(PY) scripts/run_notebooks.py
	$(PY) scripts/build_site.py
else
	POLICYTEXT_SEEDS="$(abspath $(CORPUS))" POLICYTEXT_FIGURES="$(abspath $(CORPUS_OUT))/figures" \
	  $(PY) scripts/run_notebooks.py --output-dir "$(CORPUS_OUT)/notebooks"
	$(PY) scripts/build_site.py --out "$(CORPUS_OUT)/site" --notebooks-dir "$(CORPUS_OUT)/notebooks" \
	  --figures-dir "$(CORPUS_OUT)/figures" --seeds "$(CORPUS)"
endif

# The offline HTML site: build/site/index.html (open from disk or serve the folder).
site: $(STAMP)
	$(PY) scripts/build_site.py

lint: $(STAMP)
	$(PY) -m ruff check lib tests scripts

unit: $(STAMP)
	$(PY) -m pytest -q tests

nbval: $(STAMP)
	$(PY) -m pytest -q --nbval --nbval-current-env notebooks

# Unit tests, browser tests and nbval (strict) over every notebook, spread over the cores file by file
# (a notebook's cells share one kernel, so each file stays on one worker).
test: $(STAMP)
	$(PY) -m ruff check lib tests scripts
	$(PY) -m pytest -q -p no:cacheprovider -n auto --dist loadfile tests $(wildcard notebooks/*.ipynb) --nbval --nbval-current-env

evaluate: $(STAMP)
	$(PY) scripts/evaluate.py

# Benchmarks that print figures: seeds and segmentation, the export and text reuse at 1,000-10,000 documents.
bench: $(STAMP)
	$(PY) scripts/bench.py
	$(PY) scripts/bench_scale.py
	$(PY) scripts/bench_reuse.py

# Refresh constraints.txt from the versions installed in .venv (after a passing `make test`).
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
