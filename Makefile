# IMP Smart — the front door. `make demo` and `make test` set everything up on a fresh
# Debian machine (root or sudo for the system packages).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PYTEST := $(BIN)/python -m pytest
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test test-sqlite test-postgres install system-deps lint fmt vendor serve messages clean

demo: install
	$(BIN)/impsmart demo $(DEMO_ARGS)

# Lint first (cheap), then both databases at once (one core each); the wall time is printed.
test: install system-deps
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint \
	&& $(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres; \
	status=$$?; echo "== make test: $$(( $$(date +%s) - start )) s wall time"; exit $$status

test-sqlite:
	@echo "== tests on SQLite"
	$(PYTEST)

test-postgres:
	@echo "== tests on PostgreSQL"
	tools/with-postgres.sh $(PYTEST)

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import impsmart, django, playwright"
	rm -f $(VENV)/.installed-*
	touch $@

system-deps:
	tools/system-deps.sh

serve: install
	$(BIN)/impsmart serve

lint: install
	@echo "== lint: ruff, formatting, migrations"
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/impsmart makemigrations --check --dry-run

fmt: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Refresh the vendored front-end files from the npm registry.
vendor:
	tools/vendor.sh

messages: install
	cd src/impsmart && ../../$(BIN)/impsmart makemessages -l en --no-obsolete
	$(BIN)/impsmart compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
