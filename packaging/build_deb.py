"""Build the Linux installer, dist/wellplan_VERSION_ARCH.deb, from the one-folder bundle
(dist/WellPlan, `make dist`), offline, with dpkg-deb. `make installer` runs this.

The package installs the bundle under /opt/wellplan, links /usr/bin/wellplan and wellplan-cli to
its programs, and adds a desktop entry with the app's icon (hicolor PNGs drawn by gui/app_icon.py)
and a MIME type for .wellplan files, so a plan opens in WellPlan with a double click. Removing
the package removes all of it: every file is dpkg's, and WellPlan writes nothing under /opt.

    python packaging/build_deb.py [--bundle dist/WellPlan] [--out dist] [--level 9]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import app_facts as facts  # noqa: E402

INSTALL_DIR = f"/opt/{facts.PACKAGE}"
MAINTAINER = "WellPlan project <wellplan@localhost>"

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.4
Name={name}
GenericName=Wellness plan
Comment={comment}
Exec={install_dir}/{program} %f
TryExec={install_dir}/{program}
Icon={package}
Terminal=false
Categories=Office;ProjectManagement;
MimeType={mime};
Keywords=school;wellness;wellbeing;survey;action plan;
StartupNotify=true
StartupWMClass={program}
"""

# The glob decides: a plan is an SQLite file, and SQLite's magic alone would call it a database.
# Declaring it a kind of SQLite file keeps the glob and the magic from disagreeing.
MIME_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{mime}">
    <comment>{name} plan</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <generic-icon name="x-office-document"/>
    <glob pattern="*{extension}"/>
  </mime-type>
</mime-info>
"""

# The desktop's caches, refreshed where their tools are installed (Debian's own triggers do it
# too; a desktop without them just finds the files on its next scan). Never fails the install.
# DPKG_ROOT is set by dpkg when installing into another root (--root), which CI does.
CACHE_SCRIPT = """\
#!/bin/sh
# {what}: refresh the desktop's menu, file-type and icon caches, if those tools are installed.
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DPKG_ROOT/usr/share/applications" || true
fi
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$DPKG_ROOT/usr/share/mime" >/dev/null 2>&1 || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DPKG_ROOT/usr/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$DPKG_ROOT/usr/share/icons/hicolor" || true
fi
exit 0
"""


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under ``root`` as they will be on the disk."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(bundle, root / INSTALL_DIR.lstrip("/"), symlinks=True)
    bin_dir = root / "usr/bin"
    bin_dir.mkdir(parents=True)
    # Relative links, so the package also works unpacked or installed under another root.
    os.symlink(f"../..{INSTALL_DIR}/{facts.PROGRAM}", bin_dir / facts.PACKAGE)
    os.symlink(f"../..{INSTALL_DIR}/{facts.CLI_PROGRAM}", bin_dir / facts.CLI_PROGRAM)

    share = root / "usr/share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{facts.PACKAGE}.desktop").write_text(DESKTOP_ENTRY.format(
        name=facts.APP_NAME, comment=facts.description().rstrip("."), install_dir=INSTALL_DIR,
        program=facts.PROGRAM, package=facts.PACKAGE, mime=facts.MIME_TYPE))
    _validate(share / "applications" / f"{facts.PACKAGE}.desktop")
    (share / "mime/packages").mkdir(parents=True)
    (share / "mime/packages" / f"{facts.PACKAGE}.xml").write_text(MIME_XML.format(
        mime=facts.MIME_TYPE, name=facts.APP_NAME, extension=facts.EXTENSION))
    for size in facts.icon_sizes():
        icon_dir = share / f"icons/hicolor/{size}x{size}"
        app_icon = facts.write_icon_png(icon_dir / "apps" / f"{facts.PACKAGE}.png", size)
        # the same picture for plan files in file managers (the MIME type's icon name)
        (icon_dir / "mimetypes").mkdir()
        shutil.copyfile(app_icon, icon_dir / "mimetypes" / f"{facts.MIME_TYPE.replace('/', '-')}.png")

    doc = share / "doc" / facts.PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(facts.ROOT / "resources/fonts/DejaVu-LICENSE.txt", doc / "DejaVu-LICENSE.txt")


def _validate(desktop_entry: Path) -> None:
    """desktop-file-validate (desktop-file-utils), where installed: a desktop entry it rejects may
    be left out of the menu or fail to open plans."""
    if shutil.which("desktop-file-validate"):
        found = subprocess.run(["desktop-file-validate", str(desktop_entry)], capture_output=True, text=True)
        if found.returncode != 0 or found.stdout.strip():
            raise SystemExit(f"The desktop entry is not valid:\n{found.stdout}{found.stderr}")


def _elf_files(folder: Path) -> list[Path]:
    out = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def system_libraries(bundle: Path) -> tuple[set[str], tuple[int, int]]:
    """The shared libraries the bundle's programs, libraries and plugins load that the bundle does
    not carry (the desktop's own: libc, X11's xcb, OpenGL...), and the newest glibc version they
    ask for."""
    bundled = {p.name for p in bundle.rglob("*.so*")}
    wanted, glibc = set(), (2, 17)
    for path in _elf_files(bundle):
        out = subprocess.run(["readelf", "-d", "-V", "-W", str(path)], capture_output=True, text=True).stdout
        wanted.update(name for name in re.findall(r"\(NEEDED\).*\[(.+?)\]", out) if name not in bundled)
        for major, minor in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", out):
            glibc = max(glibc, (int(major), int(minor)))
    return wanted, glibc


def _owner(library: str) -> str | None:
    """The Debian package that holds ``library`` on this machine (as dpkg-shlibdeps would find it)."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    arch_tag = "x86-64" if os.uname().machine == "x86_64" else ""
    for line in listing.splitlines():
        m = re.match(rf"\s*{re.escape(library)} \((.*?)\) => (\S+)", line)
        if not m or (arch_tag and arch_tag not in m[1]):
            continue
        path = m[2]
        for candidate in (path, os.path.realpath(path), "/usr" + path if not path.startswith("/usr") else path[4:]):
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                return found.stdout.split(":")[0].split(",")[0].strip()
    return None


# The Debian packages of the X11 libraries Qt's xcb platform plugin loads from the system (Qt's
# "Qt for X11 Requirements"), for a build machine that has no X libraries installed: it can still
# build the .deb (nothing here runs them), and a desktop gets them through the package's Depends.
# Installed libraries are looked up with dpkg first; this table only answers for missing ones.
QT_XCB_PACKAGES = {
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

# Loaded with dlopen(), so in no program's NEEDED list: Qt's xcb plugin refuses to start without
# libxcb-cursor since Qt 6.5 ("xcb-cursor0 or libxcb-cursor0 is needed"), which a desktop may lack;
# psycopg's pure-Python driver loads PostgreSQL's client library for a plan on a district server.
LOADED_AT_RUN_TIME = ("libpq5", "libxcb-cursor0")


def depends(bundle: Path) -> str:
    libraries, glibc = system_libraries(bundle)
    packages, unknown = set(), []
    for library in sorted(libraries):
        owner = _owner(library) or QT_XCB_PACKAGES.get(library)
        if owner is None:
            unknown.append(library)
        elif owner != "libc6":
            packages.add(owner)
    if unknown:
        raise SystemExit(f"No installed package provides {', '.join(unknown)}: install it to build the .deb "
                         "(the bundle loads it from the system).")
    return ", ".join([f"libc6 (>= {glibc[0]}.{glibc[1]})", *sorted(packages | set(LOADED_AT_RUN_TIME))])


def installed_size_kib(root: Path) -> int:
    """dpkg's estimate: each file's size in KiB rounded up, and one for each folder and link."""
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_dir():
            total += 1
        else:
            total += math.ceil(path.stat().st_size / 1024)
    return total


def write_control(root: Path, bundle: Path) -> None:
    debian = root / "DEBIAN"
    debian.mkdir()
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    summary = facts.description().rstrip(".")
    control = (
        f"Package: {facts.PACKAGE}\n"
        f"Version: {facts.version()}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_size_kib(root)}\n"
        f"Depends: {depends(bundle)}\n"
        "Section: education\n"
        "Priority: optional\n"
        f"Description: {summary[0].lower() + summary[1:]}\n"
        f" {facts.APP_NAME} guides a district's wellness team through a year of work: the team,\n"
        " readiness, surveys and focus groups, priorities, an action plan and its progress,\n"
        " with printable reports. Everything stays in one plan file on this computer.\n"
        " .\n"
        f" The program is installed in {INSTALL_DIR}; the commands are {facts.PACKAGE} (the window)\n"
        f" and {facts.CLI_PROGRAM} (the command line).\n"
    )
    (debian / "control").write_text(control)
    for name, what in (("postinst", "after installing"), ("postrm", "after removing")):
        script = debian / name
        script.write_text(CACHE_SCRIPT.format(what=what))
        script.chmod(0o755)


def build(bundle: Path, out_dir: Path, level: int = 9, work: Path | None = None) -> Path:
    """Stage the package in ``work`` (build/deb) and write the .deb into ``out_dir``."""
    if not (bundle / facts.PROGRAM).is_file():
        raise SystemExit(f"{bundle / facts.PROGRAM} is missing: run `make dist` first.")
    root = (work or facts.ROOT / "build" / "deb") / "root"
    stage(bundle, root)
    write_control(root, bundle)
    arch = (root / "DEBIAN/control").read_text().split("Architecture: ")[1].split("\n")[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{facts.PACKAGE}_{facts.version()}_{arch}.deb"
    started = time.monotonic()
    # zstd at level 9: 5 s for this bundle where xz -3 took 51 s (CI builds it every run), for a file
    # 10% larger, well under the 90 MB a district hands out. Every system the bundle runs on (glibc
    # 2.35 or newer, see Depends) has a dpkg that reads zstd: Debian 12, Ubuntu 22.04 and later.
    subprocess.run(["dpkg-deb", "--build", "--root-owner-group", "-Zzstd", f"-z{level}", str(root), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    print(f"{deb.relative_to(facts.ROOT) if deb.is_relative_to(facts.ROOT) else deb}: "
          f"{deb.stat().st_size / 1e6:.1f} MB (zstd -{level}, {seconds:.0f} s); installs "
          f"{installed_size_kib(root) / 1024:.0f} MB")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=facts.BUNDLE, help="the one-folder bundle (dist/WellPlan)")
    parser.add_argument("--out", type=Path, default=facts.ROOT / "dist", help="where the .deb is written")
    parser.add_argument("--level", type=int, default=9, choices=range(1, 20), help="zstd compression level")
    args = parser.parse_args(argv)
    build(args.bundle.resolve(), args.out.resolve(), args.level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
