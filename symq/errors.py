"""Exceptions raised by symq.

Every error symq raises on bad input derives from :class:`SymqError` and says what was expected,
what was given and where, in the style ``<where>: expected <what>, got <given>``.
"""

from __future__ import annotations


class SymqError(Exception):
    """Base class of every error symq raises on purpose."""


class AlgebraError(SymqError, TypeError):
    """An operator expression cannot be formed (foreign object, clashing sites, bad exponent)."""


class ModelError(SymqError, ValueError):
    """A Lindblad model is not physical or an operator is foreign to it."""


class ClosureError(SymqError, RuntimeError):
    """A moment hierarchy did not close within the allowed size.

    ``frontier`` holds the operator words that were still unexplored when the bound was hit.
    """

    def __init__(self, message: str, frontier=()):
        super().__init__(message)
        self.frontier = tuple(frontier)


class NumericsError(SymqError, ValueError):
    """Numerical input is missing or unphysical (unresolved symbol, cutoff too small, ...)."""


class TruncationError(NumericsError):
    """A Hilbert-space cutoff holds significant population at its last level."""


def expect(condition: bool, where: str, expected: str, given) -> None:
    """Raise :class:`ModelError` ``<where>: expected <expected>, got <given>`` unless condition."""
    if not condition:
        raise ModelError(f"{where}: expected {expected}, got {given!r}")
