# ZV Desktop – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := var/demo.sqlite

.PHONY: run test test-thorough lint typecheck lock demo screenshots samples installer-linux installer-windows installer-msi sign installer-test clean

# Every package comes from requirements.lock, pinned with its hashes (pip refuses anything else); the project itself
# is installed on top without touching them.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## make lock: write requirements.lock (and the bundler's installer/requirements-build.lock, within it) again after a
## dependency in pyproject.toml or installer/requirements-build.txt changed (needs the network);
## universal: it holds what Linux and the Windows build (CPython 3.13, win_amd64) need, with markers
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --universal --generate-hashes \
		--python-version 3.11 --quiet -o requirements.lock
	$(BIN)/uv pip compile installer/requirements-build.txt -c requirements.lock --universal --generate-hashes \
		--python-version 3.11 --quiet -o installer/requirements-build.lock

## make run: set up, build the demo database (once), open the desktop client on it
run: $(STAMP)
	test -f $(DEMO_DB) || $(BIN)/zv --db $(DEMO_DB) demo
	$(BIN)/zv-desktop --db $(DEMO_DB)

## make test: set up, lint, type-check zv_desktop/, run the whole test suite headless
test: $(STAMP) lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2 tests

## make test-thorough: the slow property, fuzz and crash tests (marked `thorough`) at full strength, after `make test`
## in CI (they run in `make test` too, with few examples); a few minutes on 2 cores
test-thorough: $(STAMP)
	ZV_TESTS=thorough QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2 -m thorough tests

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy zv_desktop

demo: $(STAMP)
	$(BIN)/zv --db $(DEMO_DB) demo

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m zv_desktop.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 $(BIN)/python -m zv_desktop.ui.screenshots docs/screenshots/200-prozent \
		--only startseite zielvereinbarung-entwurf-2002 ziel-kennzahl kennzahlen-pruefen handbuch folgejahr-uebersicht

## make samples: every printed document of a freshly built demo file as PDF in docs/samples/, and the exchange files
## of the worked example in docs/exchange.md (the Kreis sends the Jobcenter's year 2014, the Jobcenter answers)
SAMPLES := docs/samples
SAMPLE_DB := var/samples-demo.sqlite
ZV_SAMPLE := $(BIN)/zv --db $(SAMPLE_DB) report
EXCHANGE_DIR := var/austausch
KREIS := ZV_USER="Bernd Beispiel" $(BIN)/zv --db $(EXCHANGE_DIR)/kreis.sqlite
JOBCENTER := ZV_USER="Anna Muster" $(BIN)/zv --db $(EXCHANGE_DIR)/jobcenter.sqlite
EXAMPLE := $(BIN)/python -m zv_desktop.core.demo.exchange_example
samples: $(STAMP)
	mkdir -p var $(SAMPLES)
	rm -f $(SAMPLE_DB) && $(BIN)/zv --db $(SAMPLE_DB) demo
	$(ZV_SAMPLE) agreement ab625594 -o $(SAMPLES)/zielvereinbarung-2014.pdf
	$(ZV_SAMPLE) agreement 12fc32e4 -o $(SAMPLES)/zielvereinbarung-kamen-2001.pdf
	$(ZV_SAMPLE) agreement 9fb08d86 -o $(SAMPLES)/zielvereinbarung-entwurf-kamen-2002.pdf
	$(ZV_SAMPLE) paper afebbe4c -o $(SAMPLES)/vorlage-50-003-2022.pdf
	$(ZV_SAMPLE) paper 298f2623 -o $(SAMPLES)/vorlage-026-2012.pdf
	$(ZV_SAMPLE) paper 83a30b1a -o $(SAMPLES)/vorlage-50-015-2012-mit-anlagen.pdf
	$(ZV_SAMPLE) agreement ab625594 -o $(SAMPLES)/zielvereinbarung-2014.docx
	$(ZV_SAMPLE) paper 298f2623 -o $(SAMPLES)/vorlage-026-2012.docx
	$(ZV_SAMPLE) achievement --year 2014 --month 9 -o $(SAMPLES)/zielerreichung-2014-09.pdf
	$(ZV_SAMPLE) achievement --year 2014 --month 9 --party 406ca5be -o $(SAMPLES)/zielerreichung-kreis-mettmann-2014-09.pdf
	$(BIN)/python -c "import pypdfium2 as p, sys; d = p.PdfDocument(sys.argv[1]); \
		[d[i].render(scale=1.4, grayscale=True).to_pil().save(f'{sys.argv[2]}-seite-{i + 1}.png') for i in (0, 2)]" \
		$(SAMPLES)/zielerreichung-2014-09.pdf $(SAMPLES)/zielerreichung-2014-09-graustufen
	$(ZV_SAMPLE) comparison 12fc32e4 9fb08d86 -o $(SAMPLES)/jahresvergleich-kamen-2001-2002.pdf
	$(ZV_SAMPLE) comparison 867ff157 ab625594 4e4bb9a7 -o $(SAMPLES)/jahresvergleich-mettmann-2012-2022.pdf
	rm -rf $(EXCHANGE_DIR) && mkdir -p $(EXCHANGE_DIR)
	$(KREIS) init --office "Kreis Mettmann" && $(KREIS) demo
	$(KREIS) exchange export -o $(SAMPLES)/austausch-kreis-mettmann-2014.zvx --party 1d366aff --year 2014
	$(JOBCENTER) init --office "Jobcenter ME-aktiv"
	$(JOBCENTER) exchange merge $(SAMPLES)/austausch-kreis-mettmann-2014.zvx
	ZV_USER="Anna Muster" $(EXAMPLE) jobcenter $(EXCHANGE_DIR)/jobcenter.sqlite
	ZV_USER="Bernd Beispiel" $(EXAMPLE) kreis $(EXCHANGE_DIR)/kreis.sqlite
	$(JOBCENTER) exchange export -o $(SAMPLES)/austausch-jobcenter-september.zvx --since-partner "Kreis Mettmann"
	$(KREIS) exchange merge $(SAMPLES)/austausch-jobcenter-september.zvx --dry-run

## make installer-linux: the Linux bundle as dist/zv-desktop-<version>-x86_64.tar.gz and a .deb (installer/README.md)
installer-linux: $(STAMP)
	$(BIN)/python installer/build_linux.py

## make installer-windows: dist/ZV-Desktop-Setup-<version>.exe (NSIS, embeddable CPython; needs nsis, gcc-mingw-w64)
installer-windows: $(STAMP)
	$(BIN)/python installer/build_windows.py

## make installer-msi: dist/ZV-Desktop-<version>.msi, per machine for IT (same folder; needs wixl and wine64)
installer-msi: installer-windows
	$(BIN)/python installer/build_msi.py

## make sign CERT=… KEY=… [PASS=…] [TIMESTAMP=url]: the Windows installer and its launchers signed (osslsigncode)
sign: $(STAMP)
	test -n "$(CERT)" -a -n "$(KEY)" || { echo "Aufruf: make sign CERT=zertifikat.pem KEY=schluessel.pem"; exit 2; }
	ZV_SIGN_CERT="$(CERT)" ZV_SIGN_KEY="$(KEY)" ZV_SIGN_PASS="$(PASS)" ZV_SIGN_TIMESTAMP="$(TIMESTAMP)" \
		$(BIN)/python installer/build_windows.py
	ZV_SIGN_CERT="$(CERT)" ZV_SIGN_KEY="$(KEY)" ZV_SIGN_PASS="$(PASS)" ZV_SIGN_TIMESTAMP="$(TIMESTAMP)" \
		$(BIN)/python installer/build_msi.py

## make installer-test: build the packages, then smoke-test them (Linux unpacked with no venv; Windows under wine64)
installer-test: installer-linux installer-windows installer-msi
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/installer

clean:
	rm -rf $(VENV) var build dist *.egg-info
