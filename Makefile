# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest browser-test pg-test migrate demo messages lock serve worker clean

# DEBUG is off unless asked for (icc/settings.py): a development checkout asks for it in its .env, written
# here when there is none, so that `make run` and every `icc` command work on a fresh machine. DEBUG set in
# the environment still wins; the tests need nothing. A production server has its own settings, not this file.
.env:
	printf '# Written by make for a development checkout; .env.example lists every setting.\nDEBUG=true\n' > .env

$(BIN)/icc: pyproject.toml requirements.lock | .env
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 is needed (pyenv: see .python-version)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(BIN)/icc

install: $(BIN)/icc

messages: $(BIN)/icc
	@$(BIN)/icc compilemessages --ignore=.venv -v 0

migrate: install messages
	$(BIN)/icc migrate --no-input -v 0

demo: migrate
	$(BIN)/icc load_demo

# Long work (report drafts and batches, imports, recomputes) never runs inside a request: `make run` starts
# a worker (`icc db_worker`, tasks queued in the database) beside the web server, both with the database
# task backend, and stops the worker when the server stops (Ctrl+C). TASKS_BACKEND set in the environment
# or in .env still wins; `icc runserver` alone runs tasks inline.
RUN_TASKS_BACKEND ?= django_tasks_db.DatabaseBackend

run: demo
	@echo "Background work runs in a worker beside the web server (icc db_worker); Ctrl+C stops both."
	@export TASKS_BACKEND="$${TASKS_BACKEND:-$(RUN_TASKS_BACKEND)}"; \
	$(BIN)/icc db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/icc runserver $(HOST):$(PORT)

worker: migrate
	$(BIN)/icc db_worker

lint: install
	$(BIN)/ruff check icc tests benchmarks tools
	$(BIN)/ruff format --check icc tests benchmarks tools

typecheck: install
	$(BIN)/mypy icc

pytest: messages
	$(BIN)/python tools/ensure_chromium.py
	$(BIN)/pytest -q $(PYTEST_ARGS)

test: lint typecheck pytest

browser-test: messages
	$(BIN)/python tools/ensure_chromium.py
	$(BIN)/pytest -q -m browser $(PYTEST_ARGS)

# The suite against PostgreSQL (127.0.0.1:5432, trust auth); .ci/run does this too.
pg-test: messages
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/icc_test_main $(BIN)/pytest -q -m "not browser" $(PYTEST_ARGS)

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf /tmp/icc-lock && $(PYTHON) -m venv /tmp/icc-lock
	/tmp/icc-lock/bin/pip install --quiet --upgrade pip
	/tmp/icc-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/icc-lock/bin/pip install --quiet setuptools
	/tmp/icc-lock/bin/pip freeze --all --exclude-editable | grep -vE '^(-e|pip==)' > requirements.lock

clean:
	rm -rf $(VENV) var
