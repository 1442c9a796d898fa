"""Derivations: the committed LaTeX and generated formula modules are in sync with symq."""

from pathlib import Path

import pytest

from symq import derive
from symq.latex import compile_pdf, pdflatex_available

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", derive.NAMES)
def test_committed_outputs_are_not_stale(name, tmp_path):
    (tmp_path / "symq").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "symq" / "__init__.py").write_text("")
    derive.run(name, tmp_path)
    tex, mod = derive.outputs(name, tmp_path)
    committed_tex, committed_mod = derive.outputs(name, ROOT)
    assert committed_mod.read_text() == mod.read_text(), f"symq/formulas/{name}.py is stale: run `symq derive {name}`"
    assert committed_tex.read_text() == tex.read_text(), f"derivations/tex/{name}.tex is stale: run `symq derive {name}`"


@pytest.mark.skipif(not pdflatex_available(), reason="pdflatex not installed (Debian: texlive-latex-base)")
@pytest.mark.parametrize("name", derive.NAMES)
def test_latex_compiles(name, tmp_path):
    tex, _ = derive.outputs(name, ROOT)
    pdf = compile_pdf(tex, tmp_path)
    assert pdf.stat().st_size > 10_000
