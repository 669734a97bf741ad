"""eagerlite from several threads at once, and over long runs (issue 11, section 3).

* 8 threads mix frameworks, ops, ``value_and_grad``, bridges, conversions and implicit
  random numbers; every result is checked, and no two implicit draws repeat.
* 10,000 calls of ``value_and_grad``, of a bridged function with gradients and of
  ``ep.convert`` leave the resident memory flat (growth below a few MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import Any

import numpy as np
import pytest
from conftest import INSTALLED, make

import eagerlite as ep

THREADS = 8
ROUNDS = 25


def _work(backend: str, seed: int, draws: list[float], errors: list[BaseException]) -> None:
    try:
        rng = np.random.default_rng(seed)
        for _ in range(ROUNDS):
            a = rng.standard_normal((3, 4))
            x = make(backend, a)
            np.testing.assert_allclose(
                (x.square().sum(axis=-1).sqrt()).numpy(), np.sqrt((a**2).sum(-1)), rtol=1e-6
            )
            np.testing.assert_allclose(ep.norms.l2(x).numpy(), np.linalg.norm(a), rtol=1e-6)
            if backend != "numpy":
                loss, grad = ep.value_and_grad(lambda p: (p * p).sum(), x)
                np.testing.assert_allclose(loss.item(), (a * a).sum(), rtol=1e-6)
                np.testing.assert_allclose(grad.numpy(), 2 * a, rtol=1e-6)
            target = INSTALLED[(seed + 1) % len(INSTALLED)]
            np.testing.assert_array_equal(ep.convert(x, target).numpy(), a)
            draws.extend(x.uniform((3,)).numpy().tolist())
    except BaseException as error:  # (reported by the main thread)
        errors.append(error)


@pytest.mark.parametrize("backend", INSTALLED)
def test_threads_on_one_backend_see_right_results_and_fresh_random_numbers(backend: str) -> None:
    # the first implicit draw of a new seed's sequence is where JAX's key used to race
    ep.seed(11)
    draws: list[list[float]] = [[] for _ in range(THREADS)]
    errors: list[BaseException] = []
    _run(
        [
            threading.Thread(target=_work, args=(backend, i, draws[i], errors))
            for i in range(THREADS)
        ]
    )
    if errors:
        raise errors[0]
    _all_distinct(draws, THREADS * ROUNDS * 3)


def _run(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _all_distinct(draws: list[list[float]], count: int) -> None:
    values = [v for d in draws for v in d]
    assert len(values) == count
    assert len(set(values)) == len(values), f"{len(values) - len(set(values))} repeated draws"


def test_threads_mixing_frameworks_and_bridges() -> None:
    """Each thread a different framework, plus bridged calls with gradients across them."""
    errors: list[BaseException] = []
    draws: list[list[float]] = [[] for _ in range(THREADS)]
    ep.seed(12)

    def bridged(i: int) -> None:
        try:
            torch = pytest.importorskip("torch")
            tf = pytest.importorskip("tensorflow")

            @ep.bridge("tensorflow")
            def f(a: Any) -> Any:
                return tf.reduce_sum(3.0 * a * a)

            for k in range(ROUNDS):
                a = torch.full((2,), float(i + k), dtype=torch.float64, requires_grad=True)
                (g,) = torch.autograd.grad(f(a), (a,))
                np.testing.assert_allclose(g.numpy(), 6.0 * (i + k))
        except BaseException as error:
            errors.append(error)

    threads = []
    for i in range(THREADS):
        if i % 2 and {"torch", "tensorflow"} <= set(INSTALLED):
            threads.append(threading.Thread(target=bridged, args=(i,)))
        else:
            backend = INSTALLED[i % len(INSTALLED)]
            threads.append(threading.Thread(target=_work, args=(backend, i, draws[i], errors)))
    _run(threads)
    if errors:
        raise errors[0]
    _all_distinct(draws, sum(map(len, draws)))


# ------------------------------------------------------------------- memory
LOOP = """
import gc, os, sys
import numpy as np
import eagerlite as ep

backend, n = sys.argv[1], int(sys.argv[2])
a = np.linspace(-1.0, 1.0, 64)
if backend == "torch":
    import torch
    raw = torch.from_numpy(a)
elif backend == "jax":
    import jax
    jax.config.update("jax_enable_x64", True)
    raw = jax.numpy.asarray(a)
elif backend == "tensorflow":
    import tensorflow as tf
    raw = tf.constant(a)
else:
    raw = a
x = ep.astensor(raw)


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def square_sum(p):
    return (p * p).sum()


other = "tensorflow" if backend != "tensorflow" else "torch"
if other == "tensorflow":
    import tensorflow as tf
    bridged = ep.bridge(other)(lambda t: tf.reduce_sum(t * t))
else:
    bridged = ep.bridge(other)(lambda t: (t * t).sum())
steps = {
    "convert": lambda: ep.convert(x, "numpy" if backend != "numpy" else "torch"),
    "value_and_grad": lambda: ep.value_and_grad(square_sum, x),
    "bridge": lambda: ep.value_and_grad(lambda p: ep.astensor(bridged(p.raw)), x),
}
for what, step in steps.items():
    if backend == "numpy" and what != "convert":
        continue
    for _ in range(n // 10):  # warm-up: caches, compiled kernels, allocator pools
        step()
    gc.collect()
    before = rss()
    for _ in range(n):
        step()
    gc.collect()
    print(what, (rss() - before) / 2**20)
"""


@pytest.mark.parametrize("backend", INSTALLED)
def test_memory_stays_flat_over_10000_calls(backend: str, tmp_path: Any) -> None:
    """10,000 calls of ep.convert, value_and_grad and a bridged function with gradients
    (the bridge to TensorFlow, or from it to torch), in a fresh process each backend."""
    if backend != "numpy" and not {"torch", "tensorflow"} <= set(INSTALLED):
        pytest.skip("the bridge case needs torch and TensorFlow installed")
    script = tmp_path / "loop.py"
    script.write_text(LOOP)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    command = [sys.executable, str(script), backend, "10000"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    grown = {line.split()[0]: float(line.split()[1]) for line in done.stdout.splitlines()}
    assert set(grown) == (
        {"convert"} if backend == "numpy" else {"convert", "value_and_grad", "bridge"}
    )
    print(f"{backend}: MiB grown over 10000 calls: {grown}")
    for what, mib in grown.items():
        assert mib < 4.0, f"{backend} {what}: resident memory grew {mib:.1f} MiB"
