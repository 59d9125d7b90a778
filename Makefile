# What medical coding specialists earn in the USA: build, test and explore the report.
# `make` alone lists the targets.

SHELL := /bin/bash
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

PYTHON_BOOT ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KERNEL := medical-coding-salaries
PARAMS ?= params.yaml
# Reproducible builds: the build date comes from the last commit unless you set it.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

INSTALLED := $(VENV)/.installed
PACKAGE_SOURCES := $(shell find src -type f \( -name '*.py' -o -name '*.j2' -o -name '*.json' -o -name '*.css' -o -name '*.mplstyle' -o -name '*.typ' \) -not -path '*/__pycache__/*')
RAW_DATA := $(wildcard data/raw/*.csv)
REFERENCE_DATA := $(wildcard data/reference/*.csv)
NOTEBOOK_FILES := $(wildcard notebooks/[0-9][0-9]_*.ipynb)
REPORT_FILES := report/medical-coding-salaries.html report/medical-coding-salaries.pdf report/findings.json
PARAMS_USED := build/params.used

.PHONY: help install report data notebooks test lab bench clean

help: ## List the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "Options: PARAMS=my.yml (default params.yaml)"

install: $(INSTALLED) ## Create .venv and install the pinned dependencies and the project's kernel

$(INSTALLED): requirements.lock pyproject.toml
	@echo "Creating $(VENV) and installing pinned dependencies (first run takes a few minutes)..."
	test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	touch $@

# The effective parameters, rewritten only when they change (checked as the Makefile is read, so that
# `make -q report` is exact): a different PARAMS file with other values rebuilds, an equal one does not.
ifneq ($(filter report bench,$(MAKECMDGOALS)),)
ifneq ($(wildcard $(INSTALLED)),)
PARAMS_ERROR := $(shell mkdir -p build && if $(PY) -m medical_coding_salaries.parameters $(PARAMS) > $(PARAMS_USED).new 2> build/params.error; \
  then cmp -s $(PARAMS_USED).new $(PARAMS_USED) && rm -f $(PARAMS_USED).new || mv $(PARAMS_USED).new $(PARAMS_USED); \
  else rm -f $(PARAMS_USED).new; cat build/params.error; fi)
ifneq ($(PARAMS_ERROR),)
$(error $(PARAMS_ERROR))
endif
endif
endif

$(PARAMS_USED): | $(INSTALLED)
	@mkdir -p $(dir $@)
	$(PY) -m medical_coding_salaries.parameters $(PARAMS) > $@

report: $(REPORT_FILES) ## Build report/medical-coding-salaries.{html,pdf} and report/findings.json

$(REPORT_FILES) &: $(INSTALLED) $(PARAMS_USED) $(RAW_DATA) data/raw/manifest.csv $(REFERENCE_DATA) $(NOTEBOOK_FILES) $(PACKAGE_SOURCES) params.yaml
	$(PY) -m medical_coding_salaries.build --params $(PARAMS)

data: $(INSTALLED) ## Write data/processed/salaries.csv from data/raw/
	$(PY) -c "from medical_coding_salaries import clean; print(clean.write_processed(clean.clean_salaries()))"

notebooks: $(INSTALLED) ## Re-execute the notebooks in place with the default parameters (their outputs are nbval's reference)
	$(PY) -m medical_coding_salaries.refresh

test: $(INSTALLED) ## Run the unit tests, nbval on the notebooks, and the build tests
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env -p no:cacheprovider

lab: $(INSTALLED) ## Open JupyterLab on the notebooks with the project's kernel (loopback only)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks --MappingKernelManager.default_kernel_name=$(KERNEL) $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(INSTALLED) ## Time full, unchanged and changed builds against the naive pipeline (see README)
	$(PY) benchmarks/bench.py

clean: ## Remove generated files (report, processed data, build folder); keeps .venv
	rm -rf build report/*.html report/*.pdf report/*.json report/.*.tmp data/processed/*.csv

