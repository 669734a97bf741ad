"""Control flow (``ep.cond``, ``ep.switch``, ``ep.while_loop``, ``ep.fori_loop``,
``ep.scan``, ``ep.map``): one body on every framework, eagerly and under each compiler
(``jax.jit``, ``tf.function(jit_compile=True)``, ``torch.compile(fullgraph=True)``: one
graph, no break), values against NumPy's Python loop, gradients through the loops, and
the bad inputs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from conftest import make

import eagerlite as ep

X = np.array([0.5, -1.5, 2.0])


def branchy(x: Any) -> Any:
    return ep.cond(x.sum() > 0, lambda v: v * 2.0, lambda v: -v, x)


def switched(x: Any) -> Any:
    index = (x.sum() > 0).astype(ep.int32) + (x.sum() > 5).astype(ep.int32)
    return ep.switch(index, [lambda v: v - 1.0, lambda v: v * 3.0, lambda v: v * 0.0], x)


def newton_sqrt(a: Any) -> Any:
    """sqrt(a) by Newton's method: a while_loop with a data-dependent stop."""

    def keep_going(state: Any) -> Any:
        x, i = state
        return ((x * x - a).abs().max() > 1e-10) & (i < 50)

    def step(state: Any) -> Any:
        x, i = state
        return (x - (x * x - a) / (2 * x), i + 1)

    root, _ = ep.while_loop(keep_going, step, (a.ones_like(), a.zeros((), dtype=ep.int32)))
    return root


def power_sum(x: Any) -> Any:
    return ep.fori_loop(0, 4, lambda i, acc: acc * x + i, x.zeros_like())


def rnn(xs: Any) -> Any:
    """A scan: h = tanh(0.5 h + x), the hidden states stacked."""
    last, hs = ep.scan(lambda h, x: ((h * 0.5 + x).tanh(), (h * 0.5 + x).tanh()), xs[0] * 0.0, xs)
    return hs.sum(axis=-1) + last.sum()


def squares(xs: Any) -> Any:
    return ep.map(lambda x: (x * x).sum(), xs)


def reference(name: str, a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    if name == "branchy":
        return a * 2.0 if a.sum() > 0 else -a
    if name == "switched":
        index = int(a.sum() > 0) + int(a.sum() > 5)
        return [a - 1.0, a * 3.0, a * 0.0][index]
    if name == "newton_sqrt":
        return np.sqrt(a)
    if name == "power_sum":
        acc = np.zeros_like(a)
        for i in range(4):
            acc = acc * a + i
        return acc
    if name == "rnn":
        h, hs = a[0] * 0.0, []
        for x in a:
            h = np.tanh(h * 0.5 + x)
            hs.append(h)
        return np.stack(hs).sum(axis=-1) + h.sum()
    return (a * a).sum(axis=-1)


FUNCTIONS: dict[str, tuple[Callable[[Any], Any], np.ndarray[Any, Any]]] = {
    "branchy": (branchy, X),
    "switched": (switched, X),
    "newton_sqrt": (newton_sqrt, np.array([2.0, 9.0, 0.25])),
    "power_sum": (power_sum, X),
    "rnn": (rnn, np.linspace(-1.0, 1.0, 12).reshape(4, 3)),
    "squares": (squares, np.linspace(-1.0, 1.0, 12).reshape(4, 3)),
}


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_eager_values(backend: str, name: str) -> None:
    f, a = FUNCTIONS[name]
    for sign in (1.0, -1.0):
        got = f(make(backend, sign * a if name != "newton_sqrt" else a))
        expected = reference(name, sign * a if name != "newton_sqrt" else a)
        np.testing.assert_allclose(got.numpy(), expected, rtol=1e-9, atol=1e-12)


def compiled(backend: str, f: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``f`` of native arrays under the backend's compiler, checked to be one graph."""

    def raw_f(x: Any) -> Any:
        return f(ep.astensor(x)).raw

    if backend == "jax":
        import jax

        return jax.jit(raw_f)
    if backend == "tensorflow":
        import tensorflow as tf

        return tf.function(raw_f, jit_compile=True)
    import torch
    import torch._dynamo as dynamo

    def checked(x: Any) -> Any:
        explained = dynamo.explain(raw_f)(x)
        assert (explained.graph_count, explained.graph_break_count) == (1, 0), (
            explained.break_reasons
        )
        dynamo.reset()
        return torch.compile(raw_f, fullgraph=True, backend="eager")(x)

    return checked


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_compiled_one_graph(grad_backend: str, name: str) -> None:
    f, a = FUNCTIONS[name]
    run = compiled(grad_backend, f)
    for sign in (1.0, -1.0):
        data = sign * a if name != "newton_sqrt" else a
        got = np.asarray(run(make(grad_backend, data).raw))
        np.testing.assert_allclose(got, reference(name, data), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", ["branchy", "power_sum", "rnn", "squares"])
def test_gradients_through_control_flow(grad_backend: str, name: str) -> None:
    from conftest import numeric_grads

    f, a = FUNCTIONS[name]
    got = ep.grad(lambda x: f(x).sum())(make(grad_backend, a))
    expected = numeric_grads(lambda arrays: reference(name, arrays[0]).sum(), [a])[0]
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6, atol=1e-6)


def test_traced_branches_must_agree() -> None:
    jax = pytest.importorskip("jax")
    import jax.numpy as jnp

    def bad(x: Any) -> Any:
        t = ep.astensor(x)
        return ep.cond(t.sum() > 0, lambda v: v, lambda v: v[:2], t).raw

    with pytest.raises(TypeError, match="false_fun and true_fun must have the same shapes"):
        jax.jit(bad)(jnp.ones(3))


def test_bad_inputs(backend: str) -> None:
    x = make(backend, X)
    with pytest.raises(ValueError, match="must be a scalar"):
        ep.cond(x > 0, lambda v: v, lambda v: v, x)
    with pytest.raises(TypeError, match="cond's pred must be a bool or a scalar Tensor"):
        ep.cond("yes", lambda v: v, lambda v: v, x)
    with pytest.raises(TypeError, match="switch takes a non-empty sequence"):
        ep.switch(0, [], x)
    with pytest.raises(TypeError, match="init_val and body_fun's result must have the same"):
        ep.while_loop(lambda v: v.sum() < 10, lambda v: v.astype(ep.float32) * 2 + 1, x)
    with pytest.raises(TypeError, match="same shapes and dtypes"):
        ep.fori_loop(0, 2, lambda i, v: v[:1], x)
    with pytest.raises(ValueError, match="different lengths"):
        ep.scan(lambda c, xy: (c, xy[0]), x.sum(), (x, x[:2]))
    with pytest.raises(ValueError, match="needs xs, or length"):
        ep.scan(lambda c, _: (c, c), x, None)
    with pytest.raises(TypeError, match=r"\(carry, y\) tuple"):
        ep.scan(lambda c, v: c, x.sum(), x)


def test_python_branches_on_traced_values_name_the_way_forward(grad_backend: str) -> None:
    """An ``if`` on a traced Tensor: eagerlite's TracedValueError, naming ep.cond and
    ep.while_loop, under each compiler (torch.compile reports it as the cause of its own
    error with fullgraph=True, and without it runs the branch eagerly)."""

    def f(x: Any) -> Any:
        t = ep.astensor(x)
        return (t * 2.0).raw if t.sum() > 0 else t.raw

    x = make(grad_backend, X).raw
    if grad_backend == "torch":
        import torch

        with pytest.raises(Exception, match=r"(?s)TracedValueError.*ep\.cond.*ep\.while_loop"):
            torch.compile(f, fullgraph=True, backend="eager")(x)
        torch._dynamo.reset()
        np.testing.assert_allclose(torch.compile(f, backend="eager")(x).numpy(), 2.0 * X)
        return
    with pytest.raises(ep.TracedValueError, match=r"ep\.cond.*ep\.while_loop"):
        if grad_backend == "jax":
            import jax

            jax.jit(f)(x)
        else:
            import tensorflow as tf

            tf.function(f, autograph=False)(x)
