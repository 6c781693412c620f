"""The exceptions whose message is for the person, defined here, below everything, because the
plan's own column types (``models.types``) refuse stored values with them too; ``services.errors``
is where the rest of the code takes them from."""


class InvalidInput(ValueError):
    """Raised with a plain-words message, shown as is in the window and on the command line."""


class StoredValueError(InvalidInput):
    """A value read back from the plan file that WellPlan can't use safely: written out of range or
    of the wrong type by another program. Raised where refusing is the only safe answer (a date
    nothing can stand in for, survey answers that don't fit their scale, a ledger entry that can't
    be read); settings with a safe default fall back to it instead (``services.stored_values``)."""


def unusable(problem: str) -> StoredValueError:
    """The refusal for a stored value no default can stand in for: ``problem`` says what is wrong
    ("Survey wave 'Fall 2026' has an item whose scale has 1 point"), and the rest of the sentence
    what happened and what to do."""
    return StoredValueError(f"{problem}: the plan file was changed with another program, so WellPlan won't use "
                            "it. Open your most recent copy instead.")
