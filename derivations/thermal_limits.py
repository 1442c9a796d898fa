"""Regenerate the thermal_limits derivation: derivations/tex/thermal_limits.tex and
symq/formulas/thermal_limits.py (same as `symq derive thermal_limits`)."""

import sys
from pathlib import Path

from symq.cli import main

if __name__ == "__main__":
    sys.exit(main(["derive", "thermal_limits", "--root", str(Path(__file__).resolve().parents[1])]))
