"""The audit registry: the papers' printed equations as claims, checked by derivation and numerics.

This package is the only place in symq where a printed formula appears. Each :class:`Claim`
holds the equation exactly as printed (misprints included) and a ``check`` that *recomputes* the
verdict every time it runs: from symq's derivation and from an independent numerical route
(QuTiP models written directly, not through symq's algebra). Verdicts:

* ``holds``: derivation and numerics agree with the print;
* ``incomplete``: the print holds but misses cases the derivation finds;
* ``misprint``: the print disagrees, and a typographical correction (given) agrees;
* ``wrong``: the print disagrees and is not a slip; the derived form is given;
* ``approximation``: holds only under a stated approximation or limit;
* ``unchecked``: symq cannot decide it yet (the reason is given).
"""

from __future__ import annotations

import importlib
import json
from dataclasses import asdict, dataclass, field
from typing import Callable

from ..errors import SymqError

PAPERS = {
    "unbalanced_dimer": "unbalanced-gain-loss-qubits.md",
    "bell_states": "bell-states-dissipative-coupling.md",
    "thermal_limits": "steady-state-entanglement-thermal-limits.md",
    "spin_lattices": "spin-lattices-gain-loss.md",
    "power_grids": "microscopic-power-grids.md",
}
STATUSES = ("holds", "incomplete", "misprint", "wrong", "approximation", "unchecked")


@dataclass(frozen=True)
class Verdict:
    status: str
    evidence: str
    corrected: str = ""
    max_error: float | None = None

    def __post_init__(self):
        if self.status not in STATUSES:
            raise SymqError(f"Verdict: expected a status in {STATUSES}, got {self.status!r}")


@dataclass(frozen=True)
class Claim:
    """A printed claim: ``ref`` (e.g. "Eq. (3b)"), ``printed`` (LaTeX as printed), ``check``."""

    paper: str
    ref: str
    printed: str
    check: Callable[[], Verdict] = field(repr=False, compare=False)

    @property
    def command(self) -> str:
        return f'symq audit {self.paper} --ref "{self.ref}"'


@dataclass(frozen=True)
class Finding:
    claim: Claim
    verdict: Verdict

    def row(self) -> dict:
        return {
            "paper": self.claim.paper,
            "ref": self.claim.ref,
            "printed": self.claim.printed,
            **asdict(self.verdict),
            "command": self.claim.command,
        }


def claims(paper: str) -> list[Claim]:
    if paper not in PAPERS:
        raise SymqError(f"audit: expected a paper in {', '.join(PAPERS)}, got {paper!r}")
    return importlib.import_module(f"{__name__}.{paper}").CLAIMS


def run(paper: str | None = None, ref: str | None = None) -> list[Finding]:
    """Check every claim of ``paper`` (all papers if None), or only the claim ``ref``."""
    out = []
    for p in [paper] if paper else list(PAPERS):
        for c in claims(p):
            if ref is None or c.ref == ref:
                try:
                    v = c.check()
                except SymqError as e:
                    v = Verdict("unchecked", f"the check could not run: {e}")
                out.append(Finding(c, v))
    if ref is not None and not out:
        raise SymqError(f"audit: no claim {ref!r} in {paper or 'any paper'}")
    return out


def _err(x) -> str:
    return "" if x is None else f"{x:.1e}"


def _tex_text(text: str) -> str:
    """``text`` safe in LaTeX text mode (a claim's reference, e.g. ``|up,up> stability``)."""
    for c, e in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("#", r"\#"), ("_", r"\_"),
                 ("|", r"\textbar{}"), ("<", r"\textless{}"), (">", r"\textgreater{}")):
        text = text.replace(c, e)
    return text


def format_findings(findings, fmt: str = "markdown") -> str:
    """A table of findings as ``markdown``, ``json`` or ``latex``."""
    rows = [f.row() for f in findings]
    if fmt == "json":
        return json.dumps(rows, indent=1)
    if fmt == "markdown":
        lines = ["| paper | claim | verdict | max error | corrected form / evidence |", "|---|---|---|---|---|"]
        for r in rows:
            note = (f"corrected: `{r['corrected']}`; " if r["corrected"] else "") + r["evidence"]
            cells = (r["paper"], r["ref"], r["status"], _err(r["max_error"]), note)
            lines.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |")
        return "\n".join(lines)
    if fmt == "latex":
        body = "\n".join(
            rf"{_tex_text(r['ref'])} & {r['status']} & {_err(r['max_error'])} & "
            + (f"${r['corrected']}$" if r["corrected"] else "") + r" \\"
            for r in rows
        )
        return "\\begin{tabular}{llll}\nclaim & verdict & max error & corrected form \\\\\n\\hline\n" + body + "\n\\end{tabular}"
    raise SymqError(f"audit: expected format markdown, json or latex, got {fmt!r}")
