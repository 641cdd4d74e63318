# Two commands do all set-up on a fresh machine with Python 3.11:
#   make demo   simulate an organisation, run the whole pipeline, print the levels
#   make test   lint and run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Prefect and Great Expectations offline and quiet, everywhere we run them.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 90
export PREFECT_LOGGING_LEVEL := WARNING
export PREFECT_SERVER_UI_ENABLED := false
export GX_ANALYTICS_ENABLED := false

.PHONY: demo test lint bench validate clean browser

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) on PATH (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/maturity demo --out demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.github
	$(BIN)/python -m benchmarks.ops

# Inferred levels against the levels simulated teams were generated at (confusion matrices).
validate: $(STAMP)
	$(BIN)/python -m benchmarks.validity

# Headless Chromium renders the HTML report in its test. Installed from Debian's registry when
# missing and we are root (CI is); otherwise say so: the report's browser test then skips.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium and chromium-driver (apt-get) for the report's browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver >/dev/null \
		|| echo "could not install chromium: the report's browser test will be skipped"; \
	else \
		echo "chromium not found and cannot install it (needs root and apt-get):" \
			"the report's browser test will be skipped"; \
	fi

clean:
	rm -rf $(VENV) demo .prefect .pytest_cache
