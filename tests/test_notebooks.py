"""Every notebook in notebooks/ (jupytext percent format) runs without error.

A percent-format notebook is a plain Python script, so each is executed as one in a fresh
subprocess (no Jupyter kernel needed) with the Agg matplotlib backend and its figures directed to
a temporary directory through ``SYMQ_FIGURE_DIR``; numpy RuntimeWarnings (overflow, invalid values
in figure data) are errors. Notebooks assert the facts they show; a failed
assertion fails the run. jupytext (the ``test`` extra) checks that each file is a valid percent
notebook.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "expected jupytext notebooks in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_a_percent_notebook(path):
    jupytext = pytest.importorskip("jupytext")
    nb = jupytext.read(path)
    kinds = {c.cell_type for c in nb.cells}
    assert {"markdown", "code"} <= kinds, f"{path.name}: expected markdown and code cells, got {kinds}"
    assert nb.metadata.get("jupytext", {}).get("text_representation", {}).get("format_name") == "percent"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg", SYMQ_FIGURE_DIR=str(tmp_path / "figures"))
    env.pop("SYMQ_PAPER_QUALITY", None)  # the fast default parameters
    run = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", str(path)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert run.returncode == 0, f"{path.name} failed:\n{run.stdout[-3000:]}\n{run.stderr[-6000:]}"
    figures = list((tmp_path / "figures").glob("*"))
    assert figures, f"{path.name}: expected figures in SYMQ_FIGURE_DIR, found none"
