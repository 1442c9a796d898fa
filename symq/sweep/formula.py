"""Sweep tasks made of generated formulas (``symq.formulas.<name>``, written by ``symq derive``).

:func:`formula_task` returns a vectorised task evaluating some of a formula module's functions on
whole chunks, and a ``task_key`` hashing the formulas' expressions, so that a store made with
formulas that were since re-derived differently is not reused.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import pkgutil
from dataclasses import dataclass

from ._checks import SweepError, fail_text
from .task import Vectorized, vectorized

PACKAGE = "symq.formulas"


def formula_modules() -> tuple[str, ...]:
    """Names of the generated formula modules present (``symq/formulas/<name>.py``)."""
    package = importlib.import_module(PACKAGE)
    return tuple(sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")))


def formula_module(name: str):
    """The generated module ``symq.formulas.<name>``; a SweepError lists the modules present."""
    if not isinstance(name, str) or name not in formula_modules():
        present = ", ".join(formula_modules()) or "none (run symq derive)"
        raise fail_text("formulas", f"one of {present}", repr(name))
    return importlib.import_module(f"{PACKAGE}.{name}")


def quantities(name: str) -> dict[str, tuple[str, ...]]:
    """``{formula: its argument names}`` of the module ``name``, in the module's order."""
    return dict(formula_module(name).ARGS)


@dataclass(frozen=True)
class _Formulas:
    """Picklable callable: ``{formula: module.formula(**its arguments)}`` on arrays."""

    module: str
    names: tuple[str, ...]

    def __call__(self, **arrays):
        mod = importlib.import_module(f"{PACKAGE}.{self.module}")
        return {n: getattr(mod, n)(**{a: arrays[a] for a in mod.ARGS[n]}) for n in self.names}


def formula_task(name: str, names) -> tuple[Vectorized, str, tuple[str, ...]]:
    """``(task, task_key, arguments)`` evaluating the formulas ``names`` of module ``name``.

    The task takes one array per name in ``arguments`` (the union of the formulas' arguments, in
    order of first appearance) and returns ``{formula: array}``. The key hashes the module name,
    the formulas' stored expressions and the symq version.
    """
    from .. import __version__

    available = quantities(name)
    names = (names,) if isinstance(names, str) else tuple(names)
    if not names:
        raise fail_text(f"formulas {name}", "at least one quantity", "none")
    unknown = [n for n in names if n not in available]
    if unknown:
        raise SweepError(
            f"formulas {name}: expected quantities among {', '.join(available)}, got {', '.join(map(repr, unknown))}"
        )
    arguments = tuple(dict.fromkeys(a for n in names for a in available[n]))
    expressions = formula_module(name).EXPRESSIONS
    digest = hashlib.sha256(repr([(n, expressions[n]) for n in names] + [__version__]).encode()).hexdigest()
    key = f"{PACKAGE}.{name}:{','.join(names)}@{digest[:16]}"
    return vectorized(_Formulas(name, names), outputs=names), key, arguments
