"""eagerlite's benchmark suite: the cost of eagerlite against native code, in one process.

    python benchmarks/run.py [--backends numpy,torch,jax,tensorflow] [--cases l2_n10,...]
                             [--threads 1] [--repeat 15] [--quick] [--json PATH] [--plot [PATH]]

For each installed backend and each case: microseconds per call of the native code and of
the same function written with eagerlite (native tensor in, native tensor out: the
``ep.astensor`` and ``.raw`` of a generic function are included), both run in this process
on the same inputs, with their ratio; and, when ``import eagerpy`` works, the same with
EagerPy.  Thread counts are fixed (1 by default: torch, TensorFlow, XLA, OpenMP/BLAS).
Each timing is measured after a warm-up, ``--repeat`` times with native and wrapped calls
interleaved; a repeat makes as many calls as fill about 25 ms.  The table shows the median
and the spread (half the interquartile range, in percent of the median) and marks each
ratio against the targets of issue 5 (of issue 4 for the bridge).  Everything is also
written as JSON; ``--plot`` draws the ratios with matplotlib (optional:
``pip install eagerlite[bench]``).

The bridge cases time a function of another framework called through ``ep.bridge``
against that framework on its own (EagerPy: n/a).

The suite's modules, beside this entry point: ``_harness.py`` (backends and thread
settings, timing, result rows, import time), ``cases.py`` (the cases and their targets:
new cases go there), ``report.py`` (table, machine description, plot).  Frameworks are
imported only after the thread settings are in place, so none of them (not even NumPy)
imports a framework at module level.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _harness import (
    BACKENDS,
    IMPORT_TARGET_MS,
    LABELS,
    ROOT,
    Backend,
    Row,
    first_line,
    get_backend,
    loaded_backends,
    measure_import,
    pin_threads,
    run_case,
)
from cases import CASES, TARGETS
from report import COLUMNS, fmt_import, fmt_row, machine_info, plot

DEFAULT_JSON = ROOT / "benchmarks" / "results.json"
DEFAULT_PLOT = ROOT / "docs" / "benchmarks.png"


# ---------------------------------------------------------------------------- main
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(description=doc.strip().splitlines()[0])
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated")
    parser.add_argument(
        "--cases", default=",".join([*CASES, "import"]), help="comma-separated keys; see --list"
    )
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--threads", type=int, default=1, help="threads per framework")
    parser.add_argument("--repeat", type=int, default=None, help="repeats (default 15)")
    parser.add_argument("--quick", action="store_true", help="tiny counts (a smoke test)")
    parser.add_argument("--no-eagerpy", action="store_true", help="skip the EagerPy column")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="results file")
    parser.add_argument(
        "--plot",
        type=Path,
        nargs="?",
        const=DEFAULT_PLOT,
        default=None,
        help=f"draw the ratios to PATH (default {DEFAULT_PLOT.relative_to(ROOT)}; matplotlib)",
    )
    args = parser.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    for b in args.backends:
        if b not in BACKENDS:
            parser.error(f"unknown backend {b!r}; choose from {', '.join(BACKENDS)}")
    for c in args.cases:
        if c not in CASES and c != "import":
            parser.error(f"unknown case {c!r}; choose from {', '.join([*CASES, 'import'])}")
    if args.threads < 1:
        parser.error("--threads must be at least 1")
    if args.repeat is None:
        args.repeat = 3 if args.quick else 15
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for case in CASES.values():
            print(f"{case.key:<16}{case.title:<26}{case.measures}")
        print(f"{'import':<16}{'import eagerlite':<26}-X importtime in a fresh interpreter")
        return 0
    pin_threads(args.threads)
    target_s = 0.001 if args.quick else 0.025
    import_runs = 3 if args.quick else 10

    loaded: dict[str, Backend] = {}
    rows: list[Row] = []
    per_backend = [key for key in args.cases if key in CASES]
    for name in args.backends if per_backend else []:
        backend = get_backend(name)
        if isinstance(backend, str):
            print(f"{LABELS[name]}: skipped ({backend})")
            rows += [Row(CASES[key], name, "skipped", backend) for key in per_backend]
        else:
            loaded[name] = backend

    import eagerlite

    libs: dict[str, Any] = {"eagerlite": eagerlite}
    eagerpy: Any = None
    eagerpy_error = "--no-eagerpy" if args.no_eagerpy else ""
    if not args.no_eagerpy:
        try:
            eagerpy = importlib.import_module("eagerpy")
            libs["eagerpy"] = eagerpy
        except Exception as e:
            eagerpy_error = first_line(e)

    reps = f"median of {args.repeat} repeats, ±: half the interquartile range"
    print(
        f"eagerlite {eagerlite.__version__}: microseconds per call ({reps}); "
        f"ratio = eagerlite / native; {args.threads} thread(s); "
        f"EagerPy: {'yes' if eagerpy else f'no ({eagerpy_error})'}"
    )
    print(COLUMNS)
    for key in per_backend:
        for backend in loaded.values():
            gc.collect()
            row = run_case(CASES[key], backend, libs, args.repeat, target_s)
            if eagerpy is None:
                row.eagerpy_error = row.eagerpy_error or eagerpy_error
            rows.append(row)
            print(fmt_row(row), flush=True)

    import_result: dict[str, object] | None = None
    if "import" in args.cases:
        import_result = measure_import(import_runs, eagerpy is not None)
        print(fmt_import(import_result))

    results = {
        "machine": machine_info(args.threads, loaded_backends(), eagerpy),
        "settings": {
            "repeat": args.repeat,
            "seconds_per_repeat": target_s,
            "quick": args.quick,
            "backends": args.backends,
            "cases": args.cases,
        },
        "targets": {**TARGETS, "import_ms": IMPORT_TARGET_MS},
        "results": [row.to_json() for row in rows],
        "import": import_result,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n")
    print(f"results written to {args.json}")
    if args.plot is not None:
        plot(rows, args.plot)
    return 1 if any(row.status == "error" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
