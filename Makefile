# The README's two commands are `make run` and `make test`; each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# requirements*.txt are what people edit (direct dependencies, with the reasons for each pin);
# requirements*.lock are compiled from them by `make lock` (every transitive package, exact, with
# hashes) and are all that is ever installed.
LOCKS := requirements.lock requirements-dev.lock
UV_COMPILE := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"

.PHONY: venv run test test-thorough lint bench dist installer wheel lock clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt $(LOCKS)
	@$(PYTHON) -c "$$LOCK_CHECK"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(STAMP)

# A pin changed in requirements*.txt but not compiled into the lock would be silently ignored.
define LOCK_CHECK
import re, sys
lock = open("requirements-dev.lock").read()
stale = [line.split("#")[0].strip() for name in ("requirements.txt", "requirements-dev.txt") for line in open(name)
         if (pin := re.match(r"([A-Za-z0-9._-]+)==(\S+)", line))
         and not re.search(rf"^{re.sub(r'[-_.]+', '[-_.]', pin[1])}=={re.escape(pin[2])}[ ;]", lock, re.M | re.I)]
sys.exit(f"requirements-dev.lock does not have {', '.join(stale)}: run 'make lock'" if stale else 0)
endef
export LOCK_CHECK

# Recompile the locks after editing requirements*.txt. Versions already locked are kept unless
# asked: `make lock UPGRADE=--upgrade` (everything) or `UPGRADE="--upgrade-package numpy"`.
# (uv comes from the lock itself, so this works while the venv is stale or missing.)
lock:
	test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock; }
	$(UV_COMPILE) $(UPGRADE) requirements.txt -o requirements.lock
	$(UV_COMPILE) $(UPGRADE) requirements-dev.txt -c requirements.lock -o requirements-dev.lock

run: venv
	$(BIN)/python main.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# On every core (pytest-xdist): most of the suite's time is spent waiting on commands and PDFs.
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto

# The tests at depth: the disclosure attacker on 40 random waves, the other properties on 500
# cases each, every command on every hostile plan (minutes; CI runs `make test` at this depth).
test-thorough: venv
	WELLPLAN_TEST_DEPTH=thorough QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto -m "hypothesis or depth"

# Python's compiled files are written (a shell that turned them off would time every import compiling).
bench: venv
	env -u PYTHONDONTWRITEBYTECODE QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

dist: venv
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/WellPlan

# The Linux installer, dist/wellplan_VERSION_ARCH.deb, from the bundle as `make dist` left it
# (built first only if there is none: after changing the code, run `make dist` again). The Windows
# installer is built on Windows from packaging/windows/wellplan.iss, which says how.
installer: venv
	test -x dist/WellPlan/WellPlan || $(MAKE) dist
	$(BIN)/python packaging/build_deb.py

# The wheel `pip install .` builds, into dist/: built with the locked setuptools (no isolation, so
# offline too), from a cleared build/lib (setuptools reuses it, and a module moved or deleted since
# the last build would otherwise still be in the wheel), leaving no egg-info in the tree.
wheel: venv
	rm -rf build/lib build/bdist.* wellplan.egg-info
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .
	rm -rf build/lib build/bdist.* wellplan.egg-info
	@ls dist/*.whl

clean:
	rm -rf build dist .pytest_cache wellplan.egg-info
