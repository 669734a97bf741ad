"""Norms, softmax and friends, cross-entropy, KL divergence, slogdet and inv vs NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import check, make

import eagerlite as ep

RNG = np.random.default_rng(1)
X = RNG.normal(size=(3, 4, 5))
X[0, 1, :3] = 0.0  # zeros, so that l0 counts something
X[2, :, 4] = 0.0


def np_lp(x: np.ndarray[Any, Any], p: float, axis: Any, keepdims: bool) -> np.ndarray[Any, Any]:
    """The p-norm written out in NumPy (result in x's dtype)."""
    a = np.abs(x)
    if p == 0:
        out = (x != 0).sum(axis=axis, keepdims=keepdims)
    elif p == np.inf:
        out = a.max(axis=axis, keepdims=keepdims)
    else:
        out = (a**p).sum(axis=axis, keepdims=keepdims) ** (1 / p)
    return np.asarray(out).astype(x.dtype)


NAMED = {"l0": 0, "l1": 1, "l2": 2, "linf": np.inf}
AXES = [None, 0, 1, -1, (0, 2), (1, -1), (0, 1, 2)]
P_VALUES = [0, 1, 2, 3, np.inf, 0.5, 1.5]


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("name", list(NAMED))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_named_norms(backend: str, name: str, axis: Any, keepdims: bool, dtype: Any) -> None:
    x = X.astype(dtype)
    expected = np_lp(x, NAMED[name], axis, keepdims)
    t = make(backend, x)
    check(getattr(ep.norms, name)(t, axis=axis, keepdims=keepdims), expected, backend)
    check(getattr(t.norms, name)(axis, keepdims), expected, backend)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("p", P_VALUES, ids=str)
def test_lp(backend: str, p: float, axis: Any, keepdims: bool) -> None:
    expected = np_lp(X, p, axis, keepdims)
    t = make(backend, X)
    check(ep.norms.lp(t, p, axis=axis, keepdims=keepdims), expected, backend)
    check(t.norms.lp(p, axis=axis, keepdims=keepdims), expected, backend)


def test_norm_defaults(backend: str) -> None:
    t = make(backend, X)
    for name, p in NAMED.items():
        check(getattr(t.norms, name)(), np_lp(X, p, None, False), backend)
    check(t.norms.lp(3), np_lp(X, 3, None, False), backend)


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
@pytest.mark.parametrize("name", ["l0", "l1", "linf"])
def test_integer_norms_stay_integer(backend: str, name: str, dtype: Any) -> None:
    a = np.array([[3, 0, -4], [1, 2, 0]], dtype=dtype)
    result = getattr(ep.norms, name)(make(backend, a), axis=1)
    # "kind": whether a sum widens int32 to int64 is the reductions' business
    check(result, np_lp(a, NAMED[name], 1, False), backend, dtype="kind")


@pytest.mark.parametrize("p", [2, 3, 0.5], ids=str)
def test_integer_norms_with_roots_are_float(backend: str, p: float) -> None:
    a = np.array([[3, 0, -4], [1, 2, 0]])
    expected = (np.abs(a) ** p).sum(axis=1) ** (1 / p)
    check(ep.norms.lp(make(backend, a), p, axis=1), expected, backend, dtype="kind")


def test_norms_of_zero(backend: str) -> None:
    z = np.zeros((2, 3))
    t = make(backend, z)
    for p in P_VALUES:
        check(ep.norms.lp(t, p, axis=1), np.zeros(2), backend)
    check(t.norms.l2(), np.array(0.0), backend)


@pytest.mark.parametrize("p", [-1, -0.5, -np.inf, np.nan], ids=str)
def test_lp_rejects_negative_p(backend: str, p: float) -> None:
    t = make(backend, X)
    with pytest.raises(ValueError, match="p > 0"):
        ep.norms.lp(t, p)
    with pytest.raises(ValueError, match="p > 0"):
        t.norms.lp(p, axis=0)


# ----------------------------------------------------------- softmax & friends
def np_log_softmax(x: np.ndarray[Any, Any], axis: int) -> np.ndarray[Any, Any]:
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


@pytest.mark.parametrize("form", ["method", "function"])
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_and_log_softmax(backend: str, axis: int, dtype: Any, form: str) -> None:
    x = (X * 3).astype(dtype)
    t = make(backend, x)
    expected_log = np_log_softmax(x.astype(np.float64), axis).astype(dtype)
    if form == "method":
        soft, log_soft = t.softmax(axis=axis), t.log_softmax(axis=axis)
    else:
        soft, log_soft = ep.softmax(t, axis), ep.log_softmax(t, axis=axis)
    check(soft, np.exp(expected_log), backend)
    check(log_soft, expected_log, backend)
    np.testing.assert_allclose(soft.sum(axis=axis).numpy(), 1.0, rtol=1e-5)


def test_softmax_default_axis_is_last(backend: str) -> None:
    t = make(backend, X)
    check(t.softmax(), np.exp(np_log_softmax(X, -1)), backend)
    check(ep.log_softmax(t), np_log_softmax(X, -1), backend)


def test_softmax_is_stable(backend: str) -> None:
    x = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1000.0, -2000.0]])
    t = make(backend, x)
    expected = np_log_softmax(x, -1)
    check(t.log_softmax(), expected, backend)
    check(t.softmax(), np.exp(expected), backend)


# --------------------------------------------------------------- crossentropy
def np_crossentropy(logits: np.ndarray[Any, Any], labels: np.ndarray[Any, Any]) -> Any:
    return -np_log_softmax(logits, -1)[np.arange(len(labels)), labels]


@pytest.mark.parametrize("label_dtype", [np.int64, np.int32])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_crossentropy(backend: str, dtype: Any, label_dtype: Any) -> None:
    logits = (RNG.normal(size=(6, 5)) * 4).astype(dtype)
    labels = np.array([0, 4, 2, 2, 1, 3], dtype=label_dtype)
    expected = np_crossentropy(logits.astype(np.float64), labels).astype(dtype)
    t, y = make(backend, logits), make(backend, labels)
    check(ep.crossentropy(t, y), expected, backend)
    check(t.crossentropy(y), expected, backend)


def test_crossentropy_large_logits(backend: str) -> None:
    logits = np.array([[1000.0, 0.0, -1000.0], [0.0, 0.0, 0.0]])
    labels = np.array([2, 1])
    expected = np.array([2000.0, np.log(3.0)])
    check(ep.crossentropy(make(backend, logits), make(backend, labels)), expected, backend)


@pytest.mark.parametrize(
    "logits_shape,labels_shape",
    [((5,), (5,)), ((2, 3, 4), (2,)), ((4, 3), (4, 1)), ((4, 3), (3,)), ((4, 3), ())],
    ids=["1d_logits", "3d_logits", "2d_labels", "short_labels", "0d_labels"],
)
def test_crossentropy_rejects_shapes(backend: str, logits_shape: Any, labels_shape: Any) -> None:
    logits = make(backend, np.zeros(logits_shape))
    labels = make(backend, np.zeros(labels_shape, dtype=np.int64))
    with pytest.raises(ValueError, match="crossentropy"):
        ep.crossentropy(logits, labels)


# ------------------------------------------------------------------------- KL
def np_kl(lp: Any, lq: Any, axis: int, keepdims: bool) -> Any:
    log_p, log_q = np_log_softmax(lp, axis), np_log_softmax(lq, axis)
    return (np.exp(log_p) * (log_p - log_q)).sum(axis=axis, keepdims=keepdims)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_kl_div_with_logits(backend: str, axis: int, keepdims: bool) -> None:
    lp, lq = RNG.normal(size=(4, 6)) * 2, RNG.normal(size=(4, 6)) * 2
    expected = np_kl(lp, lq, axis, keepdims)
    result = ep.kl_div_with_logits(
        make(backend, lp), make(backend, lq), axis=axis, keepdims=keepdims
    )
    check(result, expected, backend)
    assert (result.numpy() >= 0).all()


def test_kl_div_axis0_is_not_eagerpys_formula(backend: str) -> None:
    """EagerPy took p = softmax along the last axis whatever ``axis`` was; that is wrong."""
    lp, lq = RNG.normal(size=(3, 3)), RNG.normal(size=(3, 3))
    log_p0, log_q0 = np_log_softmax(lp, 0), np_log_softmax(lq, 0)
    wrong = (np.exp(np_log_softmax(lp, -1)) * (log_p0 - log_q0)).sum(axis=0)
    right = np_kl(lp, lq, 0, False)
    assert not np.allclose(wrong, right)  # the case tells the two apart
    check(ep.kl_div_with_logits(make(backend, lp), make(backend, lq), axis=0), right, backend)


def test_kl_div_default_axis_and_identity(backend: str) -> None:
    lp, lq = RNG.normal(size=(2, 3, 5)), RNG.normal(size=(2, 3, 5))
    p, q = make(backend, lp), make(backend, lq)
    check(ep.kl_div_with_logits(p, q), np_kl(lp, lq, -1, False), backend)
    check(ep.kl_div_with_logits(p, q, axis=1), np_kl(lp, lq, 1, False), backend)
    np.testing.assert_allclose(ep.kl_div_with_logits(p, p + 3.0).numpy(), 0.0, atol=1e-12)


# ----------------------------------------------------------------- linalg
def well_conditioned(shape: tuple[int, ...], dtype: Any, flip_sign: bool = False) -> Any:
    n = shape[-1]
    # strictly diagonally dominant with a positive diagonal: det > 0 and well conditioned
    a = RNG.uniform(-1, 1, size=shape) / (2 * n) + np.eye(n)
    if flip_sign:  # a negative determinant
        a[..., 0, :] *= -1
    return a.astype(dtype)


MATRIX_SHAPES = [(3, 3), (1, 1), (5, 5), (2, 4, 4), (2, 3, 2, 2)]


@pytest.mark.parametrize("flip_sign", [False, True], ids=["positive", "negative"])
@pytest.mark.parametrize("shape", MATRIX_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_slogdet(backend: str, shape: Any, dtype: Any, flip_sign: bool) -> None:
    a = well_conditioned(shape, dtype, flip_sign)
    sign, logabsdet = np.linalg.slogdet(a)
    t = make(backend, a)
    for s, ld in (t.slogdet(), ep.slogdet(t)):
        check(s, sign, backend)
        check(ld, logabsdet, backend)
    assert (sign == (-1 if flip_sign else 1)).all()


@pytest.mark.parametrize("shape", MATRIX_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_inv(backend: str, shape: Any, dtype: Any) -> None:
    a = well_conditioned(shape, dtype, flip_sign=True)
    expected = np.linalg.inv(a)
    t = make(backend, a)
    identity = np.broadcast_to(np.eye(shape[-1]), shape)
    for result in (t.inv(), ep.inv(t)):
        check(result, expected, backend, dtype=True)
        np.testing.assert_allclose(a @ result.numpy(), identity, atol=1e-5)


def test_slogdet_singular(backend: str) -> None:
    a = np.array([[1.0, 2.0], [2.0, 4.0]])
    sign, logabsdet = make(backend, a).slogdet()
    assert sign.item() == 0.0
    assert logabsdet.item() == -np.inf
