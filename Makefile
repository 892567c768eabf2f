# Media Monitor: `make demo` runs the pipeline on the bundled demo web; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8

.PHONY: help install demo test lint unit integration airflow-init airflow-ui lock clean

help:
	@echo "make demo         set up everything, run the daily DAG on the 7 demo days and the trend report"
	@echo "make test         ruff + the whole test suite"
	@echo "make airflow-ui   Airflow standalone (UI on http://localhost:8080) with the demo web running"
	@echo "make lock         regenerate requirements.txt from requirements.in"

# The venv is rebuilt when the lock changes. uv installs the lock in seconds.
$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

install: $(VENV)/.installed

airflow_home/.initialised: $(VENV)/.installed
	bash scripts/airflow_init.sh
	@touch $@

airflow-init: airflow_home/.initialised

demo: airflow_home/.initialised
	bash scripts/demo.sh

lint: install
	$(BIN)/ruff check .

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

unit: install
	$(BIN)/python -m pytest tests/unit tests/dags

integration: install
	$(BIN)/python -m pytest tests/integration

airflow-ui: airflow_home/.initialised
	bash scripts/airflow_ui.sh

lock: install
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11.7

clean:
	rm -rf data airflow_home .pytest_cache .ruff_cache
