"""Derivations: one module per model, each regenerating its LaTeX document and formula module.

``run(name, root)`` derives everything for model ``name`` from the model alone, writes
``<root>/derivations/tex/<name>.tex`` and ``<root>/symq/formulas/<name>.py`` and returns the
:class:`Derivation` (the document, the formulas and the named symbolic results, which the audit
and the tests read).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..codegen import Formula, generate_module
from ..errors import SymqError
from ..latex import Document

NAMES = (
    "unbalanced_dimer",
    "bell_states",
    "thermal_limits",
    "spin_lattices",
    "power_grids",
)


@dataclass
class Derivation:
    """What a derivation produced: ``doc`` (LaTeX), ``formulas`` (to export), ``results`` (by name)."""

    name: str
    title: str
    doc: Document
    formulas: list = field(default_factory=list)
    results: dict = field(default_factory=dict)

    def formula(self, name, expr, args, definition, domain="", latex="") -> Formula:
        f = Formula(name, expr, tuple(args), definition, domain, latex)
        self.formulas.append(f)
        self.results[name] = expr
        return f

    def module_source(self) -> str:
        return generate_module(self.name, self.formulas, self.title, f"symq derive {self.name}")


def _module(name: str):
    if name not in NAMES:
        raise SymqError(f"derive: expected one of {', '.join(NAMES)}, got {name!r}")
    return importlib.import_module(f"{__name__}.{name}")


@lru_cache(maxsize=None)
def derive(name: str) -> Derivation:
    """Run the derivation of model ``name`` (cached per process)."""
    return _module(name).derive()


def find_root(start=None) -> Path:
    """The symq source tree containing ``start`` (default: the working directory), else ``start``."""
    here = Path(start or Path.cwd()).resolve()
    for p in (here, *here.parents):
        if (p / "pyproject.toml").is_file() and (p / "symq" / "__init__.py").is_file():
            return p
    return here


def outputs(name: str, root) -> tuple[Path, Path]:
    root = Path(root)
    return root / "derivations" / "tex" / f"{name}.tex", root / "symq" / "formulas" / f"{name}.py"


def run(name: str, root=None) -> Derivation:
    """Derive model ``name`` and write its LaTeX and formula module under ``root``."""
    d = derive(name)
    tex, mod = outputs(name, find_root(root))
    d.doc.write(tex)
    mod.parent.mkdir(parents=True, exist_ok=True)
    mod.write_text(d.module_source())
    return d
