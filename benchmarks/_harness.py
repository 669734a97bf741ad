"""The benchmark suite's machinery (see run.py): backends and their thread settings, the
columns (eagerlite's two faces and its peers), what a case is, timing, checking, and the
result rows.  The peers themselves (how each is imported, the keras.ops child processes)
are in peers.py, the import-time measurement in importtime.py.

Threads: every framework is pinned to ``--threads`` (1 by default) before it is imported:
OpenMP/BLAS by the environment, torch's intra- and inter-op threads, TensorFlow's intra-
and inter-op parallelism, XLA's Eigen pool (off with 1 thread).  A keras.ops child process
runs this same code with the same ``--threads`` before keras is imported.

A row (:class:`Row`) holds the native timing and one :class:`Cell` per column: its
status ("ok", "n/a", "not installed", "error", "skipped") and why, its timing, and, for
keras.ops, the native timing of the child process it was measured in (its ratio's base).
From them it derives the JSON: the ratios, eagerlite's target and ``met``, the native
face's ``xp_target`` and ``xp_met``, and ``best_peer``/``ahead``.

No framework (not even NumPy) is imported at module level: the thread settings must be in
the environment first (:func:`pin_threads`).
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import statistics
import sys
import timeit
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the working tree's eagerlite, also when it is not installed
    sys.path.insert(0, str(ROOT))

BACKENDS = ("numpy", "torch", "jax", "tensorflow")
LABELS = {"numpy": "numpy", "torch": "torch", "jax": "jax eager", "tensorflow": "tensorflow"}

Call = Callable[[], object]


# ---------------------------------------------------------------------------- backends
@dataclass(frozen=True)
class Backend:
    """An imported framework with its thread settings applied.

    ``fw`` is the module native code calls (``numpy``, ``torch``, ``tensorflow``,
    ``jax.numpy``); ``jax`` is the ``jax`` module on the JAX backend (else None).
    """

    name: str
    fw: Any
    version: str
    threads: dict[str, object]
    jax: Any = None

    def array(self, shape: tuple[int, ...]) -> Any:
        """A float32 tensor in this framework's own memory, the same values on every backend
        (torch: a copy, not a view of NumPy's memory, which TensorFlow may not share)."""
        import numpy as np

        a = np.linspace(-1.0, 1.0, math.prod(shape), dtype=np.float32).reshape(shape)
        return self.asarray(a)

    def asarray(self, a: Any) -> Any:
        """The NumPy array ``a`` as a tensor in this framework's own memory (its dtype kept;
        torch: a copy)."""
        if self.name == "numpy":
            return a
        if self.name == "torch":
            return self.fw.from_numpy(a).clone()
        if self.name == "tensorflow":
            return self.fw.constant(a)
        return self.fw.asarray(a)

    def compiled(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` of native arrays under this framework's compiler, as ``ep.jit`` compiles
        (``jax.jit``, ``tf.function(jit_compile=True)``, ``torch.compile``; NumPy: none)."""
        if self.name == "numpy":
            return fn
        if self.name == "jax":
            return self.jax.jit(fn)  # type: ignore[no-any-return]
        if self.name == "tensorflow":
            return self.fw.function(fn, jit_compile=True, autograph=False)  # type: ignore[no-any-return]
        return self.fw.compile(fn)  # type: ignore[no-any-return]

    def synced(self, fn: Call) -> Call:
        """``fn`` that returns only once its result is computed (JAX dispatches asynchronously;
        torch and TensorFlow on the CPU are synchronous, NumPy too)."""
        if self.name != "jax":
            return fn
        block_tree = self.jax.block_until_ready

        def block(out: Any) -> Any:
            try:
                return out.block_until_ready()  # one array: cheaper than the pytree function
            except AttributeError:
                return block_tree(out)

        return lambda: block(fn())


def pin_threads(threads: int) -> None:
    """Thread settings that must be in the environment before any framework is imported.

    XLA (JAX) has no thread-count flag: with 1 thread its Eigen thread pool is off; with
    more it is on and as large as XLA makes it (the cores this process may use: cap them
    with ``taskset`` if needed).
    """
    global _THREADS
    _THREADS = threads
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    xla = re.sub(r"--xla_cpu_multi_thread_eigen=\S+", "", os.environ.get("XLA_FLAGS", ""))
    eigen = "false" if threads == 1 else "true"
    os.environ["XLA_FLAGS"] = " ".join([*xla.split(), f"--xla_cpu_multi_thread_eigen={eigen}"])
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


_LOADED: dict[str, Backend | str] = {}
_THREADS = 1  # (set by pin_threads)


def get_backend(name: str) -> Backend | str:
    """A backend with the run's thread settings (loaded once), or why it cannot be loaded.
    Cases that need a second framework (bridges) get it here."""
    if name not in _LOADED:
        _LOADED[name] = load_backend(name, _THREADS)
    return _LOADED[name]


def loaded_backends() -> dict[str, Backend]:
    """The backends loaded so far: those run, and second frameworks that cases asked for."""
    return {name: b for name, b in _LOADED.items() if isinstance(b, Backend)}


def load_backend(name: str, threads: int) -> Backend | str:
    """The backend with ``threads`` threads, or why it cannot be loaded."""
    if importlib.util.find_spec(name) is None:
        return "not installed"
    try:
        if name == "numpy":
            import numpy as np

            return Backend(name, np, np.__version__, {})
        if name == "torch":
            import torch

            torch.set_num_threads(threads)
            torch.set_num_interop_threads(threads)
            info: dict[str, object] = {
                "num_threads": torch.get_num_threads(),
                "num_interop_threads": torch.get_num_interop_threads(),
            }
            return Backend(name, torch, torch.__version__, info)
        if name == "tensorflow":
            import tensorflow as tf

            tf.config.threading.set_intra_op_parallelism_threads(threads)
            tf.config.threading.set_inter_op_parallelism_threads(threads)
            tf_info: dict[str, object] = {
                "intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
                "inter_op": tf.config.threading.get_inter_op_parallelism_threads(),
            }
            return Backend(name, tf, tf.__version__, tf_info)
        import jax
        import jax.numpy as jnp

        jax_info: dict[str, object] = {
            "XLA_FLAGS": os.environ.get("XLA_FLAGS", ""),
            "device": str(jax.devices()[0]),
        }
        return Backend(name, jnp, jax.__version__, jax_info, jax=jax)
    except Exception as e:  # a broken installation: report it, run the others
        return f"import failed: {type(e).__name__}: {e}"


# ---------------------------------------------------------------------------- columns
# The columns of a row, in table order: eagerlite's two faces, then its peers.  Each is
# one way of writing the case (see cases.py and peers.py); the ratio of each is to the
# native code timed beside it (keras.ops: in its own process, see peers.py).
COLUMNS = ("eagerlite", "eagerlite xp", "eagerpy", "array-api-compat", "autoray", "keras.ops")
# The other wrappers, against which "ahead" is judged ("eagerlite xp" is not a peer: it is
# eagerlite too, on native arrays).
PEERS = ("eagerpy", "array-api-compat", "autoray", "keras.ops")
# The columns written with the EagerPy-style API (``Prepared.generic``), the same code for
# the ``eagerlite`` and the ``eagerpy`` module.
GENERIC = ("eagerlite", "eagerpy")


@dataclass(frozen=True)
class Missing:
    """Stands in for a wrapper's module where it cannot run: ``status`` is "not installed",
    "n/a" (cannot express the case on this backend) or "skipped" (not measured in this run
    or this process), ``note`` says why."""

    status: str
    note: str


# ---------------------------------------------------------------------------- cases
@dataclass(frozen=True)
class Prepared:
    """One case on one backend: the native call; the generic call for a library module
    (``eagerlite`` or ``eagerpy``, which have the same API for these cases: the Tensor
    face); and ``faces``, per other column (``"eagerlite xp"``, ``"array-api-compat"``,
    ``"autoray"``, ``"keras.ops"``), the call written the way that wrapper is used, made
    from its module (``eagerlite``, ``array_api_compat``, ``autoray.numpy``,
    ``keras.ops``).  All use the same inputs (made once, outside the timing) and must
    compute the same result."""

    native: Call
    generic: Callable[[Any], Call]
    faces: Mapping[str, Callable[[Any], Call]] = field(default_factory=dict)
    # per column ("native" too), where its result keeps another layout than eagerlite's
    # (TensorFlow's (kh, kw, in, out) filters, say): the result (as NumPy arrays) in the
    # layout compared; the others are compared as they come
    compare: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """A benchmark case.  ``prepare`` returns the calls for a backend, or a string: the
    reason the case does not apply there (shown as "n/a").  ``absolute``: the native call
    is only a baseline (the ratio means nothing; the table shows the cost in microseconds).
    ``sync``: wait for the backend's JAX results (off where nothing is computed, or where
    ``prepare`` makes each call wait itself: cases with two frameworks).  ``na``: per
    column, why that wrapper cannot express the case (a column with neither a reason here
    nor a form in ``Prepared`` is n/a too, "no form written").  ``targets``: the largest
    acceptable ratio eagerlite / native per backend; ``xp_targets``: the same for the
    native face (the "eagerlite xp" column)."""

    key: str
    title: str
    measures: str
    prepare: Callable[[Backend], Prepared | str]
    absolute: bool = False
    sync: bool = True
    targets: Mapping[str, float] = field(default_factory=dict)
    xp_targets: Mapping[str, float] = field(default_factory=dict)
    na: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------- timing
@dataclass
class Timing:
    """Seconds per call of each repeat, with ``number`` calls per repeat."""

    number: int
    per_call: list[float] = field(default_factory=list)

    def quartiles_us(self) -> tuple[float, float, float]:
        us = [t * 1e6 for t in self.per_call]
        if len(us) < 2:
            return us[0], us[0], us[0]
        q1, q2, q3 = statistics.quantiles(us, n=4, method="inclusive")
        return q1, q2, q3

    @property
    def median_us(self) -> float:
        return statistics.median(self.per_call) * 1e6

    @property
    def spread(self) -> float:
        """Half the interquartile range, relative to the median."""
        q1, q2, q3 = self.quartiles_us()
        return (q3 - q1) / 2 / q2 if q2 else 0.0

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Timing:
        """The timing :meth:`to_json` wrote (another process's: keras.ops)."""
        return cls(int(data["calls_per_repeat"]), [us / 1e6 for us in data["repeats_us"]])

    def to_json(self) -> dict[str, object]:
        q1, q2, q3 = self.quartiles_us()
        us = [t * 1e6 for t in self.per_call]
        return {
            "median_us": q2,
            "iqr_us": [q1, q3],
            "min_us": min(us),
            "max_us": max(us),
            "calls_per_repeat": self.number,
            "repeats_us": us,
        }


def calibrate(fn: Call, target_s: float) -> int:
    """Calls per repeat so that one repeat lasts about ``target_s`` (also a warm-up)."""
    timer = timeit.Timer(fn)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= target_s / 2 or number >= 10_000_000:
            return max(1, round(number * target_s / max(elapsed, 1e-9)))
        number *= 10 if elapsed < target_s / 20 else 2


def measure(fns: Sequence[Call], repeat: int, target_s: float) -> list[Timing]:
    """Time each of ``fns``, the repeats interleaved (drifts hit all of them alike)."""
    timings = [Timing(calibrate(fn, target_s)) for fn in fns]
    timers = [timeit.Timer(fn) for fn in fns]
    for _ in range(repeat):
        for timer, timing in zip(timers, timings, strict=True):
            timing.per_call.append(timer.timeit(timing.number) / timing.number)
    return timings


def to_numpy(out: object) -> Any:
    """A result (a tensor of any framework, or a tuple of them) as NumPy arrays."""
    import numpy as np

    if isinstance(out, tuple | list):
        return [to_numpy(o) for o in out]
    detach = getattr(out, "detach", None)  # torch
    return np.asarray(detach().cpu() if detach is not None else out)


def check_same(expected: object, got: object) -> None:
    """Raise if ``got`` is not ``expected`` (up to float32 rounding)."""
    import numpy as np

    a, c = to_numpy(expected), to_numpy(got)
    pairs = list(zip(a, c, strict=True)) if isinstance(a, list) else [(a, c)]
    for u, v in pairs:
        if np.shape(u) != np.shape(v) or not np.allclose(u, v, rtol=1e-4, atol=1e-6):
            raise AssertionError(f"result differs from native: {v!r} != {u!r}")


# ---------------------------------------------------------------------------- results
@dataclass
class Cell:
    """One column of a row.  ``status``: "ok" (timed), "n/a" (the wrapper cannot express
    the case), "not installed", "error" (its result differed or it raised: ``note`` has
    the first line) or "skipped".  ``native``: the native timing it is compared with when
    that was measured in another process (keras.ops); else the row's."""

    status: str = "ok"
    note: str = ""
    timing: Timing | None = None
    native: Timing | None = None
    measured_in: str = "this process"

    def to_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "note": self.note or None,
            "measured_in": self.measured_in if self.timing else None,
            "timing": self.timing.to_json() if self.timing else None,
            "native": self.native.to_json() if self.native else None,
        }


@dataclass
class Row:
    """One case on one backend: what the table prints and the JSON holds."""

    case: Case
    backend: str
    status: str = "ok"  # "ok", "n/a" (does not apply), "error", "skipped"
    note: str = ""
    native: Timing | None = None
    cells: dict[str, Cell] = field(default_factory=dict)

    def cell(self, column: str) -> Cell:
        if self.status != "ok":
            return Cell(self.status, self.note)
        return self.cells.get(column) or Cell("skipped", "not measured in this run")

    def timing(self, column: str) -> Timing | None:
        cell = self.cells.get(column)
        return cell.timing if cell is not None and cell.status == "ok" else None

    def baseline(self, column: str) -> Timing | None:
        """The native timing ``column`` is compared with (its own process's)."""
        cell = self.cells.get(column)
        return cell.native if cell is not None and cell.native is not None else self.native

    @property
    def eagerlite(self) -> Timing | None:
        return self.timing("eagerlite")

    @property
    def eagerpy(self) -> Timing | None:
        return self.timing("eagerpy")

    def ratio(self, column: str) -> float | None:
        timing, native = self.timing(column), self.baseline(column)
        if self.case.absolute or timing is None or native is None:
            return None
        return timing.median_us / native.median_us

    def overhead_us(self, column: str) -> float | None:
        timing, native = self.timing(column), self.baseline(column)
        if timing is None or native is None:
            return None
        return timing.median_us - native.median_us

    def ratio_iqr(self, column: str) -> list[float] | None:
        """Quartiles of the per-repeat ratios (the repeats were interleaved)."""
        timing, native = self.timing(column), self.baseline(column)
        if self.ratio(column) is None or timing is None or native is None:
            return None
        rs = [w / n for n, w in zip(native.per_call, timing.per_call, strict=True)]
        if len(rs) < 2:
            return [rs[0], rs[0]]
        q1, _, q3 = statistics.quantiles(rs, n=4, method="inclusive")
        return [q1, q3]

    @property
    def target(self) -> float | None:
        return self.case.targets.get(self.backend)

    @property
    def met(self) -> bool | None:
        ratio = self.ratio("eagerlite")
        if ratio is None or self.target is None:
            return None
        return ratio <= self.target

    @property
    def xp_target(self) -> float | None:
        if self.status != "ok" or self.cell("eagerlite xp").status == "n/a":
            return None
        return self.case.xp_targets.get(self.backend)

    @property
    def xp_met(self) -> bool | None:
        ratio = self.ratio("eagerlite xp")
        if ratio is None or self.xp_target is None:
            return None
        return ratio <= self.xp_target

    def score(self, column: str) -> float | None:
        """What "ahead" compares: the ratio; for absolute cases the cost over native."""
        return self.overhead_us(column) if self.case.absolute else self.ratio(column)

    @property
    def best_peer(self) -> str | None:
        """The peer with the lowest ratio (cost) in this row, if any was measured."""
        scored = [(s, p) for p in PEERS if (s := self.score(p)) is not None]
        return min(scored)[1] if scored else None

    @property
    def ahead(self) -> bool | None:
        """eagerlite's Tensor face at or below every peer measured (None: none was)."""
        own, best = self.score("eagerlite"), self.best_peer
        if own is None or best is None:
            return None
        best_score = self.score(best)
        return best_score is not None and own <= best_score

    def to_json(self) -> dict[str, object]:
        eagerpy = self.cell("eagerpy")
        if eagerpy.status == "ok":
            eagerpy_error = None
        elif eagerpy.status == "n/a":
            eagerpy_error = f"n/a: {eagerpy.note}"
        else:
            eagerpy_error = eagerpy.note or eagerpy.status
        best = self.best_peer
        wrappers = {}
        for column in COLUMNS:
            cell = self.cell(column)
            wrappers[column] = {
                **cell.to_json(),
                "ratio": self.ratio(column),
                "ratio_iqr": self.ratio_iqr(column),
                "overhead_us": self.overhead_us(column),
            }
        return {
            "case": self.case.key,
            "title": self.case.title,
            "backend": self.backend,
            "status": self.status,
            "note": self.note,
            "native": self.native.to_json() if self.native else None,
            "eagerlite": self.eagerlite.to_json() if self.eagerlite else None,
            "eagerpy": self.eagerpy.to_json() if self.eagerpy else None,
            "eagerpy_error": eagerpy_error,
            "ratio": self.ratio("eagerlite"),
            "ratio_iqr": self.ratio_iqr("eagerlite"),
            "eagerpy_ratio": self.ratio("eagerpy"),
            "overhead_us": self.overhead_us("eagerlite"),
            "target": self.target,
            "met": self.met,
            "xp_ratio": self.ratio("eagerlite xp"),
            "xp_target": self.xp_target,
            "xp_met": self.xp_met,
            "best_peer": best,
            "best_peer_ratio": self.ratio(best) if best else None,
            "best_peer_overhead_us": self.overhead_us(best) if best else None,
            "ahead": self.ahead,
            "wrappers": wrappers,
        }


def first_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return f"{type(e).__name__}: {lines[0] if lines else ''}"


def comparable(prepared: Prepared, column: str, out: object) -> object:
    """``column``'s result as it is compared (see ``Prepared.compare``)."""
    convert = prepared.compare.get(column)
    return out if convert is None else convert(to_numpy(out))


def run_case(case: Case, b: Backend, libs: Mapping[str, Any], repeat: int, target_s: float) -> Row:
    """Prepare, warm up, check and time one case on one backend, for each column of
    ``libs`` (column -> the module its calls are made from, or :class:`Missing`).

    Every column's result is checked against native before the timing; a column that
    fails is marked "error" with the first line of the exception, except eagerlite's
    Tensor face, whose failure makes the whole row an error.  The native call and all the
    columns that passed are then timed together, their repeats interleaved."""
    row = Row(case, b.name)
    try:
        prepared = case.prepare(b)
    except Exception as e:
        row.status, row.note = "error", f"prepare: {first_line(e)}"
        return row
    if isinstance(prepared, str):
        row.status, row.note = "n/a", prepared
        return row
    synced = b.synced if case.sync else lambda fn: fn
    native = synced(prepared.native)
    try:
        expected = comparable(prepared, "native", native())
    except Exception as e:
        row.status, row.note = "error", f"native: {first_line(e)}"
        return row
    fns: dict[str, Call] = {}
    for column, lib in libs.items():
        cell = row.cells[column] = Cell()
        make = prepared.generic if column in GENERIC else prepared.faces.get(column)
        if column in case.na:
            cell.status, cell.note = "n/a", case.na[column]
        elif isinstance(lib, Missing):
            cell.status, cell.note = lib.status, lib.note
        elif make is None:
            cell.status, cell.note = "n/a", f"no {column} form written for this case"
        else:
            try:
                fn = synced(make(lib))
                for _ in range(3):  # warm-up (JAX compiles each primitive on first use)
                    got = fn()
                check_same(expected, comparable(prepared, column, got))
                fns[column] = fn
            except Exception as e:
                if column == "eagerlite":
                    row.status, row.note = "error", f"eagerlite: {first_line(e)}"
                    return row
                cell.status, cell.note = "error", first_line(e)
    timings = measure([native, *fns.values()], repeat, target_s)
    row.native = timings[0]
    for column, timing in zip(fns, timings[1:], strict=True):
        row.cells[column].timing = timing
    return row
