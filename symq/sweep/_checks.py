"""The sweep layer's errors and argument checks: ``<where>: expected <what>, got <given>``."""

from __future__ import annotations

from ..errors import SymqError


class SweepError(SymqError, ValueError):
    """Bad input to a sweep (points, task, executor, store, options) or a store that does not match."""


def fail(where: str, expected: str, given) -> SweepError:
    """The error ``<where>: expected <expected>, got <given>``; ``given`` is shown by its repr if
    it is a string, a number, a tuple or None, else by its type name."""
    shown = repr(given) if isinstance(given, (str, int, float, tuple, type(None))) else type(given).__name__
    return SweepError(f"{where}: expected {expected}, got {shown}")


def fail_text(where: str, expected: str, given: str) -> SweepError:
    """The error ``<where>: expected <expected>, got <given>`` with ``given`` a description."""
    return SweepError(f"{where}: expected {expected}, got {given}")


def positive_int(value, where: str, allow_none: bool = True) -> int | None:
    """``value`` as a positive int (None passes when ``allow_none``)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail(where, "a positive integer" + (" or None" if allow_none else ""), value)
    return value


class MissingDependency(SymqError, ImportError):
    """An optional dependency of the sweep layer is not installed."""


def require(module: str, install: str, where: str):
    """Import ``module`` or raise :class:`MissingDependency` saying what to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency(
            f"{where}: needs {module}, which is not installed; pip install {install!r}"
        ) from None
