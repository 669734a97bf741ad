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
ratio against the targets of issue 5.  Everything is also written as JSON; ``--plot``
draws the ratios with matplotlib (optional: ``pip install eagerlite[bench]``).

New cases: write a ``prepare`` function (backend -> native call and generic call, or the
reason the case does not apply) and ``register(Case(...))`` it; see the cases below.
Frameworks are imported only after the thread settings are in place, so no framework
(not even NumPy) is imported at module level here.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import functools
import gc
import importlib
import importlib.util
import json
import math
import os
import platform
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
DEFAULT_JSON = ROOT / "benchmarks" / "results.json"
DEFAULT_PLOT = ROOT / "docs" / "benchmarks.png"

# The targets of issue 5: the largest acceptable ratio eagerlite / native, per case and
# backend (a missing entry: no target).  ``import eagerlite`` must take less than 15 ms.
TARGETS: dict[str, dict[str, float]] = {
    "chain20": {"numpy": 1.5, "torch": 1.15, "jax": 1.08, "tensorflow": 1.03},
    "l2_n10": {"numpy": 1.3, "torch": 1.3, "jax": 1.1, "tensorflow": 1.1},
    "l2_n1e6": {"numpy": 1.02, "torch": 1.02, "jax": 1.02, "tensorflow": 1.02},
    "value_and_grad": {"torch": 1.15, "jax": 1.05, "tensorflow": 1.05},
}
IMPORT_TARGET_MS = 15.0

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
        """A float32 tensor of this framework, the same values on every backend."""
        import numpy as np

        a = np.linspace(-1.0, 1.0, math.prod(shape), dtype=np.float32).reshape(shape)
        if self.name == "numpy":
            return a
        if self.name == "torch":
            return self.fw.from_numpy(a)
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
    ``sync``: wait for JAX's results (off where nothing is computed)."""

    key: str
    title: str
    measures: str
    prepare: Callable[[Backend], Prepared | str]
    absolute: bool = False
    sync: bool = True
    targets: Mapping[str, float] = field(default_factory=dict)


CASES: dict[str, Case] = {}


def register(case: Case) -> Case:
    """Add a case to the suite (run in registration order); its targets come from TARGETS."""
    if case.key in CASES or case.key == "import":
        raise ValueError(f"duplicate case {case.key!r}")
    if not case.targets and case.key in TARGETS:
        case = dataclasses.replace(case, targets=TARGETS[case.key])
    CASES[case.key] = case
    return case


def native_l2(b: Backend, x: Any) -> Call:
    """The plain l2 formula (eagerlite's l2 on JAX and TF also guards the gradient at 0)."""
    fw = b.fw
    if b.name == "torch":
        return lambda: fw.linalg.vector_norm(x)
    if b.name == "tensorflow":
        return lambda: fw.sqrt(fw.reduce_sum(fw.square(x)))
    return lambda: fw.sqrt(fw.sum(fw.square(x)))  # numpy, jax.numpy


def l2_case(n: int) -> Callable[[Backend], Prepared]:
    def prepare(b: Backend) -> Prepared:
        x = b.array((n,))

        def generic(lib: Any) -> Call:
            return lambda: lib.astensor(x).norms.l2().raw

        return Prepared(native_l2(b, x), generic)

    return prepare


def chain(x: Any) -> Any:
    """20 elementwise ops; works on native arrays and on eagerlite/EagerPy tensors alike."""
    for _ in range(5):
        x = (x * 0.5 + 1.0) - 0.25
        x = abs(x)
    return x


def prepare_chain(b: Backend) -> Prepared:
    x = b.array((100,))
    return Prepared(lambda: chain(x), lambda lib: lambda: chain(lib.astensor(x)).raw)


def native_sum_axis(b: Backend, x: Any) -> Call:
    fw = b.fw
    if b.name == "torch":
        return lambda: fw.sum(x, dim=1, keepdim=True)
    if b.name == "tensorflow":
        return lambda: fw.reduce_sum(x, axis=1, keepdims=True)
    return lambda: fw.sum(x, axis=1, keepdims=True)  # numpy, jax.numpy


def prepare_sum_axis(b: Backend) -> Prepared:
    x = b.array((100, 100))
    return Prepared(
        native_sum_axis(b, x), lambda lib: lambda: lib.astensor(x).sum(axis=1, keepdims=True).raw
    )


def prepare_value_and_grad(b: Backend) -> Prepared | str:
    if b.name == "numpy":
        return "NumPy has no autodiff"
    x = b.array((1000,))
    fw = b.fw
    native: Call
    if b.name == "torch":

        def native() -> tuple[Any, Any]:
            xg = x.detach().requires_grad_(True)
            loss = fw.sum(xg**2)
            (grad,) = fw.autograd.grad(loss, xg)
            return loss.detach(), grad

    elif b.name == "tensorflow":

        def native() -> tuple[Any, Any]:
            with fw.GradientTape() as tape:
                tape.watch(x)
                loss = fw.reduce_sum(x**2)
            return loss, tape.gradient(loss, x)

    else:  # JAX eager: the transformation made once, as usual; not jitted
        native = functools.partial(b.jax.value_and_grad(lambda v: fw.sum(v**2)), x)

    def generic(lib: Any) -> Call:
        def loss(t: Any) -> Any:
            return (t**2).sum()

        def call() -> tuple[Any, Any]:
            value, grad = lib.value_and_grad(loss, lib.astensor(x))
            return value.raw, grad.raw

        return call

    return Prepared(native, generic)


def prepare_roundtrip(b: Backend) -> Prepared:
    x = b.array((10,))
    return Prepared(lambda: x, lambda lib: lambda: lib.astensor(x).raw)


register(Case("l2_n10", "l2 norm, n=10", "ep.astensor(x).norms.l2().raw", l2_case(10)))
register(Case("l2_n1e6", "l2 norm, n=1e6", "the same on 1,000,000 elements", l2_case(1_000_000)))
register(
    Case(
        "chain20",
        "chain of 20 ops, n=100",
        "5 x ((x * 0.5 + 1.0) - 0.25, abs), 100 elements",
        prepare_chain,
    )
)
register(
    Case(
        "sum_axis",
        "sum axis=1 keepdims",
        "x.sum(axis=1, keepdims=True), x of shape (100, 100)",
        prepare_sum_axis,
    )
)
register(
    Case(
        "value_and_grad",
        "value_and_grad, n=1000",
        "ep.value_and_grad of (x**2).sum() against the framework's own autodiff",
        prepare_value_and_grad,
    )
)
register(
    Case(
        "roundtrip",
        "astensor + .raw",
        "ep.astensor(x).raw against lambda: x (absolute cost)",
        prepare_roundtrip,
        absolute=True,
        sync=False,
    )
)


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
    for name, lib in libs.items():
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


# ---------------------------------------------------------------------------- output
COLUMNS = (
    f"{'case':<24}{'backend':<12}{'native us':>17}{'eagerlite us':>17}{'ratio':>7}"
    f"  {'target':<12}{'eagerpy us':>17}{'ratio':>7}"
)


def fmt_timing(t: Timing | None) -> str:
    if t is None:
        return "-"
    return f"{t.median_us:.2f} ±{t.spread * 100:.0f}%"


def fmt_row(row: Row) -> str:
    head = f"{row.case.title:<24}{LABELS[row.backend]:<12}"
    if row.status != "ok":
        return head + f"{row.status}: {row.note}"
    ratio = row.ratio(row.eagerlite)
    if row.case.absolute:
        assert row.native is not None and row.eagerlite is not None
        mark = f"+{row.eagerlite.median_us - row.native.median_us:.2f} us net"
    elif row.target is None:
        mark = "-"
    else:
        mark = f"<={row.target:g} {'ok' if row.met else 'MISS'}"
    ep_ratio = row.ratio(row.eagerpy)
    return (
        head
        + f"{fmt_timing(row.native):>17}{fmt_timing(row.eagerlite):>17}"
        + f"{'-' if ratio is None else f'{ratio:.2f}':>7}  {mark:<12}"
        + f"{fmt_timing(row.eagerpy):>17}{'-' if ep_ratio is None else f'{ep_ratio:.2f}':>7}"
    )


def fmt_import(result: Mapping[str, object]) -> str:
    median = result["median_ms"]
    assert isinstance(median, float)
    frameworks = result["frameworks_imported"]
    mark = f"<{IMPORT_TARGET_MS:g} ms {'ok' if result['met'] else 'MISS'}"
    line = f"{'import eagerlite':<24}{'-':<12}{median:>14.1f} ms{'':>24}  {mark}"
    if "eagerpy_median_ms" in result:
        line += f"  (eagerpy {result['eagerpy_median_ms']:.1f} ms)"
    return line + f"; frameworks imported: {frameworks or 'none'}"


def plot(rows: Sequence[Row], path: Path) -> None:
    """Ratio to native per case, one bar per backend, targets as short black lines."""
    try:  # (imported by name: matplotlib is optional, also for mypy)
        matplotlib: Any = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        plt: Any = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        print("plot skipped: matplotlib is not installed (pip install eagerlite[bench])")
        return
    cases = [c for c in CASES.values() if any(r.case is c and r.ratio(r.eagerlite) for r in rows)]
    backends = [b for b in BACKENDS if any(r.backend == b for r in rows)]
    width = 0.8 / max(1, len(backends))
    fig, ax = plt.subplots(figsize=(1.8 + 1.6 * len(cases), 4.5))
    for j, name in enumerate(backends):
        for i, case in enumerate(cases):
            row = next((r for r in rows if r.case is case and r.backend == name), None)
            ratio = row.ratio(row.eagerlite) if row else None
            if row is None or ratio is None:
                continue
            x = i - 0.4 + width * (j + 0.5)
            ax.bar(x, ratio, width, color=f"C{j}", label=LABELS[name] if i == 0 else None)
            if row.target is not None:
                ax.hlines(row.target, x - width / 2, x + width / 2, colors="black")
    ax.axhline(1.0, color="gray", linewidth=1)
    ax.set_xticks(range(len(cases)), [c.title for c in cases], rotation=15, ha="right")
    ax.set_ylabel("time eagerlite / native")
    ax.set_title("eagerlite overhead (black lines: targets)")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys())
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(f"plot written to {path}")


def machine_info(threads: int, loaded: Mapping[str, Backend], eagerpy: Any) -> dict[str, object]:
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*:\s*(.*)$", cpuinfo.read_text(), re.M)
        cpu = names[0] if names else cpu
    import eagerlite

    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "threads": threads,
        "thread_env": {
            v: os.environ.get(v)
            for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "XLA_FLAGS")
        },
        "versions": {
            "eagerlite": eagerlite.__version__,
            "eagerpy": getattr(eagerpy, "__version__", "unknown") if eagerpy else None,
            **{name: b.version for name, b in loaded.items()},
        },
        "framework_threads": {name: b.threads for name, b in loaded.items()},
    }


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
        "machine": machine_info(
            args.threads, {n: b for n, b in _LOADED.items() if isinstance(b, Backend)}, eagerpy
        ),
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
