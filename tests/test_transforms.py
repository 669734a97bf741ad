"""The derivative transformations (``ep.grad``, ``ep.vjp``, ``ep.jvp``, ``ep.jacrev``,
``ep.jacfwd``, ``ep.jacobian``, ``ep.hessian``) on PyTorch, TensorFlow and JAX.

One function body, written with eagerlite; the reference is JAX's own transformation of
the same body on JAX arrays (``jax.grad``, ``jax.jacrev``, ...), and finite differences
in float64.  Nesting to order 3, composition (``jacfwd(jacrev)``), pytrees in and out,
``argnums`` and ``has_aux``, closures over an outer argument (gradients of gradients
that torch once returned as zeros), and the bad inputs of every transformation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from conftest import make, numeric_grads

import eagerlite as ep

X = np.array([0.3, -1.2, 2.0])
Y = np.array([[0.5, -0.25], [1.5, 0.75]])


def scalar(x: Any) -> Any:
    """R^3 -> R, with cross terms (a Hessian that is not diagonal)."""
    return (x.sin() * x.square()).sum() + x[0] * x[1] ** 3 + (x[1] * x[2]).exp()


def vector(x: Any) -> Any:
    """R^3 -> R^3."""
    return ep.stack([(x * x).sum(), (x.sin() * x[0]).sum(), x.exp()[1] * x[2]])


def matrix_out(x: Any) -> Any:
    """R^3 -> R^(2, 3): a Jacobian of shape (2, 3, 3)."""
    return ep.stack([x.tanh() * x[0], x.square()])


def pytree_fn(params: dict[str, Any], y: Any) -> Any:
    """A pytree of parameters and a second argument, a scalar out."""
    h = (y @ params["w"]).tanh() + params["b"]
    return (h * h).sum() + params["w"][0, 1] * y[1, 0]


def jax_reference(transform: Callable[..., Any], f: Callable[..., Any], *args: Any) -> Any:
    """``transform`` (jax.grad, jax.jacrev, ...) of ``f`` on JAX arrays, in float64."""
    import jax
    import jax.numpy as jnp

    def raw_f(*raws: Any) -> Any:
        out = f(*jax.tree_util.tree_map(ep.astensor, raws))
        return jax.tree_util.tree_map(lambda t: t.raw, out, is_leaf=ep.istensor)

    jargs = jax.tree_util.tree_map(jnp.asarray, args)
    return jax.tree_util.tree_map(np.asarray, transform(raw_f)(*jargs))


def numpy_of(tree: Any) -> Any:
    """The tree with each Tensor as a NumPy array."""
    if isinstance(tree, (list, tuple)):
        return type(tree)(numpy_of(x) for x in tree)
    if isinstance(tree, dict):
        return {k: numpy_of(v) for k, v in tree.items()}
    return tree.numpy()


def assert_tree_close(got: Any, expected: Any, rtol: float = 1e-9, atol: float = 1e-9) -> None:
    if isinstance(expected, dict):
        assert isinstance(got, dict) and got.keys() == expected.keys()
        for k in expected:
            assert_tree_close(got[k], expected[k], rtol, atol)
    elif isinstance(expected, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(expected)
        for g, e in zip(got, expected, strict=True):
            assert_tree_close(g, e, rtol, atol)
    else:
        assert np.shape(got) == np.shape(expected)
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


def as_numpy(f: Callable[..., Any]) -> Callable[[list[Any]], float]:
    """``f`` as a function of NumPy float64 arrays (finite differences' form)."""
    return lambda arrays: float(f(*[ep.astensor(a) for a in arrays]).raw)


# ------------------------------------------------------------------ against JAX
def test_grad_matches_jax_and_finite_differences(grad_backend: str) -> None:
    import jax

    x = make(grad_backend, X)
    got = ep.grad(scalar)(x)
    assert type(got) is type(x) and got.dtype == x.dtype
    assert_tree_close(got.numpy(), jax_reference(jax.grad, scalar, X))
    assert_tree_close(got.numpy(), numeric_grads(as_numpy(scalar), [X])[0], 1e-6, 1e-6)


@pytest.mark.parametrize("f", [vector, matrix_out], ids=["vector", "matrix"])
@pytest.mark.parametrize("mode", ["jacrev", "jacfwd", "jacobian"])
def test_jacobians_match_jax(grad_backend: str, mode: str, f: Callable[..., Any]) -> None:
    import jax

    x = make(grad_backend, X)
    got = getattr(ep, mode)(f)(x)
    assert type(got) is type(x)
    assert_tree_close(got.numpy(), jax_reference(getattr(jax, mode), f, X))


def test_hessian_matches_jax_and_finite_differences(grad_backend: str) -> None:
    import jax

    x = make(grad_backend, X)
    got = ep.hessian(scalar)(x).numpy()
    assert_tree_close(got, jax_reference(jax.hessian, scalar, X))
    assert_tree_close(got, got.T)  # (symmetric)
    g = ep.grad(scalar)
    rows = [
        numeric_grads(lambda a, i=i: float(g(make(grad_backend, a[0]))[i].raw), [X])[0]
        for i in range(3)
    ]
    assert_tree_close(got, np.stack(rows), 1e-5, 1e-5)


@pytest.mark.parametrize("inner", ["jacrev", "jacfwd"])
@pytest.mark.parametrize("outer", ["jacrev", "jacfwd"])
def test_composed_jacobians_are_the_hessian(grad_backend: str, outer: str, inner: str) -> None:
    import jax

    x = make(grad_backend, X)
    got = getattr(ep, outer)(getattr(ep, inner)(scalar))(x)
    assert_tree_close(got.numpy(), jax_reference(jax.hessian, scalar, X))


def test_vjp_and_jvp_match_jax(grad_backend: str) -> None:
    import jax
    import jax.numpy as jnp

    x = make(grad_backend, X)
    ct = np.array([1.0, -2.0, 0.5])
    out, pullback = ep.vjp(vector, x)
    (cotangent,) = pullback(make(grad_backend, ct))
    raw_vector = lambda r: vector(ep.astensor(r)).raw  # noqa: E731
    j_out, j_pullback = jax.vjp(raw_vector, jnp.asarray(X))
    assert_tree_close(out.numpy(), np.asarray(j_out))
    assert_tree_close(cotangent.numpy(), np.asarray(j_pullback(jnp.asarray(ct))[0]))
    out2, tangent = ep.jvp(vector, (x,), (make(grad_backend, ct),))
    j_out2, j_tangent = jax.jvp(raw_vector, (jnp.asarray(X),), (jnp.asarray(ct),))
    assert_tree_close(out2.numpy(), np.asarray(j_out2))
    assert_tree_close(tangent.numpy(), np.asarray(j_tangent))


# ------------------------------------------------------------------ nesting
def quartic(x: Any) -> Any:
    return x**4


@pytest.mark.parametrize("order", [1, 2, 3])
def test_grad_nests_to_any_order(grad_backend: str, order: int) -> None:
    """d^n/dx^n x**4 at 3: 108, 108, 72 (torch once gave 0 from order 2 on)."""
    f: Callable[..., Any] = quartic
    for _ in range(order):
        f = ep.grad(f)
    got = f(make(grad_backend, np.array(3.0)))
    assert float(got.raw) == pytest.approx({1: 108.0, 2: 108.0, 3: 72.0}[order])


def test_value_and_grad_nests(grad_backend: str) -> None:
    """The EagerPy form nested: the issue's silent zeros on torch."""
    x = make(grad_backend, np.array(3.0))

    def first(p: Any) -> Any:
        return ep.value_and_grad(quartic, p)[1]

    value, second = ep.value_and_grad(first, x)
    assert float(value.raw) == pytest.approx(108.0)
    assert float(second.raw) == pytest.approx(108.0)


def test_gradient_through_a_closure_over_the_outer_argument(grad_backend: str) -> None:
    """d/dy [d/dx (x * y**2)] = 2y: the inner gradient depends on y by closure only."""
    x = make(grad_backend, np.array(0.7))
    y = make(grad_backend, np.array(1.5))

    def inner_grad(yy: Any) -> Any:
        return ep.grad(lambda xx: xx * yy * yy)(x)

    assert float(ep.grad(inner_grad)(y).raw) == pytest.approx(3.0)
    # and with jvp over it (forward over reverse)
    _, tangent = ep.jvp(inner_grad, (y,), (y.ones_like(),))
    assert float(tangent.raw) == pytest.approx(3.0)  # (2y)


def test_hessian_vector_product_three_ways(grad_backend: str) -> None:
    x = make(grad_backend, X)
    v = make(grad_backend, np.array([1.0, 0.5, -2.0]))
    expected = ep.hessian(scalar)(x).numpy() @ v.numpy()
    forward_over_reverse = ep.jvp(ep.grad(scalar), (x,), (v,))[1]
    reverse_over_reverse = ep.grad(lambda p: (ep.grad(scalar)(p) * v).sum())(x)
    reverse_over_forward = ep.grad(lambda p: ep.jvp(scalar, (p,), (v,))[1])(x)
    for got in (forward_over_reverse, reverse_over_reverse, reverse_over_forward):
        assert_tree_close(got.numpy(), expected)


# ------------------------------------------------------------------ pytrees, argnums, aux
def test_pytrees_argnums_and_aux(grad_backend: str) -> None:
    import jax

    w = np.array([[0.2, -0.4], [0.6, 0.1]])
    b = np.array([0.05, -0.3])
    params = {"w": make(grad_backend, w), "b": make(grad_backend, b)}
    y = make(grad_backend, Y)
    reference = jax_reference(jax.grad, pytree_fn, {"w": w, "b": b}, Y)
    assert_tree_close(numpy_of(ep.grad(pytree_fn)(params, y)), reference)
    both = ep.grad(pytree_fn, argnums=(0, 1))(params, y)
    expected = jax_reference(lambda f: jax.grad(f, argnums=(0, 1)), pytree_fn, {"w": w, "b": b}, Y)
    assert isinstance(both, tuple) and len(both) == 2
    assert_tree_close(numpy_of(both), expected)
    # a tuple of one position: a tuple of one gradient, as JAX's (for a pytree and a Tensor)
    one = ep.grad(pytree_fn, argnums=(0,))(params, y)
    assert isinstance(one, tuple) and len(one) == 1
    assert_tree_close(numpy_of(one[0]), reference)
    grads = ep.grad(lambda p: p.square().sum(), argnums=(0,))(params["w"])
    assert isinstance(grads, tuple) and len(grads) == 1
    (g_w,) = grads
    assert_tree_close(g_w.numpy(), 2 * w)

    def with_aux(p: Any, yy: Any) -> tuple[Any, Any]:
        return pytree_fn(p, yy), {"norm": p["w"].square().sum(), "tag": "kept"}

    g, aux = ep.grad(with_aux, has_aux=True)(params, y)
    assert_tree_close(numpy_of(g), reference)
    assert aux["tag"] == "kept" and float(aux["norm"].raw) == pytest.approx(float((w**2).sum()))

    # a pytree out of jacrev/jacfwd: the output's structure over the argument's
    def tree_out(p: Any) -> Any:
        return {"a": p["w"].sum(axis=0) * p["b"], "b": (p["b"] ** 2,)}

    for mode in ("jacrev", "jacfwd"):
        got = getattr(ep, mode)(tree_out)(params)
        want = jax_reference(getattr(jax, mode), tree_out, {"w": w, "b": b})
        assert_tree_close(numpy_of(got), want)


def test_vjp_and_jvp_of_pytrees_with_aux(grad_backend: str) -> None:
    a = make(grad_backend, X)
    b = make(grad_backend, np.array(2.0))

    def f(x: Any, s: Any) -> tuple[Any, Any]:
        return (x * s, (x * x).sum()), s * 10

    (o1, o2), pullback, aux = ep.vjp(f, a, b, has_aux=True)
    assert float(aux.raw) == 20.0
    assert_tree_close(o1.numpy(), 2 * X)
    assert float(o2.raw) == pytest.approx((X * X).sum())
    ga, gb = pullback((a.ones_like(), b.ones_like()))
    assert_tree_close(ga.numpy(), 2.0 + 2 * X)
    assert float(gb.raw) == pytest.approx(X.sum())
    (p1, p2), (t1, t2), aux2 = ep.jvp(f, (a, b), (a.ones_like(), b.zeros_like()), has_aux=True)
    assert_tree_close(p1.numpy(), 2 * X)
    assert float(p2.raw) == pytest.approx((X * X).sum()) and float(aux2.raw) == 20.0
    assert_tree_close(t1.numpy(), np.full(3, 2.0))
    assert float(t2.raw) == pytest.approx(2 * X.sum())


def test_jacobians_of_many_elements_build_their_basis_without_an_identity_matrix(
    grad_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``_EYE_UP_TO`` elements the one-hot vectors come one at a time (the identity
    matrix would not fit): the same Jacobians (the limit lowered here to test it)."""
    from eagerlite.transforms import _derivatives

    x = make(grad_backend, X)
    expected = ep.jacrev(matrix_out)(x).numpy()
    monkeypatch.setattr(_derivatives, "_EYE_UP_TO", 2)
    for mode in ("jacrev", "jacfwd"):
        assert_tree_close(getattr(ep, mode)(matrix_out)(x).numpy(), expected)


def test_unused_argument_gets_zeros(grad_backend: str) -> None:
    x = make(grad_backend, X)
    z = make(grad_backend, np.array([1.0, 2.0]))
    gx, gz = ep.grad(lambda p, q: (p * p).sum(), argnums=(0, 1))(x, z)
    assert_tree_close(gx.numpy(), 2 * X)
    assert_tree_close(gz.numpy(), np.zeros(2))
    jac = ep.jacrev(lambda p, q: p * 2.0, argnums=1)(x, z)
    assert_tree_close(jac.numpy(), np.zeros((3, 2)))


# ------------------------------------------------------------------ bad input
def test_numpy_has_no_derivatives() -> None:
    x = make("numpy", X)
    for call in (
        lambda: ep.grad(scalar)(x),
        lambda: ep.jacrev(vector)(x),
        lambda: ep.jacfwd(vector)(x),
        lambda: ep.hessian(scalar)(x),
        lambda: ep.vjp(vector, x),
        lambda: ep.jvp(vector, (x,), (x,)),
    ):
        with pytest.raises(ep.GradientNotSupportedError, match="NumPy"):
            call()


def test_bad_inputs(grad_backend: str) -> None:
    x = make(grad_backend, X)
    with pytest.raises(ValueError, match="scalar"):
        ep.grad(vector)(x)
    with pytest.raises(ValueError, match="argnums=2 needs 3 positional"):
        ep.grad(scalar, argnums=2)(x)
    with pytest.raises(TypeError, match="argnums must be an int or a tuple"):
        ep.jacrev(vector, argnums="0")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected the function"):
        ep.grad(x)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="native"):
        ep.grad(scalar)(x.raw)
    with pytest.raises(TypeError, match="floating point"):
        ep.jacrev(vector)(make(grad_backend, np.arange(3)))
    with pytest.raises(
        TypeError, match="the function's output must be a Tensor or a pytree of Tensors"
    ):
        ep.jacrev(lambda p: 3.0)(x)
    with pytest.raises(TypeError, match=r"output must be a Tensor or a pytree.*holds no Tensor"):
        ep.jacfwd(lambda p: [])(x)
    with pytest.raises(TypeError, match=r"\(output, aux\) tuple"):
        ep.jacrev(vector, has_aux=True)(x)
    with pytest.raises(TypeError, match="tuple"):
        ep.jvp(vector, x, x)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1 primal\\(s\\) and 2 tangent"):
        ep.jvp(vector, (x,), (x, x))
    with pytest.raises(ValueError, match="shape and dtype"):
        ep.jvp(vector, (x,), (x[:2],))
    _, pullback = ep.vjp(vector, x)
    with pytest.raises(ValueError, match="structure of the function's output"):
        pullback((x, x))
    with pytest.raises(ValueError, match="shape and dtype"):
        pullback(x[:2])
