# The commands of the README. Everything installs itself on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
KERNEL := prevention-book
JOBS ?= $(shell nproc)

.PHONY: help book test check rerun compare validate template bench browser-deps lint clean pdf pdf-deps \
	ledger pins mutation
.DEFAULT_GOAL := help

## make: list the commands (this help)
help:
	@awk '/^## make/ {sub(/^## /, ""); print}' $(MAKEFILE_LIST)

$(INSTALLED): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (prevention book)"
	touch $@

## make book: execute the notebooks (papermill, cached, parallel) and build _build/html
book: $(INSTALLED)
	$(PY) -m helpers.pipeline --jobs $(JOBS) $(if $(FORCE),--force) book

## make test: the book and its PDF, the whole suite (unit, data, pipeline, browser), the ledger of published numbers (regression), then nbval (reproducibility)
test: $(INSTALLED) browser-deps book pdf
	$(PY) -m pytest
	$(PY) -m helpers.tools.ledger check
	$(PY) -m pytest --nbval book/generated --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:randomly -q

## make ledger: rewrite tests/ledger.csv (every number the book shows) after an intended change; review its diff
ledger: $(INSTALLED) book
	$(PY) -m helpers.tools.ledger write

## make pins: rewrite tests/reconciliation_expected.csv (status, values and gap of every published figure); review its diff
pins: $(INSTALLED)
	$(PY) -m helpers.tools.ledger pins

## make mutation [MODULES="finance ..."]: mutation testing of the core (mutmut); writes tests/mutation-results.md (not in make test)
mutation: $(INSTALLED)
	$(PY) -m helpers.tools.mutation --jobs $(or $(MUTATION_JOBS),1) $(MODULES)

## make check: the fast lane: unit and data tests (inputs, chapters, page, tools) but the size test; no build, no browser
check: $(INSTALLED)
	$(PY) -m pytest -q -n 2 -m "not slow" tests/inputs tests/chapters tests/page tests/tools

# Values given on the command line reach the program through the environment, verbatim
# ($(value ...) stops make from expanding them; no shell ever parses them).
unexport INVENTORY INVENTORIES MUNICIPALITY YEAR OUT LANGUAGE
rerun compare validate: export RERUN_INVENTORY = $(value INVENTORY)
rerun compare validate: export RERUN_INVENTORIES = $(value INVENTORIES)
rerun compare validate: export RERUN_MUNICIPALITY = $(value MUNICIPALITY)
rerun compare validate: export RERUN_YEAR = $(value YEAR)
rerun compare validate: export RERUN_OUT = $(value OUT)
rerun compare validate: export RERUN_LANGUAGE = $(value LANGUAGE)

## make rerun INVENTORY=file.xlsx [MUNICIPALITY=Name] [YEAR=2025] [OUT=dir] [LANGUAGE=nl]
rerun: $(INSTALLED)
	$(PY) -m helpers.pipeline --jobs $(JOBS) $(if $(FORCE),--force) rerun --from-env

## make compare INVENTORIES="a.xlsx b.xlsx ..." [OUT=dir] [LANGUAGE=nl]: one book over several workbooks
compare: $(INSTALLED)
	$(PY) -m helpers.pipeline --jobs $(JOBS) $(if $(FORCE),--force) compare --from-env

## make validate INVENTORY=file.xlsx [LANGUAGE=nl|en]: check a workbook; annotated copy in _build/validate/
validate: $(INSTALLED)
	@test -n "$$RERUN_INVENTORY" || { echo "usage: make validate INVENTORY=path.xlsx [LANGUAGE=nl|en]"; exit 2; }
	@$(PY) -m helpers.inputs.validate "$$RERUN_INVENTORY" --language "$${RERUN_LANGUAGE:-nl}" \
		--annotate "_build/validate/$$(basename "$${RERUN_INVENTORY%.*}")-annotated.xlsx"

## make template: write the empty inventory template (Excel, with drop-down lists)
template: $(INSTALLED)
	$(PY) -m helpers.tools.template $(or $(OUT),inventory-template.xlsx)

## make bench [QUICK=1]: the performance benchmark and the batch of 10, 30, 100 workbooks; writes bench/results.md and bench/batch-results.md (not in make test)
bench: $(INSTALLED)
	$(PY) bench/batch.py --jobs $(JOBS) $(if $(QUICK),--sizes 10)
	$(PY) bench/bench.py --jobs $(JOBS) $(if $(QUICK),--quick)

## Debian's Chromium for the browser tests (installed when missing and apt-get is allowed)
browser-deps:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium missing and apt-get not allowed: the browser tests will fail"; fi; }

## make pdf: the whole book as one PDF in _build/pdf/book.pdf (_build/html is not touched)
pdf: $(INSTALLED) pdf-deps book
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null; then \
		$(PY) -m helpers.tools.pdf; \
	else echo "TeX missing and apt-get not allowed: no PDF built"; fi

## Debian's TeX for the PDF (installed when missing and apt-get is allowed; ~370 MB)
PDF_PACKAGES := texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
	texlive-xetex latexmk fonts-freefont-otf poppler-utils
pdf-deps:
	@{ command -v xelatex && command -v latexmk && fc-list | grep -q FreeSerif; } >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				--no-install-recommends $(PDF_PACKAGES) >/dev/null; \
		else echo "TeX missing and apt-get not allowed: no PDF, so its test will fail"; fi; }

## make lint: ruff format check and lint
lint: $(INSTALLED)
	$(PY) -m ruff format --check src tests
	$(PY) -m ruff check src tests

## make clean: remove the build output and the executed notebooks
clean:
	rm -rf _build book/generated book/_static/vega-bundle.js
