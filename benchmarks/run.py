"""eagerlite's benchmark suite: the cost of eagerlite and of the other wrappers against
native code, in one process.

    python benchmarks/run.py [--backends numpy,torch,jax,tensorflow] [--cases l2_n10,...]
                             [--threads 1] [--repeat 15] [--quick] [--json PATH] [--plot [PATH]]
                             [--no-eagerpy] [--no-keras]

For each installed backend and each case: microseconds per call of the native code and of
the same function written with each wrapper (native tensor in, native tensor out), all
run in this process on the same inputs and timed together, with their ratios to native.
The columns (peers.py has the details, cases.py the code of each):

* ``eagerlite``: the Tensor face, ``ep.astensor(x)`` ... ``.raw`` (the ``ep.astensor`` and
  ``.raw`` are included); the targets of issues 4, 5 and 10 judge this column;
* ``eagerlite xp``: the native face, ``xp = ep.array_namespace(x)`` in each call, then
  Array API code on the native arrays (target: within 1.05x of native on torch and JAX);
* the peers: ``eagerpy`` (the Tensor face's code with ``eagerpy``), ``array-api-compat``
  (``array_api_compat.array_namespace(x)`` in each call, then the Array API code),
  ``autoray`` (``autoray.numpy``'s functions) and ``keras.ops``.  keras picks one backend
  per process at import, so keras.ops runs after the main run in one child process per
  backend (``KERAS_BACKEND=F run.py --keras-child --backends F``, the same thread settings
  and repeat counts), which times native code and keras.ops only; its ratio is to the
  child's own native time.  "ahead" says whether eagerlite's Tensor face is at or below
  every peer measured in the row.

A wrapper that is not installed gets "not installed" in its column, one that cannot
express a case "n/a" with the reason, one whose result differs from native "error" with
the exception's first line (only an eagerlite failure fails the row).

Thread counts are fixed in every framework, the keras children too: ``--threads``, 1 by
default (torch intra- and inter-op, TensorFlow intra- and inter-op, XLA's Eigen pool,
OpenMP/BLAS).  Each timing is measured after a warm-up, ``--repeat`` times with native and
wrapped calls interleaved; a repeat makes as many calls as fill about 25 ms.  The table
shows the median and the spread (half the interquartile range, in percent of the median)
and marks each ratio against its target.  ``import eagerlite`` is timed against ``import
typing`` in the same run (target: within 1.3x; importtime.py).  Everything is also written
as JSON; ``--plot`` draws eagerlite's ratios with matplotlib (optional: ``pip install
eagerlite[bench]``, which also brings the peers).

The JSON: ``machine`` (versions, eagerlite's peers among them, and thread settings),
``settings`` (with ``keras_children``: what each child ran, its keras version and
threads), ``targets``, ``results`` (per case and backend: the timings and ratios as
before, plus ``wrappers``, per column its status, note, timing, ratio and where it was
measured, and ``xp_ratio``/``xp_target``/``xp_met``, ``best_peer``/``best_peer_ratio``/
``ahead``) and ``import`` (each module's times and ratio to ``import typing``, eagerlite's
``ratio``, ``target_ratio``, ``met`` and ``frameworks_imported``).

The bridge cases time a function of another framework called through ``ep.bridge``
against that framework on its own (eagerlite only).

The suite's modules, beside this entry point: ``_harness.py`` (backends and thread
settings, columns, timing, result rows), ``peers.py`` (the other wrappers: importing them,
the keras.ops child processes), ``cases.py`` (the cases, each wrapper's code, the targets:
new cases go there), ``nn_cases.py`` (the neural-network cases, registered by cases.py),
``importtime.py`` (import time), ``report.py`` (table, machine
description, plot).  Frameworks are imported only after the thread settings are in place,
so none of them (not even NumPy) imports a framework at module level.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from _harness import (
    BACKENDS,
    LABELS,
    ROOT,
    Backend,
    Missing,
    Row,
    get_backend,
    loaded_backends,
    pin_threads,
    run_case,
)
from cases import CASES, TARGETS, XP_TARGETS
from importtime import IMPORT_TARGET_RATIO, measure_import
from peers import for_backend, load_keras, load_wrappers, run_keras_children, versions
from report import fmt_import, fmt_row, header, legend, machine_info, plot

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
    parser.add_argument(
        "--no-keras", action="store_true", help="skip keras.ops (its child processes)"
    )
    # (internal) a keras.ops child process: native and keras.ops only, KERAS_BACKEND set
    parser.add_argument("--keras-child", action="store_true", help=argparse.SUPPRESS)
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
    if args.keras_child:
        args.cases = [c for c in args.cases if c != "import"]
        if len(args.backends) != 1:
            parser.error("--keras-child runs one backend")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        width = max(len(case.title) for case in CASES.values()) + 2
        for case in CASES.values():
            print(f"{case.key:<20}{case.title:<{width}}{case.measures}")
        print(f"{'import':<20}{'import eagerlite':<{width}}-X importtime in a fresh interpreter")
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
            print(f"{LABELS[name]}: skipped ({backend})", file=sys.stderr)
            rows += [Row(CASES[key], name, "skipped", backend) for key in per_backend]
        else:
            loaded[name] = backend

    import eagerlite

    if args.keras_child:  # keras.ops alone, on the one backend (imported after its threads)
        libs = {"keras.ops": load_keras(next(iter(loaded.values())))} if loaded else {}
    else:
        libs = load_wrappers(args.no_eagerpy, args.no_keras)
    for key in per_backend:
        for backend in loaded.values():
            gc.collect()
            row = run_case(CASES[key], backend, for_backend(libs, backend), args.repeat, target_s)
            rows.append(row)
            print(f"  measured {key} on {backend.name}", file=sys.stderr, flush=True)

    children: list[dict[str, object]] = []
    if not args.keras_child and not args.no_keras:
        children = run_keras_children(
            rows, list(loaded), threads=args.threads, repeat=args.repeat, quick=args.quick
        )

    import_result: dict[str, object] | None = None
    if "import" in args.cases:
        with_eagerpy = not isinstance(libs.get("eagerpy"), Missing)
        import_result = measure_import(import_runs, with_eagerpy)

    print(f"eagerlite {eagerlite.__version__}" + (" (keras.ops child)" if args.keras_child else ""))
    for line in legend(args.repeat, args.threads):
        print(line)
    print(header())
    for row in rows:
        print(fmt_row(row))
    for line in fmt_import(import_result) if import_result else []:
        print(line)

    peer_versions = versions(libs)
    keras_versions = {c.get("keras") for c in children if c.get("keras")}
    if keras_versions:
        peer_versions["keras"] = ", ".join(sorted(map(str, keras_versions)))
    results = {
        "machine": machine_info(args.threads, loaded_backends(), peer_versions),
        "settings": {
            "repeat": args.repeat,
            "seconds_per_repeat": target_s,
            "quick": args.quick,
            "backends": args.backends,
            "cases": args.cases,
            "keras_child": args.keras_child,
            "keras_children": children,
        },
        "targets": {
            "eagerlite": TARGETS,
            "eagerlite xp": XP_TARGETS,
            "import_ratio_to_typing": IMPORT_TARGET_RATIO,
        },
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
