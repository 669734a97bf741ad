"""Reductions, arg-reductions and cumsum on every backend, compared with NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import check, check_axis_forms, make

import eagerlite as ep

REDUCTIONS = ["sum", "prod", "mean", "min", "max", "all", "any"]
# () reduces over no axis in NumPy (generic code builds such tuples), not over all axes
AXES: list[Any] = [None, 0, 1, 2, -1, -3, (0, 2), (2, 0), (-1, 1), (0, 1, 2), (1,), ()]

_rng = np.random.default_rng(1)
# values near 1 in magnitude keep products of 24 numbers well inside float32's range
FLOAT_DATA = _rng.uniform(0.5, 1.5, size=(2, 3, 4)) * _rng.choice([-1, 1], size=(2, 3, 4))
FLOAT_DATA[0, 1, 2] = 0.0
INT_DATA = _rng.integers(-3, 4, size=(2, 3, 4))
INT_DATA[INT_DATA == 0] = 2  # products of non-zero ints say more than zeros
INT_DATA[1, 2, 3] = 0
BOOL_DATA = _rng.random((2, 3, 4)) > 0.4
BOOL_DATA[0, 0, :] = True  # an all-True row along the last axis ...
BOOL_DATA[1, :, 1] = False  # ... and an all-False column along axis 1
BOOL_DATA[:, 2, 0] = True

DATA = {
    "float32": FLOAT_DATA.astype(np.float32),
    "float64": FLOAT_DATA,
    "int64": INT_DATA.astype(np.int64),
    "int32": INT_DATA.astype(np.int32),
    "bool": BOOL_DATA,
}


def _dtype_rule(name: str, dtype: str) -> bool | str:
    if name == "mean" and dtype not in ("float32", "float64"):
        return "kind"  # a float, but frameworks differ in its width (float32 vs float64)
    if name in ("sum", "prod") and dtype == "int32":
        return "kind"  # NumPy accumulates int32 in int64, TensorFlow in int32
    return True


def _reduce_both_forms(t: ep.Tensor[Any], name: str, **kwargs: Any) -> list[ep.Tensor[Any]]:
    return [getattr(t, name)(**kwargs), getattr(ep, name)(t, **kwargs)]


@pytest.mark.parametrize("keepdims", [False, True], ids=["drop", "keep"])
@pytest.mark.parametrize("axis", AXES, ids=repr)
@pytest.mark.parametrize("dtype", list(DATA))
@pytest.mark.parametrize("name", REDUCTIONS)
def test_reduction(backend: str, name: str, dtype: str, axis: Any, keepdims: bool) -> None:
    a = DATA[dtype]
    expected = getattr(np, name)(a, axis=axis, keepdims=keepdims)
    t = make(backend, a)
    for result in _reduce_both_forms(t, name, axis=axis, keepdims=keepdims):
        check(result, expected, backend, dtype=_dtype_rule(name, dtype))


@pytest.mark.parametrize("name", REDUCTIONS)
def test_reduction_defaults(backend: str, name: str) -> None:
    a = DATA["float32"]
    t = make(backend, a)
    check(getattr(t, name)(), getattr(np, name)(a), backend)
    check(getattr(ep, name)(t), getattr(np, name)(a), backend)
    check(getattr(t, name)(1), getattr(np, name)(a, 1), backend)  # axis positionally


@pytest.mark.parametrize("keepdims", [False, True], ids=["drop", "keep"])
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool"])
@pytest.mark.parametrize("name", REDUCTIONS)
def test_reduction_0d(backend: str, name: str, dtype: str, keepdims: bool) -> None:
    a = np.array(3, dtype=dtype)
    expected = getattr(np, name)(a, keepdims=keepdims)
    for result in _reduce_both_forms(make(backend, a), name, keepdims=keepdims):
        check(result, expected, backend, dtype=_dtype_rule(name, dtype))


EMPTY_CASES = [
    ((0,), None),
    ((0,), 0),
    ((0,), -1),
    *(((2, 0), axis) for axis in (None, 0, 1, -1, (0, 1))),
    *(((0, 3), axis) for axis in (None, 0, 1, (1, 0))),
]


@pytest.mark.parametrize(("shape", "axis"), EMPTY_CASES, ids=repr)
@pytest.mark.parametrize("dtype", ["float32", "int64", "bool"])
@pytest.mark.parametrize("name", ["sum", "prod", "all", "any"])
def test_reduction_empty(
    backend: str, name: str, dtype: str, shape: tuple[int, ...], axis: Any
) -> None:
    a = np.zeros(shape, dtype=dtype)
    expected = getattr(np, name)(a, axis=axis)
    for result in _reduce_both_forms(make(backend, a), name, axis=axis):
        check(result, expected, backend)


def test_reduction_values_are_not_trivial() -> None:
    # guards the test data: all/any must differ along some axis, products must not be 0
    assert np.all(BOOL_DATA, axis=-1).any() and not np.all(BOOL_DATA, axis=-1).all()
    assert not np.any(BOOL_DATA, axis=1).all()
    assert np.prod(INT_DATA, axis=-1).any() and np.prod(FLOAT_DATA, axis=0).any()


# --------------------------------------------------------------- argmin, argmax
# distinct values: ties are broken differently by some frameworks' kernels
DISTINCT = _rng.permutation(24).reshape(2, 3, 4) - 11


@pytest.mark.parametrize("axis", [None, 0, 1, 2, -1, -2], ids=repr)
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32"])
@pytest.mark.parametrize("name", ["argmin", "argmax"])
def test_argmin_argmax(backend: str, name: str, dtype: str, axis: int | None) -> None:
    a = DISTINCT.astype(dtype)
    expected = getattr(np, name)(a, axis=axis)
    t = make(backend, a)
    check_axis_forms(t, name, axis, expected, backend)


@pytest.mark.parametrize("name", ["argmin", "argmax"])
def test_argmin_argmax_first_of_ties(backend: str, name: str) -> None:
    a = np.array([[3.0, 1.0, 1.0, 3.0], [2.0, 2.0, 2.0, 2.0]], dtype=np.float32)
    t = make(backend, a)
    check(getattr(t, name)(axis=1), getattr(np, name)(a, axis=1), backend)
    check(getattr(t, name)(), getattr(np, name)(a), backend)


@pytest.mark.parametrize("axis", [None, 1])
@pytest.mark.parametrize("name", ["min", "max", "argmin", "argmax"])
def test_nan_is_the_extreme(backend: str, name: str, axis: int | None) -> None:
    # (TensorFlow's own ArgMin/ArgMax kernels skip NaN; eagerlite follows NumPy)
    a = np.array([[1.0, np.nan, -3.0, np.nan], [2.0, 0.5, 1.0, 4.0]], dtype=np.float32)
    with np.errstate(invalid="ignore"):
        expected = getattr(np, name)(a, axis=axis)
    check(getattr(make(backend, a), name)(axis=axis), expected, backend)


@pytest.mark.parametrize("name", ["argmin", "argmax"])
def test_argmin_argmax_0d(backend: str, name: str) -> None:
    a = np.array(2.5, dtype=np.float32)
    check(getattr(make(backend, a), name)(), getattr(np, name)(a), backend)


# ----------------------------------------------------------------------- cumsum
@pytest.mark.parametrize("axis", [None, 0, 1, 2, -1, -3], ids=repr)
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "bool"])
def test_cumsum(backend: str, dtype: str, axis: int | None) -> None:
    a = DATA[dtype]
    expected = np.cumsum(a, axis=axis)
    t = make(backend, a)
    check_axis_forms(t, "cumsum", axis, expected, backend)


def test_cumsum_int32(backend: str) -> None:
    a = DATA["int32"]
    # NumPy accumulates int32 in int64; TensorFlow keeps int32
    check(ep.cumsum(make(backend, a), axis=1), np.cumsum(a, axis=1), backend, dtype="kind")


@pytest.mark.parametrize("shape", [(), (0,), (2, 0)])
def test_cumsum_0d_and_empty(backend: str, shape: tuple[int, ...]) -> None:
    a = np.full(shape, 1.5, dtype=np.float32)
    check(ep.cumsum(make(backend, a)), np.cumsum(a), backend)
    if len(shape) == 2:
        check(ep.cumsum(make(backend, a), axis=1), np.cumsum(a, axis=1), backend)
