"""The command line's own refusal, reported on one line like the services' ``InvalidInput``."""


class CommandError(Exception):
    """A failure to report on one line."""
