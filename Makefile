# The two commands: `make run` and `make test`. Both create .venv in the repo root, install
# the app (editable, with the test extra) and the Debian packages Qt needs, then do their job.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps bank bank-check bench clean

run: setup
	$(PY) -m mlprep_desktop $(ARGS)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

setup: system-deps $(STAMP)

system-deps:
	@bash packaging/system-deps.sh

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

bank: setup
	$(PY) -m mlprep_desktop.bank build

bank-check: setup
	$(PY) -m mlprep_desktop.bank check

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup_and_search.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
