"""The one exception services raise for input a person can correct; its message is for them."""


class InvalidInput(ValueError):
    """Raised with a plain-words message, shown as is in the window and on the command line."""


class Cancelled(Exception):
    """Raised through long work (an export, an import) when the person pressed Cancel."""
