"""``ep.vmap`` on every framework: values against a loop over the examples (NumPy's
arithmetic as the reference), composition with the derivatives against JAX's own
``jax.vmap(jax.grad(...))``, and the bad inputs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import make

import eagerlite as ep

RNG = np.random.default_rng(7)
W = RNG.normal(size=(3, 2))
XS = RNG.normal(size=(5, 3))
YS = RNG.normal(size=(5, 2))


def loss(w: Any, x: Any, y: Any) -> Any:
    return ((x @ w).tanh() - y).square().sum()


def test_values_in_axes_and_out_axes(backend: str) -> None:
    xs, w = make(backend, XS), make(backend, W)
    got = ep.vmap(lambda x: (x * x).sum())(xs)
    assert type(got) is type(xs) and got.shape == (5,)
    np.testing.assert_allclose(got.numpy(), (XS * XS).sum(axis=1))
    # a mapped axis other than the first, an unmapped argument, a negative axis
    got = ep.vmap(lambda col, m: col @ m, in_axes=(1, None))(make(backend, XS.T), w)
    np.testing.assert_allclose(got.numpy(), XS @ W)
    got = ep.vmap(lambda col: col.sum(), in_axes=-1)(make(backend, XS.T))
    np.testing.assert_allclose(got.numpy(), XS.sum(axis=1))
    # keyword arguments are mapped over axis 0 (as in JAX)
    got = ep.vmap(lambda x, *, y: x[:2] * y)(xs, y=make(backend, YS))
    np.testing.assert_allclose(got.numpy(), XS[:, :2] * YS)
    # outputs: a tuple, each with its own out_axes
    a, s = ep.vmap(lambda x: (x * 2.0, x.sum()), out_axes=(1, 0))(xs)
    assert a.shape == (3, 5) and s.shape == (5,)
    np.testing.assert_allclose(a.numpy(), 2.0 * XS.T)
    np.testing.assert_allclose(s.numpy(), XS.sum(axis=1))


def test_pytrees_and_nesting(backend: str) -> None:
    params = {"w": make(backend, W), "b": make(backend, np.array([0.5, -0.5]))}

    def predict(p: dict[str, Any], x: Any) -> dict[str, Any]:
        return {"out": x @ p["w"] + p["b"], "norm": (x * x).sum()}

    got = ep.vmap(predict, in_axes=(None, 0))(params, make(backend, XS))
    np.testing.assert_allclose(got["out"].numpy(), XS @ W + np.array([0.5, -0.5]))
    np.testing.assert_allclose(got["norm"].numpy(), (XS * XS).sum(axis=1))
    # vmap of vmap: an outer product of two batches
    xs, ys = make(backend, XS[:, 0]), make(backend, YS[:, 0])
    outer = ep.vmap(ep.vmap(lambda x, y: x * y, in_axes=(None, 0)), in_axes=(0, None))(xs, ys)
    np.testing.assert_allclose(outer.numpy(), np.outer(XS[:, 0], YS[:, 0]))


def test_per_example_gradients_match_jax(grad_backend: str) -> None:
    import jax
    import jax.numpy as jnp

    def raw_loss(w: Any, x: Any, y: Any) -> Any:
        return loss(ep.astensor(w), ep.astensor(x), ep.astensor(y)).raw

    expected = jax.vmap(jax.grad(raw_loss), in_axes=(None, 0, 0))(
        jnp.asarray(W), jnp.asarray(XS), jnp.asarray(YS)
    )
    w, xs, ys = make(grad_backend, W), make(grad_backend, XS), make(grad_backend, YS)
    got = ep.vmap(ep.grad(loss), in_axes=(None, 0, 0))(w, xs, ys)
    assert type(got) is type(w) and got.shape == (5, 3, 2)
    np.testing.assert_allclose(got.numpy(), np.asarray(expected), rtol=1e-9, atol=1e-12)
    # the gradient of a vmapped function, and vmap of a Jacobian
    total = ep.grad(lambda p: ep.vmap(loss, in_axes=(None, 0, 0))(p, xs, ys).sum())(w)
    np.testing.assert_allclose(total.numpy(), np.asarray(expected).sum(axis=0), rtol=1e-9)
    jacobians = ep.vmap(ep.jacrev(lambda x: (x * x)[:2]))(xs)
    assert jacobians.shape == (5, 2, 3)
    np.testing.assert_allclose(jacobians.numpy()[:, 0, 0], 2 * XS[:, 0])


def test_bad_inputs(backend: str) -> None:
    xs = make(backend, XS)
    with pytest.raises(
        ValueError, match="in_axes has 2 entries but the function was called with 1"
    ):
        ep.vmap(lambda x: x, in_axes=(0, 0))(xs)
    with pytest.raises(ValueError, match="different sizes: 5 and 3"):
        ep.vmap(lambda x, y: x + y[0])(xs, make(backend, W))
    with pytest.raises(ValueError, match="axis 2 of a tensor of shape \\(5, 3\\)"):
        ep.vmap(lambda x: x, in_axes=2)(xs)
    with pytest.raises(ValueError, match="at least one mapped argument"):
        ep.vmap(lambda x: x, in_axes=None)(xs)
    with pytest.raises(ValueError, match="map a float over axis 0"):
        ep.vmap(lambda x, s: x * s)(xs, 2.0)
    with pytest.raises(TypeError, match="in_axes must be an int, None, or a tuple"):
        ep.vmap(lambda x: x, in_axes="0")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="vmap's function result must be a Tensor or a pytree of"):
        ep.vmap(lambda x: 3.0)(xs)
    with pytest.raises(TypeError, match="out_axes must be an int"):
        ep.vmap(lambda x: x, out_axes="1")(xs)
    if backend == "numpy":  # (a loop cannot tell the shapes of no results)
        with pytest.raises(ValueError, match="axis of size 0 on NumPy"):
            ep.vmap(lambda x: x * 2)(make(backend, np.zeros((0, 3))))
    other = "numpy" if backend != "numpy" else "torch"
    pytest.importorskip(other)
    with pytest.raises(TypeError, match="two frameworks"):
        ep.vmap(lambda x, y: x)(xs, make(other, XS))


def test_while_loop_under_torch_vmap_names_the_limit() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("jax")
    xs = make("torch", np.array([1.0, 2.0]))
    grow = lambda v: ep.while_loop(lambda a: a < 10.0, lambda a: a * 2.0, v)  # noqa: E731
    with pytest.raises(NotImplementedError, match="torch's while_loop operator has no vmap"):
        ep.vmap(grow)(xs)
    np.testing.assert_allclose(ep.vmap(grow)(make("jax", np.array([1.0, 3.0]))).numpy(), [16, 12])
