"""``__getitem__`` and ``index_update`` on every backend, compared with NumPy's indexing."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from conftest import check, make, native

import eagerlite as ep

X = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
_ = slice(None)


def arr(*values: Any, dtype: Any = np.int64) -> np.ndarray[Any, Any]:
    """An index array; in the tests it becomes a list, an eagerlite or a native tensor."""
    return np.array(values[0] if len(values) == 1 else values, dtype=dtype)


# (id, index): NumPy arrays in an index stand for "an index array", given to the backend
# in each form (see `as_form`); everything else is passed as it is.
BASIC = [
    ("int", 1),
    ("neg_int", -1),
    ("ints", (1, 2)),
    ("neg_ints", (-1, -2, -3)),
    ("all_ints", (1, 2, 3)),
    ("slice", slice(1, None)),
    ("slice_neg_bounds", (_, slice(-2, None))),
    ("slice_step", (_, slice(None, None, 2))),
    ("slice_start_stop_step", (_, slice(0, 3, 2), slice(1, None, 2))),
    ("slice_empty", (_, slice(2, 1))),
    ("int_and_slice", (0, slice(1, 3))),
    ("none", None),
    ("none_middle", (_, None, 1)),
    ("none_twice", (None, 0, None)),
    ("ellipsis", Ellipsis),
    ("ellipsis_int", (Ellipsis, 1)),
    ("int_ellipsis_slice", (0, Ellipsis, slice(None, 2))),
    ("ellipsis_none", (Ellipsis, None)),
    ("empty_tuple", ()),
]
ADVANCED = [
    ("array", arr([0, 1, 0])),
    ("array_neg", arr([-1, 0])),
    ("array_2d", arr([[0, 1], [1, 0]])),
    ("array_axis1", (_, arr([0, 2]))),
    ("array_last_after_ellipsis", (Ellipsis, arr([3, 1]))),
    ("two_arrays", (arr([0, 1]), arr([2, 0]))),
    ("three_arrays", (arr([0, 1]), arr([2, 0]), arr([3, 3]))),
    ("arrays_broadcast", (arr([[0], [1]]), arr([0, 2]))),
    ("slice_then_array", (slice(1, None), arr([0, 2]))),
    ("slice_step_then_array", (slice(None, None, 1), slice(0, 3, 2), arr([1, 2, 3]))),
    ("int_then_array", (0, arr([0, 2]))),
    ("array_then_int", (arr([0, 1]), 2)),
    ("arrays_split_by_slice", (arr([0, 1]), _, arr([3, 0]))),
    ("array_int_split_by_slice", (arr([0, 1]), _, 0)),
    ("array_mid_adjacent", (_, arr([0, 2]), arr([1, 1]))),
    ("array_int32", arr([1, 0], dtype=np.int32)),
    ("arrays_int32", (_, arr([2, 0], dtype=np.int32), arr([1, 3], dtype=np.int32))),
    ("mask_full", X > 10),
    ("mask_axis0", arr([True, False], dtype=bool)),
    ("mask_axis1", (_, arr([True, False, True], dtype=bool))),
    ("mask_last", (Ellipsis, arr([False, True, True, False], dtype=bool))),
    ("mask_2d_leading", (X.sum(-1) > 30)),
    ("mask_after_int", (1, arr([True, True, False], dtype=bool))),
    ("none_then_array", (None, arr([0, 1]))),
    ("array_none_array", (arr([0, 1]), None, arr([2, 0]))),
    ("array_then_none", (_, arr([2, 0]), None)),
    ("ellipsis_none_array", (Ellipsis, None, arr([0, 3]))),
]
FORMS = ("list", "eagerlite", "native")


def as_form(index: Any, form: str, backend: str) -> Any:
    """``index`` with each NumPy array turned into a list, an eagerlite or a native tensor."""
    if isinstance(index, tuple):
        return tuple(as_form(part, form, backend) for part in index)
    if not isinstance(index, np.ndarray):
        return index
    if form == "list":
        return index.tolist()
    return make(backend, index) if form == "eagerlite" else native(backend, index)


def ids(cases: list[tuple[str, Any]]) -> list[str]:
    return [name for name, _ in cases]


@pytest.mark.parametrize("index", [c[1] for c in BASIC], ids=ids(BASIC))
def test_getitem_basic(backend: str, index: Any) -> None:
    check(make(backend, X)[index], X[index], backend)


NEGATIVE_STEPS = [
    ("reverse", slice(None, None, -1)),
    ("reverse_axis2", (Ellipsis, slice(None, None, -2))),
    ("reverse_bounds", (_, slice(2, 0, -1))),
]


@pytest.mark.parametrize("index", [c[1] for c in NEGATIVE_STEPS], ids=ids(NEGATIVE_STEPS))
def test_getitem_negative_step(backend: str, index: Any) -> None:
    check(make(backend, X)[index], X[index], backend)  # torch itself rejects negative steps


@pytest.mark.parametrize(
    "index",
    [
        (Ellipsis, slice(None, None, -2)),
        (None, slice(None, None, -1), [0, 2]),
        (np.array([True, False]), slice(3, 0, -1)),
        (slice(None, None, -1), None, 1),
        (X[..., 0] > 5, slice(None, None, -1)),
    ],
    ids=["ellipsis", "newaxis_and_list", "mask", "newaxis_int", "mask_2d"],
)
def test_getitem_negative_step_mixed(backend: str, index: Any) -> None:
    check(make(backend, X)[index], X[index], backend)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.bool_])
def test_getitem_keeps_dtype(backend: str, dtype: Any) -> None:
    a = (np.arange(12).reshape(3, 4) % 3).astype(dtype)
    t = make(backend, a)
    check(t[1:, ::2], a[1:, ::2], backend)
    check(t[[0, 2]], a[[0, 2]], backend)


def test_getitem_0d_result(backend: str) -> None:
    t = make(backend, X)
    result = t[1, 2, 3]
    check(result, X[1, 2, 3], backend)
    assert result.shape == ()
    assert result.item() == X[1, 2, 3]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("index", [c[1] for c in ADVANCED], ids=ids(ADVANCED))
def test_getitem_advanced(backend: str, index: Any, form: str) -> None:
    check(make(backend, X)[as_form(index, form, backend)], X[index], backend)


@pytest.mark.parametrize(
    "index",
    [range(2), range(1, -1, -1), (_, range(0, 3, 2)), (Ellipsis, range(3, 0, -2))],
    ids=["range", "range_reversed", "range_axis1", "range_step_last"],
)
def test_getitem_range(backend: str, index: Any) -> None:
    expected = X[tuple(list(p) if isinstance(p, range) else p for p in np.index_exp[index])]
    check(make(backend, X)[index], expected, backend)


def test_getitem_0d_index_tensor(backend: str) -> None:
    t = make(backend, X)
    i = make(backend, np.array(1))
    check(t[i], X[1], backend)
    check(t[:, i], X[:, 1], backend)


def test_getitem_does_not_change_input(backend: str) -> None:
    t = make(backend, X)
    t[0, [0, 1]]
    t[make(backend, X > 3)]
    check(t, X, backend)


def test_iteration_and_len(backend: str) -> None:
    t = make(backend, X)
    assert len(t) == 2
    rows = list(t)
    assert len(rows) == 2
    for row, expected in zip(rows, X, strict=True):
        check(row, expected, backend)


def test_index_helper() -> None:
    assert ep.index[:, 1] == (slice(None), 1)
    assert ep.index[1] == 1
    assert ep.index[..., None] == (Ellipsis, None)
    assert ep.index[1:3, ::2] == (slice(1, 3), slice(None, None, 2))
    assert ep.index[[0, 1], [2, 3]] == ([0, 1], [2, 3])


# (id, index, value): NumPy arrays in the index become index tensors (or lists),
# a NumPy array value becomes a tensor of the backend.
UPDATES = [
    ("column_scalar", (_, 1), -1.0),
    ("column_tensor", (_, 1), np.array([[-1, -2, -3, -4]], dtype=np.float32)),
    ("int_scalar", 0, 7.0),
    ("int_tensor_broadcast", 1, np.array([-1, -2, -3, -4], dtype=np.float32)),
    ("ints", (1, 2, 3), -5.0),
    ("neg_ints", (-1, -1), -5.0),
    ("slices_steps", (slice(1, None), slice(None, None, 2)), -3.0),
    ("slices_tensor", (_, slice(0, 2), slice(1, 3)), np.full((2, 2, 2), -3, np.float32)),
    ("ellipsis", (Ellipsis, -1), -9.0),
    ("ellipsis_tensor", (Ellipsis, 0), np.arange(6, dtype=np.float32).reshape(2, 3) * -1),
    ("array_pair", (arr([0, 1]), arr([2, 0])), -1.0),
    (
        "array_pair_tensor",
        (arr([0, 1]), arr([2, 0])),
        np.array([[1, 2, 3, 4], [5, 6, 7, 8]], dtype=np.float32) * -1,
    ),
    ("array_triple", (arr([0, 1, 1]), arr([2, 0, 1]), arr([3, 3, 0])), -1.0),
    ("array_triple_tensor", (arr([0, 1]), arr([2, 0]), arr([3, 1])), np.float32([-1, -2])),
    ("array_slice_array", (arr([0, 1]), _, arr([3, 0])), -7.0),
    ("array_axis1", (_, arr([0, 2])), -2.0),
    ("array_neg", (arr([-1]), arr([-1])), -2.0),
    ("mask_full", X > 15, 0.0),
    ("mask_full_tensor", X > 15, -np.arange(8, dtype=np.float32)),
    ("mask_axis0", arr([False, True], dtype=bool), -1.0),
    ("mask_axis1", (_, arr([True, False, True], dtype=bool)), -1.0),
]


@pytest.mark.parametrize("form", ("list", "eagerlite"))
@pytest.mark.parametrize("index,value", [c[1:] for c in UPDATES], ids=[c[0] for c in UPDATES])
def test_index_update(backend: str, index: Any, value: Any, form: str) -> None:
    t = make(backend, X)
    expected = X.copy()
    expected[index] = value
    values = make(backend, value) if isinstance(value, np.ndarray) else value
    result = ep.index_update(t, as_form(index, form, backend), values)
    check(result, expected, backend)
    check(t, X, backend)  # functional: the input is unchanged
    method = t.index_update(as_form(index, form, backend), values)
    check(method, expected, backend)


@pytest.mark.parametrize("value", [1, 2.75, -1], ids=str)
@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.float32, np.float64, np.bool_])
def test_index_update_keeps_dtype(backend: str, dtype: Any, value: float) -> None:
    a = np.zeros((3, 4), dtype=dtype)
    expected = a.copy()
    expected[1:, 2] = value  # NumPy casts the value to the array's dtype
    result = make(backend, a).index_update(ep.index[1:, 2], value)
    check(result, expected, backend)
    values = make(backend, np.array([value, value]))  # a tensor of another dtype: cast too
    check(make(backend, a).index_update(ep.index[1:, 2], values), expected, backend)


def test_index_update_with_ep_index_and_native_index(backend: str) -> None:
    t = make(backend, X[0])
    rows = native(backend, np.array([0, 2]))
    cols = native(backend, np.array([3, 1]))
    expected = X[0].copy()
    expected[[0, 2], [3, 1]] = 100
    check(t.index_update(ep.index[rows, cols], 100.0), expected, backend)


def test_index_update_native_values_tensor(backend: str) -> None:
    t = make(backend, X[0])
    values = make(backend, np.array([1.5, 2.5, 3.5], dtype=np.float32))
    expected = X[0].copy()
    expected[:, 0] = [1.5, 2.5, 3.5]
    check(ep.index_update(t, ep.index[:, 0], values), expected, backend)


def test_index_update_tensor_input_unchanged_native(backend: str) -> None:
    raw = native(backend, X)
    t = ep.astensor(raw)
    t.index_update(ep.index[0], 0.0)
    np.testing.assert_array_equal(np.asarray(ep.astensor(raw).numpy()), X)


def test_empty_list_index(backend: str) -> None:
    a = np.arange(6.0).reshape(2, 3)
    check(make(backend, a)[[]], a[[]], backend)


# NumPy's 0-d boolean index adds an axis of length 1 (True) or 0 (False), anywhere
SCALAR_MASKS = [
    ("true", (np.True_,)),
    ("false", (np.False_,)),
    ("true_then_int", (np.True_, 1)),
    ("int_true_list", (0, np.True_, [1, 2])),
    ("ellipsis_true", (Ellipsis, np.True_)),
    ("array_false_slice", (np.array([1]), np.False_, _)),
]


@pytest.mark.parametrize("index", [c[1] for c in SCALAR_MASKS], ids=ids(SCALAR_MASKS))
def test_getitem_0d_mask(backend: str, index: Any) -> None:
    x = X[:2, :3, 0]
    mine = tuple(make(backend, p) if isinstance(p, np.bool_) else p for p in index)
    check(make(backend, x)[mine], x[index], backend)


def test_0d_mask_of_a_0d_tensor(backend: str) -> None:
    t = make(backend, np.array(3.0))
    check(t[make(backend, np.array(False))], np.zeros(0), backend)
    check(t[make(backend, np.array(True))], np.array([3.0]), backend)
    t[make(backend, np.array(True))] = 5.0
    check(t, np.array(5.0), backend)


def test_0d_index_tensors_of_several_dtypes(backend: str) -> None:
    i, j = make(backend, np.array(1, np.int32)), make(backend, np.array(2, np.int64))
    check(make(backend, X)[i, j], X[1, 2], backend)
    for dtype in (np.int8, np.int16, np.uint8):  # (uint8: integers, as in NumPy, not a mask)
        index = make(backend, np.array([1, 0], dtype))
        check(make(backend, X)[index, -1], X[[1, 0], -1], backend)


def test_tensor_slice_bounds(backend: str) -> None:
    start, stop = make(backend, np.array(1, np.int16)), make(backend, np.array(3, np.int32))
    check(make(backend, X)[start:stop], X[1:3], backend)
    check(make(backend, X)[:, start:], X[:, 1:], backend)
