"""The capability matrix's results: every row of tests/capability_cases.py on every
framework in every mode that applies (docs/capabilities.md is written from them).

- eager: both faces agree and give NumPy's values (the NumPy backend's result on the same
  inputs; the NumPy backend itself is compared with NumPy's own functions by the per-op
  tests), with the framework's Tensor class;
- compiled: ``jax.jit``, ``tf.function(jit_compile=True)``, ``torch.compile(fullgraph=True)``
  give the eager result;
- gradient: ``ep.value_and_grad`` of the summed outputs equals central finite differences
  (float64, NumPy);
- vmap: ``ep.vmap`` of the call over a batch of two examples (the inputs, and the inputs
  flipped) gives each example's eager result (``torch.func.vmap``, ``tf.vectorized_map``,
  ``jax.vmap``; a loop on NumPy);
- device: inputs on a non-default device (JAX's ``cpu:1``, TensorFlow's ``/CPU:1``,
  torch's ``meta``, the stand-ins this CPU machine has), every output on it, values
  (shape and dtype for meta) as eager;
- sharded: JAX inputs sharded over four devices give the eager values.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

import numpy as np
import pytest
from capability_cases import APPLICABLE, EXPECTED_FAILURES, ROWS, Row, inputs
from conftest import CLASS_NAMES, INSTALLED, native, numeric_grads

import eagerlite as ep

BY_NAME = {r.name: r for r in ROWS}
# expected failures that follow from a framework's nature, for every row of a kind
META = (
    "torch's meta device holds no values: a call that needs concrete values (a Python "
    "number, a data-dependent shape, a NumPy copy) cannot run on it (on a CUDA device it does)"
)


def applicable(r: Row, framework: str, mode: str) -> bool:
    if mode not in APPLICABLE[framework] or (framework == "numpy" and not r.numpy):
        return False
    if mode == "gradient":
        return r.grad
    if mode in r.na:
        return False
    if mode in ("compiled", "sharded"):
        return not r.concrete
    if mode == "vmap":  # (NumPy's vmap is a loop: its examples are concrete)
        return framework == "numpy" or not r.concrete
    return True


def expected_failure(r: Row, framework: str, mode: str) -> str | None:
    if (r.name, framework, mode) in EXPECTED_FAILURES:
        return EXPECTED_FAILURES[(r.name, framework, mode)]
    if framework == "torch" and mode == "device" and r.concrete:
        return META
    return None


def _cases() -> list[Any]:
    cases = []
    for r in ROWS:
        for framework in ("numpy", "torch", "tensorflow", "jax"):
            for mode in APPLICABLE[framework]:
                if not applicable(r, framework, mode):
                    continue
                marks = []
                reason = expected_failure(r, framework, mode)
                if reason is not None:
                    marks.append(pytest.mark.xfail(strict=True, reason=reason))
                label = f"{r.name}-{framework}-{mode}"
                cases.append(pytest.param(r.name, framework, mode, marks=marks, id=label))
    return cases


def _tensors(result: Any) -> list[Any]:
    items = list(result) if isinstance(result, (tuple, list)) else [result]
    assert items and all(isinstance(i, ep.Tensor) for i in items), result
    return items


def _run(r: Row, framework: str, t: Any, u: Any) -> list[Any]:
    return _tensors(r.call(ep.astensor(t), ep.astensor(u)))


@cache
def _reference(name: str) -> list[np.ndarray[Any, Any]]:
    r = BY_NAME[name]
    t, u = inputs(r.inputs)
    if r.expected is not None:
        return [np.asarray(e) for e in r.expected(t, u)]
    return [x.numpy() for x in _run(r, "numpy", t, u)]


def _compare(r: Row, got: list[np.ndarray[Any, Any]], expected: list[np.ndarray[Any, Any]]) -> None:
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert g.shape == e.shape, (g.shape, e.shape)
        assert g.dtype.kind == e.dtype.kind, (g.dtype, e.dtype)
        if r.unordered:
            g, e = np.sort(g, axis=None), np.sort(e, axis=None)
        if r.values:
            np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-9)


def _eager(r: Row, framework: str) -> list[Any]:
    t, u = inputs(r.inputs)
    results = _run(r, framework, native(framework, t), native(framework, u))
    for x in results:
        assert type(x).__name__ == CLASS_NAMES[framework], type(x)
    return results


def _compiled(r: Row, framework: str) -> list[np.ndarray[Any, Any]]:
    def fn(t: Any, u: Any) -> tuple[Any, ...]:
        return tuple(x.raw for x in _run(r, framework, t, u))

    t, u = (native(framework, a) for a in inputs(r.inputs))
    if framework == "jax":
        import jax

        out = jax.jit(fn)(t, u)
    elif framework == "tensorflow":
        import tensorflow as tf

        out = tf.function(fn, jit_compile=True)(t, u)
    else:
        import torch

        torch._dynamo.reset()  # (every row's call is a new function: no recompile limit)
        out = torch.compile(fn, fullgraph=True)(t, u)
    return [ep.astensor(x).numpy() for x in out]


def _loss(r: Row, t: Any, u: Any) -> Any:
    total = None
    for x in _tensors(r.call(t, u)):
        if ep.isdtype(x.dtype, "real floating"):
            total = x.sum() if total is None else total + x.sum()
    assert total is not None, "no float output to differentiate"
    return total


def _gradient(r: Row, framework: str) -> None:
    x, y = inputs(r.inputs)
    t, u = ep.astensor(native(framework, x)), ep.astensor(native(framework, y))
    _, grad = ep.value_and_grad(lambda a: _loss(r, a, u), t)
    single = any(o.dtype == np.float32 for o in _reference(r.name))
    h, tol = (1e-3, 1e-2) if single else (1e-6, 1e-5)
    nu = ep.astensor(y.copy())
    (numeric,) = numeric_grads(lambda a: _loss(r, ep.astensor(a[0]), nu).item(), [x], h)
    np.testing.assert_allclose(grad.numpy(), numeric, rtol=tol, atol=tol)


def _vmapped(r: Row, framework: str) -> None:
    t, u = inputs(r.inputs)
    examples = [(t, u), (np.flip(t).copy(), np.flip(u).copy())]
    batch = [ep.astensor(native(framework, np.stack(xs))) for xs in zip(*examples, strict=True)]
    outs = ep.vmap(lambda a, b: tuple(_tensors(r.call(a, b))))(*batch)
    for x in outs:
        assert type(x).__name__ == CLASS_NAMES[framework], type(x)
    for i, (a, b) in enumerate(examples):
        expected = _run(r, framework, native(framework, a), native(framework, b))
        _compare(r, [x.numpy()[i] for x in outs], [x.numpy() for x in expected])


def _on_device(framework: str, a: np.ndarray[Any, Any]) -> Any:
    if framework == "jax":
        import jax

        return jax.device_put(native("jax", a), jax.devices()[1])
    if framework == "tensorflow":
        import tensorflow as tf

        with tf.device("/CPU:1"):
            return tf.identity(native("tensorflow", a))
    return native("torch", a).to("meta")


def _device(r: Row, framework: str) -> None:
    t, u = (_on_device(framework, a) for a in inputs(r.inputs))
    results = _run(r, framework, t, u)
    wanted = ep.astensor(t).device
    for x in results:
        assert x.device == wanted, (x.device, wanted)
    if framework == "torch":  # meta: no values
        expected = _reference(r.name)
        assert [tuple(x.shape) for x in results] == [e.shape for e in expected]
        return
    _compare(r, [x.numpy() for x in results], [x.numpy() for x in _eager(r, framework)])


def _sharded(r: Row) -> None:
    import jax
    from jax.sharding import Mesh, NamedSharding, PartitionSpec

    mesh = Mesh(np.array(jax.devices()[:4]), ("a",))

    def place(a: np.ndarray[Any, Any]) -> Any:
        spec = PartitionSpec("a") if a.ndim and a.shape[0] % 4 == 0 else PartitionSpec()
        return jax.device_put(native("jax", a), NamedSharding(mesh, spec))

    t, u = (place(a) for a in inputs(r.inputs))
    assert len(t.sharding.device_set) == 4
    results = _run(r, "jax", t, u)
    _compare(r, [x.numpy() for x in results], [x.numpy() for x in _eager(r, "jax")])


@pytest.mark.parametrize(("name", "framework", "mode"), _cases())
def test_capability(name: str, framework: str, mode: str, request: pytest.FixtureRequest) -> None:
    request.node.user_properties.append(("capability", (name, framework, mode)))
    if framework not in INSTALLED:
        pytest.skip(f"{framework} is not installed")
    r = BY_NAME[name]
    if mode == "eager":
        _compare(r, [x.numpy() for x in _eager(r, framework)], _reference(name))
    elif mode == "compiled":
        _compare(r, _compiled(r, framework), [x.numpy() for x in _eager(r, framework)])
    elif mode == "gradient":
        _gradient(r, framework)
    elif mode == "vmap":
        _vmapped(r, framework)
    elif mode == "device":
        _device(r, framework)
    else:
        _sharded(r)


def test_every_public_name_has_a_row() -> None:
    """Every function of ``eagerlite.__all__``, of ``ep.nn``, ``ep.nn.init`` and
    ``ep.optim``, and every public member of ``Tensor`` (but ``t.norms``, whose functions
    are rows) is a row."""
    functions = {n for n in ep.__all__ if inspect.isfunction(getattr(ep, n))}
    members = {n for n in dir(ep.Tensor) if not n.startswith("_")} - {"norms"}
    for module, prefix in ((ep.nn, "nn."), (ep.nn.init, "nn.init."), (ep.optim, "optim.")):
        functions |= {prefix + n for n in module.__all__ if inspect.isfunction(getattr(module, n))}
    missing = sorted((functions | members) - set(BY_NAME))
    assert not missing, f"rows missing in tests/capability_cases.py: {missing}"
