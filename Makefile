# Two commands on a fresh machine: `make release` and `make test`.
# Each creates .venv and installs the project on first use.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp

export DAGSTER_HOME         ?= $(CURDIR)/.dagster
export PIPELINE_SEEDS_DIR   ?= seeds
export PIPELINE_OUTPUTS_DIR ?= outputs
export PIPELINE_CORRECTIONS_DIR ?= corrections

.PHONY: release test dev bench evaluate verify review clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

release: $(STAMP)  ## materialise every asset with Dagster and publish a release into outputs/
	$(PY) -m pipeline refresh

test: $(STAMP)  ## run the test suite
	$(PY) -m pytest

dev: $(STAMP)  ## the Dagster UI on 127.0.0.1:3000, same instance as `make release`
	mkdir -p $(DAGSTER_HOME)
	$(VENV)/bin/dg dev --use-active-venv --host 127.0.0.1 --port 3000

bench: $(STAMP)  ## speed and memory figures, 1,000 documents (ARGS=--large: 10,000); prints a table, writes outputs/bench/
	$(PY) -m pipeline.bench $(ARGS)

evaluate: $(STAMP)  ## score every annotated document: seeds from the newest release, tests/corpus extracted now (ARGS=--fresh: all extracted now)
	$(PY) -m pipeline.evaluate $(ARGS)

verify: $(STAMP)  ## re-check the newest release against its checksums, schemas and sources
	$(PY) -m pipeline verify

review: $(STAMP)  ## a static evidence viewer of the newest release in outputs/review/ (open index.html)
	$(PY) -m pipeline.review

clean:  ## remove generated outputs and the Dagster instance (not the venv)
	rm -rf outputs/releases outputs/work outputs/bench .dagster
