"""Regenerate the unbalanced-dimer derivation: derivations/tex/unbalanced_dimer.tex and
symq/formulas/unbalanced_dimer.py (same as `symq derive unbalanced_dimer`)."""

import sys
from pathlib import Path

from symq.cli import main

if __name__ == "__main__":
    sys.exit(main(["derive", "unbalanced_dimer", "--root", str(Path(__file__).resolve().parents[1])]))
