"""symq.sweep: points, executors (serial, local processes, Dask), store and resume, failures, errors."""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import symq.sweep as sw
from symq.errors import SymqError

ROOT = Path(__file__).resolve().parents[1]
CALLS = "SYMQ_SWEEP_TEST_CALLS"


# Module-level tasks, so that worker processes can unpickle them by name.
def spectrum(g, s):
    """Eigenvalues of the 2x2 gain/loss dimer: a complex output and a real one."""
    ev = np.linalg.eigvals(np.array([[1j * s / 2, g], [g, -1j / 2]]))
    ev = ev[np.argsort(ev.real)]
    return {"lam": complex(ev[0]), "gap": float(-ev.imag.max())}


def flaky(g, s):
    if g == 0.5:
        raise ValueError("g = 0.5 is bad")
    return g + s


def not_a_number(g, s):
    return [g, s]


def _vec_body(g, s):
    if np.any(g == 0.5):
        raise ValueError("g = 0.5 is bad")
    return {"sum": g + s, "prod": g * s}


vec_flaky = sw.vectorized(_vec_body, outputs=["sum", "prod"])


def slow_square(x):
    """Log each call to the file named by $SYMQ_SWEEP_TEST_CALLS, then work a little."""
    with open(os.environ[CALLS], "a") as f:
        f.write(f"{x!r}\n")
    time.sleep(0.05)
    return x * x


def _calls(path: Path) -> list[int]:
    return [int(float(line)) for line in path.read_text().split()] if path.exists() else []


def _same(a: sw.SweepResult, b: sw.SweepResult) -> None:
    assert a.points.keys() == b.points.keys() and a.values.keys() == b.values.keys()
    for k in a.points:
        np.testing.assert_array_equal(a.points[k], b.points[k])
    for k in a.values:
        assert a.values[k].dtype == b.values[k].dtype
        np.testing.assert_array_equal(a.values[k], b.values[k])
    assert [(i, p) for i, p, _ in a.failures] == [(i, p) for i, p, _ in b.failures]


POINTS = sw.grid(g=np.linspace(0, 1, 7), s=[0.5, 1.0, 2.0])  # g = 0.5 is on the grid


def test_grid_cloud_random_points():
    p = sw.grid(a=[1, 2], b=[0.1, 0.2, 0.3])
    assert p.shape == (2, 3) and p.n == 6 and p.names == ("a", "b")
    assert p.point(1) == {"a": 1, "b": 0.2} and p.point(3) == {"a": 2, "b": 0.1}  # C order
    assert p.arrays["a"].dtype == np.int64 and p.arrays["b"].dtype == np.float64
    c = sw.cloud(a=[1.0, 2.0], b=[3.0, 4.0])
    assert c.shape is None and c.point(1) == {"a": 2.0, "b": 4.0}
    def draw(seed):
        return sw.random_points(200, seed, g=(1e-3, 10, "log"), s=(-1, 1))

    r1 = draw(7)
    assert r1.digest() == draw(7).digest() != draw(8).digest()
    g = r1.arrays["g"]
    assert g.min() >= 1e-3 and g.max() <= 10 and np.mean(g < 0.1) > 0.3  # log-uniform: half the decades
    assert np.all(np.abs(r1.arrays["s"]) <= 1)


def test_serial_and_process_executors_agree():
    for task in (spectrum, vec_flaky):
        serial = sw.sweep(task, POINTS, executor="serial", chunk=4, progress=False)
        _same(serial, sw.sweep(task, POINTS, max_workers=2, chunk=4, progress=False))
    assert len(serial.failures) == 3 and serial.values["sum"][1] == 1.0
    serial = sw.sweep(spectrum, POINTS, executor="serial", progress=False)
    assert serial.values["lam"].dtype == np.complex128 and not serial.failures
    with sw.local_executor(2) as pool:  # a caller's executor and another chunking: the same values
        _same(serial, sw.sweep(spectrum, POINTS, executor=pool, chunk=5, progress=False))


def test_dask_cluster_matches_local_executor(tmp_path):
    distributed = pytest.importorskip("distributed")
    local = sw.sweep(flaky, POINTS, max_workers=2, chunk=4, progress=False)
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_client = sw.sweep(flaky, POINTS, executor=client, chunk=4, progress=False, store=tmp_path)
        on_executor = sw.sweep(flaky, POINTS, executor=client.get_executor(), chunk=3, progress=False)
    _same(local, on_client)
    _same(local, on_executor)
    assert on_client.computed == POINTS.n and len(on_client.failures) == 3


def test_kill_and_resume(tmp_path, monkeypatch):
    n, chunk = 48, 4
    store, calls_killed = tmp_path / "store", tmp_path / "calls_killed"
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
        "import numpy as np, symq.sweep as sw\n"
        "from test_sweep import slow_square\n"
        f"sw.sweep(slow_square, {{'x': np.arange({n}.0)}}, executor='serial', store={str(store)!r}, "
        f"chunk={chunk}, task_key='kill-test', progress=False)\n"
    )
    env = {
        **os.environ,
        CALLS: str(calls_killed),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    deadline = time.monotonic() + 60
    while len(list(store.glob("*/chunk-*.npz"))) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.terminate()
    assert proc.wait(30) != 0, "the sweep finished before it was killed"

    (path,) = store.iterdir()
    before = sw.load(path)
    missing = set(before.missing.tolist())
    stored = set(range(n)) - missing
    called = set(_calls(calls_killed))
    assert len(stored) >= 3 * chunk and missing
    assert stored <= called and len(called - stored) <= chunk  # lost at most the chunk in flight

    monkeypatch.setenv(CALLS, str(tmp_path / "calls_resumed"))
    resumed = sw.sweep(
        slow_square,
        {"x": np.arange(n * 1.0)},
        store=store,
        chunk=chunk,
        task_key="kill-test",
        max_workers=2,
        progress=False,
    )
    calls = _calls(tmp_path / "calls_resumed")
    assert sorted(calls) == sorted(missing)  # each missing point once, nothing else
    assert (resumed.computed, resumed.reused) == (len(missing), n - len(missing))

    monkeypatch.setenv(CALLS, str(tmp_path / "calls_reference"))
    reference = sw.sweep(
        slow_square,
        {"x": np.arange(n * 1.0)},
        executor="serial",
        store=tmp_path / "ref",
        chunk=chunk,
        task_key="kill-test",
        progress=False,
    )
    assert resumed.key == reference.key and resumed.path.name == reference.path.name
    _same(sw.load(path), reference)
    _same(resumed, reference)
    np.testing.assert_array_equal(reference.values["value"], np.arange(n) ** 2.0)
    assert sum(len(np.load(f)["index"]) for f in path.glob("chunk-*.npz")) == n  # no point stored twice


def test_failures_are_recorded_and_the_sweep_goes_on():
    r = sw.sweep(flaky, POINTS, executor="serial", chunk=4, progress=False)
    bad = np.flatnonzero(POINTS.arrays["g"] == 0.5)
    assert [i for i, _, _ in r.failures] == bad.tolist()
    i, params, tb = r.failures[0]
    assert params == {"g": 0.5, "s": 0.5} and "ValueError: g = 0.5 is bad" in tb and "flaky" in tb
    assert np.all(np.isnan(r.values["value"][bad]))
    ok = ~r.failed
    np.testing.assert_array_equal(r.values["value"][ok], (POINTS.arrays["g"] + POINTS.arrays["s"])[ok])
    summary = r.summary()
    assert (
        "18 ok, 3 failed, 0 missing" in summary
        and f"failed #{bad[0]} {{'g': 0.5, 's': 0.5}}: ValueError" in summary
    )

    v = sw.sweep(vec_flaky, POINTS, executor="serial", chunk=5, progress=False)  # whole chunks fail
    assert [i for i, _, _ in v.failures] == bad.tolist()  # retried point by point: only the bad ones
    np.testing.assert_array_equal(v.values["prod"][ok], (POINTS.arrays["g"] * POINTS.arrays["s"])[ok])

    w = sw.sweep(not_a_number, POINTS, executor="serial", progress=False)
    assert (
        len(w.failures) == POINTS.n
        and "sweep: task result: expected a real or complex number, got list" in w.failures[0][2]
    )


def _module_task(tmp_path: Path, name: str, body: str):
    path = tmp_path / f"{name}.py"
    path.write_text(f"def task(g, s):\n    return {body}\n")
    spec = importlib.util.spec_from_file_location("sweep_task_mod", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.task


def test_store_reuse_and_keys(tmp_path):
    store = tmp_path / "store"
    run = functools.partial(sw.sweep, executor="serial", store=store, chunk=4, progress=False)
    first = run(flaky, POINTS)
    again = run(flaky, POINTS)
    assert (again.computed, again.reused, again.key) == (0, POINTS.n, first.key)
    _same(first, again)
    _same(first, sw.load(first.path))

    other_grid = sw.grid(g=np.linspace(0, 1, 8), s=[0.5, 1.0, 2.0])
    keys = {
        first.key,
        run(flaky, other_grid).key,
        run(flaky, POINTS, task_key="flaky v2").key,
        run(spectrum, POINTS).key,
        run(_module_task(tmp_path, "a", "g + s"), POINTS).key,
        run(_module_task(tmp_path, "b", "g - s"), POINTS).key,  # same name, changed source
    }
    assert len(keys) == 6 and len(list(store.iterdir())) == 6
    assert run(flaky, other_grid).computed == 0
    assert sw.derive_task_key(flaky).startswith("test_sweep.flaky@")


def test_exports(tmp_path):
    r = sw.sweep(spectrum, POINTS, executor="serial", progress=False)
    if importlib.util.find_spec("pandas") is None:
        with pytest.raises(sw.MissingDependency, match="pandas"):
            r.to_dataframe()
    else:
        df = r.to_dataframe()
        assert list(df.columns) == ["g", "s", "lam", "gap", "failed"] and len(df) == POINTS.n
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(r.to_parquet(tmp_path / "r.parquet"))
    assert table.column_names == ["index", "g", "s", "lam.real", "lam.imag", "gap", "failed"]
    np.testing.assert_array_equal(table.column("lam.imag").to_numpy(), r.values["lam"].imag)


def _f(g, s):
    return g


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda tmp: sw.sweep(_f, [1, 2]),
            "sweep: expected points as a dict of 1D arrays (a grid) or symq.sweep.cloud(...), got list",
        ),
        (
            lambda tmp: sw.sweep(_f, {"g": [[1, 2]]}),
            "sweep: points: expected 'g' as a non-empty 1D array, got shape (1, 2)",
        ),
        (
            lambda tmp: sw.sweep(_f, {"1g": [1]}),
            "sweep: points: expected parameter names that are Python identifiers, got '1g'",
        ),
        (lambda tmp: sw.grid(g=["a"]), "grid: expected 'g' as real numbers, got dtype <U1"),
        (lambda tmp: sw.grid(g=[0.0, np.nan]), "grid: expected 'g' with finite values, got NaN or inf"),
        (
            lambda tmp: sw.cloud(g=[1, 2], s=[1]),
            "cloud: expected arrays of equal length, got lengths {'g': 2, 's': 1}",
        ),
        (lambda tmp: sw.random_points(5, 0, g=(1, 0)), "random_points: g: expected finite lo < hi"),
        (
            lambda tmp: sw.random_points(5, 0, g=(0, 1, "log")),
            "random_points: g: expected finite lo < hi (and lo > 0 for 'log')",
        ),
        (
            lambda tmp: sw.random_points(0, 0, g=(0, 1)),
            "random_points: n: expected a positive integer, got 0",
        ),
        (lambda tmp: sw.sweep(3, POINTS), "sweep: task: expected a callable, got 3"),
        (
            lambda tmp: sw.sweep(_f, POINTS, chunk=0),
            "sweep: chunk: expected a positive integer or None, got 0",
        ),
        (lambda tmp: sw.sweep(_f, POINTS, executor="threads"), "sweep: executor: expected None, 'serial'"),
        (
            lambda tmp: sw.sweep(_f, POINTS, executor="serial", max_workers=2),
            "sweep: max_workers: expected None when",
        ),
        (lambda tmp: sw.sweep(_f, POINTS, store=3), "sweep: store: expected a directory path or None, got 3"),
        (
            lambda tmp: sw.sweep(_f, POINTS, task_key=""),
            "sweep: task_key: expected a non-empty string or None, got ''",
        ),
        (
            lambda tmp: sw.sweep(lambda g, s: g, POINTS, progress=False),
            "sweep: task: expected a picklable function",
        ),
        (
            lambda tmp: sw.sweep(functools.partial(_f, s=1), {"g": [1]}, store=tmp),
            "sweep: cannot derive a task_key",
        ),
        (
            lambda tmp: sw.vectorized(_f, outputs=[]),
            "vectorized: outputs: expected distinct non-empty output names",
        ),
        (lambda tmp: sw.load(tmp), "load: path: expected a sweep store directory"),
    ],
)
def test_bad_input_errors(tmp_path, call, message):
    with pytest.raises(SymqError) as info:
        call(tmp_path)
    assert isinstance(info.value, sw.SweepError) and str(info.value).startswith(message)


def test_formula_task_keys_errors_and_process_workers():
    from symq.formulas import unbalanced_dimer as f

    task, key, args = sw.formula_task("unbalanced_dimer", ["current", "epr"])
    assert args == ("s", "g", "kappa", "omega_0") and task.outputs == ("current", "epr")
    assert key != sw.formula_task("unbalanced_dimer", ["epr"])[1]
    pts = sw.grid(s=[0.5, 2.0], g=np.linspace(0, 3, 7), kappa=[0.3], omega_0=[2.0])
    serial = sw.sweep(task, pts, executor="serial", chunk=4, progress=False, task_key=key)
    p = serial.points
    np.testing.assert_array_equal(serial.values["epr"], f.epr(p["s"], p["g"], p["kappa"]))
    with sw.local_executor(1) as pool:  # the task pickles by reference into spawned processes
        _same(serial, sw.sweep(task, pts, executor=pool, chunk=4, progress=False, task_key=key))
    with pytest.raises(SymqError, match="unbalanced_dimer.*'no_such_module'"):
        sw.formula_task("no_such_module", ["epr"])
    with pytest.raises(SymqError, match="concurrence.*'eprr'"):
        sw.formula_task("unbalanced_dimer", ["eprr"])
