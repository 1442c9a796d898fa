"""``symq figures``: regenerate a paper's main figures (PNG, PDF and CSV data) from sweeps."""

from __future__ import annotations

from .usage import UsageError


def run(args) -> int:
    from .. import figures

    if args.name not in figures.NAMES:
        raise UsageError(f"figures NAME: expected one of {', '.join(figures.NAMES)}, got {args.name!r}")
    builders = figures.figures(args.name)
    if args.list:
        for name, build in builders.items():
            print(f"{name}: {(build.__doc__ or '').strip()}")
        return 0
    unknown = [f for f in args.only if f not in builders]
    if unknown:
        raise UsageError(f"--only: expected figures among {', '.join(builders)}, got {', '.join(unknown)}")
    quality = "paper" if args.paper_quality else "fast" if args.fast else "default"
    for path in figures.render(args.name, args.out, only=args.only or None, quality=quality):
        print(path)
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("figures", help="regenerate a paper's main figures as PNG/PDF with their data (CSV)",
                       description=__doc__ + " Needs matplotlib (pip install 'symq[plot]').")
    p.add_argument("name", help="paper/model name, e.g. unbalanced_dimer")
    p.add_argument("--out", default="figures", metavar="DIR", help="output folder (default: figures/); "
                   "files go to DIR/NAME/")
    p.add_argument("--only", action="append", default=[], metavar="FIG", help="only this figure (repeatable)")
    p.add_argument("--list", action="store_true", help="list the figures of NAME")
    q = p.add_mutually_exclusive_group()
    q.add_argument("--paper-quality", action="store_true", help="dense grids, larger truncations, 300 dpi (slow)")
    q.add_argument("--fast", action="store_true", help="coarse grids (a quick look, seconds)")
    p.set_defaults(func=run)
