"""The ``symq`` command line: a thin layer over the library.

Exit codes: 0 success, 1 a check failed (an audit verdict is "wrong" with --strict, a sweep
point failed, a benchmark script failed), 2 bad arguments (argparse, or a bad value naming the
argument: range syntax, unknown quantity, parameter, figure or benchmark), 3 a symq error
(message printed, no traceback), 130 a sweep interrupted with Ctrl-C (finished chunks are kept).
"""

from __future__ import annotations

import argparse
import sys
import time

from ..errors import SymqError
from . import bench, figures, sweep
from .usage import UsageError


def _derive(args) -> int:
    from .. import derive

    names = derive.NAMES if args.all else args.name
    if not names:
        raise SymqError("derive: expected a model name or --all")
    for name in names:
        t = time.perf_counter()
        d = derive.run(name, args.root)
        tex, mod = derive.outputs(name, derive.find_root(args.root))
        print(f"{name}: {len(d.formulas)} formulas in {time.perf_counter() - t:.1f} s -> {tex}, {mod}")
        if args.pdf:
            from ..latex import compile_pdf

            print(f"{name}: {compile_pdf(tex, tex.parent)}")
    return 0


def _audit(args) -> int:
    from .. import audit

    findings = audit.run(args.name, args.ref)
    print(audit.format_findings(findings, args.format))
    if args.strict and any(f.verdict.status == "wrong" for f in findings):
        return 1
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="symq", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("derive", help="regenerate a model's LaTeX derivation and formula module")
    p.add_argument("name", nargs="*", help="model name (e.g. unbalanced_dimer)")
    p.add_argument("--all", action="store_true", help="every model")
    p.add_argument("--root", default=None, help="source tree to write into (default: the one containing the working directory)")
    p.add_argument("--pdf", action="store_true", help="also compile the LaTeX with pdflatex")
    p.set_defaults(func=_derive)

    p = sub.add_parser("audit", help="check the papers' printed equations against derivation and numerics")
    p.add_argument("name", nargs="?", default=None, help="paper/model name (default: all papers)")
    p.add_argument("--ref", default=None, help='one claim only, e.g. "Eq. (3b)"')
    p.add_argument("--format", choices=["markdown", "json", "latex"], default="markdown")
    p.add_argument("--strict", action="store_true", help="exit 1 if any verdict is 'wrong'")
    p.set_defaults(func=_audit)

    sweep.add_parser(sub)
    figures.add_parser(sub)
    bench.add_parser(sub)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as e:
        print(f"symq {args.command}: error: {e}", file=sys.stderr)
        return 2
    except SymqError as e:
        print(f"symq {args.command}: error: {e}", file=sys.stderr)
        return 3

