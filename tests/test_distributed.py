"""eagerlite on sharded and distributed tensors (issue 3).

* JAX: arrays sharded over 8 virtual CPU devices (``jax.sharding.NamedSharding``); results
  keep the sharding (nothing is gathered to one device), eagerly and under ``jax.jit``.
* PyTorch: ``DTensor`` in a 2-process gloo group on 127.0.0.1, started by the test itself
  (this file is the worker script: ``python tests/test_distributed.py RANK PORT OUT``).
* TensorFlow: ``tf.distribute.MirroredStrategy`` over the 2 logical CPUs of conftest.py.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from compile_suite import SUITE

import eagerlite as ep

RNG = np.random.default_rng(0)
DATA = RNG.normal(size=(8, 16))
LABELS = np.array([0, 3, 1, 4, 2, 15, 7, 9])


def np_softmax(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ================================================================== JAX: NamedSharding
# (id, eagerlite function, NumPy reference; None: random values, checked for their range)
SAME_SHARDING = [
    ("affine", lambda t: t * 2 + 1, lambda a: a * 2 + 1),
    ("exp", lambda t: t.exp(), np.exp),
    (
        "chain",
        lambda t: ((t * 0.5).exp() - t).abs().sqrt(),
        lambda a: np.sqrt(abs(np.exp(a / 2) - a)),
    ),
    ("softmax", lambda t: t.softmax(), np_softmax),
    ("log_softmax", lambda t: t.log_softmax(), lambda a: np.log(np_softmax(a))),
    ("where_clip", lambda t: (t > 0).where(t, 0.0).clip(0, 1), lambda a: np.clip(a, 0, 1)),
    ("astype", lambda t: t.float32(), lambda a: a.astype(np.float32)),
    ("zeros_like", lambda t: t.zeros_like(), np.zeros_like),
    ("ones_like", lambda t: t.ones_like(), np.ones_like),
    ("full_like", lambda t: t.full_like(2.5), lambda a: np.full_like(a, 2.5)),
    ("zeros", lambda t: t.zeros(t.shape), np.zeros_like),
    ("full", lambda t: ep.full(t, t.shape, 2.5), lambda a: np.full_like(a, 2.5)),
    ("uniform", lambda t: t.uniform(t.shape, -0.5, 0.5), None),
    ("normal", lambda t: t.normal(t.shape).tanh() * 0.5, None),
    ("noise", lambda t: t + t.uniform(t.shape, -0.5, 0.5) - t, None),
]
REDUCED = [  # along the last axis, keepdims
    ("sum", lambda t: t.sum(axis=-1, keepdims=True), lambda a: a.sum(-1, keepdims=True)),
    ("max", lambda t: t.max(axis=-1, keepdims=True), lambda a: a.max(-1, keepdims=True)),
    ("mean", lambda t: t.mean(axis=-1, keepdims=True), lambda a: a.mean(-1, keepdims=True)),
    (
        "l2",
        lambda t: ep.norms.l2(t, axis=-1, keepdims=True),
        lambda a: np.linalg.norm(a, axis=-1, keepdims=True),
    ),
    (
        "sqrt_sum_square",
        lambda t: t.square().sum(axis=-1, keepdims=True).sqrt(),
        lambda a: np.sqrt((a**2).sum(-1, keepdims=True)),
    ),
]
# results that do not depend on the input: under jax.jit, JAX itself puts them on one device
CONSTANT = ("zeros_like", "ones_like", "full_like", "zeros", "full", "uniform", "normal")
# (id, mesh shape, mesh axis names, PartitionSpec of the input, of a last-axis reduction)
SHARDINGS = [
    ("rows8", (8,), ("x",), ("x", None), ("x", None)),
    ("rows2x4", (2, 4), ("a", "b"), (("a", "b"), None), (("a", "b"), None)),
    ("rows2_rep4", (2, 4), ("a", "b"), ("a", None), ("a", None)),
    ("grid2x4", (2, 4), ("a", "b"), ("a", "b"), ("a", None)),
]


@pytest.fixture(params=SHARDINGS, ids=[s[0] for s in SHARDINGS])
def sharded(request: pytest.FixtureRequest) -> tuple[Any, Any, Any]:
    """A (8, 16) float64 JAX array sharded over 8 devices; its sharding and a reduction's."""
    jax = pytest.importorskip("jax")
    from jax.sharding import Mesh, NamedSharding, PartitionSpec

    if len(jax.devices()) < 8:
        pytest.skip(f"needs 8 JAX devices (XLA_FLAGS was set before conftest.py): {jax.devices()}")
    _, mesh_shape, names, spec, reduced_spec = request.param
    mesh = Mesh(np.array(jax.devices()[:8]).reshape(mesh_shape), names)
    sharding = NamedSharding(mesh, PartitionSpec(*spec))
    x = jax.device_put(DATA, sharding)
    assert len(x.devices()) == 8 and x.sharding.is_equivalent_to(sharding, 2)
    return x, sharding, NamedSharding(mesh, PartitionSpec(*reduced_spec))


def check_sharded(result: Any, expected_sharding: Any, reference: Any) -> None:
    """``result`` is a JAXTensor spread over all 8 devices as ``expected_sharding``."""
    assert type(result).__name__ == "JAXTensor"
    raw = result.raw
    assert len(raw.devices()) == 8, f"gathered to {raw.devices()}"
    assert raw.sharding.is_equivalent_to(expected_sharding, raw.ndim), raw.sharding
    got = result.numpy()
    if reference is None:  # random values in [-0.5, 0.5)
        assert got.shape == DATA.shape and np.all(abs(got) <= 0.5 + 1e-12), got
    else:
        np.testing.assert_allclose(got, reference(DATA), rtol=1e-6, atol=1e-12)


def _jax_cases(jit: bool) -> list[Any]:
    cases = []
    for name, fn, ref in SAME_SHARDING + REDUCED:
        marks = []
        if jit and name in CONSTANT:
            reason = "jax.jit places outputs that do not depend on its inputs on one device "
            reason += "(as jnp.zeros_like does)"
            marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)]
        kind = "reduced" if (name, fn, ref) in REDUCED else "same"
        cases.append(pytest.param(fn, ref, kind, id=name, marks=marks))
    return cases


@pytest.mark.parametrize(("fn", "reference", "kind"), _jax_cases(jit=False))
def test_jax_sharded(sharded: Any, fn: Callable[..., Any], reference: Any, kind: str) -> None:
    x, sharding, reduced = sharded
    check_sharded(fn(ep.astensor(x)), sharding if kind == "same" else reduced, reference)


@pytest.mark.parametrize(("fn", "reference", "kind"), _jax_cases(jit=True))
def test_jax_sharded_jit(sharded: Any, fn: Callable[..., Any], reference: Any, kind: str) -> None:
    import jax

    x, sharding, reduced = sharded
    result = jax.jit(lambda raw: fn(ep.astensor(raw)).raw)(x)
    check_sharded(ep.astensor(result), sharding if kind == "same" else reduced, reference)


def test_jax_sharded_l2_without_keepdims(sharded: Any) -> None:
    import jax
    from jax.sharding import NamedSharding, PartitionSpec

    x, _, reduced = sharded
    expected = NamedSharding(reduced.mesh, PartitionSpec(reduced.spec[0]))
    for f in (lambda t: ep.norms.l2(t, axis=-1), jax.jit(lambda t: ep.norms.l2(t, axis=-1))):
        result = f(ep.astensor(x))  # a JAXTensor crosses jax.jit as it is (a pytree)
        check_sharded(result, expected, lambda a: np.linalg.norm(a, axis=-1))


def test_jax_sharded_crossentropy(sharded: Any) -> None:
    """Per-sample cross-entropy of row-sharded logits and labels (labels sharded as rows)."""
    import jax
    from jax.sharding import NamedSharding, PartitionSpec

    x, _, reduced = sharded
    rows = NamedSharding(reduced.mesh, PartitionSpec(reduced.spec[0]))
    labels = jax.device_put(LABELS, rows)
    result = ep.astensor(x).crossentropy(ep.astensor(labels))
    expected = -np.log(np_softmax(DATA))[np.arange(8), LABELS]
    check_sharded(result, rows, lambda a: expected)


def _index_update(x: Any) -> Any:
    return ep.index_update(ep.astensor(x), ep.index[:, 0], 0.0)


def _index_updated(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.c_[np.zeros((len(a), 1)), a[:, 1:]]


def test_jax_sharded_index_update(sharded: Any) -> None:
    import jax

    x, sharding, _ = sharded
    jax.clear_caches()  # see test_jax_index_update_on_a_second_mesh
    check_sharded(_index_update(x), sharding, _index_updated)
    check_sharded(jax.jit(_index_update)(x), sharding, _index_updated)


@pytest.mark.xfail(
    strict=True,
    raises=ValueError,
    reason="JAX (0.10) bug, not eagerlite's: an eager x.at[:, 0].set(v) of an array sharded over "
    "a (2, 4) mesh reuses the scatter compiled for an earlier (8,) mesh of the same devices "
    "(IndivisibleError); under jax.jit it works",
)
def test_jax_index_update_on_a_second_mesh() -> None:
    import jax
    from jax.sharding import Mesh, NamedSharding, PartitionSpec

    jax.clear_caches()
    devices = np.array(jax.devices()[:8])
    for mesh in (Mesh(devices, ("x",)), Mesh(devices.reshape(2, 4), ("a", "b"))):
        sharding = NamedSharding(mesh, PartitionSpec(mesh.axis_names[0], None))
        check_sharded(_index_update(jax.device_put(DATA, sharding)), sharding, _index_updated)


# ======================================================== PyTorch: DTensor, 2 processes
PLACEMENTS = ("Shard(0)", "Replicate()", "Shard(1)")
# eagerlite functions besides compile_suite's SUITE; run on ep.astensor(dtensor)
TORCH_FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "sqrt_sum_square": lambda t: t.square().sum(axis=-1).sqrt(),
    "affine_exp": lambda t: (t * 2 + 1).exp(),
    "softmax": lambda t: t.softmax(),
    "max_keepdims": lambda t: t.max(axis=-1, keepdims=True),
    "where_clip": lambda t: (t > 0).where(t, 0.0).clip(0, 1),
    "linf": lambda t: ep.norms.linf(t, axis=-1),
    "full_like": lambda t: t.full_like(2.5),
    "grad": lambda t: ep.value_and_grad(lambda u: (u**3).sum(), t)[1],
    "index_update": lambda t: ep.index_update(t, ep.index[:, 0], 0.0),
}
ELEMENTWISE = ("affine_exp", "where_clip", "full_like", "grad")  # keep the input's placement
DTENSOR_XFAIL = {
    name: "torch DTensor has no sharding strategy for aten.fill_.Tensor, which "
    "`copy[index] = value` (index_update) runs; the same on a native DTensor"
    for name in ("topk_mask", "index_update")
}
DTENSOR_XFAIL["keyed_uniform"] = (
    "random numbers are plain tensors (made from the shape, like torch.rand), and DTensor "
    "refuses to add a plain tensor to a DTensor; the same natively"
)
DTENSOR_TIMEOUT = 120


def _dtensor_worker(rank: int, port: int, out: str) -> None:
    """One process of the gloo group; rank 0 writes ``{placement/name: outcome}`` to ``out``."""
    from datetime import timedelta

    import torch
    import torch.distributed as dist
    from torch.distributed.device_mesh import init_device_mesh
    from torch.distributed.tensor import DTensor, Replicate, Shard, distribute_tensor

    dist.init_process_group(
        "gloo",
        init_method=f"tcp://127.0.0.1:{port}",
        rank=rank,
        world_size=2,
        timeout=timedelta(seconds=60),
    )
    mesh = init_device_mesh("cpu", (2,))
    x, labels = torch.from_numpy(DATA.copy()), torch.from_numpy(LABELS.copy())
    functions = {name: (fn, takes_labels) for name, (fn, takes_labels) in SUITE.items()}
    for name, fn in TORCH_FUNCTIONS.items():
        functions[name] = (lambda raw, fn=fn: fn(ep.astensor(raw)).raw), False
    results: dict[str, Any] = {}
    for placement_name in PLACEMENTS:
        placement = {"Shard(0)": Shard(0), "Replicate()": Replicate(), "Shard(1)": Shard(1)}[
            placement_name
        ]
        d = distribute_tensor(x, mesh, [placement])
        dl = distribute_tensor(labels, mesh, [Shard(0) if placement == Shard(0) else Replicate()])
        for name, (fn, takes_labels) in functions.items():
            key = f"{placement_name}/{name}"
            try:
                got = fn(d, dl) if takes_labels else fn(d)
                expected = fn(x, labels) if takes_labels else fn(x)
                if not isinstance(got, DTensor):
                    raise TypeError(f"not a DTensor: {type(got)}")
                torch.testing.assert_close(got.full_tensor(), expected)
                results[key] = {"ok": True, "same_placement": got.placements == d.placements}
            except Exception as error:  # recorded; the pytest side reports it
                results[key] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:500]}
    dist.barrier()
    dist.destroy_process_group()
    if rank == 0:
        Path(out).write_text(json.dumps(results))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def dtensor_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Runs the 2 worker processes once (bounded by DTENSOR_TIMEOUT; always cleaned up)."""
    pytest.importorskip("torch.distributed.tensor")
    import torch.distributed as dist

    if not dist.is_available() or not dist.is_gloo_available():
        pytest.skip("this torch build has no distributed gloo backend")
    out = tmp_path_factory.mktemp("dtensor") / "results.json"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    if sys.platform.startswith("linux"):
        env.setdefault("GLOO_SOCKET_IFNAME", "lo")  # loopback only, whatever the hostname says
    port = _free_port()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, str(rank), str(port), str(out)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for rank in (0, 1)
    ]
    deadline = time.monotonic() + DTENSOR_TIMEOUT
    logs = []
    try:
        for proc in procs:
            remaining = max(deadline - time.monotonic(), 1)
            logs.append(proc.communicate(timeout=remaining)[0])
    except subprocess.TimeoutExpired:
        pytest.fail(f"the DTensor workers did not finish within {DTENSOR_TIMEOUT} s")
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    failed = [i for i, proc in enumerate(procs) if proc.returncode != 0]
    assert not failed and out.exists(), "\n".join(log[-3000:] for log in logs)
    return dict(json.loads(out.read_text()))


def _dtensor_cases() -> list[Any]:
    cases = []
    for placement in PLACEMENTS:
        for name in [*SUITE, *TORCH_FUNCTIONS]:
            reason = DTENSOR_XFAIL.get(name)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(placement, name, id=f"{placement}-{name}", marks=marks))
    return cases


@pytest.mark.distributed
@pytest.mark.parametrize(("placement", "name"), _dtensor_cases())
def test_torch_dtensor(dtensor_results: dict[str, Any], placement: str, name: str) -> None:
    """An eagerlite function of a DTensor is a DTensor equal to it on the plain tensor."""
    outcome = dtensor_results[f"{placement}/{name}"]
    assert outcome["ok"], outcome["error"]
    if name in ELEMENTWISE:  # not gathered: element-wise results stay distributed the same way
        assert outcome["same_placement"]


# ========================================== TensorFlow: MirroredStrategy over 2 CPUs
@pytest.fixture(scope="module")
def strategy() -> Any:
    tf = pytest.importorskip("tensorflow")
    devices = ["/device:CPU:0", "/device:CPU:1"]
    assert len(tf.config.list_logical_devices("CPU")) >= 2  # made by conftest.py
    return tf.distribute.MirroredStrategy(devices)


def _replicated_batch(strategy: Any, *arrays: Any) -> Any:
    """``arrays`` split along axis 0 into one half per replica (each on its replica's CPU)."""
    import tensorflow as tf

    dataset = tf.data.Dataset.from_tensor_slices(arrays).batch(len(arrays[0]))
    return next(iter(strategy.experimental_distribute_dataset(dataset)))


def _run(strategy: Any, fn: Callable[..., Any], args: Any, compiled: bool) -> Any:
    import tensorflow as tf

    run = lambda *a: strategy.run(fn, args=a)  # noqa: E731
    return (tf.function(run) if compiled else run)(*args)


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "tf_function"])
def test_tf_mirrored_reduce(strategy: Any, compiled: bool) -> None:
    import tensorflow as tf

    (x,) = _replicated_batch(strategy, DATA)
    per_replica = _run(strategy, lambda x: ep.astensor(x).square().sum().raw, (x,), compiled)
    total = strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)
    np.testing.assert_allclose(total.numpy(), (DATA**2).sum(), rtol=1e-12)
    mean = strategy.reduce(tf.distribute.ReduceOp.MEAN, per_replica, axis=None)
    np.testing.assert_allclose(mean.numpy(), (DATA**2).sum() / 2, rtol=1e-12)


def test_tf_mirrored_per_replica_devices(strategy: Any) -> None:
    """Results, new tensors included, are made on their replica's device (eager: tf.function
    outputs all report the device of the call, native ones too)."""
    (x,) = _replicated_batch(strategy, DATA)

    def step(x: Any) -> Any:
        t = ep.astensor(x)
        return {"l2": ep.norms.l2(t, axis=-1).raw, "zeros": t.zeros_like().raw, "x": x}

    out = _run(strategy, step, (x,), compiled=False)
    for name in ("l2", "zeros", "x"):
        devices = [v.device for v in strategy.experimental_local_results(out[name])]
        assert [d.rsplit("/", 1)[-1] for d in devices] == ["device:CPU:0", "device:CPU:1"], name
    l2 = strategy.gather(out["l2"], axis=0).numpy()
    np.testing.assert_allclose(l2, np.linalg.norm(DATA, axis=-1), rtol=1e-12)


def _combine(name: str) -> Callable[[Any, Any], Any]:
    """How the per-replica results of a compile_suite function make the full-batch result."""
    import tensorflow as tf

    def lp(strategy: Any, out: Any) -> Any:  # ||x||_3 = (sum of the halves' ||.||_3 ** 3) ** 1/3
        cubes = strategy.run(lambda v: v**3, args=(out,))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, cubes, axis=None) ** (1 / 3)

    if name == "lp":
        return lp
    if name == "softmax_xent":  # a mean over equal halves
        return lambda s, out: s.reduce(tf.distribute.ReduceOp.MEAN, out, axis=None)
    return lambda s, out: s.gather(out, axis=0)  # per-row results


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "tf_function"])
@pytest.mark.parametrize("name", ["l2", "lp", "softmax_xent", "pgd_step", "topk_mask"])
def test_tf_mirrored_suite(strategy: Any, name: str, compiled: bool) -> None:
    """compile_suite's functions per replica, combined, equal them on the whole batch."""
    import tensorflow as tf

    fn, takes_labels = SUITE[name]
    data = DATA.astype(np.float32)
    args = _replicated_batch(strategy, data, LABELS)
    out = _run(strategy, fn, args if takes_labels else args[:1], compiled)
    got = _combine(name)(strategy, out).numpy()
    full = (tf.constant(data), tf.constant(LABELS))
    expected = np.asarray(fn(*full) if takes_labels else fn(full[0]))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


if __name__ == "__main__":  # a DTensor worker process: RANK PORT OUT
    _dtensor_worker(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
    sys.exit(0)
