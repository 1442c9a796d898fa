"""Generated formula modules (``symq derive NAME`` writes them; do not edit by hand)."""
