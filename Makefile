# jixiao — two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# the build backend pyproject.toml names, so the tests can build the wheel without fetching it
	$(BIN)/python -m pip install --quiet --disable-pip-version-check setuptools==80.9.0
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,ocr,scale,postgres,parquet,web]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jixiao show examples/
	$(BIN)/jixiao score examples/qinghe_dept_2024.txt
	$(BIN)/jixiao score examples/qinghe_final_accounts_2024.txt
	$(BIN)/jixiao assess examples/qinghe_dept_2024.txt
	# check exits 1 when it finds errors, as a linter does; the demo example has some on purpose
	$(BIN)/jixiao check examples/ || test $$? -eq 1

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache

bench: $(STAMP)
	$(BIN)/python bench/readers.py
