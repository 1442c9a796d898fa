"""Per-trajectory random streams: trajectory ``i`` of a run with ``seed`` draws its uniforms from
``PCG64(SeedSequence(seed, spawn_key=(i,)))``, in order, whatever batch it is computed in.

Uniforms are drawn in blocks of ``BLOCK`` per trajectory (a PCG64 ``random(n)`` block is the same
sequence as ``n`` single draws), so a trajectory's history depends on nothing but ``(seed, i)``.
"""

from __future__ import annotations

import json

import numpy as np

BLOCK = 32


class Streams:
    """Uniform streams of the trajectories ``ids`` (a batch)."""

    def __init__(self, seed: int, ids: np.ndarray):
        self.ids = np.asarray(ids)
        self.gens = [np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(int(i),)))) for i in self.ids]
        self.buf = np.empty((len(self.ids), BLOCK))
        for j, g in enumerate(self.gens):
            self.buf[j] = g.random(BLOCK)
        self.pos = np.zeros(len(self.ids), dtype=np.int64)

    def draw(self, rows: np.ndarray) -> np.ndarray:
        """One uniform in [0, 1) for each batch row in ``rows`` (distinct rows)."""
        rows = np.asarray(rows, dtype=np.int64)
        empty = rows[self.pos[rows] >= BLOCK]
        for j in empty:
            self.buf[j] = self.gens[j].random(BLOCK)
            self.pos[j] = 0
        out = self.buf[rows, self.pos[rows]]
        self.pos[rows] += 1
        return out

    # -- checkpointing ------------------------------------------------------------------------
    def state(self) -> dict:
        return {
            "streams_gen": np.array(json.dumps([g.bit_generator.state for g in self.gens])),
            "streams_buf": self.buf.copy(),
            "streams_pos": self.pos.copy(),
        }

    def restore(self, arrays: dict) -> None:
        for g, s in zip(self.gens, json.loads(str(arrays["streams_gen"]))):
            g.bit_generator.state = s
        self.buf = np.array(arrays["streams_buf"])
        self.pos = np.array(arrays["streams_pos"])
