"""``symq sweep``: a generated formula (or an exact-numerics quantity) over a parameter grid.

Parameter values (``--param NAME=SPEC``, the grid is the cartesian product in the order given):
``START:STOP:COUNT`` (``numpy.linspace``), ``START:STOP:COUNT:log`` (``numpy.geomspace``),
``V1,V2,...`` (a list) or ``VALUE`` (integers stay integers). Every argument of the chosen
quantities needs a value.
Quantities: the functions of ``symq.formulas.NAME`` (``symq sweep NAME --list``), or
``exact:liouvillian_gap`` / ``exact:purity`` of the registered model NAME (numerical, per point,
with ``--cutoff OP=LEVELS`` for bosons).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

from .usage import UsageError

EXACT_PREFIX = "exact:"


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{where}: expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise UsageError(f"{where}: expected a finite number, got {text!r}")
    return value


def parse_param(text: str) -> tuple[str, np.ndarray]:
    """``NAME=SPEC`` (module docstring) as ``(name, values)``."""
    name, eq, spec = text.partition("=")
    name = name.strip()
    if not eq or not name.isidentifier() or not spec.strip():
        raise UsageError(f"--param {text!r}: expected NAME=START:STOP:COUNT, NAME=V1,V2,... or NAME=VALUE")
    where = f"--param {name}"
    if ":" in spec:
        parts = spec.split(":")
        if len(parts) not in (3, 4) or parts[3:] not in ([], ["log"]):
            raise UsageError(f"{where}: expected START:STOP:COUNT or START:STOP:COUNT:log, got {spec!r}")
        start, stop = _number(parts[0], where), _number(parts[1], where)
        if not parts[2].strip().isdigit() or int(parts[2]) < 1:
            raise UsageError(f"{where}: expected a positive integer COUNT in START:STOP:COUNT, got {parts[2]!r}")
        count = int(parts[2])
        if parts[3:] == ["log"]:
            if start <= 0 or stop <= 0:
                raise UsageError(f"{where}: expected START, STOP > 0 for a log range, got {spec!r}")
            return name, np.geomspace(start, stop, count)
        return name, np.linspace(start, stop, count)
    tokens = [v.strip() for v in spec.split(",")]
    if all(t.lstrip("+-").isdigit() for t in tokens):
        return name, np.array([int(t) for t in tokens])  # integers stay integers (levels, spin 2S, ...)
    return name, np.array([_number(v, where) for v in tokens])


def parse_cutoff(text: str) -> tuple[str, int]:
    """``OP=LEVELS`` as ``(op name, levels)``."""
    name, eq, levels = text.partition("=")
    if not eq or not name.strip() or not levels.strip().isdigit() or int(levels) < 1:
        raise UsageError(f"--cutoff {text!r}: expected OP=LEVELS with LEVELS a positive integer")
    return name.strip(), int(levels)


def list_quantities(name: str) -> str:
    """Lines ``quantity(arguments): first docstring line`` for formula module ``name``."""
    from ..sweep.formula import formula_module, formula_modules

    if name not in formula_modules():
        raise UsageError(f"sweep NAME: expected one of {', '.join(formula_modules()) or 'none'}, got {name!r}")
    mod = formula_module(name)
    lines = [f"symq.formulas.{name}:"]
    for q, args in mod.ARGS.items():
        doc = (getattr(mod, q).__doc__ or "").strip().splitlines()
        lines.append(f"  {q}({', '.join(args)}): {doc[0] if doc else ''}")
    from .exact_task import QUANTITIES

    lines.append(f"exact backend (per point): {', '.join(EXACT_PREFIX + q for q in QUANTITIES)}")
    return "\n".join(lines)


def _formula_task(name: str, quantities: list[str]):
    from ..sweep import SweepError, formula_task
    from ..sweep.formula import formula_modules

    if name not in formula_modules():
        raise UsageError(
            f"sweep NAME: expected one of {', '.join(formula_modules()) or 'none'} "
            f"(generated formula modules), got {name!r}"
        )
    try:
        return formula_task(name, quantities)
    except SweepError as exc:
        raise UsageError(f"--quantity: {exc}") from None


def _exact_task(name: str, quantities: list[str], cutoffs: list[tuple[str, int]]):
    from .. import __version__, models
    from .exact_task import QUANTITIES, ExactTask

    if name not in models.NAMES:
        raise UsageError(f"sweep NAME: expected one of {', '.join(models.NAMES)} for exact quantities, got {name!r}")
    unknown = [q for q in quantities if q not in QUANTITIES]
    if unknown:
        raise UsageError(
            f"--quantity: expected {', '.join(EXACT_PREFIX + q for q in QUANTITIES)}, "
            f"got {', '.join(EXACT_PREFIX + q for q in unknown)}"
        )
    spec = models.get(name)
    from ..lindblad import Lindblad

    if not isinstance(spec.model, Lindblad):
        raise UsageError(f"--quantity: exact quantities need a Lindblad model; {name} is a {type(spec.model).__name__}")
    bad = [op for op, _ in cutoffs if op not in spec.ops]
    if bad:
        raise UsageError(f"--cutoff: expected operators among {', '.join(spec.ops)}, got {', '.join(bad)}")
    arguments = tuple(k for k, sym in spec.symbols.items() if sym in spec.model.parameters)
    task = ExactTask(name, tuple(quantities), tuple(sorted(cutoffs)))
    key = f"exact:{name}:{','.join(quantities)}:cutoffs={task.cutoffs}@symq {__version__}"
    return task, key, arguments


def _is_exact(quantities: list[str]) -> bool:
    return all(q.startswith(EXACT_PREFIX) for q in quantities)


def task_for(name: str, quantities: list[str], cutoffs: list[tuple[str, int]]):
    """``(task, task_key, arguments)`` for ``--quantity`` values (all formulas or all exact)."""
    exact = [q.startswith(EXACT_PREFIX) for q in quantities]
    if any(exact) and not all(exact):
        raise UsageError("--quantity: expected all formulas or all exact:... quantities, got a mix")
    if all(exact):
        return _exact_task(name, [q[len(EXACT_PREFIX):] for q in quantities], cutoffs)
    if cutoffs:
        raise UsageError("--cutoff: only applies to exact:... quantities")
    return _formula_task(name, quantities)


def points_for(params: list[tuple[str, np.ndarray]], arguments: tuple[str, ...], quantities: list[str]):
    """The grid of ``params``, checked against the task's ``arguments``."""
    from ..sweep import grid

    given = [n for n, _ in params]
    repeated = sorted({n for n in given if given.count(n) > 1})
    if repeated:
        raise UsageError(f"--param: expected each parameter once, got {', '.join(repeated)} more than once")
    unknown = [n for n in given if n not in arguments]
    if unknown:
        raise UsageError(
            f"--param {unknown[0]}: expected parameters of {', '.join(quantities)} among {', '.join(arguments)}"
        )
    missing = [a for a in arguments if a not in given]
    if missing:
        raise UsageError(
            f"--param: missing values for {', '.join(missing)} (arguments of {', '.join(quantities)}: "
            f"{', '.join(arguments)}); e.g. --param {missing[0]}=1"
        )
    return grid(**dict(params))


def _connect(address: str):
    """A Dask client of the scheduler at ``address``; errors name the address."""
    from .. import sweep as sw
    from ..errors import SymqError

    try:
        return sw.dask_client(address)
    except ValueError as exc:
        raise UsageError(f"--scheduler {address!r}: expected an address like tcp://HOST:8786 ({exc})") from None
    except OSError as exc:
        raise SymqError(f"--scheduler {address!r}: expected a reachable Dask scheduler ({exc})") from None


def run(args) -> int:
    """The ``sweep`` subcommand; exit code 0, 1 when some points failed, 130 when interrupted."""
    from .. import sweep as sw

    if args.list:
        print(list_quantities(args.name))
        return 0
    if not args.quantity:
        raise UsageError("--quantity: expected at least one (symq sweep NAME --list shows them)")
    if args.out is None:
        raise UsageError("--out: expected a directory for the sweep's store")
    if args.scheduler and args.workers is not None:
        raise UsageError("--workers: expected no --workers with --scheduler (the cluster has its own)")
    if args.table == "parquet":
        from ..sweep._checks import require

        require("pyarrow", "symq[dask]", "sweep --table parquet")  # before computing anything
    task, key, arguments = task_for(args.name, args.quantity, args.cutoff)
    points = points_for(args.param, arguments, args.quantity)
    if args.scheduler:
        executor = _connect(args.scheduler)
    elif args.workers == 0 or (args.workers is None and not _is_exact(args.quantity)):
        executor = "serial"  # a vectorised formula: ~1e6 points/s in one process, no start-up
    else:
        executor = sw.local_executor(args.workers)
    try:
        result = sw.sweep(task, points, executor=executor, store=args.out, chunk=args.chunk,
                          progress=not args.quiet, task_key=key)
    except KeyboardInterrupt:
        print(f"symq sweep: interrupted; finished chunks are in {args.out}, re-run to resume", file=sys.stderr)
        return 130
    finally:
        if args.scheduler:
            executor.close()
        elif not isinstance(executor, str):
            executor.shutdown()
    table = Path(result.path) / f"table.{args.table}"
    if args.table == "parquet":
        result.to_parquet(table)
    else:
        result.to_csv(table)
    print(result.summary())
    print(f"table: {table}")
    return 1 if result.failures else 0


def add_parser(sub) -> None:
    """Register ``symq sweep`` on the subparsers ``sub``."""
    import argparse

    from ..sweep.formula import formula_modules

    p = sub.add_parser(
        "sweep", help="a formula or exact quantity over a parameter grid, resumable, local or on Dask",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"formula modules (NAME): {', '.join(formula_modules())}\n"
               "examples:\n  symq sweep unbalanced_dimer --list\n"
               "  symq sweep unbalanced_dimer --quantity concurrence --param g=0:2:101 "
               "--param s=0.5,1,2 --param kappa=1 --out sweeps/\n"
               "Re-running the same command reuses the finished points in --out.",
    )
    p.add_argument("name", help="model / formula module name, e.g. unbalanced_dimer")
    p.add_argument("--list", action="store_true", help="list the quantities of NAME and their arguments")
    p.add_argument("--quantity", action="append", default=[], metavar="Q",
                   help="a formula of symq.formulas.NAME or exact:QUANTITY (repeatable)")
    p.add_argument("--param", action="append", default=[], type=_argparse_type(parse_param), metavar="NAME=SPEC",
                   help="parameter values: START:STOP:COUNT[:log], V1,V2,... or VALUE (repeatable)")
    p.add_argument("--cutoff", action="append", default=[], type=_argparse_type(parse_cutoff), metavar="OP=LEVELS",
                   help="boson cutoff for exact quantities, OP as in the model (repeatable)")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="store root; the sweep lives in DIR/<key[:16]>/ with its table")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on the Dask scheduler at ADDRESS (e.g. tcp://host:8786); needs symq[dask]")
    p.add_argument("--workers", type=_argparse_type(_count), default=None, metavar="N",
                   help="local worker processes; 0: in this process (default: in this process for "
                        "formulas, which are vectorised, all cores for exact quantities)")
    p.add_argument("--chunk", type=_argparse_type(_positive_int), default=None, metavar="N",
                   help="points per chunk (the unit of checkpointing and of scheduling)")
    p.add_argument("--table", choices=["csv", "parquet"], default="csv", help="format of the result table")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise UsageError(f"expected a non-negative integer, got {text!r}")
    return int(text)


def _positive_int(text: str) -> int:
    if _count(text) < 1:
        raise UsageError(f"expected a positive integer, got {text!r}")
    return int(text)


def _argparse_type(parse):
    """``parse`` as an argparse ``type=``: a UsageError becomes an argparse error (exit 2)."""
    import argparse

    def convert(text):
        try:
            return parse(text)
        except UsageError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = parse.__name__
    return convert
