"""QuTiP, imported without its "matplotlib not found" warning (symq does no plotting)."""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="matplotlib not found", category=UserWarning)
    import qutip

__all__ = ["qutip"]
