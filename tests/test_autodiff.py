"""value_and_grad and friends on PyTorch, TensorFlow and JAX; NumPy refuses clearly.

Gradients are compared with analytic formulas or with central finite differences of
the same eagerlite function evaluated on NumPy in float64.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from conftest import check, make, numeric_grads

import eagerlite as ep

RNG = np.random.default_rng(0)
X = RNG.normal(size=(3, 4))  # float64, no ties, no zeros
W = RNG.normal(size=(3, 4))
M = RNG.normal(size=(4, 2))
POSITIVE = np.abs(X) + 0.5
LABELS = np.array([1, 3, 0])
TAKE = np.array([[0, 0, 3], [1, 2, 1], [3, 3, 3]])  # along axis 1
TAKE0 = np.array([[0, 2, 1, 1], [2, 2, 0, 1]])  # along axis 0


def onehot(labels: np.ndarray[Any, Any], n: int) -> np.ndarray[Any, Any]:
    return np.eye(n)[labels]


def softmax(x: np.ndarray[Any, Any], axis: int = -1) -> np.ndarray[Any, Any]:
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def linf_grad(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    g = np.zeros_like(x)
    i = np.unravel_index(np.argmax(np.abs(x)), x.shape)
    g[i] = np.sign(x[i])
    return g


def with_(backend: str, a: np.ndarray[Any, Any]) -> Any:
    """A constant tensor of ``backend`` (given to f through a closure)."""
    return make(backend, a)


# (id, input, f(x, backend) -> scalar, analytic gradient or None for finite differences)
CASES: list[tuple[str, np.ndarray[Any, Any], Callable[..., Any], Any]] = [
    ("sum_of_squares", X, lambda x, b: (x * x).sum(), 2 * X),
    ("square_mean", X, lambda x, b: x.square().mean(), 2 * X / X.size),
    ("l1", X, lambda x, b: ep.norms.l1(x), np.sign(X)),
    ("l2", X, lambda x, b: ep.norms.l2(x), X / np.sqrt((X**2).sum())),
    ("l2_method", X, lambda x, b: x.norms.l2(), X / np.sqrt((X**2).sum())),
    ("l2_axis", X, lambda x, b: ep.norms.l2(x, axis=1).sum(), None),
    ("linf", X, lambda x, b: ep.norms.linf(x), linf_grad(X)),
    ("lp3", X, lambda x, b: ep.norms.lp(x, 3), None),
    ("lp1.5_axis0", X, lambda x, b: ep.norms.lp(x, 1.5, axis=0).sum(), None),
    ("l2_at_zero", np.zeros((3, 4)), lambda x, b: ep.norms.l2(x), np.zeros((3, 4))),
    (
        "l2_zero_row",
        np.vstack([np.zeros(4), X[1:]]),
        lambda x, b: ep.norms.l2(x, axis=1).sum(),
        None,
    ),
    ("lp2_at_zero", np.zeros(5), lambda x, b: ep.norms.lp(x, 2), np.zeros(5)),
    (
        "softmax",
        X,
        lambda x, b: (x.softmax() * with_(b, W)).sum(),
        None,
    ),
    ("softmax_axis0", X, lambda x, b: (ep.softmax(x, axis=0) * with_(b, W)).sum(), None),
    ("log_softmax", X, lambda x, b: (x.log_softmax() * with_(b, W)).sum(), None),
    ("log_softmax_axis0", X, lambda x, b: (ep.log_softmax(x, 0) * with_(b, W)).sum(), None),
    (
        "crossentropy",
        X,
        lambda x, b: ep.crossentropy(x, with_(b, LABELS)).sum(),
        softmax(X) - onehot(LABELS, 4),
    ),
    ("crossentropy_fd", X, lambda x, b: (x.crossentropy(with_(b, LABELS)) ** 2).sum(), None),
    (
        "clip",
        X,
        lambda x, b: (ep.clip(x, -0.5, 0.5) ** 2).sum(),
        np.where(np.abs(X) < 0.5, 2 * X, 0.0),
    ),
    (
        "where",
        X,
        lambda x, b: ep.where(x > 0, x**2, 3 * x).sum(),
        np.where(X > 0, 2 * X, 3.0),
    ),
    (
        "where_scalar",
        X,
        lambda x, b: (x < 0).where(x, 0.0).sum(),
        (X < 0).astype(np.float64),
    ),
    ("maximum", X, lambda x, b: ep.maximum(x, 0.2).sum(), (X > 0.2).astype(np.float64)),
    (
        "minimum_tensor",
        X,
        lambda x, b: (ep.minimum(x, with_(b, W)) * with_(b, W)).sum(),
        np.where(X < W, W, 0.0),
    ),
    ("maximum_reversed", X, lambda x, b: ep.maximum(0.0, x).sum(), (X > 0).astype(np.float64)),
    (
        "take_along_axis",
        X,
        lambda x, b: x.take_along_axis(with_(b, TAKE), axis=1).sum(),
        np.stack([np.bincount(row, minlength=4) for row in TAKE]).astype(np.float64),
    ),
    (
        "take_along_axis_0",
        X,
        lambda x, b: (ep.take_along_axis(x, with_(b, TAKE0), axis=0) ** 2).sum(),
        None,
    ),
    (
        "index_update",
        X,
        lambda x, b: x.index_update(ep.index[:, 1], 0.0).square().sum(),
        np.where(np.arange(4) == 1, 0.0, 2 * X),
    ),
    (
        "index_update_values_from_x",
        X,
        lambda x, b: ep.index_update(x, ep.index[0], x[1] * 3).square().sum(),
        None,
    ),
    (
        "index_update_arrays",
        X,
        lambda x, b: (x.index_update(ep.index[[0, 2], [1, 3]], 1.0) * with_(b, W)).sum(),
        np.where(np.isin(np.arange(12).reshape(3, 4), [1, 11]), 0.0, W),
    ),
    ("matmul", X, lambda x, b: (x @ with_(b, M)).sum(), np.tile(M.sum(axis=1), (3, 1))),
    ("matmul_fd", X, lambda x, b: ep.matmul(x.T, x).square().sum(), None),
    ("exp", X, lambda x, b: x.exp().sum(), np.exp(X)),
    ("log", POSITIVE, lambda x, b: ep.log(x).sum(), 1 / POSITIVE),
    ("tanh", X, lambda x, b: x.tanh().sum(), 1 - np.tanh(X) ** 2),
    ("sqrt", POSITIVE, lambda x, b: ep.sqrt(x).sum(), 0.5 / np.sqrt(POSITIVE)),
    ("chain", X, lambda x, b: (x.exp() + 1).log().tanh().mean(), None),
    ("getitem", X, lambda x, b: (x[1:, ::2] ** 3).sum(), None),
]


@pytest.mark.parametrize("x,f,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_gradient(grad_backend: str, x: Any, f: Callable[..., Any], expected: Any) -> None:
    def loss(t: Any) -> Any:
        return f(t, grad_backend)

    value, grad = ep.value_and_grad(loss, make(grad_backend, x))
    check(value, f(ep.astensor(x.copy()), "numpy").numpy(), grad_backend)
    if expected is not None:
        check(grad, expected, grad_backend)
        return
    assert type(grad) is type(value)
    assert grad.numpy().dtype == np.float64 and grad.shape == x.shape
    (expected,) = numeric_grads(lambda a: f(ep.astensor(a[0]), "numpy").item(), [x])
    np.testing.assert_allclose(grad.numpy(), expected, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradient_keeps_dtype(grad_backend: str, dtype: Any) -> None:
    x = X.astype(dtype)
    value, grad = make(grad_backend, x).value_and_grad(lambda t: (t * t).sum())
    check(value, (x * x).sum(), grad_backend)
    check(grad, 2 * x, grad_backend)


def test_forms_agree(grad_backend: str) -> None:
    def f(t: Any) -> Any:
        return (t.exp() * t).sum()

    x = make(grad_backend, X)
    expected = (np.exp(X) * X + np.exp(X)), (np.exp(X) * X).sum()
    results = [
        ep.value_and_grad(f, x),
        x.value_and_grad(f),
        ep.value_and_grad_fn(x, f)(x),
        x.value_and_grad_fn(f)(x),
        x.value_and_grad_fn(f, has_aux=False)(x),
    ]
    for value, grad in results:
        check(value, expected[1], grad_backend)
        check(grad, expected[0], grad_backend)


def test_args_and_kwargs_are_passed(grad_backend: str) -> None:
    seen: list[tuple[Any, ...]] = []

    def f(t: Any, w: Any, power: int = 1, *, shift: float = 0.0) -> Any:
        seen.append((type(t), power, shift))
        return ((t * w) ** power).sum() + shift

    x, w = make(grad_backend, X), make(grad_backend, W)
    expected_grad = 2 * (X * W) * W
    expected_value = ((X * W) ** 2).sum() + 1.5
    for value, grad in [
        ep.value_and_grad(f, x, w, 2, shift=1.5),
        x.value_and_grad(f, w, power=2, shift=1.5),
        ep.value_and_grad_fn(x, f)(x, w, 2, shift=1.5),
    ]:
        check(value, expected_value, grad_backend)
        check(grad, expected_grad, grad_backend)
    assert seen and all(s == (type(x), 2, 1.5) for s in seen)


def test_other_input_than_the_one_that_picked_the_framework(grad_backend: str) -> None:
    picker = make(grad_backend, np.zeros(1))
    g = picker.value_and_grad_fn(lambda t: (t**3).sum())
    value, grad = g(make(grad_backend, X))
    check(value, (X**3).sum(), grad_backend)
    check(grad, 3 * X**2, grad_backend)


def test_value_aux_and_grad(grad_backend: str) -> None:
    def f(t: Any, scale: float) -> tuple[Any, Any]:
        y = t * scale
        return y.square().sum(), {"y": y, "n": 3}

    x = make(grad_backend, X)
    for value, aux, grad in [
        ep.value_aux_and_grad(f, x, 2.0),
        x.value_aux_and_grad(f, scale=2.0),
        ep.value_and_grad_fn(x, f, has_aux=True)(x, 2.0),
        x.value_and_grad_fn(f, True)(x, scale=2.0),
    ]:
        check(value, (4 * X**2).sum(), grad_backend)
        check(grad, 8 * X, grad_backend)
        assert aux["n"] == 3
        check(aux["y"], 2 * X, grad_backend)


def test_aux_tensor_has_no_gradient_tracking(grad_backend: str) -> None:
    x = make(grad_backend, X)
    _, aux, _ = x.value_aux_and_grad(lambda t: (t.sum(), t * 2))
    check(aux, X * 2, grad_backend)
    np.testing.assert_allclose(np.asarray(aux.numpy()), X * 2)


def test_loss_not_depending_on_input(grad_backend: str) -> None:
    x = make(grad_backend, X)
    c = make(grad_backend, np.array(2.0))
    value, grad = x.value_and_grad(lambda t: c * 3)
    check(value, np.array(6.0), grad_backend)
    check(grad, np.zeros_like(X), grad_backend)


def test_0d_input(grad_backend: str) -> None:
    value, grad = make(grad_backend, np.array(1.5)).value_and_grad(lambda t: t**3)
    check(value, np.array(1.5**3), grad_backend)
    check(grad, np.array(3 * 1.5**2), grad_backend)


@pytest.mark.parametrize(
    "f",
    [lambda t: t.sum(axis=0), lambda t: t.reshape(-1)[:1], lambda t: t],
    ids=["1d", "1elem", "2d"],
)
def test_loss_must_be_0d(grad_backend: str, f: Callable[..., Any]) -> None:
    x = make(grad_backend, X)
    with pytest.raises(ValueError, match="scalar"):
        ep.value_and_grad(f, x)
    with pytest.raises(ValueError, match="scalar"):
        x.value_aux_and_grad(lambda t: (f(t), None))


@pytest.mark.parametrize(
    "f",
    [lambda t: 1.0, lambda t: t.sum().raw, lambda t: t.sum().item(), lambda t: None],
    ids=["float", "native", "item", "none"],
)
def test_loss_must_be_a_tensor(grad_backend: str, f: Callable[..., Any]) -> None:
    x = make(grad_backend, X)
    with pytest.raises(TypeError, match="eagerlite Tensor"):
        x.value_and_grad(f)
    with pytest.raises(TypeError, match="eagerlite Tensor"):
        ep.value_aux_and_grad(lambda t: (f(t), 0), x)


def test_has_aux_needs_a_pair(grad_backend: str) -> None:
    x = make(grad_backend, X)
    with pytest.raises(TypeError, match="tuple"):
        ep.value_aux_and_grad(lambda t: t.sum(), x)
    with pytest.raises(TypeError, match="tuple"):
        x.value_and_grad_fn(lambda t: (t.sum(), 1, 2), has_aux=True)(x)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.bool_])
def test_integer_input_is_rejected(grad_backend: str, dtype: Any) -> None:
    x = make(grad_backend, np.arange(4).astype(dtype))
    match = "gradients need floating point tensors, but params is a .*Tensor of .*(int|bool)"
    with pytest.raises(TypeError, match=match):
        x.value_and_grad(lambda t: t.sum())
    with pytest.raises(TypeError, match=match):
        ep.value_aux_and_grad(lambda t: (t.sum(), None), x)
    with pytest.raises(TypeError, match=match):
        ep.value_and_grad_fn(x, lambda t: t.sum())(x)


def test_numpy_raises_gradient_not_supported() -> None:
    assert issubclass(ep.GradientNotSupportedError, NotImplementedError)
    assert issubclass(ep.GradientNotSupportedError, TypeError)
    x = make("numpy", X)
    calls = [
        lambda: ep.value_and_grad(lambda t: t.sum(), x),
        lambda: x.value_and_grad(lambda t: t.sum()),
        lambda: ep.value_aux_and_grad(lambda t: (t.sum(), None), x),
        lambda: x.value_aux_and_grad(lambda t: (t.sum(), None)),
        lambda: ep.value_and_grad_fn(x, lambda t: t.sum())(x),
        lambda: x.value_and_grad_fn(lambda t: t.sum(), has_aux=True)(x),
    ]
    for call in calls:
        with pytest.raises(ep.GradientNotSupportedError) as info:
            call()
        message = str(info.value)
        for name in ("PyTorch", "TensorFlow", "JAX"):
            assert name in message, message
    with pytest.raises(NotImplementedError):
        x.value_and_grad(lambda t: t.sum())
    with pytest.raises(TypeError):
        x.value_and_grad(lambda t: t.sum())


# ------------------------------------------------------------------------ torch
def test_torch_writes_no_grad_attribute() -> None:
    torch = pytest.importorskip("torch")
    raw = torch.tensor(X)
    param = torch.nn.Parameter(torch.tensor(W))
    x = ep.astensor(raw)
    value, grad = x.value_and_grad(lambda t: (t * ep.astensor(param)).square().sum())
    check(grad, 2 * X * W**2, "torch")
    check(value, ((X * W) ** 2).sum(), "torch")
    assert raw.grad is None and not raw.requires_grad
    assert param.grad is None
    assert not value.raw.requires_grad


def test_torch_parameter_as_input_keeps_grad_none() -> None:
    torch = pytest.importorskip("torch")
    param = torch.nn.Parameter(torch.tensor(X))
    other = torch.nn.Parameter(torch.tensor(W))
    value, aux, grad = ep.value_aux_and_grad(
        lambda t: ((t * ep.astensor(other)).sum(), t * 1), ep.astensor(param)
    )
    check(aux, X, "torch")
    check(grad, W, "torch")
    check(value, (X * W).sum(), "torch")
    assert param.grad is None and other.grad is None
    assert param.requires_grad  # the caller's tensor is left as it was


def test_torch_existing_grad_is_not_touched() -> None:
    torch = pytest.importorskip("torch")
    param = torch.nn.Parameter(torch.tensor(X))
    param.grad = torch.ones_like(param)
    ep.astensor(param).value_and_grad(lambda t: t.square().sum())
    np.testing.assert_array_equal(param.grad.numpy(), np.ones_like(X))


def test_torch_under_no_grad() -> None:
    torch = pytest.importorskip("torch")
    x = ep.astensor(torch.tensor(X))
    with torch.no_grad():
        value, grad = x.value_and_grad(lambda t: t.exp().sum())
        g = x.value_and_grad_fn(lambda t: (t.square().sum(), t), has_aux=True)
        value2, _, grad2 = g(x)
    check(value, np.exp(X).sum(), "torch")
    check(grad, np.exp(X), "torch")
    check(grad2, 2 * X, "torch")
    check(value2, (X**2).sum(), "torch")


def test_jax_inside_jit() -> None:
    jax = pytest.importorskip("jax")
    f = jax.jit(lambda raw: ep.astensor(raw).value_and_grad(lambda t: (t**2).sum())[1].raw)
    np.testing.assert_allclose(np.asarray(f(jax.numpy.asarray(X))), 2 * X)


def test_tensorflow_inside_tf_function() -> None:
    tf = pytest.importorskip("tensorflow")
    f = tf.function(lambda raw: ep.astensor(raw).value_and_grad(lambda t: (t**2).sum())[1].raw)
    np.testing.assert_allclose(f(tf.constant(X)).numpy(), 2 * X)


def test_torch_aux_is_detached() -> None:
    torch = pytest.importorskip("torch")
    x = ep.astensor(torch.ones(3))
    _, aux, _ = ep.value_aux_and_grad(lambda t: ((t * t).sum(), {"y": [t * 2]}), x)
    assert not aux["y"][0].raw.requires_grad


def test_torch_from_numpy_copies_read_only_arrays() -> None:
    torch = pytest.importorskip("torch")
    ref = ep.astensor(torch.zeros(1))
    a = np.arange(3.0)
    a.flags.writeable = False
    t = ref.from_numpy(a)
    t.raw += 1  # a torch tensor is writable; the read-only array must stay unchanged
    np.testing.assert_array_equal(a, [0.0, 1.0, 2.0])
