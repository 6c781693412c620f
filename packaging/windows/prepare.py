"""Before building WellPlan-Setup.exe on Windows: write what wellplan.iss and build.spec read from
the app itself into build/windows/ -- version.iss (the version, from services/app_info.py) and
wellplan.ico (the icon, drawn by gui/app_icon.py).

    python packaging/windows/prepare.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import app_facts as facts  # noqa: E402

OUT = facts.ROOT / "build" / "windows"


def version_include() -> str:
    """The Inno Setup preprocessor's definitions that come from the app, not from the script."""
    return (
        "; Written by packaging/windows/prepare.py from services/app_info.py: do not edit.\n"
        f'#define AppVersion "{facts.version()}"\n'
    )


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    (out / "version.iss").write_text(version_include(), encoding="utf-8")
    facts.write_ico(out / "wellplan.ico")
    print(f"wrote {out / 'version.iss'} and {out / 'wellplan.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
