"""The benchmark suite's machinery (see run.py): backends and their thread settings, what a
case is, timing, the result rows, and the import-time measurement.

No framework (not even NumPy) is imported at module level: the thread settings must be in
the environment first (:func:`pin_threads`).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import statistics
import subprocess
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
IMPORT_TARGET_MS = 15.0  # (issue 5) ``import eagerlite`` must take less than this

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
        if self.name == "numpy":
            return a
        if self.name == "torch":
            return self.fw.from_numpy(a).clone()
        if self.name == "tensorflow":
            return self.fw.constant(a)
        return self.fw.asarray(a)

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


# ---------------------------------------------------------------------------- cases
@dataclass(frozen=True)
class Prepared:
    """One case on one backend: the native call, and the generic call for a library module
    (``eagerlite`` or ``eagerpy``, which have the same API for these cases).  Both use the
    same inputs (made once, outside the timing) and must compute the same result."""

    native: Call
    generic: Callable[[Any], Call]


@dataclass(frozen=True)
class Case:
    """A benchmark case.  ``prepare`` returns the calls for a backend, or a string: the
    reason the case does not apply there (shown as "n/a").  ``absolute``: the native call
    is only a baseline (the ratio means nothing; the table shows the cost in microseconds).
    ``sync``: wait for the backend's JAX results (off where nothing is computed, or where
    ``prepare`` makes each call wait itself: cases with two frameworks).  ``eagerpy_na``:
    why the case does not apply to EagerPy (empty: it does)."""

    key: str
    title: str
    measures: str
    prepare: Callable[[Backend], Prepared | str]
    absolute: bool = False
    sync: bool = True
    targets: Mapping[str, float] = field(default_factory=dict)
    eagerpy_na: str = ""


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
class Row:
    """One case on one backend: what the table prints and the JSON holds."""

    case: Case
    backend: str
    status: str = "ok"  # "ok", "n/a" (does not apply), "error", "skipped"
    note: str = ""
    native: Timing | None = None
    eagerlite: Timing | None = None
    eagerpy: Timing | None = None
    eagerpy_error: str = ""

    def ratio(self, other: Timing | None) -> float | None:
        if self.case.absolute or other is None or self.native is None:
            return None
        return other.median_us / self.native.median_us

    def ratio_iqr(self) -> list[float] | None:
        """Quartiles of the per-repeat ratios (the repeats were interleaved)."""
        if self.ratio(self.eagerlite) is None or self.native is None or self.eagerlite is None:
            return None
        rs = [w / n for n, w in zip(self.native.per_call, self.eagerlite.per_call, strict=True)]
        if len(rs) < 2:
            return [rs[0], rs[0]]
        q1, _, q3 = statistics.quantiles(rs, n=4, method="inclusive")
        return [q1, q3]

    @property
    def target(self) -> float | None:
        return self.case.targets.get(self.backend)

    @property
    def met(self) -> bool | None:
        ratio = self.ratio(self.eagerlite)
        if ratio is None or self.target is None:
            return None
        return ratio <= self.target

    def to_json(self) -> dict[str, object]:
        overhead = None
        if self.native is not None and self.eagerlite is not None:
            overhead = self.eagerlite.median_us - self.native.median_us
        return {
            "case": self.case.key,
            "title": self.case.title,
            "backend": self.backend,
            "status": self.status,
            "note": self.note,
            "native": self.native.to_json() if self.native else None,
            "eagerlite": self.eagerlite.to_json() if self.eagerlite else None,
            "eagerpy": self.eagerpy.to_json() if self.eagerpy else None,
            "eagerpy_error": self.eagerpy_error or None,
            "ratio": self.ratio(self.eagerlite),
            "ratio_iqr": self.ratio_iqr(),
            "eagerpy_ratio": self.ratio(self.eagerpy),
            "overhead_us": overhead,
            "target": self.target,
            "met": self.met,
        }


def first_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return f"{type(e).__name__}: {lines[0] if lines else ''}"


def run_case(case: Case, b: Backend, libs: Mapping[str, Any], repeat: int, target_s: float) -> Row:
    """Prepare, warm up, check and time one case on one backend."""
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
        expected = native()
    except Exception as e:
        row.status, row.note = "error", f"native: {first_line(e)}"
        return row
    fns: dict[str, Call] = {}
    if case.eagerpy_na:
        row.eagerpy_error = f"n/a: {case.eagerpy_na}"
    for name, lib in libs.items():
        if name == "eagerpy" and case.eagerpy_na:
            continue
        try:
            fn = synced(prepared.generic(lib))
            for _ in range(3):  # warm-up (JAX compiles each primitive on first use)
                got = fn()
            check_same(expected, got)
            fns[name] = fn
        except Exception as e:
            if name == "eagerlite":
                row.status, row.note = "error", f"eagerlite: {first_line(e)}"
                return row
            row.eagerpy_error = first_line(e)
    timings = measure([native, *fns.values()], repeat, target_s)
    row.native = timings[0]
    found = dict(zip(fns, timings[1:], strict=True))
    row.eagerlite, row.eagerpy = found["eagerlite"], found.get("eagerpy")
    return row


# ---------------------------------------------------------------------------- import time
def python_env() -> dict[str, str]:
    env = dict(os.environ)
    # Installed packages have their bytecode; an environment that forbids writing .pyc
    # files would make every measured import compile the sources instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def import_time_ms(module: str, runs: int) -> list[float]:
    """The cumulative ``-X importtime`` entry of ``module`` in fresh interpreters, in ms."""
    times = []
    for i in range(runs + 1):  # the first run (cold caches, maybe .pyc writes) is discarded
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            env=python_env(),
            cwd=ROOT,
            check=True,
        )
        for line in result.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[2].strip() == module and parts[2].startswith(" " + module):
                if i:
                    times.append(int(parts[1]) / 1000)
                break
        else:
            raise RuntimeError(f"no importtime entry for {module}: {result.stderr[-500:]}")
    return times


def frameworks_imported_by_eagerlite() -> list[str]:
    code = (
        "import eagerlite, json, sys; "
        "print(json.dumps([m for m in ('numpy', 'torch', 'tensorflow', 'jax') "
        "if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=python_env(),
        cwd=ROOT,
        check=True,
    )
    found: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def measure_import(runs: int, with_eagerpy: bool) -> dict[str, object]:
    times = import_time_ms("eagerlite", runs)
    median = statistics.median(times)
    frameworks = frameworks_imported_by_eagerlite()
    result: dict[str, object] = {
        "median_ms": median,
        "min_ms": min(times),
        "max_ms": max(times),
        "runs_ms": times,
        "target_ms": IMPORT_TARGET_MS,
        "met": median < IMPORT_TARGET_MS and not frameworks,
        "frameworks_imported": frameworks,
    }
    if with_eagerpy:
        try:
            result["eagerpy_median_ms"] = statistics.median(import_time_ms("eagerpy", runs))
        except Exception as e:
            result["eagerpy_error"] = first_line(e)
    return result
