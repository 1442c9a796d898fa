"""The command line: help, exit codes, errors naming the bad argument."""

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from symq.cli import main
from symq.cli.sweep import parse_param


def test_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "symq.cli", "--help"], capture_output=True, text=True, check=False)
    assert out.returncode == 0
    for cmd in ("derive", "audit", "sweep", "figures", "bench"):
        assert cmd in out.stdout


def test_unknown_model_is_a_clear_error(capsys):
    assert main(["derive", "no_such_model"]) == 3
    err = capsys.readouterr().err
    assert "no_such_model" in err and "unbalanced_dimer" in err and "Traceback" not in err


def test_unknown_paper_in_audit(capsys):
    assert main(["audit", "nope"]) == 3
    assert "nope" in capsys.readouterr().err


def test_bad_option_is_an_argparse_error():
    with pytest.raises(SystemExit) as e:
        main(["audit", "--format", "html"])
    assert e.value.code == 2


# --- symq sweep ---------------------------------------------------------------------------------
SWEEP = ["sweep", "unbalanced_dimer", "--workers", "0", "--quiet"]


def _table(path):
    data = np.genfromtxt(path, delimiter=",", names=True)
    return {k: data[k] for k in data.dtype.names}


def test_sweep_formula_matches_the_formula_and_resumes(tmp_path, capsys):
    from symq.formulas import unbalanced_dimer as f

    args = [*SWEEP, "--quantity", "concurrence", "--quantity", "current", "--param", "g=0:2:11",
            "--param", "s=0.5,1,2", "--param", "kappa=1", "--param", "omega_0=0.1:10:3:log", "--out", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "99 points" in out and "99 computed now" in out
    (table,) = tmp_path.glob("*/table.csv")
    t = _table(table)
    assert len(t["g"]) == 99 and set(t["omega_0"].round(12)) == {0.1, 1.0, 10.0}
    np.testing.assert_array_equal(t["concurrence"], f.concurrence(t["s"], t["g"], t["kappa"]))
    np.testing.assert_array_equal(t["current"], f.current(t["s"], t["g"], t["kappa"], t["omega_0"]))
    assert main(args) == 0  # a re-run reads every point from the store
    assert "0 computed now, 99 from the store" in capsys.readouterr().out


def test_sweep_exact_quantity_agrees_with_the_formula(tmp_path, capsys):
    from symq.formulas import unbalanced_dimer as f

    args = [*SWEEP, "--quantity", "exact:purity", "--param", "g=0.1:2:4", "--param", "s=0.5,3",
            "--param", "kappa=0.7", "--param", "omega_0=1", "--out", str(tmp_path)]
    assert main(args) == 0
    t = _table(next(tmp_path.glob("*/table.csv")))
    # sparse direct steady-state solve of a 16x16 Liouvillian: accurate to ~1e-13
    np.testing.assert_allclose(t["purity"], f.purity(t["s"], t["g"], t["kappa"]), rtol=1e-10)


@pytest.mark.parametrize(
    "extra, named",
    [
        (["--quantity", "concurrence", "--param", "g=0:2", "--out", "x"], "--param g"),
        (["--quantity", "concurrence", "--param", "g=a,b", "--out", "x"], "--param g"),
        (["--quantity", "concurrence", "--param", "g=0:2:0", "--out", "x"], "COUNT"),
        (["--quantity", "concurrence", "--param", "g=0:2:5:log", "--out", "x"], "log"),
        (["--quantity", "concurence", "--param", "g=1", "--out", "x"], "concurence"),
        (["--quantity", "concurrence", "--param", "g=1", "--param", "s=1", "--out", "x"], "kappa"),
        (["--quantity", "concurrence", "--param", "g=1", "--param", "s=1", "--param", "kappa=1",
          "--param", "w=2", "--out", "x"], "--param w"),
        (["--quantity", "concurrence", "--param", "g=1", "--param", "g=2", "--out", "x"], "more than once"),
        (["--quantity", "exact:purity", "--quantity", "purity", "--out", "x"], "mix"),
        (["--quantity", "exact:nope", "--out", "x"], "exact:nope"),
        (["--quantity", "exact:purity", "--cutoff", "a_9=3", "--out", "x"], "a_9"),
        (["--quantity", "concurrence", "--param", "g=1"], "--out"),
        (["--param", "g=1", "--out", "x"], "--quantity"),
        (["--quantity", "concurrence", "--chunk", "0", "--out", "x"], "--chunk"),
    ],
)
def test_sweep_bad_arguments_exit_2_naming_them(extra, named, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["sweep", "unbalanced_dimer", "--workers", "0", *extra])
    except SystemExit as e:  # argparse's own errors
        code = e.code
    assert code == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err
    assert not any(tmp_path.iterdir())  # nothing written


def test_sweep_unknown_name_lists_the_formula_modules(capsys):
    assert main(["sweep", "nope", "--quantity", "x", "--out", "x"]) == 2
    err = capsys.readouterr().err
    assert "'nope'" in err and "unbalanced_dimer" in err
    assert main(["sweep", "nope", "--list"]) == 2
    assert "'nope'" in capsys.readouterr().err


def test_sweep_exact_needs_a_lindblad_model(capsys):
    from symq import models

    non_lindblad = [n for n in models.NAMES if type(models.get(n).model).__name__ != "Lindblad"]
    if not non_lindblad:
        pytest.skip("every registered model is a Lindblad model")
    for name in non_lindblad:  # e.g. the phase-space model of the power grid
        assert main(["sweep", name, "--quantity", "exact:purity", "--out", "x"]) == 2
        assert "Lindblad" in capsys.readouterr().err


def test_sweep_list_shows_quantities_and_arguments(capsys):
    assert main(["sweep", "unbalanced_dimer", "--list"]) == 0
    out = capsys.readouterr().out
    assert "concurrence(s, g, kappa)" in out and "current(s, g, kappa, omega_0)" in out
    assert "exact:liouvillian_gap" in out


def test_sweep_on_a_dask_scheduler_address(tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    args = ["sweep", "unbalanced_dimer", "--quantity", "epr", "--param", "g=0:1:5", "--param", "s=1,2",
            "--param", "kappa=1", "--chunk", "3", "--quiet"]
    assert main([*args, "--workers", "0", "--out", str(tmp_path / "local")]) == 0
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1, dashboard_address=None) as c:
        assert main([*args, "--scheduler", c.scheduler_address, "--out", str(tmp_path / "dask")]) == 0
    (local,), (dask,) = (list((tmp_path / d).glob("*/table.csv")) for d in ("local", "dask"))
    assert local.read_text() == dask.read_text()
    assert local.parent.name == dask.parent.name  # the same key: the executor is not part of it


# --- symq bench ---------------------------------------------------------------------------------
def test_bench_list_names_the_scripts(capsys):
    assert main(["bench", "--list"]) == 0
    out = capsys.readouterr().out
    assert "sweep" in out and "Sweeps:" in out


def test_bench_unknown_name_and_missing_tree(capsys, tmp_path):
    assert main(["bench", "no_such_bench"]) == 2
    err = capsys.readouterr().err
    assert "no_such_bench" in err and "sweep" in err
    assert main(["bench", "--root", str(tmp_path), "--list"]) == 2
    assert "benchmarks/" in capsys.readouterr().err


def test_bench_runs_a_script_and_reports_its_exit_code(capsys, tmp_path):
    (tmp_path / "symq").mkdir()
    (tmp_path / "symq" / "__init__.py").write_text("")
    (tmp_path / "benchmarks").mkdir()
    (tmp_path / "benchmarks" / "bench_ok.py").write_text('"""Fine."""\nimport sys\nprint("ratio", sys.argv[1:])\n')
    (tmp_path / "benchmarks" / "bench_bad.py").write_text('"""Fails."""\nraise SystemExit(4)\n')
    root = ["--root", str(tmp_path)]
    assert main(["bench", "ok", *root, "--args", "--points 5"]) == 0
    assert main(["bench", *root]) == 1
    assert "failed: bad" in capsys.readouterr().err


# --- symq figures -------------------------------------------------------------------------------
def test_figures_bad_names_exit_2(capsys, tmp_path):
    assert main(["figures", "nope", "--out", str(tmp_path)]) == 2
    assert "'nope'" in capsys.readouterr().err
    assert main(["figures", "unbalanced_dimer", "--only", "fig9", "--out", str(tmp_path)]) == 2
    assert "fig9" in capsys.readouterr().err and not any(tmp_path.iterdir())


def test_figures_without_matplotlib_is_a_clear_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    assert main(["figures", "unbalanced_dimer", "--only", "fig4", "--fast", "--out", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "matplotlib" in err and "symq[plot]" in err and "Traceback" not in err


def test_sweep_bad_scheduler_address(capsys, tmp_path):
    pytest.importorskip("distributed")
    args = ["sweep", "unbalanced_dimer", "--quantity", "epr", "--param", "g=1", "--param", "s=1",
            "--param", "kappa=1", "--out", str(tmp_path)]
    assert main([*args, "--scheduler", "no-port"]) == 2
    assert "--scheduler 'no-port'" in capsys.readouterr().err


def test_sweep_interrupted_exits_130_and_resumes(tmp_path):
    import signal
    import time

    args = [sys.executable, "-m", "symq.cli", "sweep", "unbalanced_dimer", "--quantity", "exact:purity",
            "--param", "g=0.1:2:80", "--param", "s=1", "--param", "kappa=1", "--param", "omega_0=0",
            "--workers", "0", "--chunk", "10", "--quiet", "--out", str(tmp_path)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob("*/chunk-*.npz")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    assert "re-run to resume" in err and "Traceback" not in err
    stored = 10 * len(list(tmp_path.glob("*/chunk-*.npz")))
    assert 0 < stored < 80
    done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0
    assert f"{80 - stored} computed now, {stored} from the store" in done.stdout


def test_bench_after_a_non_editable_install_says_where_to_run(capsys, tmp_path, monkeypatch):
    import symq

    site = tmp_path / "site-packages"
    (site / "symq").mkdir(parents=True)
    (site / "symq" / "__init__.py").write_text("")
    monkeypatch.setattr(symq, "__file__", str(site / "symq" / "__init__.py"))  # as if installed there
    monkeypatch.chdir(tmp_path)  # not inside a checkout
    assert main(["bench", "--list"]) == 3
    err = capsys.readouterr().err
    assert "pip install" in err and "--root" in err and "Traceback" not in err


finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(start=finite, stop=finite, count=st.integers(1, 500))
def test_parse_param_ranges_are_numpy_ranges(start, stop, count):
    # repr(float) round-trips exactly, so the parsed range is numpy's range bit for bit
    name, values = parse_param(f"x={start!r}:{stop!r}:{count}")
    assert name == "x"
    np.testing.assert_array_equal(values, np.linspace(start, stop, count))
    if start > 0 and stop > 0:
        np.testing.assert_array_equal(parse_param(f"x={start!r}:{stop!r}:{count}:log")[1],
                                      np.geomspace(start, stop, count))


@given(values=st.lists(st.one_of(finite, st.integers(-10**6, 10**6)), min_size=1, max_size=20))
def test_parse_param_lists_keep_values_and_integers(values):
    _, parsed = parse_param("x=" + ",".join(repr(v) for v in values))
    assert parsed.tolist() == [float(v) for v in values]  # equal as numbers, in the order given
    assert (parsed.dtype.kind == "i") == all(isinstance(v, int) for v in values)


def test_sweep_parquet_table_holds_the_csv_columns(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    args = [*SWEEP, "--quantity", "epr", "--param", "g=0:1:4", "--param", "s=1,2", "--param", "kappa=1",
            "--out", str(tmp_path)]
    assert main([*args, "--table", "parquet"]) == 0 and main(args) == 0
    (folder,) = tmp_path.iterdir()
    table = pq.read_table(folder / "table.parquet").to_pydict()
    csv = _table(folder / "table.csv")
    assert list(table) == list(csv)
    for k, v in csv.items():
        np.testing.assert_array_equal(np.asarray(table[k], float), v)
