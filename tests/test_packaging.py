"""The installers: the Windows script and the .deb say the same things as the app (name, version,
program, plan-file extension), the Windows icon is a real .ico, and a .deb built from a stand-in
bundle installs, registers plan files and uninstalls cleanly (dpkg in a temporary root)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "packaging" / "windows"))

import app_facts as facts  # noqa: E402
import build_deb  # noqa: E402
import prepare  # noqa: E402

from services.app_info import APP_NAME, APP_VERSION  # noqa: E402
from services.plan.plan_file import PLAN_SUFFIX  # noqa: E402

ISS = ROOT / "packaging" / "windows" / "wellplan.iss"
SPEC = ROOT / "build.spec"
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed (not Debian)")


def _iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', ISS.read_text(encoding="utf-8"), re.M))


def test_the_windows_script_names_what_the_app_and_the_deb_name():
    defines = _iss_defines()
    assert defines["AppName"] == APP_NAME == facts.APP_NAME
    assert defines["AppExe"] == f"{facts.PROGRAM}.exe"
    assert defines["PlanExt"] == PLAN_SUFFIX == facts.EXTENSION
    # the program build.spec builds, under the name both installers start
    assert f'name="{facts.PROGRAM}"' in SPEC.read_text(encoding="utf-8")
    assert f'name="{facts.CLI_PROGRAM}"' in SPEC.read_text(encoding="utf-8")
    text = ISS.read_text(encoding="utf-8")
    assert '"""{app}\\{#AppExe}"" ""%1"""' in text  # a double-clicked plan opens in the program


def test_the_windows_version_comes_from_app_info_only(tmp_path):
    text = ISS.read_text(encoding="utf-8")
    assert "AppVersion" not in _iss_defines()
    assert not re.search(r"\d+\.\d+\.\d+", text), "a version number is written in the .iss"
    # the include and the icon are where prepare.py writes them, relative to the script
    include = re.search(r'^#include "([^"]+)"', text, re.M)[1]
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.M)[1]
    assert (ISS.parent / include.replace("\\", "/")).resolve() == prepare.OUT / "version.iss"
    assert (ISS.parent / icon.replace("\\", "/")).resolve() == prepare.OUT / "wellplan.ico"
    assert 'ROOT / "build" / "windows" / "wellplan.ico"' in SPEC.read_text(encoding="utf-8")
    assert prepare.version_include().splitlines()[-1] == f'#define AppVersion "{APP_VERSION}"'


def test_prepare_writes_the_version_and_a_real_ico(tmp_path):
    assert prepare.main(["prepare.py", str(tmp_path)]) == 0
    assert f'#define AppVersion "{APP_VERSION}"' in (tmp_path / "version.iss").read_text(encoding="utf-8")
    data = (tmp_path / "wellplan.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(facts.icon_sizes()))
    widths = []
    for i in range(count):
        width, height, _, _, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + size <= len(data) and (planes, bits) == (1, 32) and width == height
        # the PNG's own width (its IHDR) is the entry's, 256 written as 0
        assert struct.unpack_from(">I", data, offset + 16)[0] == (width or 256)
        widths.append(width or 256)
    assert widths == sorted(facts.icon_sizes())


def _stand_in_bundle(folder: Path, self_test_says: str) -> Path:
    """A bundle with the real one's layout whose program is a tiny script, so the package's own
    layout, scripts and uninstall are tested in seconds (CI tests the real bundle's .deb)."""
    bundle = folder / "WellPlan"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / facts.PROGRAM
    program.write_text("#!/bin/sh\n"
                       f'if [ "$1" = self-test ]; then echo "{self_test_says}"; exit 0; fi\n'
                       # (as the real one answers for a district server that nobody runs)
                       'if [ "$1" = check ]; then echo "wellplan: The district server could not be used (plan on '
                       '127.0.0.1:1): connection refused." >&2; exit 1; fi\n'
                       'echo "usage: wellplan [-h] COMMAND"\n')
    program.chmod(0o755)
    (bundle / facts.CLI_PROGRAM).symlink_to(facts.PROGRAM)
    return bundle


@pytest.fixture(scope="module")
def stand_in_deb(tmp_path_factory):
    """The .deb of a stand-in bundle whose self-test passes, and the folder it was staged in."""
    work = tmp_path_factory.mktemp("deb")
    return build_deb.build(_stand_in_bundle(work, "self-test ok"), work / "out", level=0, work=work), work


@needs_dpkg
def test_the_deb_says_what_the_app_says(stand_in_deb):
    deb, work = stand_in_deb
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    assert deb.name == f"wellplan_{APP_VERSION}_{arch}.deb"

    def field(name):
        return subprocess.run(["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert field("Version") == APP_VERSION
    assert field("Package") == "wellplan" and field("Architecture") == arch
    assert field("Depends").startswith("libc6 (>= 2.")
    assert int(field("Installed-Size")) > 0
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "root/root" in listing and "./opt/wellplan/WellPlan" in listing
    assert "./usr/bin/wellplan -> ../../opt/wellplan/WellPlan" in listing

    root = work / "root" / "usr" / "share"
    desktop = (root / "applications" / "wellplan.desktop").read_text()
    assert "\nExec=/opt/wellplan/WellPlan %f\n" in desktop
    assert f"\nMimeType={facts.MIME_TYPE};\n" in desktop and "\nIcon=wellplan\n" in desktop
    assert desktop.startswith("[Desktop Entry]\n") and f"\nName={APP_NAME}\n" in desktop
    mime = (root / "mime" / "packages" / "wellplan.xml").read_text()
    assert f'<mime-type type="{facts.MIME_TYPE}">' in mime and f'<glob pattern="*{PLAN_SUFFIX}"/>' in mime
    for size in facts.icon_sizes():
        png = (root / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "wellplan.png").read_bytes()
        assert struct.unpack_from(">II", png, 16) == (size, size)


@needs_dpkg
def test_the_deb_installs_and_uninstalls_cleanly_in_a_root_of_its_own(stand_in_deb):
    deb, _ = stand_in_deb
    done = subprocess.run(["bash", str(ROOT / "packaging" / "check_deb.sh"), str(deb)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dpkg remove and purge ok" in done.stdout


@needs_dpkg
def test_the_check_fails_when_the_installed_program_fails_its_self_test(tmp_path):
    deb = build_deb.build(_stand_in_bundle(tmp_path, "self-test FAILED"), tmp_path / "out", level=0, work=tmp_path)
    done = subprocess.run(["bash", str(ROOT / "packaging" / "check_deb.sh"), str(deb)], capture_output=True, text=True)
    assert done.returncode != 0
    assert "did not print 'self-test ok'" in done.stderr


def test_depends_names_qt_x11_libraries_the_building_machine_lacks(monkeypatch):
    """CI's machine has no X libraries installed: Qt's xcb plugin still gets its Depends from the
    table, and a library neither dpkg nor the table knows stops the build with a plain sentence."""
    installed = {"libc.so.6": "libc6", "libxcb.so.1": "libxcb1"}
    monkeypatch.setattr(build_deb, "_owner", installed.get)
    monkeypatch.setattr(build_deb, "system_libraries",
                        lambda bundle: ({"libc.so.6", "libxcb.so.1", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"},
                                        (2, 35)))
    assert build_deb.depends(Path("unused")) == \
        "libc6 (>= 2.35), libpq5, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb1"  # (dlopen()ed: libpq, the cursor)

    monkeypatch.setattr(build_deb, "system_libraries", lambda bundle: ({"libc.so.6", "libmystery.so.2"}, (2, 35)))
    with pytest.raises(SystemExit, match="No installed package provides libmystery.so.2"):
        build_deb.depends(Path("unused"))
