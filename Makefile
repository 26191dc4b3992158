# Two commands do everything on a fresh Debian 12 machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# What ruff checks and formats. mypy reads its settings from pyproject.toml.
LINTED := coopguide tests benchmarks scripts packaging setup.py

.PHONY: run test lint check-content test-wheel bench screenshots clean package deb test-installed

run: $(STAMP)
	@scripts/install-system-deps.sh run
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(PY) -m coopguide; \
	else echo "Pas d'écran détecté : Coopguide démarre dans un écran virtuel (xvfb-run)."; \
	     xvfb-run -a $(PY) -m coopguide; fi

# pytest, then the static checks (lint), then the shipped content.
test: $(STAMP)
	@scripts/install-system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	@$(MAKE) --no-print-directory lint
	$(PY) -m coopguide check-content

$(STAMP): pyproject.toml setup.py
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || scripts/install-system-deps.sh venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

lint: $(STAMP)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)
	$(PY) -m mypy coopguide

check-content: $(STAMP)
	$(PY) -m coopguide check-content

# The wheel, installed in a fresh venv and run from outside the checkout (packaging/test-wheel.sh).
test-wheel: $(STAMP)
	@scripts/install-system-deps.sh test
	packaging/test-wheel.sh $(PY)

bench: $(STAMP)
	@scripts/install-system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/dossiers.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/tick.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/dashboard.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/print_pdf.py
	$(PY) benchmarks/sync.py
	$(PY) benchmarks/search.py

screenshots: $(STAMP)
	@scripts/install-system-deps.sh run
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshots.py
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshot_dossier.py
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) scripts/screenshot_first_start.py
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshot_search.py
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshot_dark.py
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshot_exchange.py
	xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) scripts/screenshot_presentation.py
	xvfb-run -a -s "-screen 0 2390x768x24" $(PY) scripts/screenshot_presenter.py
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) scripts/screenshot_seance.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/print_screenshots.py
	xvfb-run -a -s "-screen 0 1024x768x24" $(PY) scripts/screenshot_fit.py
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) scripts/screenshot_fit.py
	QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" $(PY) scripts/screenshot_fit.py

# Installers (packaging/README.md). `make deb` alone builds everything from a clean clone; the
# frozen app is rebuilt only when the code, content, resources or recipe change (dist/coopguide.built
# is written by packaging/build.py once the bundle passed its checks).
VERSION        := $(shell sed -n 's/^__version__ = "\(.*\)"$$/\1/p' coopguide/__init__.py)
DEB            := dist/coopguide_$(VERSION)_$(shell dpkg --print-architecture 2>/dev/null || echo amd64).deb
BUNDLE         := dist/coopguide.built
PACKAGE_INPUTS := pyproject.toml $(wildcard packaging/*.py packaging/coopguide.spec packaging/requirements-build.txt) \
                  $(shell find coopguide content resources -type f -not -path '*/__pycache__/*' 2>/dev/null)

package: $(BUNDLE)

$(BUNDLE): $(PACKAGE_INPUTS)
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || scripts/install-system-deps.sh venv
	@scripts/install-system-deps.sh run
	@packaging/linux/need-tools.sh objdump:binutils objcopy:binutils
	$(PYTHON) packaging/build.py

deb: $(DEB)

$(DEB): $(BUNDLE) $(wildcard packaging/linux/*)
	packaging/linux/build-deb.sh

test-installed: $(DEB)
	packaging/test-installed.sh $(DEB)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
