"""``ep.custom_vjp``: one definition of a function with its own backward rule, on
PyTorch, TensorFlow and JAX (a ``torch.autograd.Function``, ``tf.custom_gradient``,
``jax.custom_vjp``), used by every derivative transformation, nested (the residuals
differentiated as functions of the inputs, as in JAX), mapped, compiled; forward mode
refused as JAX refuses it; NumPy runs the function as it is; and the bad rules."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest
from conftest import make

import eagerlite as ep

X = np.array([0.3, -1.2, 2.0])


@ep.custom_vjp
def softplus(x: Any) -> Any:
    """log(1 + e^x), with a backward rule that stays finite where e^x overflows."""
    return (x.exp() + 1.0).log()


def _softplus_fwd(x: Any) -> Any:
    return softplus(x), x


def _softplus_bwd(x: Any, g: Any) -> Any:
    return (g * ep.sigmoid(x),)


softplus.defvjp(_softplus_fwd, _softplus_bwd)


@ep.custom_vjp
def sine(x: Any) -> Any:
    return x.sin()


def _sine_fwd(x: Any) -> Any:
    return x.sin(), (x.cos(), x)  # (a residual computed in fwd, and the input itself)


def _sine_bwd(res: Any, g: Any) -> Any:
    cos, _ = res
    return (g * cos,)


sine.defvjp(_sine_fwd, _sine_bwd)


@functools.partial(ep.custom_vjp, nondiff_argnums=(0,))
def clip_gradient(bound: float, x: Any) -> Any:
    return x * 1.0


def _clip_fwd(bound: float, x: Any) -> Any:
    return x * 1.0, None


def _clip_bwd(bound: float, res: Any, g: Any) -> Any:
    return (g.clip(-bound, bound),)


clip_gradient.defvjp(_clip_fwd, _clip_bwd)


def test_the_rule_is_used_where_the_formula_overflows(grad_backend: str) -> None:
    x = make(grad_backend, np.array([-50.0, 0.0, 800.0]))
    g = ep.grad(lambda v: softplus(v).sum())(x)
    np.testing.assert_allclose(g.numpy(), [1 / (1 + np.exp(50.0)), 0.5, 1.0], rtol=1e-12)
    assert type(g) is type(x)


def test_nondiff_argnums_come_first_in_bwd(grad_backend: str) -> None:
    x = make(grad_backend, X)
    g = ep.grad(lambda v: (clip_gradient(0.5, v) * 10.0).sum())(x)
    np.testing.assert_allclose(g.numpy(), [0.5, 0.5, 0.5])
    np.testing.assert_allclose(clip_gradient(0.5, x).numpy(), X)


@pytest.mark.parametrize("order", [1, 2, 3])
def test_nested_derivatives_differentiate_the_rule(grad_backend: str, order: int) -> None:
    """As in JAX: the second derivative is the derivative of bwd, with the residual
    (cos x) a function of x."""
    f: Any = lambda v: sine(v).sum()  # noqa: E731
    for _ in range(order - 1):
        f = (lambda h: lambda v: ep.grad(h)(v).sum())(f)
    got = ep.grad(f)(make(grad_backend, X))
    expected = [np.cos(X), -np.sin(X), -np.cos(X)][order - 1]
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12, atol=1e-12)


def test_hessian_jacrev_vjp_and_vmap_use_the_rule(grad_backend: str) -> None:
    x = make(grad_backend, X)
    np.testing.assert_allclose(
        ep.hessian(lambda v: sine(v).sum())(x).numpy(), np.diag(-np.sin(X)), atol=1e-12
    )
    np.testing.assert_allclose(ep.jacrev(sine)(x).numpy(), np.diag(np.cos(X)), atol=1e-12)
    _, pullback = ep.vjp(sine, x)
    np.testing.assert_allclose(pullback(x.ones_like())[0].numpy(), np.cos(X), rtol=1e-12)
    per_example = ep.vmap(ep.grad(lambda v: (clip_gradient(0.5, v) * 3.0).sum()))(
        make(grad_backend, np.stack([X, -X]))
    )
    np.testing.assert_allclose(per_example.numpy(), np.full((2, 3), 0.5))


def test_pytrees_keywords_and_zero_cotangents(grad_backend: str) -> None:
    @ep.custom_vjp
    def f(params: dict[str, Any], scale: Any) -> Any:
        return (params["w"] * scale, params["b"].sum())

    def f_fwd(params: dict[str, Any], scale: Any) -> Any:
        return f(params, scale), scale

    def f_bwd(scale: Any, g: Any) -> Any:
        gw, _ = g
        return ({"w": gw * scale * 2.0, "b": None}, None)  # (w: twice the truth; b: zeros)

    f.defvjp(f_fwd, f_bwd)
    params = {"w": make(grad_backend, X), "b": make(grad_backend, X[:2])}
    scale = make(grad_backend, np.array(3.0))
    w_out, _ = f(params, scale=scale)
    np.testing.assert_allclose(w_out.numpy(), X * 3.0)
    grads = ep.grad(lambda p, s: (f(p, s)[0]).sum() + f(p, s)[1], argnums=(0, 1))(params, scale)
    np.testing.assert_allclose(grads[0]["w"].numpy(), np.full(3, 6.0))
    np.testing.assert_allclose(grads[0]["b"].numpy(), np.zeros(2))
    np.testing.assert_allclose(grads[1].numpy(), 0.0)


def test_numbers_among_the_arguments_are_constants(grad_backend: str) -> None:
    @ep.custom_vjp
    def scaled(x: Any, scale: float) -> Any:
        return x * scale

    scaled.defvjp(lambda x, s: (x * s, s), lambda s, g: (g * s, None))
    x = make(grad_backend, X)
    np.testing.assert_allclose(ep.grad(lambda v: scaled(v, 3.0).sum())(x).numpy(), np.full(3, 3.0))


def test_compiled_in_one_graph(grad_backend: str) -> None:
    from test_control_flow import compiled

    def f(x: Any) -> Any:
        return ep.grad(lambda v: (sine(v) * softplus(v)).sum())(x)

    x = make(grad_backend, X)
    expected = np.cos(X) * np.log1p(np.exp(X)) + np.sin(X) / (1 + np.exp(-X))
    np.testing.assert_allclose(f(x).numpy(), expected, rtol=1e-12)
    got = compiled(grad_backend, f)(x.raw)
    np.testing.assert_allclose(np.asarray(ep.astensor(got).numpy()), expected, rtol=1e-6)


def test_the_frameworks_own_autodiff_uses_the_rule(grad_backend: str) -> None:
    x = make(grad_backend, np.array([800.0]))
    if grad_backend == "torch":
        import torch

        raw = x.raw.clone().requires_grad_(True)
        (g,) = torch.autograd.grad(softplus(ep.astensor(raw)).raw.sum(), raw)
    elif grad_backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            tape.watch(x.raw)
            y = tf.reduce_sum(softplus(x).raw)
        g = tape.gradient(y, x.raw)
    else:
        import jax

        g = jax.grad(lambda r: softplus(ep.astensor(r)).raw.sum())(x.raw)
    np.testing.assert_allclose(np.asarray(g), [1.0])


def test_forward_mode_is_refused_as_in_jax(grad_backend: str) -> None:
    x = make(grad_backend, X)
    for call in (
        lambda: ep.jvp(sine, (x,), (x.ones_like(),)),
        lambda: ep.jacfwd(sine)(x),
    ):
        with pytest.raises(TypeError, match=r"forward-mode autodiff .* custom_vjp function 'sine'"):
            call()


def test_numpy_runs_the_function() -> None:
    x = make("numpy", X)
    np.testing.assert_allclose(sine(x).numpy(), np.sin(X))
    np.testing.assert_allclose(clip_gradient(1.0, x).numpy(), X)


def test_bad_rules_and_arguments(grad_backend: str) -> None:
    x = make(grad_backend, X)

    def bad(fwd: Any, bwd: Any) -> Any:
        f = ep.custom_vjp(lambda v: v * 2.0)
        f.defvjp(fwd, bwd)
        return lambda: ep.grad(lambda v: f(v).sum())(x)

    undefined = ep.custom_vjp(lambda v: v * 2.0)
    with pytest.raises(TypeError, match=r"has no backward rule: call its defvjp\(fwd, bwd\)"):
        undefined(x)
    with pytest.raises(TypeError, match=r"fwd rule must return a pair \(output, residuals\)"):
        bad(lambda v: v * 2.0, lambda r, g: (g,))()
    with pytest.raises(TypeError, match="one cotangent per differentiated argument"):
        bad(lambda v: (v * 2.0, None), lambda r, g: g)()
    with pytest.raises(ValueError, match=r"cotangent of shape \(2,\) .* for args\[0\]"):
        bad(lambda v: (v * 2.0, None), lambda r, g: (g[:2],))()
    with pytest.raises(TypeError, match="a custom_vjp function's argument must be a Tensor"):
        sine(X)
    with pytest.raises(TypeError, match="holds no Tensor"):
        sine(3.0)
    mixed = ep.custom_vjp(lambda a, b: a * 1.0)
    mixed.defvjp(lambda a, b: (a * 1.0, None), lambda r, g: (g, None))
    with pytest.raises(TypeError, match="arguments mix"):
        mixed(x, make("numpy", X))
    with pytest.raises(TypeError, match="custom_vjp expects a function"):
        ep.custom_vjp(3.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="nondiff_argnums must be ints"):
        ep.custom_vjp(lambda v: v, nondiff_argnums=("a",))  # type: ignore[arg-type]
