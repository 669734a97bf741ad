"""Shape manipulation, joining, sorting and the container protocol, compared with NumPy."""

from __future__ import annotations

import math
from itertools import permutations
from typing import Any

import numpy as np
import pytest
from conftest import CLASS_NAMES, INSTALLED, check, check_axis_forms, make

import eagerlite as ep

A234 = np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 7.5
DTYPES = {
    "float32": A234,
    "float64": A234.astype(np.float64),
    "int64": A234.astype(np.int64),
    "bool": A234 > 0,
}


# -------------------------------------------------------------------- reshape
@pytest.mark.parametrize("dtype", list(DTYPES))
@pytest.mark.parametrize(
    "shape", [(6, 4), (24,), 24, -1, (-1,), (4, -1), (2, -1, 2), (1, 24, 1), (2, 3, 4)], ids=repr
)
def test_reshape(backend: str, dtype: str, shape: Any) -> None:
    a = DTYPES[dtype]
    expected = a.reshape(shape)
    t = make(backend, a)
    check(t.reshape(shape), expected, backend)
    check(ep.reshape(t, shape), expected, backend)


def test_reshape_to_and_from_0d(backend: str) -> None:
    a = np.array([[4.5]], dtype=np.float32)
    check(make(backend, a).reshape(()), a.reshape(()), backend)
    check(make(backend, a.reshape(())).reshape((1, 1, 1)), a.reshape(1, 1, 1), backend)
    check(make(backend, a.reshape(())).reshape(-1), a.reshape(-1), backend)


# -------------------------------------------------------------------- flatten
def _flattened_shape(shape: tuple[int, ...], start: int, end: int) -> tuple[int, ...]:
    start, end = start % len(shape), end % len(shape)
    return (*shape[:start], math.prod(shape[start : end + 1]), *shape[end + 1 :])


FLATTEN_CASES = [(0, -1), (1, -1), (0, 1), (1, 2), (-2, -1), (0, -2), (2, 2), (0, 0), (-3, 2)]


@pytest.mark.parametrize(("start", "end"), FLATTEN_CASES)
def test_flatten(backend: str, start: int, end: int) -> None:
    expected = A234.reshape(_flattened_shape(A234.shape, start, end))
    t = make(backend, A234)
    check(t.flatten(start, end), expected, backend)
    check(ep.flatten(t, start=start, end=end), expected, backend)


def test_flatten_defaults_and_small_ranks(backend: str) -> None:
    check(make(backend, A234).flatten(), A234.reshape(-1), backend)
    check(ep.flatten(make(backend, A234), 1), A234.reshape(2, 12), backend)
    a1 = np.array([1.0, 2.0, 3.0])
    check(ep.flatten(make(backend, a1)), a1, backend)
    a0 = np.array(3.0)
    check(ep.flatten(make(backend, a0)), a0.flatten(), backend)  # NumPy gives shape (1,)


# ------------------------------------------------------------------ transpose
@pytest.mark.parametrize("axes", [None, (0, 1, 2), (1, 0, 2), (2, 0, 1), (0, 2, 1)], ids=repr)
def test_transpose(backend: str, axes: Any) -> None:
    expected = np.transpose(A234, axes)
    t = make(backend, A234)
    check(t.transpose(axes), expected, backend)
    check(ep.transpose(t, axes), expected, backend)
    if axes is None:
        check(t.transpose(), expected, backend)
        check(ep.transpose(t), expected, backend)


def test_transpose_negative_axes(backend: str) -> None:
    check(make(backend, A234).transpose((-1, 0, -2)), np.transpose(A234, (-1, 0, -2)), backend)


@pytest.mark.parametrize("shape", [(), (5,), (2, 3), (2, 3, 4)])
def test_T(backend: str, shape: tuple[int, ...]) -> None:
    a = np.arange(math.prod(shape), dtype=np.float64).reshape(shape)
    check(make(backend, a).T, a.T, backend)


# -------------------------------------------------------------------- squeeze
S = np.arange(6, dtype=np.float32).reshape(1, 3, 1, 2, 1)


@pytest.mark.parametrize(
    "axis", [None, 0, 2, -1, 4, (0, 2), (-5, -3, -1), (4, 0), (2,), ()], ids=repr
)
def test_squeeze(backend: str, axis: Any) -> None:
    expected = np.squeeze(S, axis=axis)
    t = make(backend, S)
    check_axis_forms(t, "squeeze", axis, expected, backend)


def test_squeeze_to_0d(backend: str) -> None:
    a = np.full((1, 1), 2.0)
    check(make(backend, a).squeeze(), np.squeeze(a), backend)
    check(make(backend, a).squeeze((0, 1)), np.squeeze(a, (0, 1)), backend)


@pytest.mark.parametrize("axis", [1, -2, 3, (0, 1), (2, 3)], ids=repr)
def test_squeeze_axis_of_length_not_one_is_an_error(backend: str, axis: Any) -> None:
    t = make(backend, S)
    with pytest.raises(ValueError):
        np.squeeze(S, axis=axis)  # the premise: NumPy rejects it too
    with pytest.raises(ValueError, match="not 1"):
        t.squeeze(axis)
    with pytest.raises(ValueError, match="not 1"):
        ep.squeeze(t, axis)


@pytest.mark.parametrize("axis", [5, -6, (0, 7)], ids=repr)
def test_squeeze_axis_out_of_range_is_an_error(backend: str, axis: Any) -> None:
    with pytest.raises(ValueError, match="out of range"):
        make(backend, S).squeeze(axis)


# ---------------------------------------------------------------- expand_dims
@pytest.mark.parametrize("axis", [0, 1, 2, 3, -1, -2, -4])
def test_expand_dims(backend: str, axis: int) -> None:
    expected = np.expand_dims(A234, axis)
    t = make(backend, A234)
    check(t.expand_dims(axis), expected, backend)
    check(ep.expand_dims(t, axis), expected, backend)
    check(ep.expand_dims(t, axis=axis), expected, backend)


def test_expand_dims_0d(backend: str) -> None:
    a = np.array(1.5)
    check(make(backend, a).expand_dims(0), np.expand_dims(a, 0), backend)
    check(make(backend, a).expand_dims(-1), np.expand_dims(a, -1), backend)


# ----------------------------------------------------------------------- tile
TILE_CASES = [
    ((3,), (2,)),
    ((3,), (1,)),
    ((2, 3), (2, 1)),
    ((2, 3), (1, 3)),
    ((2, 3), (2, 2)),
    ((2, 3), (0, 2)),
    ((2, 1, 3), (1, 4, 2)),
]


@pytest.mark.parametrize(("shape", "multiples"), TILE_CASES, ids=repr)
def test_tile(backend: str, shape: tuple[int, ...], multiples: tuple[int, ...]) -> None:
    a = np.arange(math.prod(shape), dtype=np.int64).reshape(shape)
    expected = np.tile(a, multiples)
    t = make(backend, a)
    check(t.tile(multiples), expected, backend)
    check(ep.tile(t, multiples), expected, backend)


@pytest.mark.parametrize("multiples", [(2,), (1, 2, 1), (), 3], ids=repr)
def test_tile_with_fewer_or_more_multiples_than_axes_as_numpy(backend: str, multiples: Any) -> None:
    """As NumPy's (and the standard's) ``tile``: missing leading multiples are 1, extra ones
    add leading axes (EagerPy asked for exactly one per axis)."""
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    t = make(backend, a)
    check(t.tile(multiples), np.tile(a, multiples), backend)
    check(ep.tile(t, multiples), np.tile(a, multiples), backend)


# ----------------------------------------------------------------------- flip
@pytest.mark.parametrize("axis", [None, 0, 1, 2, -1, (0, 2), (-1, -2), (0, 1, 2)], ids=repr)
def test_flip(backend: str, axis: Any) -> None:
    expected = np.flip(A234, axis)
    t = make(backend, A234)
    check_axis_forms(t, "flip", axis, expected, backend)


def test_flip_1d_and_0d(backend: str) -> None:
    a = np.array([1, 5, 2], dtype=np.int64)
    check(ep.flip(make(backend, a)), np.flip(a), backend)
    check(ep.flip(make(backend, np.array(2.0))), np.flip(np.array(2.0)), backend)


# ------------------------------------------------------------------------ pad
P = np.arange(12, dtype=np.float32).reshape(3, 4) - 3
PAD_CASES = [
    ((1, 2), (0, 3)),
    ((0, 0), (2, 2)),
    ((2, 0), (0, 0)),
    ((1, 1), (1, 1)),
    ((0, 0), (0, 0)),
]


@pytest.mark.parametrize("paddings", PAD_CASES, ids=repr)
@pytest.mark.parametrize("value", [0, 1.5, -7])
def test_pad_constant(backend: str, paddings: Any, value: float) -> None:
    expected = np.pad(P, paddings, mode="constant", constant_values=value)
    t = make(backend, P)
    check(t.pad(paddings, value=value), expected, backend)
    check(ep.pad(t, paddings, "constant", value), expected, backend)
    check(ep.pad(t, paddings, mode="constant", value=value), expected, backend)


def test_pad_constant_default_value(backend: str) -> None:
    expected = np.pad(P, ((1, 0), (0, 2)))
    check(ep.pad(make(backend, P), ((1, 0), (0, 2))), expected, backend)


@pytest.mark.parametrize("paddings", PAD_CASES, ids=repr)
def test_pad_reflect(backend: str, paddings: Any) -> None:
    expected = np.pad(P, paddings, mode="reflect")
    t = make(backend, P)
    check(t.pad(paddings, mode="reflect"), expected, backend)
    check(ep.pad(t, paddings, "reflect"), expected, backend)


@pytest.mark.parametrize("mode", ["constant", "reflect"])
def test_pad_1d_and_3d(backend: str, mode: str) -> None:
    a1 = np.array([1.0, 2.0, 3.0, 4.0])
    check(ep.pad(make(backend, a1), ((2, 1),), mode), np.pad(a1, ((2, 1),), mode), backend)
    paddings = ((1, 0), (0, 2), (1, 1))
    check(ep.pad(make(backend, A234), paddings, mode), np.pad(A234, paddings, mode), backend)


@pytest.mark.parametrize("mode", ["edge", "symmetric", "CONSTANT", "wrap"])
def test_pad_bad_mode_is_an_error(backend: str, mode: str) -> None:
    with pytest.raises(ValueError, match="mode"):
        ep.pad(make(backend, P), ((1, 1), (1, 1)), mode)


@pytest.mark.parametrize(
    "paddings", [((1, 1),), ((1, 1), (1, 1), (1, 1)), ((1, 2, 3), (0, 0)), ((1,), (0, 0))]
)
def test_pad_needs_one_pair_per_axis(backend: str, paddings: Any) -> None:
    with pytest.raises(ValueError, match="pair"):
        ep.pad(make(backend, P), paddings)
    with pytest.raises(ValueError, match="pair"):
        make(backend, P).pad(paddings, mode="reflect")


# -------------------------------------------------------- concatenate, stack
JOIN = [A234, A234 * 2, -A234]


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3])
def test_concatenate(backend: str, axis: int) -> None:
    tensors = [make(backend, a) for a in JOIN]
    check(ep.concatenate(tensors, axis=axis), np.concatenate(JOIN, axis=axis), backend)
    check(ep.concatenate(tuple(tensors[:2]), axis), np.concatenate(JOIN[:2], axis), backend)


def test_concatenate_different_lengths_and_default_axis(backend: str) -> None:
    a, b = np.ones((2, 3), dtype=np.int64), np.arange(12, dtype=np.int64).reshape(4, 3)
    check(ep.concatenate([make(backend, a), make(backend, b)]), np.concatenate([a, b]), backend)
    check(ep.concatenate([make(backend, a)]), a, backend)


@pytest.mark.parametrize("axis", [0, 1, 2, 3, -1, -4])
def test_stack(backend: str, axis: int) -> None:
    tensors = [make(backend, a) for a in JOIN]
    check(ep.stack(tensors, axis=axis), np.stack(JOIN, axis=axis), backend)
    check(ep.stack(tuple(tensors[1:]), axis), np.stack(JOIN[1:], axis), backend)


def test_stack_0d_and_default_axis(backend: str) -> None:
    scalars = [np.array(1.5), np.array(-2.0)]
    check(ep.stack([make(backend, s) for s in scalars]), np.stack(scalars), backend)


@pytest.mark.parametrize("join", [ep.concatenate, ep.stack], ids=["concatenate", "stack"])
@pytest.mark.parametrize(("first", "second"), list(permutations(INSTALLED, 2)))
def test_joining_mixed_backends_is_a_type_error(first: str, second: str, join: Any) -> None:
    a = np.ones((2, 2), dtype=np.float32)
    with pytest.raises(TypeError) as info:
        join([make(first, a), make(second, a)])
    assert CLASS_NAMES[first] in str(info.value) and CLASS_NAMES[second] in str(info.value)
    with pytest.raises(TypeError):
        join([make(first, a), make(first, a), make(second, a)], axis=1)


@pytest.mark.parametrize("join", [ep.concatenate, ep.stack], ids=["concatenate", "stack"])
def test_joining_nothing_is_a_value_error(join: Any) -> None:
    with pytest.raises(ValueError, match="at least one"):
        join([])
    with pytest.raises(ValueError, match="at least one"):
        join((), axis=1)


# ------------------------------------------------------------------- meshgrid
@pytest.mark.parametrize("indexing", ["xy", "ij"])
@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_meshgrid(backend: str, indexing: str, dtype: str) -> None:
    x, y, z = (np.arange(n, dtype=dtype) * (n + 1) for n in (3, 4, 2))
    for arrays in ([x, y], [x, y, z], [y]):
        expected = np.meshgrid(*arrays, indexing=indexing)
        tensors = [make(backend, a) for a in arrays]
        for got in (
            ep.meshgrid(*tensors, indexing=indexing),
            tensors[0].meshgrid(*tensors[1:], indexing=indexing),
        ):
            assert isinstance(got, tuple) and len(got) == len(expected)
            for g, e in zip(got, expected, strict=True):
                check(g, e, backend)


def test_meshgrid_default_is_xy(backend: str) -> None:
    x, y = np.array([1.0, 2.0, 3.0]), np.array([10.0, 20.0])
    gx, gy = ep.meshgrid(make(backend, x), make(backend, y))
    ex, ey = np.meshgrid(x, y)
    assert ex.shape == (2, 3)
    check(gx, ex, backend)
    check(gy, ey, backend)


# ------------------------------------------------------------ sort, argsort
DISTINCT = np.random.default_rng(3).permutation(24).reshape(2, 3, 4).astype(np.float32) - 11.5


@pytest.mark.parametrize("axis", [-1, 0])
def test_sort_argsort_nan_last(backend: str, axis: int) -> None:
    # (tf.sort leaves NaN, and the values around it, unsorted; eagerlite follows NumPy)
    a = np.array(
        [[3.0, np.nan, -np.inf, 1.0, np.inf, np.nan], [np.nan, 2.0, np.inf, 0.0, 1.0, -1.0]],
        dtype=np.float32,
    )
    check(ep.sort(make(backend, a), axis=axis), np.sort(a, axis=axis), backend)
    check(ep.argsort(make(backend, a), axis=axis), np.argsort(a, axis=axis, stable=True), backend)


@pytest.mark.parametrize("axis", [-1, 0, 1, 2, -2])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_sort_argsort(backend: str, dtype: str, axis: int) -> None:
    a = DISTINCT.astype(dtype)
    t = make(backend, a)
    check(t.sort(axis), np.sort(a, axis=axis), backend)
    check(ep.sort(t, axis=axis), np.sort(a, axis=axis), backend)
    check(t.argsort(axis), np.argsort(a, axis=axis), backend)
    check(ep.argsort(t, axis=axis), np.argsort(a, axis=axis), backend)


def test_sort_argsort_default_axis_is_last(backend: str) -> None:
    t = make(backend, DISTINCT)
    check(t.sort(), np.sort(DISTINCT), backend)
    check(ep.argsort(t), np.argsort(DISTINCT), backend)
    a1 = np.array([3.0, -1.0, 2.0])
    check(ep.argsort(make(backend, a1)), np.argsort(a1), backend)


# ----------------------------------------------------------------------- topk
@pytest.mark.parametrize("dtype", ["float32", "int64"])
@pytest.mark.parametrize("k", [1, 2, 4])
@pytest.mark.parametrize("shape", [(4,), (3, 4), (2, 3, 4)])
def test_topk(backend: str, shape: tuple[int, ...], k: int, dtype: str) -> None:
    a = DISTINCT.reshape(-1)[: math.prod(shape)].reshape(shape).astype(dtype)
    order = np.argsort(-a, axis=-1)[..., :k]  # largest first
    t = make(backend, a)
    for values, indices in (ep.topk(t, k), t.topk(k), t.topk(k, sorted=True)):
        check(values, np.take_along_axis(a, order, axis=-1), backend)
        check(indices, order, backend)


def test_topk_unsorted_has_the_right_elements(backend: str) -> None:
    a = DISTINCT.reshape(6, 4)
    values, indices = ep.topk(make(backend, a), 2, sorted=False)
    expected = np.sort(np.sort(a, axis=-1)[:, -2:], axis=-1)
    np.testing.assert_array_equal(np.sort(values.numpy(), axis=-1), expected)
    np.testing.assert_array_equal(np.take_along_axis(a, indices.numpy(), axis=-1), values.numpy())


# ------------------------------------------------------------ take_along_axis
@pytest.mark.parametrize("axis", [-1, 0, 1, 2])
@pytest.mark.parametrize("dtype", ["float32", "int64"])
def test_take_along_axis(backend: str, dtype: str, axis: int) -> None:
    a = DISTINCT.astype(dtype)
    index = np.argsort(a, axis=axis)
    expected = np.take_along_axis(a, index, axis=axis)
    t, i = make(backend, a), make(backend, index)
    check(t.take_along_axis(i, axis), expected, backend)
    check(ep.take_along_axis(t, i, axis=axis), expected, backend)


@pytest.mark.parametrize("index_dtype", ["int32", "int64"])
def test_take_along_axis_index_dtypes(backend: str, index_dtype: str) -> None:
    # int32 indices are common (JAX without x64, TF ops, user data)
    a = DISTINCT[1]
    index = np.argsort(a, axis=-1)[:, ::-1].astype(index_dtype)
    expected = np.take_along_axis(a, index, axis=-1)
    check(ep.take_along_axis(make(backend, a), make(backend, index), -1), expected, backend)


@pytest.mark.parametrize("axis", [-1, 0])
def test_take_along_axis_fewer_and_repeated_indices(backend: str, axis: int) -> None:
    a = DISTINCT[0]  # (3, 4)
    index = np.array([[0, 2, 2], [3, 3, 1], [1, 0, 0]]) if axis == -1 else np.array([[2, 0, 1, 1]])
    expected = np.take_along_axis(a, index, axis=axis)
    check(ep.take_along_axis(make(backend, a), make(backend, index), axis), expected, backend)


# --------------------------------------------------- container protocol, repr
def test_len(backend: str) -> None:
    assert len(make(backend, A234)) == 2
    assert len(make(backend, np.zeros((0, 3)))) == 0
    assert len(make(backend, np.array([1, 2, 3]))) == 3


def test_iter(backend: str) -> None:
    t = make(backend, A234)
    rows = list(t)
    assert len(rows) == 2
    for row, expected in zip(rows, A234, strict=True):
        check(row, expected, backend)
    assert [r.item() for r in make(backend, np.array([4, 5, 6]))] == [4, 5, 6]
    assert list(make(backend, np.zeros((0, 2)))) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [([True], True), ([False], False), ([[0.0]], False), ([2.5], True), (0, False), (-1, True)],
    ids=repr,
)
def test_bool_of_one_element(backend: str, value: Any, expected: bool) -> None:
    result = bool(make(backend, np.array(value)))
    assert result is expected


def test_repr_names_the_class(backend: str) -> None:
    text = repr(make(backend, np.array([1.25, 2.5])))
    assert text.startswith(CLASS_NAMES[backend] + "("), text
    assert "1.25" in text and "2.5" in text and text.endswith(")")


@pytest.mark.parametrize(("value", "spec"), [(3.14159, ".2f"), (2.0, ".3e"), (-1.5, "+.1f")])
def test_format_0d(backend: str, value: float, spec: str) -> None:
    assert format(make(backend, np.array(value)), spec) == format(value, spec)
    assert f"{make(backend, np.array(value, dtype=np.float32)):.2f}" == f"{value:.2f}"
