"""The audit registry: verdicts are recomputed here from derivation and numerics, never stored."""

import json
import re

import pytest

from symq import audit
from symq.errors import SymqError

# What symq finds about the unbalanced-dimer paper (each verdict is recomputed by audit.run).
EXPECTED = {
    "Eq. (3b)": "incomplete",  # extra EP pairs for s < 3-2 sqrt2 or s > 3+2 sqrt2
    "Eq. (3c)": "holds",
    "Eq. (3d)": "holds",
    "Eq. (5)": "holds",
    "Eq. (7)": "holds",
    "Eq. (8)": "holds",
    "Eq. (9)": "holds",
    "Eq. (10)": "holds",
    "Eq. (11a)": "holds",
    "Eq. (11b)": "holds",
    "Eq. (12)": "holds",
    "Eq. (13a)": "holds",
    "Eq. (13b)": "holds",
    "Eq. (13c)": "holds",
    "Eq. (14)": "holds",
    "Eq. (15)": "holds",
    "Eq. (16)": "holds",
    "Eq. (17)": "holds",
    "Eq. (19)": "holds",
    "Eq. (20)": "holds",
    "Fig. 4(c) caption": "misprint",
    "Fig. 5(g-i) caption": "misprint",
    "max negativity (text after Eq. 20)": "holds",
    "g_X^(2)(0) weak-coupling limit (text after Eq. 14)": "misprint",  # s/(1+s), as Eq. 14 gives
    "S(omega) peak count marks the type-I EPs (Fig. 2 text)": "wrong",  # doublet at g ~ 1.536 kappa
    "Eq. (18a)": "holds",
    "Eq. (18b)": "incomplete",  # the N -> infinity steady state exists only for s < 1
}


@pytest.fixture(scope="module")
def findings():
    return {f.claim.ref: f for f in audit.run("unbalanced_dimer")}


def test_verdicts(findings):
    got = {ref: f.verdict.status for ref, f in findings.items()}
    for ref, status in EXPECTED.items():
        assert got.get(ref) == status, f"{ref}: {findings[ref].verdict.evidence if ref in findings else 'missing'}"


def test_mismatches_carry_a_corrected_form(findings):
    for f in findings.values():
        if f.verdict.status in ("misprint", "wrong", "incomplete"):
            assert f.verdict.corrected, f.claim.ref


def test_formats(findings):
    fs = list(findings.values())[:3]
    rows = json.loads(audit.format_findings(fs, "json"))
    assert [r["ref"] for r in rows] == [f.claim.ref for f in fs]
    assert audit.format_findings(fs, "markdown").count("\n") == len(fs) + 1
    assert audit.format_findings(fs, "latex").startswith("\\begin{tabular}")
    with pytest.raises(SymqError, match="format"):
        audit.format_findings(fs, "html")


def test_unknown_claim_and_paper():
    with pytest.raises(SymqError, match="no claim"):
        audit.run("unbalanced_dimer", "Eq. (99)")
    with pytest.raises(SymqError, match="expected a paper"):
        audit.run("nope")


def test_tables_escape_what_would_break_them():
    """A claim named after a ket (``|up,up>``) and evidence with ``|x|`` keep five markdown columns
    and compile-safe LaTeX text."""
    c = audit.Claim("x", "|up,up> & stability", "p", lambda: None)
    f = audit.Finding(c, audit.Verdict("misprint", "off by |x|", corrected="|x|^2"))
    row = audit.format_findings([f], "markdown").splitlines()[-1]
    assert len(re.split(r"(?<!\\)\|", row)) == 5 + 2
    latex = audit.format_findings([f], "latex")
    assert r"\textbar{}up,up\textgreater{} \& stability" in latex
