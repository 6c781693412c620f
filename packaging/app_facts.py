"""What both installers say about WellPlan (name, version, programs, plan files, icon), from the
places the app itself reads them, so the .deb, the Windows setup and the app cannot drift apart.

No ``__init__.py`` here on purpose: a package named ``packaging`` would hide the PyPI library of
that name, which pip and setuptools import. The scripts beside this file are run by path
(``python packaging/build_deb.py``) and import it as ``app_facts``.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.app_info import APP_NAME, APP_VERSION  # noqa: E402  (the one source)
from services.plan.plan_file import PLAN_SUFFIX  # noqa: E402

# The bundle's two programs, as build.spec names them (on Linux wellplan-cli is a link to WellPlan).
PROGRAM = "WellPlan"
CLI_PROGRAM = "wellplan-cli"
PACKAGE = APP_NAME.lower()  # the .deb's name, /opt/wellplan, /usr/bin/wellplan, wellplan.desktop
EXTENSION = PLAN_SUFFIX
MIME_TYPE = f"application/x-{EXTENSION.lstrip('.')}"
BUNDLE = ROOT / "dist" / PROGRAM  # what `make dist` builds


def version() -> str:
    return APP_VERSION


def description() -> str:
    """The one-line summary the wheel carries (pyproject.toml), reused by the package managers."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["description"]


def icon_sizes() -> tuple[int, ...]:
    """The sizes gui/app_icon.py draws for the window, read without importing Qt here."""
    import ast

    tree = ast.parse((ROOT / "gui" / "app_icon.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "SIZES" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise LookupError("gui/app_icon.py has no SIZES")


def write_icon_png(out: Path, size: int) -> Path:
    """The app's icon as a PNG, drawn by the app's own code (``python -m gui.app_icon OUT SIZE``)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "gui.app_icon", str(out), str(size)], cwd=ROOT, env=env, check=True)
    return out


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (Windows Vista and later read PNG entries): a 6-byte
    header, a 16-byte entry per image (a width or height of 256 is written as 0), then the images."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(images))
        images += data
    return header + entries + images


def write_ico(out: Path) -> Path:
    work = out.parent / "icon-png"
    pngs = {size: write_icon_png(work / f"{size}.png", size).read_bytes() for size in icon_sizes()}
    out.write_bytes(ico_bytes(pngs))
    return out
