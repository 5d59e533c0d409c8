# `make run` and `make test` each do their own set-up: a venv with CPU PyTorch and the project.
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?= -q --durations=15
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser lint typecheck test run format clean

install: $(STAMP)

$(BIN)/python:
	python3 -m venv $(VENV)

# CPU torch first, pinned: pip takes it from the local wheel folder only for this exact
# version; letting pip resolve torch would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e ".[dev]"
	touch $@

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing chromium and chromium-driver"; \
	  if ! ($(SUDO) apt-get update && \
	        $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver); then \
	    if [ "$${CI:-}" = "true" ]; then echo "error: chromium could not be installed" >&2; exit 1; fi; \
	    echo "warning: chromium could not be installed; browser tests will not run" >&2; \
	  fi; \
	fi
	@# A CJK TrueType font: the PDF upload tests write Chinese text into a PDF (reportlab).
	@if [ -z "$$(fc-list :lang=zh file 2>/dev/null)" ]; then \
	  echo "installing fonts-wqy-microhei"; \
	  if ! ($(SUDO) apt-get update && \
	        $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-microhei); then \
	    if [ "$${CI:-}" = "true" ]; then echo "error: fonts-wqy-microhei could not be installed" >&2; exit 1; fi; \
	    echo "warning: no CJK font; the PDF upload tests will be skipped" >&2; \
	  fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy assistant retrieval corpus eval ui service
	$(BIN)/lint-imports

test: install browser lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

# Ingest is incremental: unchanged documents are skipped in well under a second.
run: install
	$(BIN)/vca ingest
	$(BIN)/vca serve --host $${VCA_HOST:-127.0.0.1} --port $${VCA_PORT:-8000}

format: install
	$(BIN)/ruff check --fix --exit-zero .
	$(BIN)/ruff format .

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache
