"""The exceptions services raise for input a person can correct; their messages are for them.

``InvalidInput`` and ``StoredValueError`` are defined in ``models.errors`` (the plan's column
types raise them too) and are taken from here by everything above the models."""

from models.errors import InvalidInput, StoredValueError

__all__ = ["Cancelled", "InvalidInput", "StoredValueError"]


class Cancelled(Exception):
    """Raised through long work (an export, an import) when the person pressed Cancel."""
