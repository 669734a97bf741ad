"""TensorFlow's reductions, statistics and cumulative functions, to the standard: NumPy's
dtypes (narrow integers summed in 64 bits, a float mean of integers), ``axis=()``,
NumPy's errors for reductions without an identity over nothing (TF's give +-inf)."""

from __future__ import annotations

import math
from typing import Any

import tensorflow as tf

from ..._core.checks import check_nonempty
from ._base import as_bool, cast, counted, is_int
from ._manipulation import concat

_ALL_AXES: dict[int, Any] = {}  # rank -> the int32 tensor of all its axes (eager only)


def _direct(op: Any, reduce: Any) -> Any:
    """The reduction ``reduce`` (``tf.reduce_sum``, ...) as its raw op ``op`` where that is
    the same op called with fewer Python layers: an int axis, or all axes of an eager
    tensor (a third of the time: ``tf.reduce_sum(x)`` builds its axes anew on each call)."""

    def call(raw: Any, axis: Any = None, keepdims: bool = False) -> Any:
        if type(axis) is int:
            return op(input=raw, axis=axis, keep_dims=keepdims)
        if axis is None and tf.executing_eagerly():
            rank = len(raw.shape)
            axes = _ALL_AXES.get(rank)
            if axes is None:
                axes = _ALL_AXES[rank] = tf.constant(list(range(rank)), tf.int32)
            return op(input=raw, axis=axes, keep_dims=keepdims)
        return reduce(raw, axis=axis, keepdims=keepdims)

    return call


_reduce_sum = _direct(tf.raw_ops.Sum, tf.reduce_sum)
_reduce_prod = _direct(tf.raw_ops.Prod, tf.reduce_prod)
_reduce_mean = _direct(tf.raw_ops.Mean, tf.reduce_mean)
_reduce_min = _direct(tf.raw_ops.Min, tf.reduce_min)
_reduce_max = _direct(tf.raw_ops.Max, tf.reduce_max)
_reduce_all = _direct(tf.raw_ops.All, tf.reduce_all)
_reduce_any = _direct(tf.raw_ops.Any, tf.reduce_any)


def _sum(raw: Any, **kwargs: Any) -> Any:
    return _reduce_sum(counted(raw), **kwargs)


def _mean(raw: Any, **kwargs: Any) -> Any:
    # TF's own reduce_mean truncates integer means; NumPy gives a float
    if raw.dtype.is_complex and 0 in raw.shape:  # (TF: 0j; NumPy: 0/0, nan+nanj)
        return _reduce_sum(raw, **kwargs) * tf.cast(math.nan, raw.dtype)  # 0 * nan: nan+nanj
    return _reduce_mean(tf.cast(raw, tf.float32) if is_int(raw) else raw, **kwargs)


# the min/max of bools are all/any (TF's reduce_min/max reject bools)
def _min(raw: Any, **kwargs: Any) -> Any:
    check_nonempty("minimum", raw.shape, kwargs.get("axis"))  # (TF's would give +inf)
    return (_reduce_all if raw.dtype is tf.bool else _reduce_min)(raw, **kwargs)


def _max(raw: Any, **kwargs: Any) -> Any:
    check_nonempty("maximum", raw.shape, kwargs.get("axis"))
    return (_reduce_any if raw.dtype is tf.bool else _reduce_max)(raw, **kwargs)


def _axes(axis: Any) -> Any:
    """``axis`` as TF's reductions take it fastest: None, an int, or a list of ints
    (a one-element list makes TF leave its fast path: twice the cost)."""
    if axis is None or type(axis) is int:
        return axis
    axes = list(axis)
    return axes[0] if len(axes) == 1 else axes


def _reduce(fn: Any, with_dtype: bool = False) -> Any:
    def call(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
        if with_dtype and dtype is not None:
            x = tf.cast(x, dtype)
        axes = _axes(axis)
        if axes == []:  # over no axis: the values, typed as reduced
            out = fn(x[..., None], axis=-1)
        else:
            out = fn(x, axis=axes, keepdims=keepdims)
        return tf.cast(out, dtype) if with_dtype and dtype is not None else out

    return call


def _without_dtype(fn: Any) -> Any:
    def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        return fn(x, axis=axis, keepdims=keepdims)

    return call


def _moments(x: Any, axis: Any, correction: float, keepdims: bool) -> Any:
    axes = _axes(axis)
    if axes == []:  # (over no axis: x's shape, kept or not)
        x, axes, keepdims = x[..., None], [-1], False
    mean = tf.reduce_mean(x, axes, keepdims=True)
    squares = tf.reduce_sum(tf.square(tf.abs(x - mean)), axes, keepdims=keepdims)
    count = tf.cast(tf.size(x) // tf.maximum(tf.size(mean), 1), squares.dtype)
    return squares / (count - correction)


def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    return _moments(x, axis, correction, keepdims)


def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    return tf.sqrt(_moments(x, axis, correction, keepdims))


def _cumulative(fn: Any, initial: int) -> Any:
    def call(
        x: Any,
        /,
        *,
        axis: int | None = None,
        dtype: Any = None,
        include_initial: bool = False,
    ) -> Any:
        if axis is None:
            if x.shape.rank > 1:
                raise ValueError(f"axis is required for a {x.shape.rank}-D array")
            axis = 0
        x = counted(x) if dtype is None else tf.cast(x, dtype)
        out = fn(x, axis=axis)
        if include_initial:
            shape = tf.tensor_scatter_nd_update(tf.shape(out), [[axis % x.shape.rank]], [1])
            first = tf.fill(shape, cast(initial, out.dtype))
            out = tf.concat([first, out], axis)
        return out

    return call


def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
    parts = [p for p in (prepend, x, append) if p is not None]
    if len(parts) > 1:
        x = concat(parts, axis=axis)
    for _ in range(n):
        size = tf.shape(x)[axis]
        x = tf.gather(x, tf.range(1, size), axis=axis) - tf.gather(x, tf.range(size - 1), axis=axis)
        x = tf.cast(x, parts[0].dtype) if x.dtype != parts[0].dtype else x
    return x


sum_ = _reduce(_sum, with_dtype=True)
functions: dict[str, Any] = {
    "sum": sum_,
    "prod": _reduce(lambda x, **kw: _reduce_prod(counted(x), **kw), with_dtype=True),
    "mean": _without_dtype(_reduce(_mean)),
    "max": _without_dtype(_reduce(_max)),
    "min": _without_dtype(_reduce(_min)),
    "all": _without_dtype(_reduce(lambda x, **kw: _reduce_all(as_bool(x), **kw))),
    "any": _without_dtype(_reduce(lambda x, **kw: _reduce_any(as_bool(x), **kw))),
    "std": std,
    "var": var,
    "cumulative_sum": _cumulative(tf.cumsum, 0),
    "cumulative_prod": _cumulative(tf.math.cumprod, 1),
    "diff": diff,
}
