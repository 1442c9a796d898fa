"""The papers' main figures regenerated from sweeps, one module per paper.

A paper module defines ``FIGURES = {"fig1": builder, ...}``; ``builder(quality)`` returns a
:class:`~.layout.Figure` computed from the generated formulas (``symq.formulas.<name>``) where
closed forms exist and from the numerical backends otherwise. ``quality`` is "fast" (coarse,
for tests), "default" or "paper" (dense grids, larger truncations). :func:`render` writes
``<out>/<name>/<fig>.png``, ``.pdf`` and ``.csv`` (the plotted data, see :mod:`.layout`).

No module for power_grids: its formulas are the two-oscillator limit cycles, while the paper's
figures show chains of 6-10 oscillators and stochastic simulations, which no closed form gives.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import SymqError
from .layout import Curve, Figure, Map, Panel, draw, pyplot, read_csv, write_csv

NAMES = (
    "bell_states",
    "spin_lattices",
    "thermal_limits",
    "unbalanced_dimer",
)
QUALITIES = ("fast", "default", "paper")

__all__ = ["NAMES", "QUALITIES", "Curve", "Figure", "Map", "Panel", "figures", "read_csv", "render", "write_csv"]


def figures(name: str) -> dict:
    """``{figure name: builder}`` of paper module ``name``."""
    if name not in NAMES:
        raise SymqError(f"figures: expected one of {', '.join(NAMES)}, got {name!r}")
    return importlib.import_module(f"{__name__}.{name}").FIGURES


def render(name: str, out="figures", *, only=None, quality: str = "default") -> list[Path]:
    """Compute and write the figures of ``name`` (all, or those in ``only``); returns the files."""
    builders = figures(name)
    if quality not in QUALITIES:
        raise SymqError(f"figures: expected quality among {', '.join(QUALITIES)}, got {quality!r}")
    chosen = list(builders) if only is None else list(only)
    unknown = [f for f in chosen if f not in builders]
    if unknown:
        raise SymqError(f"figures {name}: expected figures among {', '.join(builders)}, got {', '.join(unknown)}")
    pyplot()  # fail before computing when matplotlib is missing
    folder = Path(out) / name
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fig_name in chosen:
        fig = builders[fig_name](quality)
        stem = folder / fig.name
        written += [write_csv(fig, stem.with_suffix(".csv")), *draw(fig, stem, dpi=300 if quality == "paper" else 150)]
    return written
