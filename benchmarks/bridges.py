"""The cost of ``ep.bridge``: a function of one framework called from another, in one process.

    python benchmarks/bridges.py [--sizes 10,1000000] [--repeat 9] [--quick] [--json PATH]

The function is ``f(x) = sum(sin(x) * x)``, written natively in the *source* framework.
For each direction (source -> caller), size and mode (forward; forward + gradient) it
times, in microseconds per call:

* ``native``: the source function on source tensors, with the source's own autodiff
  (the bridge's ideal: the crossing costs nothing);
* ``bridge``: the bridged function on caller tensors, gradient by the caller's autodiff;
* ``numpy``: the same crossing written by hand through NumPy copies (TfPyTh's way), for
  torch and TensorFlow callers (a JAX caller's bridge goes through host callbacks when
  traced, which is itself the copying path).

The ratios bridge/native and numpy/native are printed.  Thread counts are fixed to 1
(torch intra- and inter-op, TensorFlow, XLA, BLAS).  JAX runs eagerly (no jit).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import torch  # noqa: E402

import eagerlite as ep  # noqa: E402

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)

DIRECTIONS = [
    ("torch", "tensorflow"),  # the target case of issue 4: within 15% of native
    ("tensorflow", "torch"),
    ("jax", "torch"),
    ("torch", "jax"),
    ("jax", "tensorflow"),
    ("tensorflow", "jax"),
]

Fn = Callable[[Any], Any]


# ------------------------------------------------------------------ the function
def f_torch(x: Any) -> Any:
    return (torch.sin(x) * x).sum()


def f_tensorflow(x: Any) -> Any:
    return tf.reduce_sum(tf.sin(x) * x)


def f_jax(x: Any) -> Any:
    return jnp.sum(jnp.sin(x) * x)


FUNCTIONS: dict[str, Fn] = {"torch": f_torch, "tensorflow": f_tensorflow, "jax": f_jax}


def make(framework: str, n: int) -> Any:
    a = np.linspace(-1.0, 1.0, n, dtype=np.float32)
    if framework == "torch":
        return torch.from_numpy(a).clone()
    if framework == "tensorflow":
        return tf.constant(a)
    return jnp.asarray(a)


def forward_and_grad(framework: str, f: Fn) -> Fn:
    """``x -> (f(x), df/dx)`` with ``framework``'s autodiff (eager)."""
    if framework == "torch":

        def torch_fg(x: Any) -> Any:
            x = x.detach().requires_grad_()
            y = f(x)
            (g,) = torch.autograd.grad(y, x)
            return y.detach(), g

        return torch_fg
    if framework == "tensorflow":

        def tf_fg(x: Any) -> Any:
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = f(x)
            return y, tape.gradient(y, x)

        return tf_fg
    return jax.value_and_grad(f)


def synced(fn: Fn) -> Fn:
    """``fn`` made to wait for JAX's asynchronous results."""

    def run(x: Any) -> Any:
        out = fn(x)
        return jax.block_until_ready(out) if isinstance(x, jax.Array) else out

    return run


# ------------------------------------------------------------------ through NumPy
def numpy_bridge(source: str, caller: str) -> Fn | None:
    """The crossing done by hand with NumPy copies (forward + gradient), TfPyTh-style."""
    f = FUNCTIONS[source]

    def source_value_and_grad(a: np.ndarray[Any, Any]) -> tuple[Any, Any]:
        x = make_from_numpy(source, a)
        y, g = forward_and_grad(source, f)(x)
        return to_numpy(y), to_numpy(g)

    if caller == "tensorflow":

        @tf.custom_gradient  # type: ignore[untyped-decorator]
        def tf_op(x: Any) -> Any:
            y, g = source_value_and_grad(x.numpy())
            return tf.constant(y), lambda dy: dy * tf.constant(g)

        return tf_op
    if caller == "torch":

        class TorchOp(torch.autograd.Function):
            @staticmethod
            def forward(ctx: Any, x: Any) -> Any:
                y, g = source_value_and_grad(x.detach().numpy())
                ctx.g = torch.from_numpy(g)
                return torch.from_numpy(np.asarray(y))

            @staticmethod
            def backward(ctx: Any, dy: Any) -> Any:
                return dy * ctx.g

        return TorchOp.apply  # type: ignore[no-any-return]
    return None


def make_from_numpy(framework: str, a: np.ndarray[Any, Any]) -> Any:
    if framework == "torch":
        return torch.from_numpy(np.array(a))
    if framework == "tensorflow":
        return tf.constant(a)
    return jnp.asarray(a)


def to_numpy(x: Any) -> np.ndarray[Any, Any]:
    if isinstance(x, torch.Tensor):
        return x.detach().numpy().copy()
    return np.array(x)


# ------------------------------------------------------------------ timing
def measure(calls: dict[str, Callable[[], Any]], repeat: int, target_s: float) -> dict[str, Any]:
    """Median µs per call and half the interquartile range, per entry of ``calls``.

    The calls are timed in turns (one repeat of each, then the next round), so that a
    slow phase of the machine hits all of them alike.
    """
    numbers = {}
    for name, fn in calls.items():
        fn()  # warm-up
        numbers[name] = max(1, int(target_s / max(timeit.timeit(fn, number=1), 1e-7)))
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, fn in calls.items():
            times[name].append(timeit.timeit(fn, number=numbers[name]) / numbers[name] * 1e6)
    result: dict[str, Any] = {}
    for name, ts in times.items():
        q = statistics.quantiles(ts, n=4) if len(ts) > 1 else [ts[0]] * 3
        result[f"{name}_us"] = statistics.median(ts)
        result[f"{name}_spread"] = (q[2] - q[0]) / 2
    return result


def run(sizes: list[int], repeat: int, target_s: float) -> list[dict[str, Any]]:
    rows = []
    for source, caller in DIRECTIONS:
        bridged = ep.bridge(source)(FUNCTIONS[source])
        for n in sizes:
            xs, xc = make(source, n), make(caller, n)
            for mode in ("forward", "forward+grad"):
                if mode == "forward":
                    native, bridge, copy = FUNCTIONS[source], bridged, None
                else:
                    native = forward_and_grad(source, FUNCTIONS[source])
                    bridge = forward_and_grad(caller, bridged)
                    copy = numpy_bridge(source, caller)
                    if copy is not None:
                        copy = forward_and_grad(caller, copy)
                check(native(xs), bridge(xc))
                calls = {
                    "native": functools.partial(synced(native), xs),
                    "bridge": functools.partial(synced(bridge), xc),
                }
                if copy is not None:
                    check(native(xs), copy(xc))
                    calls["numpy"] = functools.partial(synced(copy), xc)
                row: dict[str, Any] = {"source": source, "caller": caller, "n": n, "mode": mode}
                row |= measure(calls, repeat, target_s)
                row["bridge_ratio"] = row["bridge_us"] / row["native_us"]
                if copy is not None:
                    row["numpy_ratio"] = row["numpy_us"] / row["native_us"]
                rows.append(row)
                print(fmt(row), flush=True)
    return rows


def check(expected: Any, got: Any) -> None:
    """The bridge computes what the native function does (value and gradient)."""
    e = expected if isinstance(expected, tuple) else (expected,)
    g = got if isinstance(got, tuple) else (got,)
    for a, b in zip(e, g, strict=True):
        np.testing.assert_allclose(to_numpy(a), to_numpy(b), rtol=1e-4, atol=1e-4)


def fmt(row: dict[str, Any]) -> str:
    copy = f"{row['numpy_us']:10.1f} ({row['numpy_ratio']:.2f}x)" if "numpy_us" in row else ""
    return (
        f"{row['source']:>10} -> {row['caller']:<10} n={row['n']:<8} {row['mode']:<13}"
        f" native {row['native_us']:10.1f}   bridge {row['bridge_us']:10.1f}"
        f" ({row['bridge_ratio']:.2f}x)   numpy {copy}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,1000000", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="tiny counts (smoke test)")
    parser.add_argument("--json", type=Path, default=None, help="write the rows as JSON")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    repeat, target_s = (2, 0.002) if args.quick else (args.repeat, 0.05)
    print("µs per call (median), 1 thread per framework; ratio to native (source framework)")
    rows = run(sizes, repeat, target_s)
    if args.json is not None:
        args.json.write_text(json.dumps({"threads": 1, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
