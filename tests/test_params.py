"""Gradients over parameter structures: pytrees of Tensors, ``argnums``, ``stop_gradient``.

A 2-layer MLP's weights as a tuple, a list and a (nested) dict, on torch, TensorFlow and
JAX in float64, against gradients derived by hand (backpropagation in NumPy) and
against central finite differences.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import CLASS_NAMES, INSTALLED, check, make, native, numeric_grads

import eagerlite as ep

RNG = np.random.default_rng(3)
X = RNG.normal(size=(5, 3))
Y = RNG.normal(size=(5, 2))
W1, B1 = RNG.normal(size=(3, 4)), RNG.normal(size=4)
W2, B2 = RNG.normal(size=(4, 2)), RNG.normal(size=2)


def mlp_loss(w1: Any, b1: Any, w2: Any, b2: Any, x: Any, y: Any) -> Any:
    hidden = (x @ w1 + b1).tanh()
    return ((hidden @ w2 + b2 - y) ** 2).mean()


def mlp_grads() -> tuple[Any, Any, Any, Any, Any]:
    """The loss and d loss / d (w1, b1, w2, b2), by backpropagation in NumPy."""
    pre = X @ W1 + B1
    hidden = np.tanh(pre)
    err = hidden @ W2 + B2 - Y
    loss = (err**2).mean()
    d_out = 2 * err / err.size
    d_w2, d_b2 = hidden.T @ d_out, d_out.sum(axis=0)
    d_pre = (d_out @ W2.T) * (1 - hidden**2)
    return loss, X.T @ d_pre, d_pre.sum(axis=0), d_w2, d_b2


LOSS, *GRADS = mlp_grads()

# the same weights in each structure, and the loss written for it
STRUCTURES: dict[str, Any] = {
    "tuple": (
        lambda b: tuple(make(b, a) for a in (W1, B1, W2, B2)),
        lambda p, x, y: mlp_loss(*p, x, y),
        lambda g: tuple(g),
    ),
    "list": (
        lambda b: [make(b, a) for a in (W1, B1, W2, B2)],
        lambda p, x, y: mlp_loss(*p, x, y),
        lambda g: list(g),
    ),
    "dict": (
        lambda b: {"w1": make(b, W1), "b1": make(b, B1), "w2": make(b, W2), "b2": make(b, B2)},
        lambda p, x, y: mlp_loss(p["w1"], p["b1"], p["w2"], p["b2"], x, y),
        lambda g: dict(zip(["w1", "b1", "w2", "b2"], g, strict=True)),
    ),
    "nested": (  # layers as a list of dicts
        lambda b: [{"w": make(b, W1), "b": make(b, B1)}, {"w": make(b, W2), "b": make(b, B2)}],
        lambda p, x, y: mlp_loss(p[0]["w"], p[0]["b"], p[1]["w"], p[1]["b"], x, y),
        lambda g: [{"w": g[0], "b": g[1]}, {"w": g[2], "b": g[3]}],
    ),
}


def leaves(tree: Any) -> list[Any]:
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in leaves(item)]
    if isinstance(tree, dict):
        return [leaf for item in tree.values() for leaf in leaves(item)]
    return [tree]


def check_tree(got: Any, expected: Any, backend: str) -> None:
    """``got`` has ``expected``'s structure (types, keys), with Tensors equal to its arrays."""
    if isinstance(expected, (list, tuple, dict)):
        assert type(got) is type(expected), (type(got), type(expected))
    if isinstance(expected, dict):
        assert list(got) == list(expected)
        for key in expected:
            check_tree(got[key], expected[key], backend)
    elif isinstance(expected, (list, tuple)):
        assert len(got) == len(expected)
        for g, e in zip(got, expected, strict=True):
            check_tree(g, e, backend)
    else:
        check(got, expected, backend)


@pytest.mark.parametrize("structure", list(STRUCTURES))
def test_mlp_gradients_by_structure(grad_backend: str, structure: str) -> None:
    build, loss, shape_like = STRUCTURES[structure]
    params, x, y = build(grad_backend), make(grad_backend, X), make(grad_backend, Y)
    expected = shape_like([np.asarray(g) for g in GRADS])  # params' structure, NumPy leaves
    for value, grad in [
        ep.value_and_grad(loss, params, x, y),
        ep.value_and_grad_fn(params, loss)(params, x, y),
    ]:
        check(value, LOSS, grad_backend)
        check_tree(grad, expected, grad_backend)
    value, aux, grad = ep.value_aux_and_grad(lambda p: (loss(p, x, y), {"n": 1}), params)
    check(value, LOSS, grad_backend)
    check_tree(grad, expected, grad_backend)
    value, aux, grad = ep.value_and_grad_fn(params, lambda p: (loss(p, x, y), p), has_aux=True)(
        params
    )
    check_tree(aux, shape_like([W1, B1, W2, B2]), grad_backend)
    check_tree(grad, expected, grad_backend)


def test_nested_gradients_match_finite_differences(grad_backend: str) -> None:
    def loss(p: Any, x: Any) -> Any:
        (w1, b1), layer2 = p["layers"]
        return ((x @ w1 + b1).sin() @ layer2["w"]).exp().mean() + (p["scale"] * w1).square().sum()

    def build(t: list[Any]) -> Any:
        return {"layers": [(t[0], t[1]), {"w": t[2], "unused": None}], "scale": t[3]}

    arrays = [W1, B1, W2, np.array(0.3)]
    params = build([make(grad_backend, a) for a in arrays])
    value, grad = ep.value_and_grad(loss, params, make(grad_backend, X))
    expected = numeric_grads(
        lambda a: loss(build([ep.astensor(b) for b in a]), ep.astensor(X)).item(), arrays
    )
    got = [grad["layers"][0][0], grad["layers"][0][1], grad["layers"][1]["w"], grad["scale"]]
    assert grad["layers"][1]["unused"] is None  # a None leaf gets a None gradient
    assert type(grad["layers"][0]) is tuple and list(grad["layers"][1]) == ["w", "unused"]
    for g, e in zip(got, expected, strict=True):
        assert type(g).__name__ == CLASS_NAMES[grad_backend]
        np.testing.assert_allclose(g.numpy(), e, rtol=1e-6, atol=1e-8)
    expected_value = loss(build([ep.astensor(a) for a in arrays]), ep.astensor(X))
    check(value, expected_value.numpy(), grad_backend)


# ------------------------------------------------------------------ argnums
def test_argnums(grad_backend: str) -> None:
    w, x = make(grad_backend, W1), make(grad_backend, X)

    def f(w: Any, x: Any, power: int = 2) -> Any:
        return ((x @ w) ** power).sum()

    xw = X @ W1
    d_w, d_x = X.T @ (2 * xw), (2 * xw) @ W1.T
    value, grad = ep.value_and_grad(f, w, x, argnums=1)
    check(value, (xw**2).sum(), grad_backend)
    check(grad, d_x, grad_backend)
    value, grads = ep.value_and_grad(f, w, x, argnums=(0, 1))
    assert type(grads) is tuple and len(grads) == 2
    check(grads[0], d_w, grad_backend)
    check(grads[1], d_x, grad_backend)
    _, (g_x, g_w) = ep.value_and_grad(f, w, x, argnums=(1, 0))  # in the order asked
    check(g_x, d_x, grad_backend)
    check(g_w, d_w, grad_backend)
    _, aux, grad = ep.value_aux_and_grad(lambda w, x: (f(w, x), "aux"), w, x, argnums=1)
    assert aux == "aux"
    check(grad, d_x, grad_backend)
    for g in (ep.value_and_grad_fn(w, f, argnums=(0, 1)), w.value_and_grad_fn(f, argnums=(0, 1))):
        _, (g_w, g_x) = g(w, x)
        check(g_w, d_w, grad_backend)
        check(g_x, d_x, grad_backend)
    _, grad = ep.value_and_grad(f, w, x, 3, argnums=1)  # non-tensor arguments pass through
    check(grad, (3 * xw**2) @ W1.T, grad_backend)


def test_argnums_with_a_pytree(grad_backend: str) -> None:
    params = {"w1": make(grad_backend, W1), "b1": make(grad_backend, B1)}
    x = make(grad_backend, X)

    def f(x: Any, p: Any) -> Any:
        return (x @ p["w1"] + p["b1"]).tanh().sum()

    _, (g_x, g_p) = ep.value_and_grad(f, x, params, argnums=(0, 1))
    d_pre = 1 - np.tanh(X @ W1 + B1) ** 2
    check(g_x, d_pre @ W1.T, grad_backend)
    check_tree(g_p, {"w1": X.T @ d_pre, "b1": d_pre.sum(axis=0)}, grad_backend)


# --------------------------------------- the same tensor reaching the tape twice
def test_same_tensor_twice_is_two_arguments(grad_backend: str) -> None:
    """d/da (a * b).sum() at a = b = t is t: the second use of t is another argument."""
    t = make(grad_backend, X)
    _, grad = ep.value_and_grad(lambda a, b: (a * b).sum(), t, t)
    check(grad, X, grad_backend)
    _, grad = ep.value_and_grad(lambda a: (a * t).sum(), t)  # closed over: a constant
    check(grad, X, grad_backend)
    _, grads = ep.value_and_grad(lambda p: (p[0] * p[1] ** 2).sum(), (t, t))  # tied leaves
    check(grads[0], X**2, grad_backend)
    check(grads[1], 2 * X * X, grad_backend)
    _, grads = ep.value_and_grad(lambda a, b: (a * b).sum(), t, t, argnums=(0, 1))
    check(grads[0], X, grad_backend)
    check(grads[1], X, grad_backend)


def test_tf_variable_as_parameter() -> None:
    tf = pytest.importorskip("tensorflow")
    v = tf.Variable(X)
    params = {"v": ep.astensor(v), "w": ep.astensor(tf.constant(W1))}
    _, grad = ep.value_and_grad(lambda p: (p["v"] @ p["w"]).sum() + p["v"].sum(), params)
    check(grad["v"], np.ones((5, 4)) @ W1.T + 1, "tensorflow")
    check(grad["w"], X.T @ np.ones((5, 4)), "tensorflow")


def test_torch_parameters_keep_grad_none() -> None:
    torch = pytest.importorskip("torch")
    w = torch.nn.Parameter(torch.tensor(W1))
    b = torch.nn.Parameter(torch.tensor(B1))
    _, grad = ep.value_and_grad(
        lambda p, x: (x @ p[0] + p[1]).sum(), ep.astensors(w, b), ep.astensor(torch.tensor(X))
    )
    check(grad[1], np.full(4, 5.0), "torch")
    assert w.grad is None and b.grad is None and w.requires_grad


# ----------------------------------------------------------------- stop_gradient
def test_stop_gradient(backend: str) -> None:
    x = make(backend, X)
    check(x.stop_gradient(), X, backend)
    check(ep.stop_gradient(x), X, backend)
    if backend == "numpy":
        return
    _, grad = ep.value_and_grad(lambda t: (t * t.stop_gradient()).sum(), x)
    check(grad, X, backend)  # d/dt t * c = c, not 2 t
    _, grad = ep.value_and_grad(lambda t: ep.stop_gradient(t.exp()).sum() + t.sum(), x)
    check(grad, np.ones_like(X), backend)


# ------------------------------------------------------------------ bad input
def test_params_mixing_frameworks() -> None:
    others = [b for b in ("torch", "jax", "tensorflow") if b in INSTALLED]
    if len(others) < 2:
        pytest.skip("needs two frameworks with autodiff")
    a, b = make(others[0], W1), make(others[1], W1)
    pattern = rf"mix {CLASS_NAMES[others[0]]} \(params\[0\]\) and {CLASS_NAMES[others[1]]}"
    with pytest.raises(TypeError, match=pattern + r" \(params\[1\]\['w'\]\)"):
        ep.value_and_grad(lambda p: p[0].sum(), (a, {"w": b}))
    with pytest.raises(TypeError, match="one framework"):
        ep.value_and_grad_fn((a, b), lambda p: p[0].sum())
    with pytest.raises(TypeError, match="mix"):  # a function made for one framework
        a.value_and_grad_fn(lambda t: t.sum())(b)


def test_native_leaf_says_to_wrap(grad_backend: str) -> None:
    raw = native(grad_backend, W1)
    ok = make(grad_backend, W1)
    with pytest.raises(TypeError, match=r"params\['b'\] is a native .*: wrap it with ep.astensor"):
        ep.value_and_grad(lambda p: p["w"].sum(), {"w": ok, "b": raw})
    with pytest.raises(TypeError, match=r"params is a native .*wrap it with ep.astensor"):
        ep.value_and_grad(lambda t: t.sum(), raw)
    with pytest.raises(TypeError, match=r"wrap it with ep.astensor"):
        ep.value_and_grad_fn([ok, raw], lambda p: p[0].sum())


@pytest.mark.parametrize("leaf", [0.5, "w", object()], ids=["float", "str", "object"])
def test_non_tensor_leaf(grad_backend: str, leaf: Any) -> None:
    params = [make(grad_backend, W1), leaf]
    with pytest.raises(TypeError, match=r"params\[1\] is .*, not a Tensor: parameters are"):
        ep.value_and_grad(lambda p: p[0].sum(), params)


def test_integer_leaf(grad_backend: str) -> None:
    params = {"w": make(grad_backend, W1), "steps": make(grad_backend, np.arange(3))}
    with pytest.raises(TypeError, match=r"floating point tensors, but params\['steps'\] is a"):
        ep.value_and_grad(lambda p: p["w"].sum(), params)


def test_non_scalar_loss_with_a_pytree(grad_backend: str) -> None:
    params = (make(grad_backend, W1), make(grad_backend, B1))
    with pytest.raises(ValueError, match=r"scalar \(0-d\) tensor, got shape \(4,\)"):
        ep.value_and_grad(lambda p: p[0].sum(axis=0) + p[1], params)


def test_swapped_arguments(grad_backend: str) -> None:
    t = make(grad_backend, W1)

    def f(u: Any) -> Any:
        return u.sum()

    with pytest.raises(
        TypeError, match=r"expected the function to differentiate, got an eagerlite.\w+Tensor"
    ):
        ep.value_and_grad(t, f)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"function comes first"):
        ep.value_aux_and_grad(t, f)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"takes the parameters first, then the function"):
        ep.value_and_grad_fn(f, t)  # type: ignore[arg-type]


def test_no_tensor_to_differentiate(grad_backend: str) -> None:
    with pytest.raises(ValueError, match="hold no Tensor"):
        ep.value_and_grad(lambda p: p, ())
    with pytest.raises(ValueError, match="hold no Tensor"):
        ep.value_and_grad(lambda p: p, {"a": None})


@pytest.mark.parametrize(
    ("argnums", "error", "match"),
    [
        (2, ValueError, r"argnums=2 needs 3 positional argument\(s\), got 2"),
        ((0, 0), ValueError, "distinct"),
        ((), ValueError, "distinct"),
        (-1, ValueError, "distinct"),
        ([0, 1], TypeError, "an int or a tuple of ints"),
        ("0", TypeError, "an int or a tuple of ints"),
    ],
)
def test_bad_argnums(grad_backend: str, argnums: Any, error: type, match: str) -> None:
    t = make(grad_backend, W1)
    with pytest.raises(error, match=match):
        ep.value_and_grad(lambda a, b: (a * b).sum(), t, t, argnums=argnums)


def test_numpy_pytree_raises_gradient_not_supported() -> None:
    params = (make("numpy", W1), make("numpy", B1))
    with pytest.raises(ep.GradientNotSupportedError):
        ep.value_and_grad(lambda p: p[0].sum(), params)
    with pytest.raises(ep.GradientNotSupportedError):
        ep.value_and_grad_fn(params, lambda p: p[0].sum())
