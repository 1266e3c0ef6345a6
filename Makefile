# Developer commands for huanjie. `make run` and `make test` are the two that matter.
VENV := .venv
PY := $(VENV)/bin/python
DEMO := demo-out

.PHONY: setup run demo test lint typecheck contracts unit bench screenshots dist translations clean

setup:
	bash tools/setup.sh

run: setup
	@test -f $(DEMO)/district.huanjie || $(PY) -m huanjie_desktop.cli.main demo $(DEMO)
	$(PY) -m huanjie_desktop.gui.main --or-headless-demo $(DEMO) $(DEMO)/district.huanjie

demo: setup
	$(PY) -m huanjie_desktop.cli.main demo $(DEMO)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy

contracts: setup
	$(VENV)/bin/lint-imports

unit: setup
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -n 2

test: lint typecheck contracts unit

bench: setup
	$(PY) -m bench.names
	$(PY) -m bench.tally
	$(PY) -m bench.recognition
	$(PY) -m bench.memory
	$(PY) -m bench.accuracy
	$(PY) -m bench.plain_marks

translations: setup
	$(PY) -m huanjie_desktop.gui.translations_build

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m huanjie_desktop.gui.screenshots docs/screenshots

# The Linux one-folder bundle in dist/huanjie (Windows: packaging/windows.md), then the smoke
# test, which prints the bundle size and start-up times (re-measure: bash packaging/smoke_test.sh).
dist: setup
	$(VENV)/bin/pip install -q 'pyinstaller>=6.5,<7'
	$(PY) -m huanjie_desktop.gui.translations_build --release
	$(VENV)/bin/pyinstaller --noconfirm --distpath dist --workpath build packaging/huanjie.spec
	bash packaging/smoke_test.sh dist/huanjie

clean:
	rm -rf build dist $(DEMO) .mypy_cache .ruff_cache .pytest_cache
