"""Checkpoints of an SDE integration: accumulators, current batch state and generator state.

A checkpoint is an ``.npz`` file (no pickles) written atomically: to a temporary file in the same
directory, flushed to disk, then moved over the old one with :func:`os.replace`, so an
interruption at any moment leaves either the previous or the new checkpoint. It records the
call's configuration; resuming from a checkpoint written by a different call is an error.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import _checks
from .moments import RunningMoments


@dataclass
class Progress:
    """Where an integration stands: batch ``chunk`` has taken ``step`` steps (0: not started, and
    then ``x`` and ``rng`` are None)."""

    chunk: int
    step: int
    x: np.ndarray | None
    rng: np.random.Generator | None
    moments: dict[str, RunningMoments]
    final: np.ndarray | None

    @classmethod
    def fresh(cls, observables, ntimes: int, final: np.ndarray | None) -> Progress:
        """Nothing done yet; ``final``, if given, is the room for the final states."""
        return cls(0, 0, None, None, {name: RunningMoments.empty(ntimes) for name in observables}, final)


def save(path: Path, config: dict, progress: Progress) -> None:
    """Write ``progress`` of the call described by ``config`` atomically to ``path``."""
    arrays = {
        "config": np.array(json.dumps(config)),
        "chunk": np.array(progress.chunk),
        "step": np.array(progress.step),
    }
    if progress.step:
        arrays["x"] = progress.x
        arrays["rng"] = np.array(json.dumps(progress.rng.bit_generator.state))
    for j, stats in enumerate(progress.moments.values()):
        arrays[f"count_{j}"] = stats.count
        if stats.mean is not None:
            arrays[f"mean_{j}"], arrays[f"m2_{j}"] = stats.mean, stats.m2
    if progress.final is not None:
        arrays["final"] = progress.final
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path, config: dict) -> Progress | None:
    """The progress stored at ``path`` (None if there is no file) for the call ``config``."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            stored = json.loads(str(data["config"]))
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise _checks.fail(
            f"a checkpoint written by sde.integrate at {str(path)!r}", f"an unreadable file ({exc})"
        ) from None
    expected = json.loads(json.dumps(config))
    differing = sorted(key for key in expected.keys() | stored.keys() if expected.get(key) != stored.get(key))
    if differing:
        raise _checks.fail(
            f"the checkpoint {str(path)!r} to come from the same call (remove it to start afresh)",
            f"one from a call with different {', '.join(differing)}",
        )
    step = int(arrays["step"])
    rng = None
    if step:
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = json.loads(str(arrays["rng"]))
    moments = {
        name: RunningMoments(arrays[f"count_{j}"], arrays.get(f"mean_{j}"), arrays.get(f"m2_{j}"))
        for j, name in enumerate(config["observables"])
    }
    return Progress(int(arrays["chunk"]), step, arrays.get("x"), rng, moments, arrays.get("final"))


def point_file(directory, index: int) -> Path | None:
    """``directory/point_<index>.npz`` for a sweep that checkpoints each point (the directory is
    created); None when ``directory`` is None (no checkpoints)."""
    if directory is None:
        return None
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    return path / f"point_{index}.npz"
