"""Checkpoints of a trajectory run: an ``.npz`` file (no pickles) written atomically (temporary
file in the same directory, flushed and fsync'ed, then :func:`os.replace`), holding the run's
configuration, the statistics of finished trajectories and the complete state of the batch in
flight (states, thresholds, random streams, jump counts and records). A resumed run repeats the
uninterrupted one exactly. Resuming from a checkpoint of a different call is an error.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

from . import _checks


class Checkpoint:
    """Saves at most every ``every`` seconds (and when asked to force), to ``path``."""

    def __init__(self, path, config: dict, every: float):
        self.path = Path(path)
        self.config = json.loads(json.dumps(config))
        self.every = every
        self.last = time.monotonic()

    def load(self) -> dict | None:
        if not self.path.exists():
            return None
        try:
            with np.load(self.path, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
            stored = json.loads(str(arrays["config"]))
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise _checks.fail("checkpoint", f"a trajectory checkpoint at {str(self.path)!r}", f"an unreadable file ({exc})") from None
        differing = sorted(k for k in self.config.keys() | stored.keys() if self.config.get(k) != stored.get(k))
        if differing:
            raise _checks.fail(
                "checkpoint", f"{str(self.path)!r} to come from the same call (remove it to start afresh)",
                f"one from a call with different {', '.join(differing)}",
            )
        return arrays

    def due(self) -> bool:
        return time.monotonic() - self.last >= self.every

    def save(self, arrays: dict) -> None:
        arrays = dict(arrays, config=np.array(json.dumps(self.config)))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, **arrays)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.last = time.monotonic()
