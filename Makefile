# Everything is installed into .venv from nothing; `make run` and `make test` need no other set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PLUGIN_DIRS := $(patsubst %/pyproject.toml,%,$(wildcard plugins/*/pyproject.toml))
SAMPLE ?= sample_projects/ingen-ska-lamnas-utanfor-2.toml

.PHONY: run test system-deps fuzz lint i18n bench clean

$(STAMP): pyproject.toml $(wildcard plugins/*/pyproject.toml)
	@echo "Installing Lilla Ratten and its plugins into $(VENV) (the first time takes a minute or two)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# not --quiet: each package is named as it is fetched, so the first minute shows progress
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -e '.[test]' $(addprefix -e ,$(PLUGIN_DIRS))
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/lilla-ratten open $(SAMPLE)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

# The large budget: 2 500 examples for each of the 4 fuzz properties (10 000 in all), 500 SIGKILL-during-save trials.
fuzz: $(STAMP)
	LR_FUZZ_EXAMPLES=2500 LR_CRASH_TRIALS=500 $(BIN)/python -m pytest -q -s tests/test_fuzz.py tests/test_crash_save.py

# sshd, ssh, tmux, git for the end-to-end tests (Debian packages; skipped with a reason if impossible)
system-deps:
	@sh .ci/install-system-deps

# Speed figures, each against a baseline measured in the same run (see benchmarks/README.md).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

lint: $(STAMP)
	$(BIN)/lint-imports

# Re-extract messages and recompile the catalogues after changing user-facing text.
i18n: $(STAMP)
	$(BIN)/pybabel extract --no-location --project=lilla-ratten --version=0.1 -k N_ -k ngettext:1,2 -o src/lilla_ratten/locale/lilla_ratten.pot src/lilla_ratten
	$(BIN)/pybabel update --no-fuzzy-matching -i src/lilla_ratten/locale/lilla_ratten.pot -d src/lilla_ratten/locale -D lilla_ratten
	for dir in plugins/*/src/lilla_ratten_*/locale; do \
	  pkg=$$(dirname $$dir); name=$$(basename $$pkg); \
	  $(BIN)/pybabel extract --no-location --project=$$name -k tr -k _f:2 -o $$dir/$$name.pot $$pkg && \
	  $(BIN)/pybabel update --no-fuzzy-matching -i $$dir/$$name.pot -d $$dir -D $$name || exit 1; \
	done
	@# a catalogue whose only change is its timestamp is put back, so git shows real changes only
	@for f in $$(git diff --name-only -- '*.po' '*.pot'); do \
	  git diff -U0 -- "$$f" | grep '^[-+][^-+]' | grep -qv 'Creation-Date\|Revision-Date\|Generated-By' || git checkout -q -- "$$f"; \
	done
	$(BIN)/pybabel compile -d src/lilla_ratten/locale -D lilla_ratten
	for dir in plugins/*/src/lilla_ratten_*/locale; do \
	  pkg=$$(dirname $$dir); $(BIN)/pybabel compile -d $$dir -D $$(basename $$pkg) || exit 1; \
	done

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis
