"""Regenerate the spin-lattice derivation: derivations/tex/spin_lattices.tex and
symq/formulas/spin_lattices.py (same as `symq derive spin_lattices`)."""

import sys
from pathlib import Path

from symq.cli import main

if __name__ == "__main__":
    sys.exit(main(["derive", "spin_lattices", "--root", str(Path(__file__).resolve().parents[1])]))
