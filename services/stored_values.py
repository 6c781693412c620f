"""Reading back values a plan file stores as settings: a plan file is data from anywhere, and
another program may have written any value of any type in any column (SQLite keeps 'abc' in an
INTEGER column, 1e999 in a FLOAT one).

Each setting is checked where it is read, by the service that owns its rule, with these helpers:
a value that isn't one WellPlan could have written is read as the setting's safe default, never
obeyed and never a traceback. Where no default is safe (a survey scale, a ledger entry) the owning
service refuses with ``services.errors.StoredValueError`` instead, through ``unusable``.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TypeVar

from models.errors import unusable  # noqa: F401  (the owning services refuse through it)

T = TypeVar("T")


def whole_number(value: object, low: int, high: int) -> int | None:
    """``value`` if it is a whole number from ``low`` to ``high``, else None."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def number(value: object, low: float, high: float) -> float | None:
    """``value`` as a float if it is a finite number from ``low`` to ``high``, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    if not math.isfinite(value) or not low <= value <= high:
        return None
    return value


def choice(value: object, allowed: Collection[T], default: T) -> T:
    """``value`` if it is one of ``allowed`` (the names WellPlan writes), else ``default``."""
    return value if isinstance(value, str) and value in allowed else default  # type: ignore[return-value]


def text(value: object, default: str = "") -> str:
    """``value`` if it is text, else ``default`` (a number or a blob where text belongs)."""
    return value if isinstance(value, str) else default
