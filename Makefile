# passionmap: `make help` lists the targets.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := data/raw/sample_comments.csv
OUT := data/processed/sample
WEEK ?=

.DEFAULT_GOAL := help
.PHONY: help setup sample run report test lint format strip bench eval lab clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv with passionmap, dev tools and the spaCy model (no-op when done)

$(SAMPLE): $(STAMP)
	$(BIN)/passionmap sample --out $(SAMPLE)

sample: $(SAMPLE) ## write the embedded sample comments to data/raw/

run: $(SAMPLE) ## run the pipeline on the sample into data/processed/sample/
	$(BIN)/passionmap run $(SAMPLE) --out $(OUT)

report: $(SAMPLE) ## render the weekly report of the sample to reports/ (HTML)
	$(BIN)/passionmap report $(SAMPLE) --out reports $(if $(WEEK),--week $(WEEK))

test: $(STAMP) ## run the whole test suite (one worker per core)
	$(BIN)/pytest -n auto

lint: $(STAMP) ## ruff lint and format check, notebooks free of outputs
	$(BIN)/ruff check passionmap tests benchmarks scripts notebooks
	$(BIN)/ruff format --check passionmap tests benchmarks scripts
	$(BIN)/python scripts/strip_notebooks.py --check

strip: $(STAMP) ## strip outputs from notebooks/*.ipynb (run before committing them)
	$(BIN)/python scripts/strip_notebooks.py

format: $(STAMP) ## ruff format and fix
	$(BIN)/ruff format passionmap tests benchmarks
	$(BIN)/ruff check --fix passionmap tests benchmarks

bench: $(STAMP) ## speed and memory benchmarks -> benchmarks/results.json
	$(BIN)/python benchmarks/bench.py

eval: $(STAMP) ## quality on real text beside anchors -> benchmarks/eval_results.md
	$(BIN)/python benchmarks/evaluate.py

# make lab LAB_ARGS="--port 9999 --no-browser": any other jupyter lab option
LAB_ARGS ?=
# root (a container, a VM): Jupyter refuses to start without --allow-root
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP) ## JupyterLab at the repo root (notebooks/ saved without outputs); LAB_ARGS=...
	JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks $(LAB_ROOT) $(LAB_ARGS)

clean: ## remove outputs (keeps .venv)
	rm -rf data/processed/* data/interim/* reports/*.html reports/*.ipynb
