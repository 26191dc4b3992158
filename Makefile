# Two commands do everything on a fresh Debian 12 machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint check-content bench screenshots clean

run: $(STAMP)
	@scripts/install-system-deps.sh run
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(PY) -m coopguide; \
	else echo "Pas d'écran détecté : Coopguide démarre dans un écran virtuel (xvfb-run)."; \
	     xvfb-run -a $(PY) -m coopguide; fi

test: $(STAMP)
	@scripts/install-system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	$(PY) -m ruff check coopguide tests benchmarks
	$(PY) -m coopguide check-content

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || scripts/install-system-deps.sh venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

lint: $(STAMP)
	$(PY) -m ruff check coopguide tests benchmarks

check-content: $(STAMP)
	$(PY) -m coopguide check-content

bench: $(STAMP)
	@scripts/install-system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/dossiers.py

screenshots: $(STAMP)
	@scripts/install-system-deps.sh run
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshots.py
	xvfb-run -a -s "-screen 0 1400x900x24" $(PY) scripts/screenshot_dossier.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
