# The two commands: `make run` and `make test`. Both create .venv in the repo root, install
# the app (editable, with the test extra) and the Debian packages Qt needs, then do their job.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-quick lint setup system-deps bank bank-check bench bench-runner bench-hostile clean
.PHONY: packaging-deps wheel package smoke smoke-wheel smoke-frozen install-desktop uninstall-desktop icons startup-time

run: setup
	$(PY) -m mlprep_desktop $(ARGS)

# `make test` = the house rules (lint), then every test. CI runs it.
test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

# While editing: the tests without those marked slow (the whole bank's check, SIGKILL runs …).
test-quick: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow" $(PYTEST_ARGS)

# The house rules (pyproject.toml): ruff, the import-linter layer contracts, mypy.
lint: setup
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(VENV)/bin/mypy

setup: system-deps $(STAMP)

system-deps:
	@PYTHON=$(PYTHON) bash packaging/system-deps.sh

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
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/bench_suite.py $(BENCH_ARGS)

bench-runner: setup
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/bench_runner.py

# Issue #17: the worst event-loop stall per hostile input, before (recorded) and after (~5 min).
bench-hostile: setup
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/bench_hostile.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache

# ----- packaging (README "Install"): wheel and sdist, the frozen one-folder app, smoke tests
# of each, and the launcher entry. CI (.ci/run) runs `make test smoke-wheel smoke-frozen`.
PKG_STAMP := $(VENV)/.installed-package
SMOKE_VENV := build/smoke-venv
# The program the launcher entry starts; default: this checkout's .venv/bin/mlprep.
MLPREP_EXEC ?=

packaging-deps:
	@PYTHON=$(PYTHON) bash packaging/system-deps.sh --packaging

$(PKG_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,package]"
	touch $(PKG_STAMP)

wheel: setup $(PKG_STAMP)
	rm -f dist/*.whl dist/*.tar.gz
	$(PY) -m build --outdir dist .
	$(PY) packaging/check_dist.py wheel dist

package: setup packaging-deps $(PKG_STAMP)
	rm -rf dist/mlprep
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/mlprep.spec
	$(PY) packaging/check_dist.py frozen dist/mlprep

smoke: setup
	$(PY) -m mlprep_desktop --smoke-test

# The wheel in a fresh virtual environment, started from outside the checkout.
smoke-wheel: wheel
	rm -rf $(SMOKE_VENV)
	$(PYTHON) -m venv $(SMOKE_VENV)
	$(SMOKE_VENV)/bin/python -m pip install --quiet dist/*.whl
	mkdir -p build && cd /tmp && QT_QPA_PLATFORM=offscreen $(abspath $(SMOKE_VENV))/bin/mlprep --smoke-test \
		>$(abspath build/smoke-wheel.log); status=$$?; cat $(abspath build/smoke-wheel.log); exit $$status
	grep -q '^ok: bundle (wheel)' build/smoke-wheel.log

smoke-frozen: package
	mkdir -p build && cd /tmp && QT_QPA_PLATFORM=offscreen $(abspath dist/mlprep/mlprep) --smoke-test \
		>$(abspath build/smoke-frozen.log); status=$$?; cat $(abspath build/smoke-frozen.log); exit $$status
	grep -q '^ok: bundle (frozen)' build/smoke-frozen.log

install-desktop: $(if $(MLPREP_EXEC),,setup)
	sh packaging/linux/install-desktop.sh --exec "$(or $(MLPREP_EXEC),$(abspath $(VENV))/bin/mlprep)"

uninstall-desktop:
	sh packaging/linux/uninstall-desktop.sh

icons: setup
	QT_QPA_PLATFORM=offscreen $(PY) packaging/render_icons.py

# Start to window drawn, median of 5: the editable install, and the frozen app if built.
startup-time: setup
	$(PY) packaging/measure_startup.py -- $(abspath $(VENV))/bin/mlprep
	if [ -x dist/mlprep/mlprep ]; then $(PY) packaging/measure_startup.py -- $(abspath dist/mlprep/mlprep); fi
