"""Errors that stop the build with a message naming the file, row or parameter at fault."""

# What the build says when an interrupt (Ctrl-C, SIGTERM) stops it before it published anything.
INTERRUPTED_MESSAGE = "interrupted; the previous report is unchanged"


class BuildInputError(Exception):
    """Bad input: the message says where and what."""


class RawDataError(BuildInputError):
    """A raw table (or its manifest) is missing, malformed or holds an impossible value."""


class ParameterError(BuildInputError):
    """A parameter is unknown, of the wrong type or outside its allowed values."""


class InputParseError(RawDataError, ValueError):
    """A raw label or amount does not parse; the message says what and why, the caller adds the file and row.

    A ValueError too, so that code catching the parsers' old ValueError still works."""
