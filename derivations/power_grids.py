"""Regenerate the power-grid derivation: derivations/tex/power_grids.tex and
symq/formulas/power_grids.py (same as `symq derive power_grids`)."""

import sys
from pathlib import Path

from symq.cli import main

if __name__ == "__main__":
    sys.exit(main(["derive", "power_grids", "--root", str(Path(__file__).resolve().parents[1])]))
