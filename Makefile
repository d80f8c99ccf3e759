# nefnet — two commands on a fresh machine:
#   make book   build the executed Jupyter Book into _build/html
#   make test   run the whole test suite (lint, unit, notebooks, papermill, book build, browser)
# Step through the chapters in JupyterLab: make lab (127.0.0.1:8888). The explorer app: nefnet explore.
# The quick inner loop: make check (lint + unit tests, no notebooks, no book, no browser).
# Real sample data: DATA_MIRROR=DIR copies them from a local folder instead of PhysioNet.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.nefnet-installed
# a local copy of the sample records; defaults to ../shared/data when it exists beside the checkout
DATA_MIRROR ?= $(if $(wildcard ../shared/data),../shared/data,)
PYTEST_ARGS ?=
# RETRAIN=1: the book trains every model instead of loading the shipped weights (nefnet/weights)
RETRAIN ?=
# chapters executed at once before the build renders them (nefnet.book.prebuild; 1: serial)
BOOK_WORKERS ?= 2

.PHONY: book test check lint layout weights ladder ladder-score ladder-extras lab venv vendor data browser-deps clean

book: venv vendor data
	-NEFNET_RETRAIN=$(RETRAIN) $(BIN)/python -m nefnet.book.prebuild --workers $(BOOK_WORKERS)
	NEFNET_RETRAIN=$(RETRAIN) $(BIN)/jupyter-book build -W -n --keep-going .

# JupyterLab on the chapters, on 127.0.0.1 with the project's kernel (LAB_PORT, default 8888)
LAB_PORT ?= 8888
lab: venv vendor data
	$(BIN)/python -m nefnet.book.lab --port $(LAB_PORT)

# retrain the shipped models in a fresh cache and rewrite nefnet/weights (book scale)
weights: venv
	$(BIN)/python scripts/make_weights.py

# the scale ladder (chapter 12): train or resume the campaign, score what finished, and the
# chapters 06/07 claims at the next rung (hours on 2 cores; resumable, see README)
ladder: venv
	$(BIN)/python scripts/scale_ladder.py
ladder-score: venv data
	$(BIN)/python scripts/scale_ladder.py --score
ladder-extras: venv
	$(BIN)/python scripts/scale_extras.py --rung $(or $(RUNG),book-x4)

test: venv vendor data browser-deps lint
	NEFNET_SCALE=smoke $(BIN)/python -m pytest tests -p no:cacheprovider $(PYTEST_ARGS)

check: venv data lint
	NEFNET_SCALE=smoke $(BIN)/python -m pytest tests -m "not slow and not browser" \
		-p no:cacheprovider -q $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# rewrite the README's package map from the package (nefnet.book.layout)
layout: venv
	$(BIN)/python -m nefnet.book.layout --write README.md

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[book,test]"
	touch $@

vendor: _vendor/.complete

_vendor/.complete:
	bash scripts/vendor_js.sh _vendor

data: venv
	@if [ -n "$(DATA_MIRROR)" ]; then \
		$(BIN)/python data_scripts/fetch_ptb.py --quiet --mirror "$(DATA_MIRROR)" && \
		$(BIN)/python data_scripts/fetch_samples.py --mirror "$(DATA_MIRROR)"; \
	else \
		$(BIN)/python data_scripts/fetch_ptb.py --quiet || \
		echo "make: PTB sample records not fetched; chapter 01 says so in its real-data sections"; \
	fi

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "make: installing Debian chromium for the browser tests"; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || { \
		echo "make: the browser tests need Debian's chromium (apt-get install chromium)" >&2; exit 1; }

clean:
	rm -rf _build results
