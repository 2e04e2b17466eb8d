# newsgraph — every target installs what it needs from scratch.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo serve test browser bench lock score clean

demo: $(STAMP)
	$(BIN)/newsgraph extract --format text newsgraph/samples/harbour-strike.txt
	@echo "next: make serve  (the web UI over the sample corpus at http://127.0.0.1:8000/)"

# the sample corpus into newsgraph-demo.db, then the web UI and API over it
serve: $(STAMP)
	$(BIN)/newsgraph ingest newsgraph/samples --db newsgraph-demo.db --workers 1
	@echo "open http://127.0.0.1:8000/"
	$(BIN)/newsgraph serve --db newsgraph-demo.db --port 8000

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# the browser tests drive Debian's Chromium (never a downloaded browser); as
# root it is installed here, otherwise those tests say it is missing and skip
browser:
	@[ -x /usr/bin/chromium ] || { if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else echo "note: /usr/bin/chromium is missing; install it (apt-get install chromium) to run the browser tests"; fi; }

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

score: $(STAMP)
	@for set in seed plover-gsr polnear-dev trnews trnews30; do \
	  echo "== $$set"; $(BIN)/python ../shared/eval/score.py ../shared/eval/dev/$$set.jsonl --cmd "$(BIN)/newsgraph extract --format jsonl"; done

# pinned, hash-checked dependencies (spaCy model included), then newsgraph itself
$(STAMP): requirements/lock.txt pyproject.toml newsgraph/web/basemap/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	# country outlines for the web map (npm, from the lockfile; data only, no scripts)
	npm ci --prefix newsgraph/web/basemap --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

# recompile the lock after editing requirements/main.in
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras -q -o requirements/lock.txt requirements/main.in
	$(BIN)/python requirements/pin_model.py requirements/lock.txt

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
