# nefnet — two commands on a fresh machine:
#   make book   build the executed Jupyter Book into _build/html
#   make test   run the whole test suite (unit, notebooks, papermill, book build, browser)
# Real sample data: DATA_MIRROR=DIR copies them from a local folder instead of PhysioNet.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.nefnet-installed
# a local copy of the sample records; defaults to ../shared/data when it exists beside the checkout
DATA_MIRROR ?= $(if $(wildcard ../shared/data),../shared/data,)
PYTEST_ARGS ?=

.PHONY: book test venv vendor data browser-deps clean

book: venv vendor data
	$(BIN)/jupyter-book build -W -n --keep-going .

test: venv vendor data browser-deps
	NEFNET_SCALE=smoke $(BIN)/python -m pytest tests notebooks --nbval-lax --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider $(PYTEST_ARGS)

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
