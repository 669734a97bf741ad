"""The wrappers the benchmark suite compares eagerlite with (see run.py), in the same run.

Every column is the same case written the way a user of that wrapper writes it (the code
of each is in cases.py; docs/benchmarks.md has it as a table):

* ``eagerlite``: the Tensor face, ``ep.astensor(x)`` ... ``.raw``;
* ``eagerlite xp``: eagerlite's native face, ``xp = ep.array_namespace(x)`` in each call,
  then Array API code on the native arrays (not a peer: eagerlite too);
* ``eagerpy``: EagerPy 0.30's ``eagerpy.astensor(x)`` ... ``.raw`` (the Tensor face's code);
* ``array-api-compat``: ``xp = array_api_compat.array_namespace(x)`` in each call, then
  the same Array API code as ``eagerlite xp`` (numpy, torch, JAX; not TensorFlow);
* ``autoray``: ``from autoray import numpy as anp``, NumPy-style functions that dispatch
  on their argument in each call;
* ``keras.ops``: Keras 3's functions, on the one backend keras picked at import
  (``KERAS_BACKEND``).  Since that is one per process, keras.ops is measured in child
  processes: after the main run, ``run.py --keras-child`` runs once per backend with
  ``KERAS_BACKEND`` set, times native code and keras.ops only (same thread settings and
  repeat counts), and its timings are merged into the parent's rows.  Its ratio is thus
  to the native timing of the child process, not of the parent.

A wrapper whose import fails is "not installed" in its column; one that cannot express a
case is "n/a" with the reason (``NA_*`` below, given to the cases in cases.py).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _harness import COLUMNS, ROOT, Backend, Cell, Missing, Row, Timing, first_line


@dataclass(frozen=True)
class Wrapper:
    """A column: ``module`` is what its calls are made from (imported by name)."""

    column: str
    header: str  # the table's (short) column header
    module: str
    package: str  # the distribution, for "not installed" and the versions


WRAPPERS = {
    w.column: w
    for w in (
        Wrapper("eagerlite", "eagerlite", "eagerlite", "eagerlite"),
        Wrapper("eagerlite xp", "xp", "eagerlite", "eagerlite"),
        Wrapper("eagerpy", "eagerpy", "eagerpy", "eagerpy"),
        Wrapper("array-api-compat", "aac", "array_api_compat", "array-api-compat"),
        Wrapper("autoray", "autoray", "autoray.numpy", "autoray"),
        Wrapper("keras.ops", "keras", "keras.ops", "keras"),
    )
}
assert tuple(WRAPPERS) == COLUMNS

# ---------------------------------------------------------------------------- n/a reasons
_NAMESPACE_ONLY = ("array-api-compat", "autoray", "keras.ops")
NA_AUTODIFF = {
    "eagerlite xp": "no namespace form: value_and_grad is a function of the Tensor face",
    "array-api-compat": "array-api-compat has no grad (the Array API has no autodiff)",
    "autoray": "autoray has no grad",
    "keras.ops": "keras.ops has no grad (keras differentiates with each backend's own)",
}
NA_OPERATORS = {
    "eagerlite xp": "operators on native arrays are native code (the xp form: xp_chain20)",
    **{
        c: f"{c} wraps no arrays: operator code on native arrays is simply native code"
        for c in _NAMESPACE_ONLY
    },
}
NA_WRAP = {
    "eagerlite xp": "the native face wraps nothing",
    **{c: f"{c} wraps nothing: there is no astensor/.raw to time" for c in _NAMESPACE_ONLY},
}
NA_NAMESPACE = {
    "eagerlite xp": "the eagerlite column is this lookup (the native face's own)",
    "eagerpy": "EagerPy has no Array API namespace",
    "autoray": "autoray has no namespace object: autoray.numpy dispatches in each call",
    "keras.ops": "keras.ops is one fixed namespace, chosen at import (KERAS_BACKEND)",
}
NA_TENSOR_FACE = {
    "eagerlite xp": "on native arrays this is the xp_chain20 case",
    "eagerpy": "EagerPy has no Array API namespace",
    **{
        c: f"{c} wraps no arrays (its namespace on native arrays: xp_chain20)"
        for c in _NAMESPACE_ONLY
    },
}
NA_TRANSFORM = {
    "eagerlite xp": "no namespace form: the transformations are functions of the Tensor face",
    "eagerpy": "EagerPy has no vmap, jvp or nested gradients",
    **{c: f"{c} has no function transformations" for c in _NAMESPACE_ONLY},
}
NA_NN = {
    "eagerlite xp": "no namespace form: ep.nn and ep.optim are functions of the Tensor face",
    "eagerpy": "EagerPy has no neural-network functions, optimisers or jit",
    "array-api-compat": "array-api-compat has no neural-network functions (nor the Array API)",
    "autoray": "autoray has no neural-network functions (convolutions, attention, losses)",
}
NA_BRIDGE = {
    "eagerlite xp": "bridges are eagerlite's only (the eagerlite column)",
    "eagerpy": "EagerPy has no bridges",
    **{c: f"{c} has no bridges" for c in _NAMESPACE_ONLY},
}


# ---------------------------------------------------------------------------- loading
KERAS_PENDING = "keras.ops: no child process ran for this backend"


def import_wrapper(column: str) -> Any:
    """The wrapper's module, or :class:`Missing` ("not installed", with why)."""
    wrapper = WRAPPERS[column]
    top = wrapper.module.split(".")[0]
    if importlib.util.find_spec(top) is None:
        return Missing("not installed", f"{wrapper.package} is not installed")
    try:
        module = importlib.import_module(top)
        for part in wrapper.module.split(".")[1:]:  # autoray.numpy is an attribute
            name = f"{module.__name__}.{part}"
            has = hasattr(module, part)
            module = getattr(module, part) if has else importlib.import_module(name)
        return module
    except Exception as e:
        return Missing("not installed", f"import {wrapper.module} failed: {first_line(e)}")


def load_wrappers(no_eagerpy: bool, no_keras: bool) -> dict[str, Any]:
    """Column -> module (or Missing) for the main run.  keras.ops is never imported here:
    it is measured in child processes (:func:`run_keras_children`), so its column starts
    as "skipped" until their results are merged."""
    libs: dict[str, Any] = {}
    for column in COLUMNS:
        if column == "eagerpy" and no_eagerpy:
            libs[column] = Missing("skipped", "--no-eagerpy")
        elif column == "keras.ops":
            if no_keras:
                libs[column] = Missing("skipped", "--no-keras")
            elif importlib.util.find_spec("keras") is None:
                libs[column] = Missing("not installed", "keras is not installed")
            else:
                libs[column] = Missing("skipped", KERAS_PENDING)
        else:
            libs[column] = import_wrapper(column)
    return libs


def for_backend(libs: Mapping[str, Any], b: Backend) -> dict[str, Any]:
    """The columns' modules for one backend: those that do not support it become n/a.
    (array-api-compat has no TensorFlow: its ``array_namespace`` raises TypeError.)"""
    out = dict(libs)
    aac = out.get("array-api-compat")
    if aac is not None and not isinstance(aac, Missing):
        try:
            aac.array_namespace(b.array((1,)))
        except TypeError as e:
            out["array-api-compat"] = Missing(
                "n/a", f"array-api-compat does not support {b.name} ({first_line(e)})"
            )
    return out


def load_keras(b: Backend) -> Any:
    """``keras.ops`` in a child process, on the backend ``KERAS_BACKEND`` named (imported
    after the backend's thread settings), or Missing."""
    ops = import_wrapper("keras.ops")
    if isinstance(ops, Missing):
        return ops
    chosen = importlib.import_module("keras").backend.backend()
    if chosen != b.name:
        return Missing("error", f"keras runs on {chosen}, not {b.name} (KERAS_BACKEND)")
    return ops


def versions(libs: Mapping[str, Any]) -> dict[str, str | None]:
    """The peers' versions (None: not loaded in this process)."""
    out: dict[str, str | None] = {}
    for column in ("eagerpy", "array-api-compat", "autoray", "keras.ops"):
        package = WRAPPERS[column].package
        lib = libs.get(column)
        if lib is None or isinstance(lib, Missing):
            out[package] = None
            continue
        top = sys.modules[WRAPPERS[column].module.split(".")[0]]
        out[package] = str(getattr(top, "__version__", "unknown"))
    return out


# ---------------------------------------------------------------------------- keras.ops
def keras_backends(rows: Sequence[Row], loaded: Sequence[str], quick: bool) -> list[str]:
    """The backends that get a keras child: those run whose rows have a keras.ops form
    (``--quick``: only the first, a smoke test of the mechanism)."""
    found = [
        name
        for name in loaded
        if any(r.backend == name and r.status == "ok" and _wants_keras(r) for r in rows)
    ]
    return found[:1] if quick else found


def _wants_keras(row: Row) -> bool:
    """The row waits for a keras child (its keras.ops column is still the placeholder)."""
    cell = row.cells.get("keras.ops")
    return cell is not None and cell.status == "skipped" and cell.note == KERAS_PENDING


def run_keras_children(
    rows: Sequence[Row],
    loaded: Sequence[str],
    *,
    threads: int,
    repeat: int,
    quick: bool,
    log: Any = sys.stderr,
) -> list[dict[str, object]]:
    """Run ``run.py --keras-child`` per backend (:func:`keras_backends`) and merge its
    keras.ops timings into ``rows``; returns what each child was (for the JSON)."""
    if not any(_wants_keras(r) for r in rows):
        return []
    backends = keras_backends(rows, loaded, quick)
    children: list[dict[str, object]] = []
    for name in backends:
        waiting = [r.case.key for r in rows if r.backend == name and _wants_keras(r)]
        cases = list(dict.fromkeys(waiting))
        start = time.perf_counter()
        data = run_keras_child(name, cases, threads=threads, repeat=repeat, quick=quick)
        wall = time.perf_counter() - start
        info: dict[str, object] = {"backend": name, "cases": cases, "wall_s": round(wall, 1)}
        if isinstance(data, str):
            info["error"] = data
            for row in rows:
                if row.backend == name and _wants_keras(row):
                    row.cells["keras.ops"] = Cell("error", f"keras child process: {data}")
        else:
            machine = data.get("machine", {})
            info["keras"] = machine.get("versions", {}).get("keras")
            info["threads"] = machine.get("threads")
            info["framework_threads"] = machine.get("framework_threads", {}).get(name)
            merge_keras(rows, name, data)
        children.append(info)
        print(f"keras.ops on {name}: child process, {wall:.1f} s", file=log, flush=True)
    if quick:
        for row in rows:
            if row.backend not in backends and _wants_keras(row):
                row.cells["keras.ops"].note = "--quick: keras.ops runs on the first backend only"
    return children


def run_keras_child(
    backend: str, cases: Sequence[str], *, threads: int, repeat: int, quick: bool
) -> dict[str, Any] | str:
    """``run.py --keras-child`` with ``KERAS_BACKEND=backend``: its JSON, or why it failed."""
    with tempfile.TemporaryDirectory(prefix="eagerlite-keras-") as tmp:
        out = Path(tmp) / "keras.json"
        cmd = [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--keras-child",
            *("--backends", backend, "--cases", ",".join(cases)),
            *("--threads", str(threads), "--repeat", str(repeat)),
            *(["--quick"] if quick else []),
            *("--json", str(out)),
        ]
        env = {**os.environ, "KERAS_BACKEND": backend}
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        try:
            result = subprocess.run(
                cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600
            )
        except subprocess.TimeoutExpired:
            return "timed out after 600 s"
        if not out.exists():
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            return f"exit status {result.returncode}: {tail[0]}"
        data: dict[str, Any] = json.loads(out.read_text())
        return data


def merge_keras(rows: Sequence[Row], backend: str, data: Mapping[str, Any]) -> None:
    """Put a child's keras.ops timings (and its own native timing, the ratio's base) into
    the parent's rows of ``backend``."""
    found = {r["case"]: r for r in data.get("results", []) if r["backend"] == backend}
    for row in rows:
        if row.backend != backend or not _wants_keras(row):
            continue
        child = found.get(row.case.key)
        if child is None:
            row.cells["keras.ops"] = Cell("error", "keras child process: no result")
            continue
        if child["status"] != "ok":
            row.cells["keras.ops"] = Cell("error", f"keras child: {child['note']}")
            continue
        cell = child["wrappers"]["keras.ops"]
        merged = Cell(cell["status"], cell["note"] or "")
        if cell["status"] == "ok":
            merged.timing = Timing.from_json(cell["timing"])
            merged.native = Timing.from_json(child["native"])
            merged.measured_in = f"child process (KERAS_BACKEND={backend})"
        row.cells["keras.ops"] = merged
