# What medical coding specialists earn in the USA: build, test and explore the report.
# `make` alone lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help
# No .DELETE_ON_ERROR: the build writes every output to a temporary name and moves them all into place only
# when all are complete, so a failed or interrupted build leaves no half-made target, and Make must not
# delete the previous report either. .PRECIOUS keeps Make from deleting them on an interrupt too.

PYTHON_BOOT ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KERNEL := medical-coding-salaries
PARAMS ?= params.yaml
# PARAMS as one shell word, whatever it holds (spaces, a quote, a dollar sign: taken as written, never expanded);
# empty means the defaults.
PARAMS_WORD = '$(subst ','\'',$(or $(value PARAMS),params.yaml))'
# NO_CACHE=1: execute every notebook instead of reusing build/cache/ (which the build then refreshes).
NO_CACHE ?=
# Reproducible builds: the build date comes from the last commit unless you set it.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

INSTALLED := $(VENV)/.installed
PACKAGE_SOURCES := $(shell find src -type f \( -name '*.py' -o -name '*.j2' -o -name '*.json' -o -name '*.css' -o -name '*.mplstyle' -o -name '*.typ' \) -not -path '*/__pycache__/*')
RAW_DATA := $(wildcard data/raw/*.csv)
REFERENCE_DATA := $(wildcard data/reference/*.csv)
NOTEBOOK_FILES := $(wildcard notebooks/[0-9][0-9]_*.ipynb)
REPORT_FILES := report/medical-coding-salaries.html report/medical-coding-salaries.pdf report/findings.json report/medical-coding-salaries.xlsx data/processed/salaries.csv
# Written by the build with the outputs: the parameters and the input files they were built from.
BUILD_RECORD := build/params.used
LOCK := $(PY) -m medical_coding_salaries.build.lock build/.lock

.PRECIOUS: $(REPORT_FILES) $(BUILD_RECORD)
.PHONY: help install report data notebooks test test-fast test-blas lab bench clean FORCE

help: ## List the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "Options: PARAMS=my.yml (default params.yaml), NO_CACHE=1 (execute every notebook)"

install: $(INSTALLED) ## Create .venv and install the pinned dependencies and the project's kernel

$(INSTALLED): requirements.lock pyproject.toml
	@echo "Creating $(VENV) and installing pinned dependencies (first run takes a few minutes)..."
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	touch $@

# One build at a time in this folder: `make report` runs a second make, which decides what is out of date and
# builds it, under a lock, so a second `make report` waits for the first and then sees what it published.
# (`make -q report` only asks whether the report is up to date, so it takes no lock.)
QUESTION := $(findstring q,$(firstword -$(MAKEFLAGS)))
ifeq ($(LOCKED)$(QUESTION),)
report: $(INSTALLED) ## Build report/medical-coding-salaries.{html,pdf,xlsx}, report/findings.json and data/processed/salaries.csv
	@mkdir -p build
	@$(LOCK) $(MAKE) --no-print-directory report LOCKED=1
else
report: $(REPORT_FILES)

# What the report would be built from now (parameters, input files) against what the last successful build
# recorded; checked as the Makefile is read, so that `make -q report` is exact. A changed parameter, or an
# input file deleted or added, makes the report out of date; a bad parameters file stops make here. Without a
# record (a clean build) there is nothing to compare: the report is built, and the build checks the parameters
# before anything else (one Python process less before a clean build starts: a tenth of a second); `make -q`
# still checks them.
ifneq ($(filter report,$(MAKECMDGOALS)),)
ifneq ($(wildcard $(INSTALLED)),)
ifeq ($(wildcard $(BUILD_RECORD))$(QUESTION),)
RECORD_CHANGED := FORCE
else
RECORD_STATE := $(shell mkdir -p build && trap 'rm -f build/params.wanted build/params.error; exit 130' INT TERM HUP; if $(PY) -m medical_coding_salaries.parameters --record data $(PARAMS_WORD) > build/params.wanted 2> build/params.error; \
  then rm -f build/params.error; cmp -s build/params.wanted $(BUILD_RECORD) && echo same || echo changed; \
  else rm -f build/params.wanted; cat build/params.error; rm -f build/params.error; fi)
ifneq ($(filter-out same changed,$(RECORD_STATE)),)
$(error $(RECORD_STATE))
endif
ifeq ($(RECORD_STATE),changed)
RECORD_CHANGED := FORCE
endif
endif
endif
endif
endif

FORCE:

$(REPORT_FILES) &: $(INSTALLED) $(RAW_DATA) data/raw/manifest.csv $(REFERENCE_DATA) $(NOTEBOOK_FILES) $(PACKAGE_SOURCES) params.yaml $(RECORD_CHANGED) $(if $(NO_CACHE),FORCE)
	@$(PY) -m medical_coding_salaries.build --params=$(PARAMS_WORD) --out report --data data --record $(BUILD_RECORD) \
	  --cache build/cache $(if $(NO_CACHE),--no-cache)

data: $(INSTALLED) ## Write data/processed/salaries.csv from data/raw/ alone (with PARAMS' range_point and open_top_factor)
	@mkdir -p build
	@$(LOCK) $(PY) -m medical_coding_salaries.clean --params=$(PARAMS_WORD) --data data --invalidates $(BUILD_RECORD)

notebooks: $(INSTALLED) ## Re-execute the notebooks in place with the default parameters (their outputs are nbval's reference)
	$(PY) -m medical_coding_salaries.build.refresh

test: $(INSTALLED) ## Run ruff (lint and format check), the unit tests, nbval on the notebooks, and the build tests
	$(PY) -m ruff check src tests benchmarks && $(PY) -m ruff format --check src tests benchmarks
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env -p no:cacheprovider

# Only the plugin the unit tests use: pytest rewrites the asserts of every module of each auto-loaded plugin's
# package (hypothesis, anyio, typeguard: over 100 modules, seconds a run where no bytecode is cached), and nbval
# imports the notebook stack. The fast profile tries fewer Hypothesis examples, still derandomized.
test-fast: $(INSTALLED) ## Run the unit tests only (tests/unit: seconds; no kernels, no builds, no make)
	PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(PY) -m pytest tests/unit -p no:cacheprovider -p _hypothesis_pytestplugin \
	  --hypothesis-profile=fast -q

# Stored outputs must not depend on the CPU: nbval under two OpenBLAS kernels (x86-64; Prescott is the
# oldest, SSE3, and differs in the last bits from the AVX-512 kernels that most current servers pick).
# Not part of `make test`: where a machine sets OPENBLAS_CORETYPE itself, it does so for a reason.
BLAS_CORETYPES ?= Prescott Haswell
test-blas: $(INSTALLED) ## Run nbval on the notebooks under two OpenBLAS kernels (BLAS_CORETYPES)
	@for coretype in $(BLAS_CORETYPES); do echo "OPENBLAS_CORETYPE=$$coretype"; \
	  OPENBLAS_CORETYPE=$$coretype $(PY) -m pytest notebooks --nbval --nbval-current-env -p no:cacheprovider -q || exit 1; done

lab: $(INSTALLED) ## Open JupyterLab on the notebooks with the project's kernel (loopback only)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks --MappingKernelManager.default_kernel_name=$(KERNEL) $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(INSTALLED) ## Time the build in each case (clean, unchanged, paper size, template, parameters) as ratios to the import floor (see README)
	$(PY) benchmarks/bench.py

clean: ## Remove generated files (report, processed data, build folder and its cache of notebooks); keeps .venv
	rm -rf build report/*.html report/*.pdf report/*.json report/*.xlsx report/.*.tmp data/processed/*.csv

