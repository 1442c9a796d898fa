"""Derivation documents: a small LaTeX writer and pdflatex driver.

Only packages of a minimal TeX installation are used (amsmath, amssymb, graphicx), so the
documents compile with Debian's ``texlive-latex-base``. Wide formulas are scaled to the line
width rather than broken by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import sympy as sp

from ..errors import SymqError

__all__ = ["Document", "latex", "compile_pdf", "pdflatex_available"]

_WIDE = 110  # characters of LaTeX source beyond which an equation is scaled to the line width


def latex(obj) -> str:
    """LaTeX of a sympy object or symq operator (imaginary unit printed as ``i``)."""
    return sp.latex(obj, imaginary_unit="ri") if isinstance(obj, sp.Basic) else sp.latex(obj)


class Document:
    """An article assembled from sections, prose and displayed equations."""

    def __init__(self, title: str, *, author: str = "symq"):
        self.title = title
        self.author = author
        self._body: list[str] = []

    def section(self, title: str) -> None:
        self._body.append(f"\\section{{{title}}}")

    def subsection(self, title: str) -> None:
        self._body.append(f"\\subsection{{{title}}}")

    def text(self, text: str) -> None:
        self._body.append(text)

    def equation(self, lhs, rhs=None, *, label: str | None = None) -> None:
        """A displayed equation ``lhs = rhs`` (or just ``lhs``); arguments are LaTeX or sympy."""
        body = lhs if isinstance(lhs, str) else latex(lhs)
        if rhs is not None:
            body += " = " + (rhs if isinstance(rhs, str) else latex(rhs))
        tag = f"\\label{{{label}}}" if label else ""
        if len(body) > _WIDE:
            self._body.append(
                f"\\begin{{equation}}{tag}\n\\resizebox{{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}}{{!}}"
                f"{{$\\displaystyle {body}$}}\n\\end{{equation}}"
            )
        else:
            self._body.append(f"\\begin{{equation}}{tag}\n{body}\n\\end{{equation}}")

    def items(self, entries) -> None:
        self._body.append("\\begin{itemize}\n" + "\n".join(f"\\item {e}" for e in entries) + "\n\\end{itemize}")

    def tex(self) -> str:
        head = (
            "\\documentclass[11pt]{article}\n"
            "\\usepackage{amsmath,amssymb,graphicx}\n"
            "\\setlength{\\textwidth}{16.5cm}\\setlength{\\oddsidemargin}{0cm}\n"
            "\\allowdisplaybreaks\n"
        )
        return (
            head
            + f"\\title{{{self.title}}}\n\\author{{{self.author}}}\n\\date{{}}\n"
            + "\\begin{document}\n\\maketitle\n"
            + "\n\n".join(self._body)
            + "\n\\end{document}\n"
        )

    def write(self, path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.tex())
        return path


def pdflatex_available() -> bool:
    return shutil.which("pdflatex") is not None


def compile_pdf(tex_path, out_dir=None, timeout: float = 120) -> Path:
    """Compile a .tex file with pdflatex (twice, for references); returns the PDF path."""
    tex_path = Path(tex_path).resolve()
    if not pdflatex_available():
        raise SymqError("compile_pdf: pdflatex is not installed (Debian: apt-get install texlive-latex-base)")
    out_dir = Path(out_dir or tempfile.mkdtemp(prefix="symq-tex-"))
    for _ in range(2):
        proc = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"-output-directory={out_dir}", str(tex_path)],
            capture_output=True, text=True, timeout=timeout, cwd=out_dir,
        )
        if proc.returncode != 0:
            tail = "\n".join(proc.stdout.splitlines()[-25:])
            raise SymqError(f"compile_pdf: pdflatex failed on {tex_path.name}:\n{tail}")
    return out_dir / (tex_path.stem + ".pdf")
