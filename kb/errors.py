"""Errors a user sees as one clear line (the CLI prints them and exits non-zero)."""


class KbError(Exception):
    """A problem the user can act on; str(error) is the whole message."""
