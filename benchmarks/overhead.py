"""Per-op overhead of eagerlite against native code, in one process, one thread per framework.

    python benchmarks/overhead.py [--repeat 7] [--number 2000]

For each installed backend: microseconds per call of a chain of 20 elementwise ops on
100 elements and of an l2 norm on 10 elements, native and through eagerlite, with the
ratio (median of the repeats).  Thread counts are fixed to 1 (torch, TF, XLA, BLAS).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import timeit
from collections.abc import Callable
from typing import Any

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402

import eagerlite as ep  # noqa: E402


def chain(x: Any) -> Any:
    """20 elementwise ops; works on native arrays and on eagerlite tensors alike."""
    for _ in range(5):
        x = (x * 0.5 + 1.0) - 0.25
        x = abs(x)
    return x


def native_l2(name: str) -> Callable[[Any], Any]:
    if name == "numpy":
        return lambda x: np.sqrt(np.sum(np.square(x)))
    if name == "torch":
        import torch

        return lambda x: torch.linalg.vector_norm(x)
    if name == "tensorflow":
        import tensorflow as tf

        return lambda x: tf.sqrt(tf.reduce_sum(tf.square(x)))
    import jax.numpy as jnp

    return lambda x: jnp.sqrt(jnp.sum(jnp.square(x)))


def make(name: str, n: int) -> Any:
    a = np.linspace(-1.0, 1.0, n, dtype=np.float32)
    if name == "numpy":
        return a
    if name == "torch":
        import torch

        torch.set_num_threads(1)
        return torch.from_numpy(a)
    if name == "tensorflow":
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
        return tf.constant(a)
    import jax.numpy as jnp

    return jnp.asarray(a)


def cases(name: str) -> dict[str, tuple[Callable[[], Any], Callable[[], Any]]]:
    """Each case as (native call, eagerlite call)."""
    x100, x10 = make(name, 100), make(name, 10)
    t100, t10 = ep.astensor(x100), ep.astensor(x10)
    l2 = native_l2(name)
    return {
        "chain20 n=100": (lambda: chain(x100), lambda: chain(t100)),
        "l2 n=10": (lambda: l2(x10), lambda: ep.norms.l2(t10)),
    }


def median_us(fn: Callable[[], Any], repeat: int, number: int) -> float:
    fn()  # warm-up
    return statistics.median(timeit.repeat(fn, repeat=repeat, number=number)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=2000)
    args = parser.parse_args()
    print(f"{'backend':<11} {'case':<16} {'native us':>10} {'eagerlite us':>13} {'ratio':>6}")
    for name in ("numpy", "torch", "jax", "tensorflow"):
        if importlib.util.find_spec(name) is None:
            continue
        for case, (native, wrapped) in cases(name).items():
            a = median_us(native, args.repeat, args.number)
            b = median_us(wrapped, args.repeat, args.number)
            print(f"{name:<11} {case:<16} {a:>10.2f} {b:>13.2f} {b / a:>6.2f}")


if __name__ == "__main__":
    main()
