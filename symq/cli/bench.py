"""``symq bench``: run the benchmark scripts ``benchmarks/bench_NAME.py`` of the symq source tree.

Each script measures symq side by side with its reference in one process and prints the
ratios; ``symq bench`` runs the chosen scripts one after another (never in parallel) with their
default settings (``--args`` passes options to every script); all of them at their defaults
take long and some need much memory (``bench exact`` solves QuTiP steady states up to N = 30
under a 16 GiB limit), so name the ones you want. The scripts are not part of the
installed package: they are found in ``--root``, else in the source tree containing the working
directory, else in the tree the imported ``symq`` comes from (an editable install). After a
non-editable ``pip install .`` run it from a checkout or pass ``--root``.
"""

from __future__ import annotations

import ast
import shlex
import subprocess
import sys
import time
from pathlib import Path

from ..errors import SymqError
from .usage import UsageError


def benchmarks_dir(root=None) -> Path:
    """The ``benchmarks/`` folder of the symq source tree (module docstring for the search order)."""
    from .. import __file__ as package_file
    from ..derive import find_root

    candidates = [Path(root)] if root is not None else [find_root(), Path(package_file).resolve().parents[1]]
    for c in candidates:
        if (c / "benchmarks").is_dir() and (c / "symq" / "__init__.py").is_file():
            return c / "benchmarks"
    if root is not None:
        raise UsageError(f"--root {root}: expected the symq source tree, with benchmarks/ and symq/")
    raise SymqError(
        f"bench: expected the symq source tree with benchmarks/ in {candidates[0]} or {candidates[1]}; the "
        "benchmarks are not installed by a non-editable pip install: run from a checkout or pass --root PATH"
    )


def available(folder: Path) -> dict[str, Path]:
    """``{name: path}`` of ``bench_<name>.py`` in ``folder``."""
    return {p.stem[len("bench_"):]: p for p in sorted(folder.glob("bench_*.py"))}


def summary(path: Path) -> str:
    """First line of the script's docstring (read without running it)."""
    doc = ast.get_docstring(ast.parse(path.read_text())) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def run(args) -> int:
    """The ``bench`` subcommand: 0 if every script succeeded, else 1."""
    folder = benchmarks_dir(args.root)
    found = available(folder)
    if args.list:
        for name, path in found.items():
            print(f"{name:<14}{summary(path)}")
        return 0
    unknown = [n for n in args.name if n not in found]
    if unknown:
        raise UsageError(f"bench NAME: expected names among {', '.join(found)}, got {', '.join(unknown)}")
    extra = shlex.split(args.args)
    failed = []
    for name in args.name or list(found):
        print(f"== bench {name}: {found[name].name} {' '.join(extra)}".rstrip(), flush=True)
        t0 = time.perf_counter()
        code = subprocess.run([sys.executable, str(found[name]), *extra], cwd=folder.parent, check=False).returncode
        print(f"== bench {name}: exit {code} after {time.perf_counter() - t0:.1f} s", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"symq bench: failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def add_parser(sub) -> None:
    import argparse

    p = sub.add_parser("bench", help="run the benchmarks (symq vs references, side by side, as ratios)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", nargs="*", help="benchmark names, e.g. sweep (default: all; see --list)")
    p.add_argument("--list", action="store_true", help="list the benchmarks and what each measures")
    p.add_argument("--root", default=None, metavar="PATH", help="the symq source tree holding benchmarks/")
    p.add_argument("--args", default="", metavar="'OPTIONS'", help="options passed to every script, e.g. '--points 500'")
    p.set_defaults(func=run)
