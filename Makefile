# Two commands on a fresh machine: `make demo` and `make test`.
# Uses uv when it is on PATH, else python3 -m venv + pip. Versions are pinned by constraints.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(shell command -v uv 2>/dev/null)
DEMO_DB := data/demo.duckdb
PORT   ?= 8501

.PHONY: demo test lint typecheck pytest install serve bench clean constraints

$(BIN)/python:
ifdef UV
	$(UV) venv --python $(PYTHON) $(VENV)
else
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
endif

# Re-install only when the project metadata or the pins change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
ifdef UV
	$(UV) pip install --python $(BIN)/python -c constraints.txt -e '.[test]'
else
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
endif
	touch $@

install: $(VENV)/.installed

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/workbench --db $(DEMO_DB) ingest data/samples/articles
	$(BIN)/workbench --db $(DEMO_DB) link
	$(BIN)/workbench --db $(DEMO_DB) status
	$(BIN)/workbench --db $(DEMO_DB) serve --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy workbench

pytest: install
	$(BIN)/pytest

test: lint typecheck pytest

bench: install
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_hostile.py
	$(BIN)/python bench/bench_link.py
	$(BIN)/python bench/bench_review.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/eval_stance.py

# Refresh the pins from what is installed now (run after changing dependencies).
constraints: install
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
