# ZV Desktop – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := var/demo.sqlite

.PHONY: run test lint typecheck demo screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## make run: set up, build the demo database (once), open the desktop client on it
run: $(STAMP)
	test -f $(DEMO_DB) || $(BIN)/zv --db $(DEMO_DB) demo
	$(BIN)/zv-desktop --db $(DEMO_DB)

## make test: set up, lint, type-check core/, run the whole test suite headless
test: $(STAMP) lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2 tests

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy zv_desktop/core

demo: $(STAMP)
	$(BIN)/zv --db $(DEMO_DB) demo

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m zv_desktop.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 $(BIN)/python -m zv_desktop.ui.screenshots docs/screenshots/200-prozent \
		--only zielvereinbarung-entwurf-2002 ziel-kennzahl

clean:
	rm -rf $(VENV) var build *.egg-info
