"""``sweep``: run a task over parameter points, in-process, on local processes or on a Dask cluster,
checkpointing finished chunks to a store so that a re-run resumes where the last one stopped."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import pickle

import numpy as np
from tqdm import tqdm

from ._checks import fail, fail_text, positive_int, require
from .grid import Points, as_points
from .result import SweepResult, assemble
from .store import Store, sweep_key
from .task import Vectorized, derive_task_key, run_chunk

_BLAS_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _pin_threads() -> None:
    """Worker initializer: one BLAS/OpenMP thread (also for libraries loaded later)."""
    import threadpoolctl

    os.environ.update(dict.fromkeys(_BLAS_VARS, "1"))
    threadpoolctl.threadpool_limits(1)


def local_executor(max_workers: int | None = None) -> cf.ProcessPoolExecutor:
    """Spawned worker processes (``max_workers``, default: all cores), each with BLAS pinned to one
    thread. Scripts that use it need the ``if __name__ == "__main__":`` guard."""
    positive_int(max_workers, "local_executor: max_workers")
    return cf.ProcessPoolExecutor(
        max_workers, mp_context=multiprocessing.get_context("spawn"), initializer=_pin_threads
    )


def dask_client(address: str | None = None, **cluster_options):
    """A ``dask.distributed.Client`` of the scheduler at ``address``, or of a new ``LocalCluster``
    made with ``cluster_options`` (closed with the client). Dask workers already pin BLAS to one
    thread per process. Needs the optional extra ``symq[dask]``."""
    distributed = require("distributed", "symq[dask]", "dask_client")
    return distributed.Client(address, **cluster_options)


def _as_completed(futures):
    if all(isinstance(f, cf.Future) for f in futures):
        return cf.as_completed(futures)
    return require("distributed", "symq[dask]", "sweep").as_completed(futures)


def _check_picklable(task) -> None:
    try:
        pickle.dumps(task)
    except Exception as exc:
        raise fail_text(
            "sweep: task",
            "a picklable function (defined at module level) for process workers",
            f"{task!r} ({exc}); use executor='serial' or a dask Client",
        ) from None


def _results(task, points: Points, chunks: list[np.ndarray], executor, max_workers):
    """Yield the payload of each chunk as it finishes; cancel what is left on the way out."""
    if not chunks:
        return
    if isinstance(executor, str):  # "serial"
        for c in chunks:
            yield run_chunk(task, c, points.take(c))
        return
    if executor is None or isinstance(executor, cf.ProcessPoolExecutor):
        _check_picklable(task)
    pool = local_executor(max_workers) if executor is None else executor
    futures = set()
    try:
        for c in chunks:
            futures.add(pool.submit(run_chunk, task, c, points.take(c)))
        for f in _as_completed(list(futures)):
            futures.discard(f)
            yield f.result()
    finally:
        for f in futures:
            f.cancel()
        if executor is None:
            pool.shutdown(cancel_futures=True)


def sweep(
    task, points, *, executor=None, store=None, chunk=None, progress=True, task_key=None, max_workers=None
) -> SweepResult:
    """Evaluate ``task`` at every point of ``points``.

    points: a :class:`Points` from ``grid``/``cloud``/``random_points``, or a dict of 1D arrays
        (taken as a cartesian grid).
    task: a picklable function ``task(**point) -> number | dict of numbers``, or
        ``vectorized(fn, outputs)`` called with one array per parameter and chunk.
    executor: None (``local_executor(max_workers)``, made and shut down here), ``"serial"``
        (in-process), any ``concurrent.futures.Executor`` (e.g. ``client.get_executor()``) or a
        ``dask.distributed.Client``.
    store: a directory, or None to keep results in memory only. The sweep's files live in
        ``store/<key[:16]>`` where the key hashes ``task_key`` and the points; each finished
        chunk is written at once, and a re-run with the same key computes only missing points.
    chunk: points per task submission (default: about 64 chunks, at most 10,000 points each). A
        chunk is the unit of checkpointing; on Dask give each chunk >~0.5 s of work (the
        scheduler costs ~10 ms per task).
    task_key: names the task in the key; default :func:`derive_task_key` (qualified name, source,
        outputs, symq version). Change it whenever results would change for other reasons.

    A point whose task raises is recorded in ``failures`` with its traceback and the sweep goes on
    (a failing vectorised chunk is retried point by point).
    """
    if not callable(task):
        raise fail("sweep: task", "a callable", task)
    points = as_points(points)
    chunk = positive_int(chunk, "sweep: chunk") or min(10_000, -(-points.n // 64))
    positive_int(max_workers, "sweep: max_workers")
    if max_workers is not None and executor is not None:
        raise fail("sweep: max_workers", "None when an executor is given", max_workers)
    if not (
        executor is None
        or (isinstance(executor, str) and executor == "serial")
        or callable(getattr(executor, "submit", None))
    ):
        raise fail(
            "sweep: executor", "None, 'serial', a concurrent.futures.Executor or a dask Client", executor
        )
    if task_key is not None and not (isinstance(task_key, str) and task_key):
        raise fail("sweep: task_key", "a non-empty string or None", task_key)
    if not isinstance(progress, bool):
        raise fail("sweep: progress", "True or False", progress)

    st, key = None, None
    done = np.zeros(points.n, bool)
    if store is not None:
        tkey = task_key or derive_task_key(task)
        key = sweep_key(tkey, points)
        st = Store.open(store, key, tkey, points)
        done = st.done()
    todo = np.flatnonzero(~done)
    chunks = [todo[i : i + chunk] for i in range(0, len(todo), chunk)]
    payloads, n_failed = [], 0
    bar = tqdm(total=points.n, initial=points.n - len(todo), unit="pt", desc="sweep", disable=not progress)
    with bar, contextlib.closing(_results(task, points, chunks, executor, max_workers)) as results:
        for payload in results:
            if st is None:
                payloads.append(payload)
            else:
                st.write(payload)
            n_failed += len(payload["failed"])
            bar.update(len(payload["index"]))
            if n_failed:
                bar.set_postfix(failed=n_failed)
    return assemble(
        points,
        payloads if st is None else st.chunks(),
        outputs=task.outputs if isinstance(task, Vectorized) else (),
        key=key,
        path=None if st is None else st.path,
        computed=len(todo),
        reused=points.n - len(todo),
    )
