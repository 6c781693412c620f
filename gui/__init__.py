"""The Qt window: a thin layer over services/. Each tab lives in its own subpackage.

Importing the package first tells PySide6 not to read our modules' source (below): every module of
the window is imported after this, so none of them is read, start-up's own included.
"""

import sys

import PySide6  # noqa: F401  (installs the import hook that _skip_pyside_source_scan answers)


def _skip_pyside_source_scan() -> None:
    """PySide6 reads the source text of every module imported after it (its ``__feature__`` import
    hook looks for the word "PySide6" in each, to know which may switch on snake_case names) and
    keeps every line in ``linecache``: loading the tabs' code (pandas, pyqtgraph) read 1,100 files,
    640,000 lines kept for the life of the window, 15% of that loading's time. WellPlan switches no
    feature on, so every module is taken as one that may use PySide6 (what the scan would answer
    for ours): the features' default, nothing switched. Where PySide6 has no such hook, nothing."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda _module: True


_skip_pyside_source_scan()
