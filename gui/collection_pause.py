"""Python's garbage collection kept off what lives as long as the window, or as long as a plan.

Loading SQLAlchemy and the models (as a plan opens) and then the workspaces' code (pandas,
pyqtgraph, the tabs) makes some 200,000 objects, and Python's automatic collection kept looking at
them as they came: a dozen passes of 6-14 ms and two full ones of 60-175 ms, every thread stopped,
while the plan opened and while the person read the Overview. Loading makes almost no garbage (171
objects in all on the sample) and what it makes lives as long as the window. So collection waits
while code loads, and once the last loader is done everything loaded is frozen (``gc.freeze``:
left out of every later collection) and collection resumes. That is needed only until the tabs'
code has loaded, once per process: a plan opened after that loads no code.

Every ``pause_collection()`` is paired with its ``end()``; collection resumes when the last ends.
Nothing is resumed that was off before the first pause (a test that turned it off, say).
"""

from __future__ import annotations

import gc
import threading

# With the code and the tabs frozen, a full pass comes after this many passes over the middle
# generation, not Python's 10: a district's PDF export had two or three of 56-136 ms (every thread
# stopped) over the objects of its own pages, none with 50 or more; an export's young passes stay.
FULL_PASS_AFTER = 100

_lock = threading.Lock()
_pauses = 0  # loaders under way
_was_enabled = True  # collection as it was when the first of them began
_code_frozen = False  # the window's code has loaded and been frozen: no more pauses


class CollectionPause:
    """One loader's hold on collection; ``end`` once it is done (again: nothing)."""

    def __init__(self, holding: bool):
        self._holding = holding

    def end(self, code_loaded: bool = False) -> None:
        """This loader is done; ``code_loaded`` when the window's code is all loaded now (later
        openings then pause nothing). The last to end freezes what is loaded and resumes collection."""
        global _pauses, _code_frozen
        with _lock:
            if code_loaded and not _code_frozen:
                _code_frozen = True
                young, middle, _full = gc.get_threshold()
                gc.set_threshold(young, middle, FULL_PASS_AFTER)
            if not self._holding:
                return
            self._holding = False
            _pauses -= 1
            if _pauses == 0:
                # Frozen before resuming: every object made during the pause is still in the youngest
                # generation, and the next collection of it would look at them all (a full pass's cost).
                gc.freeze()
                if _was_enabled:
                    gc.enable()


def pause_collection() -> CollectionPause:
    """Hold off automatic collection while code loads (unless the window's code is loaded already)."""
    global _pauses, _was_enabled
    with _lock:
        if _code_frozen:
            return CollectionPause(holding=False)
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
        return CollectionPause(holding=True)


# A plan's workspaces, built and frozen ------------------------------------------------------------
# Once the tabs are built they hold a district's plan as Python objects (1,000 actions' records, a
# survey's tables, Qt's wrappers): every full collection after that looked at them all, 80-155 ms
# with every thread stopped, while an export made its pages or as a tab was shown. They live as
# long as the plan is open, so they are frozen too, and thawed (and what they left collected) once
# the plan has closed.
_plan_frozen = False


def freeze_built_plan() -> None:
    """The open plan's workspaces are built: leave them out of collections while it is open."""
    global _plan_frozen
    gc.freeze()
    _plan_frozen = True


def thaw_closed_plan() -> None:
    """The plan's workspaces are gone: collect what they left behind (one full pass, as the welcome
    screen comes up), then freeze again what lives on (the code)."""
    global _plan_frozen
    if not _plan_frozen:
        return
    _plan_frozen = False
    gc.unfreeze()
    gc.collect()
    gc.freeze()
