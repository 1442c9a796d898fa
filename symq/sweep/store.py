"""The on-disk store of one sweep: a directory ``<root>/<key[:16]>/`` holding

- ``manifest.json``: format, full key, task key, parameter names/dtypes, number of points, grid
  shape, symq version, creation time (written once, after ``points.npz``);
- ``points.npz``: the parameter arrays, so the store can be read without the code that made it;
- ``chunk-<first index>-<count>.npz``: one per finished chunk: ``index``, ``v.<output>`` arrays,
  ``failed_index`` and ``failed_traceback``.

Every file is written to a temporary name, fsynced and moved into place with ``os.replace``, so a
killed sweep leaves only whole chunks; the set of indices in chunk files is what is done. One
process writes a store at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import numpy as np

from ._checks import SweepError, fail
from .grid import Points

FORMAT = "symq.sweep/1"


def sweep_key(task_key: str, points: Points) -> str:
    """SHA-256 of the store format, the task key and the points' digest."""
    return hashlib.sha256(repr((FORMAT, task_key, points.digest())).encode()).hexdigest()


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class Store:
    """One sweep's directory; create or reopen it with :meth:`open`, read one with :meth:`load`."""

    def __init__(self, path: Path, manifest: dict):
        self.path = path
        self.manifest = manifest

    @classmethod
    def open(cls, root, key: str, task_key: str, points: Points) -> Store:
        """The store of ``key`` under ``root``, created if new; a stale temporary file is removed."""
        if not isinstance(root, (str, os.PathLike)):
            raise fail("sweep: store", "a directory path or None", root)
        path = Path(root) / key[:16]
        path.mkdir(parents=True, exist_ok=True)
        for tmp in path.glob(".*.tmp"):
            tmp.unlink()
        manifest_path = path / "manifest.json"
        if manifest_path.exists():
            manifest = json.loads(manifest_path.read_text())
            if manifest.get("format") != FORMAT or manifest.get("key") != key:
                raise SweepError(f"sweep: store {path} holds sweep {manifest.get('key')!r}, expected {key!r}")
            return cls(path, manifest)
        from .. import __version__

        manifest = {
            "format": FORMAT,
            "key": key,
            "task_key": task_key,
            "names": list(points.names),
            "dtypes": [a.dtype.str for a in points.arrays.values()],
            "n_points": points.n,
            "shape": None if points.shape is None else list(points.shape),
            "symq_version": __version__,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        _atomic(path / "points.npz", lambda f: np.savez(f, **points.arrays))
        _atomic(manifest_path, lambda f: f.write(json.dumps(manifest, indent=1).encode()))
        return cls(path, manifest)

    @classmethod
    def load(cls, path) -> tuple[Store, Points]:
        """An existing store directory and its points."""
        path = Path(path)
        try:
            manifest = json.loads((path / "manifest.json").read_text())
        except FileNotFoundError:
            raise fail("load: path", "a sweep store directory (with manifest.json)", str(path)) from None
        with np.load(path / "points.npz") as z:
            arrays = {k: z[k] for k in manifest["names"]}
        shape = manifest["shape"]
        return cls(path, manifest), Points(arrays, None if shape is None else tuple(shape))

    def _files(self) -> list[Path]:
        return sorted(self.path.glob("chunk-*.npz"))

    def done(self) -> np.ndarray:
        """Boolean mask over the points: True where a chunk file holds the point."""
        mask = np.zeros(self.manifest["n_points"], bool)
        for f in self._files():
            with np.load(f) as z:
                mask[z["index"]] = True
        return mask

    def chunks(self):
        """Every stored chunk as a ``{"index", "values", "failed"}`` payload."""
        for f in self._files():
            with np.load(f) as z:
                values = {k[2:]: z[k] for k in z.files if k.startswith("v.")}
                failed = list(zip(z["failed_index"].tolist(), z["failed_traceback"].tolist(), strict=True))
                yield {"index": z["index"], "values": values, "failed": failed}

    def write(self, payload: dict) -> None:
        """Store one finished chunk."""
        index = payload["index"]
        arrays = {f"v.{k}": v for k, v in payload["values"].items()}
        arrays["index"] = index
        arrays["failed_index"] = np.array([i for i, _ in payload["failed"]], np.int64)
        arrays["failed_traceback"] = np.array([tb for _, tb in payload["failed"]], dtype=str)
        _atomic(self.path / f"chunk-{index[0]:010d}-{len(index):06d}.npz", lambda f: np.savez(f, **arrays))
