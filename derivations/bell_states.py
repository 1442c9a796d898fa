"""Regenerate the bell_states derivation: derivations/tex/bell_states.tex and
symq/formulas/bell_states.py (same as `symq derive bell_states`)."""

import sys
from pathlib import Path

from symq.cli import main

if __name__ == "__main__":
    sys.exit(main(["derive", "bell_states", "--root", str(Path(__file__).resolve().parents[1])]))
