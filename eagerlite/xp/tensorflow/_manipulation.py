"""TensorFlow's manipulation, searching, sorting, set and indexing functions, to the
standard: NumPy's order for NaN (TF's sort leaves NaN and the values around it unsorted),
indices from the end, arrays of several dtypes promoted, kernels TF lacks for some dtypes
(uint16 tile and repeat, bool sort) done in another."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import tensorflow as tf

from ..._core.checks import check_nonempty, check_squeeze, new_axes
from .._common import UniqueAllResult, UniqueCountsResult, UniqueInverseResult
from ._base import DEFAULT_INT, as_bool, as_tensor, is_floating, is_tensor, pair
from ._elementwise import result_type


def tile_kernel(raw: Any, multiples: Any) -> Any:
    """``tf.tile``, uint16 too (TF's kernel has none: tiled as int16, the same bits)."""
    if raw.dtype is tf.uint16:
        return tf.bitcast(tf.tile(tf.bitcast(raw, tf.int16), multiples), tf.uint16)
    return tf.tile(raw, multiples)


def take_along_axis_kernel(raw: Any, idx: Any, axis: int) -> Any:
    rank = raw.shape.rank
    axis %= rank
    if idx.shape.rank != rank:
        raise ValueError(
            f"take_along_axis needs an index of the same rank ({rank}), got {idx.shape}"
        )
    perm = [*range(axis), *range(axis + 1, rank), axis]  # move `axis` last
    inverse = [*range(axis), rank - 1, *range(axis, rank - 1)]
    moved_raw, moved_idx = tf.transpose(raw, perm), tf.transpose(idx, perm)
    size = tf.shape(raw, out_type=moved_idx.dtype)[axis]
    moved_idx = tf.where(moved_idx < 0, moved_idx + size, moved_idx)  # (from the end)
    batch = tf.shape(moved_idx)[:-1]  # NumPy broadcasts the other axes
    moved_raw = tf.broadcast_to(moved_raw, tf.concat([batch, tf.shape(moved_raw)[-1:]], axis=0))
    out = tf.gather(moved_raw, moved_idx, batch_dims=rank - 1)
    return tf.transpose(out, inverse)


def sort_order(raw: Any, axis: int) -> Any:
    """argsort as NumPy's, NaN last (TF's sort leaves NaN and the values around it unsorted)."""
    if not is_floating(raw):
        if raw.dtype is tf.bool:
            raw = tf.cast(raw, tf.int8)  # (TF sorts no bools)
        return tf.cast(tf.argsort(raw, axis=axis, stable=True), tf.int64)
    nan = tf.math.is_nan(raw)
    # two stable sorts: NaN to the end first, then by value with NaN standing in as +inf
    first = tf.argsort(tf.cast(nan, tf.int8), axis=axis, stable=True)
    key = tf.where(nan, tf.constant(math.inf, raw.dtype), raw)
    second = tf.argsort(take_along_axis_kernel(key, first, axis), axis=axis, stable=True)
    return tf.cast(take_along_axis_kernel(first, second, axis), tf.int64)


def arg_extreme(fn: Callable[..., Any], raw: Any, axis: int | None) -> Any:
    """argmin/argmax as NumPy's: of the flattened tensor for None, the first NaN if any."""
    check_nonempty("argmin" if "min" in fn.__name__ else "argmax", raw.shape, axis)
    if axis is None:
        raw, axis = tf.reshape(raw, [-1]), 0
    index = fn(raw, axis=axis)
    if not is_floating(raw):
        return index
    nan = tf.math.is_nan(raw)  # TF's kernels skip NaN
    first_nan = tf.argmax(tf.cast(nan, tf.int8), axis=axis)
    return tf.where(tf.reduce_any(nan, axis=axis), first_nan, index)


def broadcast_shapes(*shapes: Any) -> tuple[int, ...]:
    ndim = max((len(s) for s in shapes), default=0)
    out = []
    for i in range(ndim):
        sizes = {s[i - ndim + len(s)] for s in shapes if i - ndim + len(s) >= 0} - {1}
        if len(sizes) > 1:
            raise ValueError(f"shapes {shapes} do not broadcast")
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)


def broadcast_arrays(*arrays: Any) -> Any:
    shape = broadcast_shapes(*(tuple(a.shape) for a in arrays))
    return tuple(tf.broadcast_to(a, shape) for a in arrays)


def broadcast_to(x: Any, /, shape: Any) -> Any:
    try:
        return tf.broadcast_to(x, _shape(shape))
    except (tf.errors.InvalidArgumentError, ValueError) as error:
        raise ValueError(f"cannot broadcast shape {tuple(x.shape)} to {shape}") from error


def _common(arrays: Any) -> list[Any]:
    arrays = list(arrays)
    dtype = result_type(*arrays)
    return [tf.cast(a, dtype) for a in arrays]


def concat(arrays: Any, /, *, axis: int | None = 0) -> Any:
    arrays = _common(arrays)
    if axis is None:
        return tf.concat([tf.reshape(a, [-1]) for a in arrays], 0)
    return tf.concat(arrays, axis)


def expand_dims(x: Any, /, axis: Any = 0) -> Any:
    for a in new_axes(axis, x.shape.rank):
        x = tf.expand_dims(x, a)
    return x


def flip(x: Any, /, *, axis: Any = None) -> Any:
    axes = range(x.shape.rank) if axis is None else (axis,) if isinstance(axis, int) else axis
    return tf.reverse(x, list(axes))


def moveaxis(x: Any, source: Any, destination: Any, /) -> Any:
    rank = x.shape.rank
    src = [s % rank for s in ((source,) if isinstance(source, int) else source)]
    dst = [d % rank for d in ((destination,) if isinstance(destination, int) else destination)]
    order = [i for i in range(rank) if i not in src]
    for d, s in sorted(zip(dst, src, strict=True)):
        order.insert(d, s)
    return tf.transpose(x, order)


def permute_dims(x: Any, /, axes: Any) -> Any:
    return tf.transpose(x, list(axes))


def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Any:
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    if is_tensor(repeats):
        repeats = tf.cast(tf.reshape(repeats, [-1]), tf.int64)
    if x.dtype is tf.uint16:  # (TF's kernel has none: as int16, the same bits)
        return tf.bitcast(tf.repeat(tf.bitcast(x, tf.int16), repeats, axis), tf.uint16)
    return tf.repeat(x, repeats, axis)


def _shape(shape: Any) -> Any:
    return (shape,) if isinstance(shape, int) else tuple(shape)


def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Any:
    return tf.reshape(x, _shape(shape))


def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Any:
    if axis is None:
        return tf.reshape(tf.roll(tf.reshape(x, [-1]), shift, 0), tf.shape(x))
    return tf.roll(x, shift, axis)


def squeeze(x: Any, /, axis: Any = None) -> Any:
    if axis is None:  # (NumPy's: every axis of length one)
        axis = tuple(i for i, n in enumerate(x.shape) if n == 1)
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    check_squeeze(tuple(x.shape), axes)
    return tf.squeeze(x, axes) if axes else x


def stack(arrays: Any, /, *, axis: int = 0) -> Any:
    return tf.stack(_common(arrays), axis)


def tile(x: Any, repetitions: Any, /) -> Any:
    reps = list(repetitions)
    while x.shape.rank < len(reps):
        x = tf.expand_dims(x, 0)
    reps = [1] * (x.shape.rank - len(reps)) + reps
    return tile_kernel(x, reps)


def unstack(x: Any, /, *, axis: int = 0) -> Any:
    return tuple(tf.unstack(x, axis=axis))


functions: dict[str, Any] = {
    "broadcast_arrays": broadcast_arrays,
    "broadcast_shapes": broadcast_shapes,
    "broadcast_to": broadcast_to,
    "concat": concat,
    "expand_dims": expand_dims,
    "flip": flip,
    "moveaxis": moveaxis,
    "permute_dims": permute_dims,
    "repeat": repeat,
    "reshape": reshape,
    "roll": roll,
    "squeeze": squeeze,
    "stack": stack,
    "tile": tile,
    "unstack": unstack,
}


# ------------------------------------------------------- searching, sorting
def _keep(out: Any, x: Any, axis: Any) -> Any:
    """``out`` reduced over ``axis`` of ``x``, with those axes back as length one."""
    rank = x.shape.rank
    axes = range(rank) if axis is None else (axis,) if isinstance(axis, int) else axis
    shape = [1 if i in {a % rank for a in axes} else n for i, n in enumerate(x.shape)]
    return tf.reshape(out, shape)


def _arg(fn: Any) -> Any:
    def call(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
        out = arg_extreme(fn, x, axis)
        return _keep(out, x, axis) if keepdims else out

    return call


def count_nonzero(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    axes = None if axis is None else list((axis,) if isinstance(axis, int) else axis)
    return tf.math.count_nonzero(x, axes, keepdims=keepdims, dtype=DEFAULT_INT)


def nonzero(x: Any, /) -> Any:
    if x.shape.rank == 0:
        raise ValueError("nonzero of a 0-d array is not defined")
    found = tf.where(tf.cast(x, tf.bool))
    return tuple(found[:, i] for i in range(x.shape.rank))


def searchsorted(x1: Any, x2: Any, /, *, side: str = "left", sorter: Any = None) -> Any:
    if sorter is not None:
        x1 = tf.gather(x1, sorter)
    a, b = pair(x1, x2)
    flat = tf.reshape(b, [1, -1])
    out = tf.searchsorted(a[None], flat, side=side, out_type=DEFAULT_INT)
    return tf.reshape(out, tf.shape(b))


def where(condition: Any, x1: Any, x2: Any, /) -> Any:
    a, b = pair(x1, x2)
    return tf.where(as_bool(condition), a, b)


def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    if not descending:
        return sort_order(x, axis)
    n = tf.cast(tf.shape(x)[axis], tf.int64)
    return n - 1 - tf.reverse(sort_order(tf.reverse(x, [axis]), axis), [axis])


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    return take_along_axis_kernel(x, argsort(x, axis=axis, descending=descending), axis)


functions |= {
    "argmax": _arg(tf.argmax),
    "argmin": _arg(tf.argmin),
    "count_nonzero": count_nonzero,
    "nonzero": nonzero,
    "searchsorted": searchsorted,
    "where": where,
    "argsort": argsort,
    "sort": sort,
}


# --------------------------------------------------------------------- sets
def _unique(x: Any) -> tuple[Any, Any, Any]:
    flat = tf.reshape(x, [-1])
    if flat.dtype.is_complex:
        values, index, counts = _unique_complex(flat)
        order = tf.argsort(tf.math.imag(values), stable=True)  # by real, then imag part
        order = tf.gather(order, tf.argsort(tf.gather(tf.math.real(values), order), stable=True))
    else:
        values, index, counts = tf.unique_with_counts(flat, out_idx=tf.int64)
        order = sort_order(values, 0)  # sorted, as the other frameworks give them
    rank = tf.math.invert_permutation(order)
    return tf.gather(values, order), tf.gather(rank, index), tf.gather(counts, order)


def _unique_complex(flat: Any) -> tuple[Any, Any, Any]:
    """TF's unique takes no complex: the bits of each value are its key (-0 made +0)."""
    keys = tf.bitcast(flat + np.asarray(0, flat.dtype.as_numpy_dtype), tf.int64)
    keys = keys[:, None] if keys.shape.rank == 1 else keys  # (complex128: two int64s)
    _, index, counts = tf.raw_ops.UniqueWithCountsV2(x=keys, axis=[0], out_idx=tf.int64)
    positions = tf.range(tf.size(flat, tf.int64))
    first = tf.math.unsorted_segment_min(positions, index, tf.shape(counts)[0])
    return tf.gather(flat, first), index, counts


def unique_values(x: Any, /) -> Any:
    return _unique(x)[0]


def unique_counts(x: Any, /) -> Any:
    values, _, counts = _unique(x)
    return UniqueCountsResult(values, counts)


def unique_inverse(x: Any, /) -> Any:
    values, inverse, _ = _unique(x)
    return UniqueInverseResult(values, tf.reshape(inverse, tf.shape(x)))


def unique_all(x: Any, /) -> Any:
    values, inverse, counts = _unique(x)
    n = tf.size(inverse, tf.int64)
    first = tf.math.unsorted_segment_min(tf.range(n), inverse, tf.size(values))
    return UniqueAllResult(values, first, tf.reshape(inverse, tf.shape(x)), counts)


def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Any:
    a, b = pair(x1, x2)
    found = tf.reduce_any(tf.equal(a[..., None], tf.reshape(b, [-1])), -1)
    return tf.logical_not(found) if invert else found


functions |= {
    "unique_all": unique_all,
    "unique_counts": unique_counts,
    "unique_inverse": unique_inverse,
    "unique_values": unique_values,
    "isin": isin,
}


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    if axis is None:
        if x.shape.rank != 1:
            raise ValueError(f"take needs axis for a {x.shape.rank}-D array")
        axis = 0
    indices = as_tensor(indices)
    size = tf.shape(x, out_type=indices.dtype)[axis]
    indices = tf.where(indices < 0, indices + size, indices)  # (from the end, as NumPy)
    return tf.gather(x, indices, axis=axis)


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    return take_along_axis_kernel(x, indices, axis)


functions |= {"take": take, "take_along_axis": take_along_axis}
