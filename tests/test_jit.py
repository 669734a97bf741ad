"""``ep.jit``: one decorator compiling a function of Tensors with the compiler of their
framework (``jax.jit``, ``tf.function(jit_compile=True)``, ``torch.compile``; NumPy runs
it as it is): values equal the eager run, pytrees in and out, static arguments by
position and name, one trace per structure and static value, and the bad inputs."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest
from conftest import make

import eagerlite as ep

W = np.array([[0.5, -1.0], [2.0, 0.25], [-0.75, 1.5]])
X = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]])

traces: list[str] = []  # (one entry per Python run of the function: each trace)


@functools.partial(ep.jit, static_argnums=2, static_argnames="activation")
def layer(params: dict[str, Any], x: Any, scale: float, activation: str = "tanh") -> Any:
    traces.append(activation)
    h = getattr(x @ params["w"] + params["b"], activation)() * scale
    return {"h": h, "norms": (h.square().sum(axis=-1).sqrt(), h.abs().max())}


def reference(scale: float, activation: str) -> tuple[np.ndarray[Any, Any], ...]:
    h = getattr(np, activation)(X @ W + 0.5) * scale
    return h, np.sqrt((h**2).sum(axis=-1)), np.abs(h).max()


def test_values_pytrees_and_static_arguments(backend: str) -> None:
    params = {"w": make(backend, W), "b": make(backend, np.array([0.5, 0.5]))}
    x = make(backend, X)
    counts = []
    getattr(layer, "cache").clear()  # noqa: B009
    for scale, activation in [(2.0, "tanh"), (2.0, "tanh"), (3.0, "tanh"), (2.0, "exp")]:
        before = len(traces)
        out = layer(params, x, scale, activation=activation)
        counts.append(len(traces) - before)
        h, norms, top = reference(scale, activation)
        assert type(out["h"]) is type(x)
        np.testing.assert_allclose(out["h"].numpy(), h, rtol=1e-12)
        np.testing.assert_allclose(out["norms"][0].numpy(), norms, rtol=1e-12)
        np.testing.assert_allclose(out["norms"][1].numpy(), top, rtol=1e-12)
    if backend == "numpy":  # (no compiler: the function runs every time)
        assert counts == [1, 1, 1, 1]
        return
    # one compiled function per static value (the second call found the first)
    assert len(getattr(layer, "cache")) == 3  # noqa: B009
    if backend != "torch":  # (traced once each; torch.compile guards on the list traces)
        assert counts == [1, 0, 1, 1]


def test_the_function_is_compiled(backend: str) -> None:
    """Inside, the Tensors hold the compiler's traced values (NumPy: concrete ones)."""
    seen: list[bool] = []

    @ep.jit
    def f(x: Any) -> Any:
        seen.append(_tracing(backend, x.raw))
        return (x * 2.0).sum()

    assert float(f(make(backend, X)).item()) == pytest.approx(X.sum() * 2.0)
    assert seen == [backend != "numpy"]


def _tracing(backend: str, raw: Any) -> bool:
    if backend == "jax":
        import jax

        return isinstance(raw, jax.core.Tracer)
    if backend == "tensorflow":
        import tensorflow as tf

        return not tf.executing_eagerly()
    if backend == "torch":
        import torch

        return bool(torch.compiler.is_compiling())
    return False


@pytest.mark.parametrize("backend", ["jax", "tensorflow"])
def test_a_python_branch_on_a_traced_value_names_cond(backend: str) -> None:
    @ep.jit
    def f(x: Any) -> Any:
        return x if x.sum() > 0 else -x

    with pytest.raises(ep.TracedValueError, match=r"ep\.cond"):
        f(make(backend, X))


def test_gradients_inside(grad_backend: str) -> None:
    @ep.jit
    def step(w: Any, x: Any) -> Any:
        loss = lambda v: (x @ v).tanh().square().sum()  # noqa: E731
        return w - 0.1 * ep.grad(loss)(w)

    w, x = make(grad_backend, W), make(grad_backend, X)
    expected = w - 0.1 * ep.grad(lambda v: (x @ v).tanh().square().sum())(w)
    np.testing.assert_allclose(step(w, x).numpy(), expected.numpy(), rtol=1e-10)


def test_no_tensor_runs_the_function() -> None:
    assert ep.jit(lambda a, b: a + b)(1, 2) == 3


def test_bad_input(backend: str) -> None:
    x = make(backend, X)
    f = ep.jit(lambda x, n: x * n, static_argnums=1)
    with pytest.raises(ValueError, match="static_argnums names argument 1, but the function was"):
        f(x)
    with pytest.raises(ValueError, match="static argument 1 is a list, which is not hashable"):
        f(x, [1, 2])
    with pytest.raises(TypeError, match="an argument holds a native ndarray: wrap it"):
        ep.jit(lambda x, y: x)(x, np.ones(2))
    with pytest.raises(TypeError, match="jit expects a function"):
        ep.jit(3)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="static_argnums must be ints"):
        ep.jit(lambda x: x, static_argnums="0")  # type: ignore[arg-type]
    other = "jax" if backend != "jax" else "numpy"
    with pytest.raises(TypeError, match="mix"):
        ep.jit(lambda x, y: x)(x, make(other, X))


def test_many_functions_are_each_compiled(grad_backend: str) -> None:
    """Every ep.jit function is compiled, however many there are (dynamo keeps its limit
    of 8 recompilations per code object: ep.jit's wrapper is one code object copied per
    function, else the ninth function ran eagerly on torch), and each new shape too."""
    seen: list[bool] = []

    def scaled(x: Any, factor: float) -> Any:
        seen.append(_tracing(grad_backend, x.raw))
        return (x * factor).sum()

    functions = [ep.jit(functools.partial(scaled, factor=float(i))) for i in range(12)]
    for i, f in enumerate(functions):
        assert float(f(make(grad_backend, X)).item()) == pytest.approx(X.sum() * i)
    for part in (X[:1], X[:, :2], X[:1, :1]):  # (three new shapes)
        functions[0](make(grad_backend, part))
    assert seen == [True] * 15
