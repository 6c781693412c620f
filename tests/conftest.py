"""Test setup: no real settings or home folder, Qt offscreen, and no leftover threads.

The environment is set here, at import, before pytest-qt creates the QApplication: Qt reads
QT_QPA_PLATFORM and the XDG folders once, when the application starts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_HOME = Path(tempfile.mkdtemp(prefix="wellplan-tests-home-"))
# A 1920x1080 screen (the offscreen platform's own is 800x800, smaller than the window WellPlan opens
# at, which it would shrink to fit); tests of small screens start a process with their own.
_SCREEN = _HOME / "screen.json"
_SCREEN.write_text('{"screens": [{"name": "Desktop", "x": 0, "y": 0, "width": 1920, "height": 1080, '
                   '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}', encoding="utf-8")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ["HOME"] = str(_HOME)
for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                 ("XDG_STATE_HOME", "state"), ("XDG_DOCUMENTS_DIR", "Documents")):
    os.environ[var] = str(_HOME / sub)
os.environ["XDG_RUNTIME_DIR"] = str(_HOME / "runtime")
(_HOME / "runtime").mkdir(mode=0o700)

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402

# The window follows the computer's regional settings (gui.screen_dates); tests type dates as a US
# district does unless they choose another locale themselves.
QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))

from services.plan.plan_file import PlanFile, create_plan, open_plan  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"

# How many random cases a property test tries. `make test` takes hypothesis's usual number for the
# cheap properties and a handful of whole random waves for the disclosure attacker (each runs
# WellPlan's import and releases and the attacker's linear programs: seconds); CI runs the suite
# with WELLPLAN_TEST_DEPTH=thorough, as `make test-thorough` runs these alone: the attacker on many more. A failing case is kept in .hypothesis/ and tried
# first next time, at either depth.
THOROUGH = os.environ.get("WELLPLAN_TEST_DEPTH") == "thorough"
settings.register_profile("thorough", max_examples=500)
if THOROUGH:
    settings.load_profile("thorough")
ATTACK_EXAMPLES = 40 if THOROUGH else 4


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture
def sample_plan_file(tmp_path: Path, built_sample: Path) -> PlanFile:
    """The sample district, open for editing: a copy of the one built for the whole run (building
    it takes seconds; tests/test_sample_district.py checks the building itself)."""
    path = tmp_path / "sample.wellplan"
    shutil.copy(built_sample, path)
    plan = open_plan(path)
    yield plan
    plan.close()


@pytest.fixture
def sample_plan(sample_plan_file: PlanFile) -> PlanFile:
    """The sample in a plan file; a module of plan-level tests may take ``sample_plan_anywhere``
    as its ``sample_plan`` instead, to run each test on a district server too."""
    return sample_plan_file


@pytest.fixture(scope="session")
def built_sample(cli_sample) -> Path:
    """The sample plan, built once per run (by the command line: the same builder); never edited,
    only copied."""
    return cli_sample


@pytest.fixture(scope="session")
def cli_sample(tmp_path_factory, worker_id) -> Path:
    """The sample plan made through the command line, once per run: the first of the parallel
    workers to need it builds it in the run's shared folder while the others wait (xdist's recipe;
    where there is no flock, each worker builds its own)."""
    from tests.cli_run import wellplan

    try:
        import fcntl
    except ImportError:
        fcntl = None
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" and fcntl is not None else base
    path = shared / "sample" / "Maple Hollow.wellplan"
    path.parent.mkdir(exist_ok=True)
    with open(shared / "sample.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held until the file closes
        if not path.exists():
            result = wellplan("sample", str(path))
            assert result.returncode == 0, result.stderr
            assert "Created the sample district plan" in result.stdout
    return path


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory, cli_sample) -> Path:
    """A copy of the command line's sample plan, shared by one module's end-to-end tests."""
    path = tmp_path_factory.mktemp("cli") / "Maple Hollow.wellplan"
    shutil.copy(cli_sample, path)
    return path


@pytest.fixture
def empty_plan(tmp_path: Path) -> PlanFile:
    plan = create_plan(tmp_path / "empty.wellplan", district_name="Test District")
    yield plan
    plan.close()


@pytest.fixture
def qt_settings(qapp, tmp_path: Path):
    """Point QSettings at a fresh folder for this test (never the user's real settings)."""
    from PySide6.QtCore import QStandardPaths

    from gui.app import make_application
    from gui.settings import AppSettings, use_settings_folder

    make_application()
    QStandardPaths.setTestModeEnabled(True)
    use_settings_folder(tmp_path / "settings")
    return AppSettings()


@pytest.fixture(autouse=True)
def no_tabs_built_ahead(request, monkeypatch):
    """A GUI test builds the tab it uses when it uses it: the window's building of the other tabs
    while it is idle (gui.tab_prebuilder) would make every test pay for all seven, at moments no
    test chose. The prebuilder's own tests (marked ``tabs_built_ahead``) keep it."""
    if "qtbot" in request.fixturenames and request.node.get_closest_marker("tabs_built_ahead") is None:
        from gui import tab_prebuilder

        monkeypatch.setattr(tab_prebuilder, "enabled", False)


@pytest.fixture(autouse=True)
def no_leftover_threads(request):
    """Fail a GUI test that leaves a worker running (napari's habit)."""
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    # A closed window's work is told to stop, and stops at its next check: an audit's linear program
    # runs to its end first, seconds on a machine busy with the other tests.
    finished = pool.waitForDone(15000)
    assert finished, "a background task was still running after the test"


@pytest.fixture
def window(qtbot, qt_settings, sample_plan_file):
    from tests.gui_windows import open_window  # (the window opens plan files only, for now)

    return open_window(qtbot, qt_settings, sample_plan_file)


@pytest.fixture(scope="session")
def postgres_server():
    """This test process's throwaway PostgreSQL server (tests/postgres_server.py), or a skip where
    none can be started (a failure instead when WELLPLAN_REQUIRE_POSTGRES is set, as in CI)."""
    from tests.postgres_server import REQUIRED, NoPostgres, PostgresServer

    try:
        server = PostgresServer()
    except NoPostgres as exc:
        if REQUIRED:
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty PostgreSQL database for this test: its SQLAlchemy URL."""
    return postgres_server.database()


@pytest.fixture(scope="session")
def server_sample_template(postgres_server, built_sample) -> str:
    """A database on the throwaway server holding the sample district, copied once per test process
    (``wellplan copy``'s service); each test gets a database made from it (``CREATE DATABASE ...
    TEMPLATE``, a fraction of a second)."""
    from services.plan.server_plan import copy_plan_file_to_server

    url = postgres_server.database()
    copy_plan_file_to_server(built_sample, url)
    return url


@pytest.fixture(params=["plan file", pytest.param("server", marks=pytest.mark.postgres)])
def sample_plan_anywhere(request, tmp_path):
    """The sample district open for editing, once in a plan file and once on a district server: for
    the plan-level tests that only read and write through ``transaction()`` (a module opts in by
    taking this as its ``sample_plan``)."""
    if request.param == "plan file":
        yield request.getfixturevalue("sample_plan_file")
        return
    from services.plan.server_plan import ServerPlan

    server = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("server_sample_template")
    plan = ServerPlan(server.database(template=template.rsplit("/", 1)[1]), read_only=False)
    yield plan
    plan.close()
