"""The result of a sweep: points, values, failures; read back from a store with :func:`load`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._checks import require
from .grid import Points
from .store import Store


@dataclass(frozen=True, eq=False, repr=False)
class SweepResult:
    """Point ``i`` has parameters ``points[name][i]`` and outputs ``values[output][i]`` (NaN where
    it failed or is missing). ``failures`` lists ``(index, params, traceback)``; ``computed`` and
    ``reused`` count the points computed by this call and read from the store."""

    points: dict[str, np.ndarray]
    values: dict[str, np.ndarray]
    failures: list[tuple[int, dict, str]]
    missing: np.ndarray
    shape: tuple[int, ...] | None
    key: str | None
    path: Path | None
    computed: int
    reused: int

    @property
    def n(self) -> int:
        return len(next(iter(self.points.values())))

    def summary(self, max_failures: int = 10) -> str:
        """A few lines: counts, outputs, store and the first failures with their error line."""
        where = f" in {self.path}" if self.path else ""
        layout = "grid " + "x".join(map(str, self.shape)) if self.shape else "cloud"
        nf, nm = len(self.failures), len(self.missing)
        lines = [
            f"sweep {self.key[:12] if self.key else '(no store)'}{where}: {self.n} points ({layout}), "
            f"outputs {', '.join(self.values) or '-'}",
            f"  {self.n - nf - nm} ok, {nf} failed, {nm} missing; "
            f"{self.computed} computed now, {self.reused} from the store",
        ]
        for i, params, tb in self.failures[:max_failures]:
            error = tb.strip().splitlines()[-1] if tb.strip() else "?"
            lines.append(f"  failed #{i} {params}: {error}")
        if nf > max_failures:
            lines.append(f"  ... and {nf - max_failures} more failures")
        return "\n".join(lines)

    @property
    def failed(self) -> np.ndarray:
        """Boolean mask over the points: True where the task failed."""
        mask = np.zeros(self.n, bool)
        mask[[i for i, _, _ in self.failures]] = True
        return mask

    def __repr__(self) -> str:
        return "<SweepResult " + "\n".join(self.summary().splitlines()[:2]) + ">"

    def _columns(self) -> dict[str, np.ndarray]:
        cols = {"index": np.arange(self.n), **self.points}
        for k, v in self.values.items():
            cols.update({f"{k}.real": v.real, f"{k}.imag": v.imag} if np.iscomplexobj(v) else {k: v})
        cols["failed"] = self.failed
        return cols

    def to_dataframe(self):
        """A pandas DataFrame indexed by point: parameters, outputs (complex kept) and ``failed``."""
        pd = require("pandas", "pandas", "SweepResult.to_dataframe")
        cols = {**self.points, **self.values, "failed": self.failed}
        return pd.DataFrame(cols, index=pd.RangeIndex(self.n, name="index"))

    def to_csv(self, path) -> Path:
        """Write a CSV table with a header line (columns as :meth:`to_parquet`); no extra dependency."""
        cols = self._columns()
        table = np.column_stack([np.asarray(c, dtype=float) for c in cols.values()])
        formats = ["%d" if np.asarray(c).dtype.kind in "biu" else "%.17g" for c in cols.values()]
        np.savetxt(path, table, fmt=formats, delimiter=",", header=",".join(cols), comments="")
        return Path(path)

    def to_parquet(self, path) -> Path:
        """Write a Parquet table (complex outputs as ``<name>.real``/``<name>.imag``); needs pyarrow."""
        pa = require("pyarrow", "symq[dask]", "SweepResult.to_parquet")
        pq = require("pyarrow.parquet", "symq[dask]", "SweepResult.to_parquet")
        pq.write_table(pa.table(self._columns()), str(path))
        return Path(path)


def assemble(
    points: Points, payloads, *, outputs=(), key=None, path=None, computed=0, reused=0
) -> SweepResult:
    """Gather chunk payloads into a :class:`SweepResult`; ``outputs`` are present even if all failed."""
    n = points.n
    values: dict[str, np.ndarray] = {k: np.full(n, np.nan) for k in outputs}
    covered = np.zeros(n, bool)
    failed = []
    for p in payloads:
        covered[p["index"]] = True
        failed.extend(p["failed"])
        for k, v in p["values"].items():
            a = values.setdefault(k, np.full(n, np.nan))
            if np.iscomplexobj(v) and not np.iscomplexobj(a):
                a = values[k] = a.astype(np.complex128)
            a[p["index"]] = v
    failures = [(i, points.point(i), tb) for i, tb in sorted(failed)]
    return SweepResult(
        dict(points.arrays),
        values,
        failures,
        np.flatnonzero(~covered),
        points.shape,
        key,
        path,
        computed,
        reused,
    )


def load(path) -> SweepResult:
    """The result held by a store directory (``<store root>/<key[:16]>``), finished or not."""
    store, points = Store.load(path)
    return assemble(
        points, store.chunks(), key=store.manifest["key"], path=store.path, reused=int(store.done().sum())
    )
