"""Figures as data: curves in panels, written as a long CSV table and drawn with matplotlib.

A :class:`Figure` holds :class:`Panel` s (a row-major grid of ``ncols`` columns), each with
:class:`Curve` s, colour :class:`Map` s and reference lines. ``write_csv`` stores every point
as a row ``panel,curve,params,x,y,z`` (``params``: ``name=value`` pairs joined by ``;``, the
curve's fixed parameters; ``z`` only for maps), so the data can be re-plotted or checked
without symq.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import SymqError


@dataclass(frozen=True)
class Curve:
    """``y(x)`` labelled ``label``; ``params`` are its fixed parameters; ``style`` goes to ``plot``."""

    label: str
    x: np.ndarray
    y: np.ndarray
    params: dict = field(default_factory=dict)
    style: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Map:
    """``z[i, j]`` at ``(x[j], y[i])``, drawn as a colour map labelled ``label`` with dashed
    contour lines at ``contours``; ``params`` are its fixed parameters."""

    label: str
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    params: dict = field(default_factory=dict)
    contours: tuple[float, ...] = ()
    cmap: str = "viridis"


@dataclass(frozen=True)
class Panel:
    """One axes: ``key`` (e.g. "c"), labels, curves, dashed reference lines at ``hlines``/``vlines``,
    and ``ylim`` (None: automatic)."""

    key: str
    xlabel: str
    ylabel: str
    curves: tuple[Curve, ...]
    hlines: tuple[float, ...] = ()
    vlines: tuple[float, ...] = ()
    logx: bool = False
    ylim: tuple[float, float] | None = None
    maps: tuple[Map, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A paper figure: ``name`` (file stem), ``caption`` (what is shown and how it was computed)."""

    name: str
    caption: str
    panels: tuple[Panel, ...]
    ncols: int = 3

    def panel(self, key: str) -> Panel:
        for p in self.panels:
            if p.key == key:
                return p
        raise SymqError(f"figure {self.name}: expected a panel among {[p.key for p in self.panels]}, got {key!r}")


def _params(params: dict) -> str:
    return ";".join(f"{k}={v!r}" for k, v in params.items())


def write_csv(fig: Figure, path: Path) -> Path:
    """The data of ``fig`` as rows ``panel,curve,params,x,y,z`` (a ``#`` caption line first): a
    curve point has an empty ``z``, a map point is ``(x, y, z)``."""
    with open(path, "w", newline="") as f:
        f.write(f"# {fig.caption}\n")
        w = csv.writer(f)
        w.writerow(["panel", "curve", "params", "x", "y", "z"])
        for p in fig.panels:
            for c in p.curves:
                for x, y in zip(c.x, c.y, strict=True):
                    w.writerow([p.key, c.label, _params(c.params), repr(float(x)), repr(float(y)), ""])
            for m in p.maps:
                for i, y in enumerate(m.y):
                    for j, x in enumerate(m.x):
                        w.writerow([p.key, m.label, _params(m.params), repr(float(x)), repr(float(y)),
                                    repr(float(m.z[i, j]))])
    return path


def read_csv(path) -> list[dict]:
    """Rows of a table written by :func:`write_csv` (``x``, ``y`` floats, ``z`` a float or None)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    for r in rows:
        r["x"], r["y"] = float(r["x"]), float(r["y"])
        r["z"] = float(r["z"]) if r["z"] else None
    return rows


def pyplot():
    """``matplotlib.pyplot`` on the non-interactive Agg backend, or a SymqError saying what to install."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise SymqError("figures: needs matplotlib, which is not installed; pip install 'symq[plot]'") from None
    return plt


def draw(fig: Figure, stem: Path, *, dpi: int = 150) -> list[Path]:
    """Draw ``fig`` and save ``stem.png`` and ``stem.pdf``; needs matplotlib (``symq[plot]``)."""
    plt = pyplot()
    n = len(fig.panels)
    ncols = min(fig.ncols, n)
    nrows = -(-n // ncols)
    mfig, axes = plt.subplots(nrows, ncols, figsize=(3.3 * ncols, 2.7 * nrows), squeeze=False)
    for ax, p in zip(axes.flat, fig.panels, strict=False):
        for m in p.maps:
            mesh = ax.pcolormesh(m.x, m.y, m.z, shading="auto", cmap=m.cmap, rasterized=True)  # small PDFs
            mfig.colorbar(mesh, ax=ax, label=m.label)
            if m.contours:
                ax.contour(m.x, m.y, m.z, levels=sorted(m.contours), colors="r", linestyles="--", linewidths=1)
        for c in p.curves:
            ax.plot(c.x, c.y, label=c.label, **c.style)
        for y in p.hlines:
            ax.axhline(y, color="0.6", ls="--", lw=0.8)
        for x in p.vlines:
            ax.axvline(x, color="0.6", ls="--", lw=0.8)
        if p.logx:
            ax.set_xscale("log")
        if p.ylim is not None:
            ax.set_ylim(*p.ylim)
        ax.set_xlabel(p.xlabel)
        ax.set_ylabel(p.ylabel)
        ax.set_title(f"({p.key})", loc="left", fontsize="medium")
        if any(c.label for c in p.curves):
            ax.legend(fontsize="x-small", frameon=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    mfig.tight_layout()
    paths = [stem.with_suffix(".png"), stem.with_suffix(".pdf")]
    for path in paths:
        mfig.savefig(path, dpi=dpi)
    plt.close(mfig)
    return paths
