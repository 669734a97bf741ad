"""The standard's functions and eagerlite's beyond it, as methods and ``ep.`` functions.

Every case runs on the four backends against NumPy (values, shape, dtype, type), for
0-d, empty and ordinary inputs; gradients of the differentiable ones against finite
differences of the NumPy reference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from conftest import check, make, numeric_grads
from scipy import special

import eagerlite as ep

RNG = np.random.default_rng(20261201)
UNIT = np.array([[-0.9, -0.25, 0.0], [0.3, 0.5, 0.75]])  # inside (-1, 1)
POS = np.array([[1.5, 2.0, 3.25], [1.25, 4.0, 9.0]])  # above 1
WIDE = np.array([[-30.0, -2.5, 0.0], [0.7, 3.0, 40.0]])


def _sigmoid(a: Any) -> Any:
    return 1 / (1 + np.exp(-a))


def _softplus(a: Any) -> Any:
    return np.logaddexp(a, 0.0)


# name, input, NumPy reference
UNARY = [
    ("acos", UNIT, np.arccos),
    ("asin", UNIT, np.arcsin),
    ("atan", WIDE, np.arctan),
    ("acosh", POS, np.arccosh),
    ("asinh", WIDE, np.arcsinh),
    ("atanh", UNIT, np.arctanh),
    ("expm1", UNIT, np.expm1),
    ("isfinite", np.array([1.0, np.inf, -np.inf, np.nan]), np.isfinite),
    ("negative", WIDE, np.negative),
    ("positive", WIDE, np.positive),
    ("reciprocal", POS, np.reciprocal),
    ("signbit", np.array([-0.0, 0.0, -1.0, 2.0]), np.signbit),
    ("trunc", WIDE, np.trunc),
    ("conj", WIDE, np.conj),
    ("real", WIDE, np.real),
    ("imag", WIDE, np.imag),
    ("sigmoid", WIDE, _sigmoid),
    ("log_sigmoid", WIDE, lambda a: -_softplus(-a)),
    ("softplus", WIDE, _softplus),
    ("relu", WIDE, lambda a: np.maximum(a, 0)),
    ("erf", WIDE / 10, special.erf),
]
DIFFERENTIABLE = {
    "acos", "asin", "atan", "acosh", "asinh", "atanh", "expm1", "negative", "reciprocal",
    "sigmoid", "log_sigmoid", "softplus", "erf",
}  # fmt: skip


@pytest.mark.parametrize(("name", "a", "ref"), UNARY, ids=[c[0] for c in UNARY])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_unary(backend: str, name: str, a: Any, ref: Callable[[Any], Any], dtype: str) -> None:
    a = a.astype(dtype)
    expected = ref(a)
    x = make(backend, a)
    check(getattr(x, name)(), expected, backend)
    check(getattr(ep, name)(x), expected, backend)
    zero_d = make(backend, a.reshape(-1)[1])
    check(getattr(zero_d, name)(), ref(a.reshape(-1)[1]), backend)
    empty = make(backend, np.zeros((0, 2), dtype))
    check(getattr(empty, name)(), ref(np.zeros((0, 2), dtype)), backend)


@pytest.mark.parametrize("name", ["sigmoid", "softplus", "log_sigmoid", "erf", "logsumexp"])
def test_integers_give_the_default_float(backend: str, name: str) -> None:
    x = make(backend, np.array([-2, 0, 3], np.int32))
    result = getattr(x, name)()
    assert ep.isdtype(result.dtype, "real floating")


def test_complex_parts(backend: str) -> None:
    a = np.array([1 + 2j, -3.5 - 0.5j], np.complex64)
    x = make(backend, a)
    check(x.real(), a.real, backend)
    check(ep.imag(x), a.imag, backend)
    check(x.conj(), np.conj(a), backend)


def test_bitwise_invert(backend: str) -> None:
    a = np.array([0, 5, -3], np.int16)
    check(make(backend, a).bitwise_invert(), ~a, backend)
    check(ep.bitwise_invert(make(backend, a > 0)), ~(a > 0), backend)


BINARY = [
    ("add", np.add),
    ("subtract", np.subtract),
    ("multiply", np.multiply),
    ("divide", np.divide),
    ("floor_divide", np.floor_divide),
    ("remainder", np.remainder),
    ("atan2", np.arctan2),
    ("copysign", np.copysign),
    ("hypot", np.hypot),
    ("logaddexp", np.logaddexp),
    ("nextafter", np.nextafter),
    ("equal", np.equal),
    ("not_equal", np.not_equal),
    ("greater", np.greater),
    ("greater_equal", np.greater_equal),
    ("less", np.less),
    ("less_equal", np.less_equal),
]
X1 = np.array([[1.5, -2.0, 3.0], [0.25, 4.0, -7.5]])
X2 = np.array([2.0, -0.5, 3.0])


@pytest.mark.parametrize(("name", "ref"), BINARY, ids=[c[0] for c in BINARY])
def test_binary(backend: str, name: str, ref: Callable[..., Any]) -> None:
    a, b = X1.astype(np.float32), X2.astype(np.float32)
    x, y = make(backend, a), make(backend, b)
    check(getattr(x, name)(y), ref(a, b), backend)
    check(getattr(ep, name)(x, y), ref(a, b), backend)
    # a Python scalar on either side keeps the tensor's dtype (the standard's weak scalars)
    check(getattr(ep, name)(x, 2.0), ref(a, np.float32(2.0)), backend)
    check(getattr(ep, name)(3.0, y), ref(np.float32(3.0), b), backend)


@pytest.mark.parametrize(
    ("name", "ref"),
    [
        ("bitwise_and", np.bitwise_and),
        ("bitwise_or", np.bitwise_or),
        ("bitwise_xor", np.bitwise_xor),
        ("bitwise_left_shift", np.left_shift),
        ("bitwise_right_shift", np.right_shift),
        ("logical_xor", np.logical_xor),
    ],
)
def test_integer_binary(backend: str, name: str, ref: Callable[..., Any]) -> None:
    a, b = np.array([12, 7, 0, 5], np.int32), np.array([1, 2, 3, 0], np.int32)
    if name == "logical_xor":
        a, b = a > 4, b > 1
    check(getattr(make(backend, a), name)(make(backend, b)), ref(a, b), backend)
    check(getattr(ep, name)(make(backend, a), make(backend, b)), ref(a, b), backend)


def test_binary_needs_a_tensor() -> None:
    with pytest.raises(TypeError, match=r"ep\.subtract needs an eagerlite Tensor"):
        ep.subtract(1, 2)  # type: ignore[misc]


# ----------------------------------------------------------------- statistics
A = RNG.normal(size=(3, 4))


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1), -1])
@pytest.mark.parametrize("correction", [0.0, 1.0])
def test_std_var(backend: str, axis: Any, correction: float) -> None:
    x = make(backend, A)
    for name, ref in (("std", np.std), ("var", np.var)):
        expected = ref(A, axis=axis, ddof=correction)
        check(getattr(x, name)(axis, correction=correction), expected, backend)
        check(getattr(ep, name)(x, axis=axis, correction=correction), expected, backend)
        kept = ref(A, axis=axis, ddof=correction, keepdims=True)
        check(getattr(x, name)(axis=axis, correction=correction, keepdims=True), kept, backend)


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_median_quantile_logsumexp(backend: str, axis: Any, keepdims: bool) -> None:
    x = make(backend, A)
    check(x.median(axis, keepdims), np.median(A, axis=axis, keepdims=keepdims), backend)
    for q in (0.0, 0.3, 1.0, [0.1, 0.5, 0.9]):
        expected = np.quantile(A, q, axis=axis, keepdims=keepdims)
        check(ep.quantile(x, q, axis=axis, keepdims=keepdims), expected, backend)
    expected = special.logsumexp(A, axis=axis, keepdims=keepdims)
    check(ep.logsumexp(x, axis=axis, keepdims=keepdims), expected, backend)


@pytest.mark.parametrize("method", ["linear", "lower", "higher", "nearest", "midpoint"])
def test_quantile_methods(backend: str, method: str) -> None:
    x = make(backend, A)
    for q in (0.25, 0.5, [0.0, 0.7]):
        expected = np.quantile(A, q, axis=1, method=method)
        check(x.quantile(q, 1, method=method), expected, backend)


def test_median_and_quantile_of_nan_infinities_and_integers(backend: str) -> None:
    a = np.array([[1.0, np.nan, 3.0], [0.5, np.inf, -np.inf]])
    check(make(backend, a).median(axis=1), np.median(a, axis=1), backend)
    q = np.quantile(a, [0.25, 0.5], axis=1)
    check(make(backend, a).quantile(make(backend, np.array([0.25, 0.5])), axis=1), q, backend)
    ints = np.array([4, 1, 3, 2])
    check(make(backend, ints).median(), np.median(ints), backend, dtype="kind")
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        make(backend, A).quantile(1.5)
    with pytest.raises(ValueError, match="method"):
        make(backend, A).quantile(0.5, method="weird")


def test_logsumexp_extremes(backend: str) -> None:
    a = np.array([[1000.0, 1000.0], [-np.inf, -np.inf], [-1000.0, 0.0]])
    with np.errstate(divide="ignore"):
        expected = special.logsumexp(a, axis=1)
    check(make(backend, a).logsumexp(axis=1), expected, backend)
    check(make(backend, np.float64(2.0)).logsumexp(), np.float64(2.0), backend)


def test_cumulative(backend: str) -> None:
    x = make(backend, A)
    check(x.cumulative_sum(1), np.cumulative_sum(A, axis=1), backend)
    check(ep.cumulative_prod(x, axis=0), np.cumulative_prod(A, axis=0), backend)
    expected = np.cumulative_sum(A, axis=1, include_initial=True)
    check(ep.cumulative_sum(x, axis=1, include_initial=True), expected, backend)
    ints = make(backend, np.array([1, 2, 3], np.int32))
    check(ints.cumulative_sum(dtype=ep.int64), np.array([1, 3, 6]), backend)


def test_diff(backend: str) -> None:
    x = make(backend, A)
    check(x.diff(), np.diff(A), backend)
    check(ep.diff(x, axis=0, n=2), np.diff(A, axis=0, n=2), backend)
    pre = make(backend, A[:, :1])
    check(x.diff(prepend=pre), np.diff(A, prepend=A[:, :1]), backend)


# ------------------------------------------------------------- manipulation
def test_manipulation(backend: str) -> None:
    a = np.arange(24.0).reshape(2, 3, 4)
    x = make(backend, a)
    check(x.moveaxis(0, -1), np.moveaxis(a, 0, -1), backend)
    check(ep.moveaxis(x, (0, 1), (2, 0)), np.moveaxis(a, (0, 1), (2, 0)), backend)
    check(ep.permute_dims(x, (2, 0, 1)), np.transpose(a, (2, 0, 1)), backend)
    check(x.swapaxes(0, 2), np.swapaxes(a, 0, 2), backend)
    check(ep.swapaxes(x, -1, 1), np.swapaxes(a, -1, 1), backend)
    check(x.broadcast_to((5, 2, 3, 4)), np.broadcast_to(a, (5, 2, 3, 4)), backend)
    check(ep.roll(x, 1, axis=2), np.roll(a, 1, axis=2), backend)
    check(x.roll((1, -1), axis=(0, 1)), np.roll(a, (1, -1), axis=(0, 1)), backend)
    check(ep.repeat(x, 2, axis=1), np.repeat(a, 2, axis=1), backend)
    check(x.repeat(make(backend, np.array([1, 0])), axis=0), np.repeat(a, [1, 0], axis=0), backend)
    for got, want in zip(x.unstack(axis=1), [a[:, i] for i in range(3)], strict=True):
        check(got, want, backend)
    check(ep.concat([x, x], axis=2), np.concatenate([a, a], axis=2), backend)
    check(ep.concat([x, x], axis=None), np.concatenate([a, a], axis=None), backend)
    b1, b2 = ep.broadcast_arrays(make(backend, a[:1]), make(backend, a[0, :, :1]))
    check(b1, np.broadcast_to(a[:1], (1, 3, 4)), backend)
    check(b2, np.broadcast_to(a[0, :, :1], (1, 3, 4)), backend)
    assert ep.broadcast_shapes((2, 1), (3,), ()) == (2, 3)
    with pytest.raises(ValueError, match="broadcast"):
        ep.broadcast_shapes((2,), (3,))


@pytest.mark.parametrize("how", [3, [1, 2], (0, 5), [2, 2]])
def test_split(backend: str, how: Any) -> None:
    a = np.arange(18.0).reshape(3, 6)
    parts = ep.split(make(backend, a), how, axis=1)
    expected = np.split(a, how, axis=1)
    assert isinstance(parts, list) and len(parts) == len(expected)
    for got, want in zip(parts, expected, strict=True):
        check(got, want, backend)
    with pytest.raises(ValueError, match="equal"):
        make(backend, a).split(4, axis=1)


def test_tril_triu_eye_linspace_empty(backend: str) -> None:
    a = np.arange(1.0, 13.0).reshape(3, 4).astype(np.float32)
    x = make(backend, a)
    check(x.tril(), np.tril(a), backend)
    check(ep.triu(x, k=1), np.triu(a, k=1), backend)
    check(ep.eye(x, 3), np.eye(3, dtype=np.float32), backend)
    check(x.eye(2, 3, k=1, dtype=ep.int32), np.eye(2, 3, k=1, dtype=np.int32), backend)
    check(ep.linspace(x, 0, 1, 5), np.linspace(0, 1, 5, dtype=np.float32), backend)
    expected = np.linspace(0, 1, 4, endpoint=False, dtype=np.float64)
    check(ep.linspace(x, 0, 1, 4, endpoint=False, dtype=ep.float64), expected, backend)
    ints = make(backend, np.array([1, 2], np.int64))
    assert ep.isdtype(ints.linspace(0, 1, 3).dtype, "real floating")  # (the default float)
    assert ep.empty(x, (2, 3)).shape == (2, 3) and ep.empty_like(x).shape == (3, 4)
    assert ep.empty(x, 2, dtype=ep.int8).dtype == ep.int8
    check(ep.asarray(x, [[1, 2]]), np.asarray([[1, 2]]), backend, dtype="kind")
    check(x.asarray([1.5], dtype=ep.float32), np.array([1.5], np.float32), backend)
    check(x.asarray(make("numpy", a)), a, backend)
    check(ep.from_dlpack(x, np.arange(3.0)), np.arange(3.0), backend)


# ------------------------------------------------------- searching, sets, misc
def test_searching_and_sets(backend: str) -> None:
    a = np.array([3, 1, 2, 3, 0, 1])
    x = make(backend, a)
    check(x.count_nonzero(), np.count_nonzero(a), backend, dtype="kind")
    (nz,) = x.nonzero()
    check(nz, np.nonzero(a)[0], backend, dtype="kind")
    # (the standard leaves the order of the unique values open: NumPy 2 does not sort them)
    values = x.unique_values()
    check(ep.sort(values), np.unique(a), backend)
    counts = ep.unique_counts(x)
    found = dict(zip(counts.values.numpy().tolist(), counts.counts.numpy().tolist(), strict=True))
    assert found == {0: 1, 1: 2, 2: 1, 3: 2}
    inverse = x.unique_inverse()
    check(inverse.values[inverse.inverse_indices], a, backend)
    everything = ep.unique_all(x)
    check(x[everything.indices], everything.values.numpy(), backend)
    check(everything.values[everything.inverse_indices], a, backend)
    check(x.isin(make(backend, np.array([1, 3]))), np.isin(a, [1, 3]), backend)
    check(ep.isin(x, make(backend, np.array([1])), invert=True), ~np.isin(a, [1]), backend)
    s = make(backend, np.array([0.0, 1.0, 2.5, 4.0]))
    v = make(backend, np.array([-1.0, 1.0, 3.0]))
    check(
        s.searchsorted(v),
        np.searchsorted([0.0, 1.0, 2.5, 4.0], [-1.0, 1.0, 3.0]),
        backend,
        dtype="kind",
    )
    check(ep.searchsorted(s, v, side="right"), [0, 2, 3], backend, dtype="kind")


def test_take_tensordot_vecdot_einsum_outer(backend: str) -> None:
    a = np.arange(12.0).reshape(3, 4)
    b = np.arange(8.0).reshape(4, 2)
    x, y = make(backend, a), make(backend, b)
    idx = make(backend, np.array([2, 0]))
    check(x.take(idx, axis=1), np.take(a, [2, 0], axis=1), backend)
    check(ep.take(x, idx, axis=0), np.take(a, [2, 0], axis=0), backend)
    check(x.tensordot(y, axes=1), np.tensordot(a, b, axes=1), backend)
    check(
        ep.tensordot(x, x, axes=([0, 1], [0, 1])),
        np.tensordot(a, a, axes=([0, 1], [0, 1])),
        backend,
    )
    check(ep.vecdot(x, x), np.vecdot(a, a), backend)
    check(x.matrix_transpose(), a.T, backend)
    check(ep.einsum("ij,jk->ik", x, y), a @ b, backend)
    check(x.einsum("ij->j"), a.sum(0), backend)
    ints = make(backend, np.arange(4).reshape(4, 1).astype(np.int32))
    check(ep.einsum("ij,jk->ik", x, ints), a @ np.arange(4).reshape(4, 1), backend)  # promoted
    check(ep.outer(x[0], y[:, 0]), np.outer(a[0], b[:, 0]), backend)
    check(x.outer(y), np.outer(a, b), backend)


def test_isclose_allclose_nan_to_num(backend: str) -> None:
    a = np.array([1.0, np.nan, np.inf, -np.inf, 1e-9, 100.0])
    b = np.array([1.0 + 1e-7, np.nan, np.inf, np.inf, 0.0, 100.1])
    x, y = make(backend, a), make(backend, b)
    check(x.isclose(y), np.isclose(a, b), backend)
    check(
        ep.isclose(x, y, equal_nan=True, rtol=1e-2),
        np.isclose(a, b, equal_nan=True, rtol=1e-2),
        backend,
    )
    check(ep.isclose(x, 1.0), np.isclose(a, 1.0), backend)
    ints = make(backend, np.array([1, 2, 3]))
    check(ints.isclose(make(backend, np.array([1, 2, 4]))), [True, True, False], backend)
    assert bool(x[:1].allclose(y[:1])) and not bool(ep.allclose(x, y))
    assert bool(ep.allclose(x, x, equal_nan=True))
    check(ep.allclose(x, y), np.array(np.allclose(a, b)), backend)
    check(x.nan_to_num(), np.nan_to_num(a), backend)
    check(
        ep.nan_to_num(x, nan=-1.0, posinf=9.0, neginf=-9.0),
        np.nan_to_num(a, nan=-1.0, posinf=9.0, neginf=-9.0),
        backend,
    )
    check(ints.nan_to_num(), [1, 2, 3], backend)
    c = np.array([complex(np.nan, np.inf)], np.complex128)
    check(make(backend, c).nan_to_num(), np.nan_to_num(c), backend)


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_one_hot(backend: str, axis: int) -> None:
    labels = np.array([[0, 2], [1, 5]])  # 5 is out of range: a row of zeros
    expected = np.moveaxis((labels[..., None] == np.arange(3)).astype(np.float32), -1, axis)
    got = ep.one_hot(make(backend, labels), 3, axis=axis)
    check(got, expected, backend, dtype="kind")
    check(
        make(backend, labels).one_hot(3, dtype=ep.int8, axis=axis),
        expected.astype(np.int8),
        backend,
    )
    with pytest.raises(TypeError, match="integer"):
        make(backend, np.array([0.5])).one_hot(2)


def test_clip_with_tensor_and_none_bounds(backend: str) -> None:
    x = make(backend, A)
    low, high = make(backend, A[:1] * 0), make(backend, np.full((3, 1), 0.5))
    check(x.clip(low, high), np.clip(A, A[:1] * 0, np.full((3, 1), 0.5)), backend)
    check(ep.clip(x, None, 0.2), np.clip(A, None, 0.2), backend)
    check(x.clip(-0.1), np.clip(A, -0.1, None), backend)
    check(x.clip(), A, backend)
    ints = make(backend, np.array([1, 5, 9], np.int16))
    check(ints.clip(2, 6), np.array([2, 5, 6], np.int16), backend)  # the dtype stays


# ---------------------------------------------------------------------- at
def test_at(backend: str) -> None:
    a = np.arange(6.0).reshape(2, 3)
    x = make(backend, a)
    idx = make(backend, np.array([0, 0, 2]))  # position 0 twice
    expected = a.copy()
    np.add.at(expected, (1, [0, 0, 2]), 10.0)
    check(ep.at(x, (1, idx)).add(10.0), expected, backend)
    check(x.at[1, idx].add(10.0), expected, backend)
    check(x.at((1, idx)).add(10.0), expected, backend)
    check(x, a, backend)  # never mutated
    check(ep.at(x, ep.index[:, 1]).set(-1.0), np.where(np.arange(3) == 1, -1.0, a), backend)
    for op, ufunc in (("multiply", np.multiply), ("min", np.minimum), ("max", np.maximum)):
        expected = a.copy()
        ufunc.at(expected, (0, [1, 1, 2]), 2.5)
        got = getattr(ep.at(x, (0, make(backend, np.array([1, 1, 2])))), op)(2.5)
        check(got, expected, backend)
    mask = make(backend, a > 2)
    check(x.at[mask].set(0.0), np.where(a > 2, 0.0, a), backend)
    row = np.array([1.0, 2.0, 3.0])
    check(x.at[0].add(make(backend, row)), a + np.stack([row, 0 * row]), backend)
    ints = make(backend, np.array([1, 2, 3], np.int32))
    check(ints.at[0].add(2), np.array([3, 2, 3], np.int32), backend)  # values take x's dtype


def test_at_gradient(grad_backend: str) -> None:
    a = np.array([1.0, 2.0, 3.0])

    def f(x: Any) -> Any:
        return (ep.at(x, 1).multiply(x[0]) ** 2).sum() + ep.at(x, 2).add(x[1]).sum()

    _, g = ep.value_and_grad(f, make(grad_backend, a))
    # f = x0^2 + (x1 x0)^2 + x2^2 + (x0 + x1 + x2 + x1)
    expected = [2 * a[0] + 2 * a[1] ** 2 * a[0] + 1, 2 * a[1] * a[0] ** 2 + 2, 2 * a[2] + 1]
    np.testing.assert_allclose(g.numpy(), expected, rtol=1e-6)


# ---------------------------------------------------------------- gradients


GRADIENTS: list[tuple[str, Any, Callable[[Any], Any], Callable[[Any], Any]]] = [
    (name, a, (lambda n: lambda t: getattr(t, n)())(name), ref)
    for name, a, ref in UNARY
    if name in DIFFERENTIABLE
]
GRADIENTS += [
    ("std", A, lambda t: t.std(axis=0, correction=1), lambda a: np.std(a, axis=0, ddof=1)),
    ("var", A, lambda t: ep.var(t, axis=1), lambda a: np.var(a, axis=1)),
    ("logsumexp", A, lambda t: t.logsumexp(axis=1), lambda a: special.logsumexp(a, axis=1)),
    ("median", A, lambda t: t.median(axis=0), lambda a: np.median(a, axis=0)),
    ("quantile", A, lambda t: t.quantile(0.3, axis=1), lambda a: np.quantile(a, 0.3, axis=1)),
    ("hypot", A, lambda t: t.hypot(2.0), lambda a: np.hypot(a, 2.0)),
    ("atan2", A, lambda t: ep.atan2(t, 1.5), lambda a: np.arctan2(a, 1.5)),
    ("logaddexp", A, lambda t: t.logaddexp(0.5), lambda a: np.logaddexp(a, 0.5)),
    ("einsum", A, lambda t: ep.einsum("ij,ij->i", t, t), lambda a: np.einsum("ij,ij->i", a, a)),
    ("outer", A[0], lambda t: t.outer(t) * 1.5, lambda a: np.outer(a, a) * 1.5),
    ("cumsum", A, lambda t: t.cumulative_sum(1) ** 2, lambda a: np.cumsum(a, 1) ** 2),
    ("diff", A, lambda t: t.diff() ** 2, lambda a: np.diff(a) ** 2),
    ("tensordot", A, lambda t: t.tensordot(t, axes=2), lambda a: np.tensordot(a, a, axes=2)),
]


@pytest.mark.parametrize(("name", "a", "f", "ref"), GRADIENTS, ids=[g[0] for g in GRADIENTS])
def test_gradients(grad_backend: str, name: str, a: Any, f: Any, ref: Any) -> None:
    a = np.asarray(a, np.float64)
    _, g = ep.value_and_grad(lambda t: f(t).sum(), make(grad_backend, a))
    (expected,) = numeric_grads(lambda x: np.sum(ref(x[0])), [a])
    np.testing.assert_allclose(g.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_relu_gradient_at_zero_is_zero(grad_backend: str) -> None:
    _, g = ep.value_and_grad(
        lambda t: t.relu().sum(), make(grad_backend, np.array([-1.0, 0.0, 2.0]))
    )
    np.testing.assert_array_equal(g.numpy(), [0.0, 0.0, 1.0])


@pytest.mark.parametrize("dtype", ["float16", "complex64", "int32", "bool"])
def test_dtypes_of_other_kinds(backend: str, dtype: str) -> None:
    a = np.array([[1, 0, 2], [3, 1, 0]]).astype(dtype)
    x = make(backend, a)
    check(x.roll(1, axis=1), np.roll(a, 1, axis=1), backend)
    check(ep.moveaxis(x, 0, 1), np.moveaxis(a, 0, 1), backend)
    check(x.swapaxes(0, 1), a.T, backend)
    check(x.tril(), np.tril(a), backend)
    check(ep.concat([x, x]), np.concatenate([a, a]), backend)
    expected = a.copy()
    expected[0, 0] = a[1, 1]
    check(ep.at(x, (0, 0)).set(a[1, 1].item()), expected, backend)
