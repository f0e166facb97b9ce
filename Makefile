# kanzlei.akte – Online-Akte
#   make start   Umgebung installieren, Instanz schreiben, Site anlegen (1. Start), starten
#   make zeo     ZEO-Server auf instance/var (für mehrere Instanzen, siehe README)
#   make test    Testumgebung installieren, pytest über tests/ (TESTS=tests/login: Auswahl)
#   make screenshots  die Bilder in docs/screenshots/ neu aufnehmen (Browser-Tests)
#   make backup / restore / pack   Sicherung (instance/backup.sh, BACKUP=Verzeichnis)
#   make buildout  die Instanz mit buildout.cfg bauen (offline, versions.cfg aus uv.lock)
#   make bench   Benchmarks (bench/): Zahlen und Verhältnisse, kein Bestehen/Scheitern
#   make lint    ruff + zpretty (prüft nur, ändert nichts)
# Konfiguration: AKTE_*-Umgebungsvariablen, siehe README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH; otherwise installed with pip into .tools/ (no system changes).
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
# Only the locked versions, only from PyPI (uv.lock); never re-resolve here.
# The extra "instance" is the project's own instance (exact Plone pin, mail sink,
# ZEO); the add-on alone needs none of it (pip install kanzlei.akte).
UV_SYNC := $(UV) sync --frozen --extra instance
TESTS ?= tests
PYTEST_ARGS ?=
# Paths (or node ids) in PYTEST_ARGS narrow the run by themselves: then TESTS is only
# added when it was given too (make test PYTEST_ARGS=tests/login runs tests/login only).
ARG_PATHS := $(strip $(foreach arg,$(PYTEST_ARGS),$(wildcard $(firstword $(subst ::, ,$(arg))))))
PYTEST_PATHS := $(if $(and $(ARG_PATHS),$(filter file,$(origin TESTS))),,$(TESTS))
# The browser tests that take the README's pictures.
SCREENSHOT_TESTS := tests/client/test_overview.py tests/client/test_mandate.py \
	tests/client/test_isolation_phone.py

.PHONY: help start zeo backup restore pack buildout versions test screenshots bench lint format clean clean-data

help:
	@echo "make start       Online-Akte starten / start on http://localhost:$${AKTE_PORT:-8080}"
	@echo "make zeo         ZEO-Server auf den Daten / ZEO server on the data ($${AKTE_ZEO_ADDRESS:-127.0.0.1:8100})"
	@echo "make backup      Sicherung / back up (BACKUP=Verzeichnis oder AKTE_BACKUP_DIR)"
	@echo "make restore     Wiederherstellen in ein leeres AKTE_VAR / restore (BACKUP=…)"
	@echo "make pack        Datenbank packen / pack (DAYS=7)"
	@echo "make buildout    Instanz mit buildout.cfg bauen (offline) / build with buildout"
	@echo "make test        Tests (pytest tests/); Auswahl: TESTS=tests/login oder PYTEST_ARGS='-k upload'"
	@echo "make screenshots docs/screenshots/ neu aufnehmen / refresh the README's screenshots"
	@echo "make bench       Benchmarks (bench/, ~3 min): Zahlen und Verhältnisse / figures and ratios"
	@echo "make lint        ruff check, ruff format --check, zpretty --check"
	@echo "make format      ruff format + zpretty (ändert Dateien / rewrites files)"
	@echo "make clean       .venv, .tools, instance/etc entfernen (Daten bleiben / data kept)"
	@echo "make clean-data  instance/var löschen (fragt nach / asks first)"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

# --inexact: keeps the test extra if `make test` installed it.
start: $(UV)
	$(UV_SYNC) --inexact
	instance/start.sh

zeo: $(UV)
	$(UV_SYNC) --inexact
	instance/zeo.sh

BACKUP ?= $(AKTE_BACKUP_DIR)
DAYS ?= 7
backup:
	instance/backup.sh backup $(BACKUP)

restore:
	instance/backup.sh restore $(BACKUP)

pack:
	instance/backup.sh pack --days $(DAYS)

# versions.cfg is generated from uv.lock (never edited by hand)
versions:
	python3 scripts/buildout_versions.py

# offline: zc.buildout takes the packages uv installed (the versions of versions.cfg);
# the pip it calls for `develop = .` uses no index and the venv's setuptools
buildout: $(UV) versions
	$(UV_SYNC) --extra buildout --inexact
	PIP_NO_INDEX=1 PIP_NO_BUILD_ISOLATION=0 .venv/bin/buildout -o

# Screenshots go to build/screenshots/ (git-ignored): a test run leaves the checkout clean.
# buildout: tests/operations/test_buildout.py runs zc.buildout offline
test: $(UV)
	$(UV_SYNC) --extra test --extra buildout
	.venv/bin/pytest $(PYTEST_PATHS) $(PYTEST_ARGS)

# On purpose: rewrites the tracked pictures in docs/screenshots/ (commit them).
screenshots: $(UV)
	$(UV_SYNC) --extra test
	AKTE_SCREENSHOTS=docs/screenshots .venv/bin/pytest $(SCREENSHOT_TESTS) $(PYTEST_ARGS)

# Prints figures and ratios against peers measured in the same run; no pass/fail.
bench: $(UV)
	$(UV_SYNC) --extra test --inexact
	.venv/bin/python bench/run.py

lint: $(UV)
	$(UV_SYNC) --extra test --inexact
	.venv/bin/ruff check src tests scripts
	.venv/bin/ruff format --check src tests scripts
	.venv/bin/zpretty --check src

format: $(UV)
	$(UV_SYNC) --extra test --inexact
	.venv/bin/ruff check --fix src tests scripts
	.venv/bin/ruff format src tests scripts
	.venv/bin/zpretty -i src

clean:
	rm -rf .venv .tools instance/etc .ruff_cache .pytest_cache bin parts develop-eggs eggs .installed.cfg
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +

clean-data:
	@read -r -p "instance/var (Datenbank, Dateien, Mails) löschen? Zum Bestätigen 'ja' eingeben: " answer; \
	if [[ "$$answer" == ja ]]; then rm -rf instance/var && echo "instance/var gelöscht"; \
	else echo "Nichts gelöscht / nothing deleted"; exit 1; fi
