"""The one exception services raise for input a person can correct; its message is for them."""


class InvalidInput(ValueError):
    """Raised with a plain-words message, shown as is in the window and on the command line."""


class StoredValueError(InvalidInput):
    """A value read back from the plan file that WellPlan can't use safely: written out of range or
    of the wrong type by another program. Raised where refusing is the only safe answer (a date
    nothing can stand in for, survey answers that don't fit their scale, a ledger entry that can't
    be read); settings with a safe default fall back to it instead (``services.stored_values``)."""


class Cancelled(Exception):
    """Raised through long work (an export, an import) when the person pressed Cancel."""
