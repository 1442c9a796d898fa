"""The command line's own error: a bad argument (exit code 2, like argparse's errors)."""

from ..errors import SymqError


class UsageError(SymqError):
    """A command-line argument is wrong; the message names it."""
