"""TensorFlow's creation functions, to the standard: Python values typed as NumPy types
them, values cast as NumPy casts them, new tensors on the ``device`` asked for."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import tensorflow as tf

from ._base import DEFAULT_INT, cast, exact, is_tensor
from ._dlpack import from_dlpack as import_dlpack

python_kinds = {bool: tf.bool, int: DEFAULT_INT, float: tf.float32, complex: tf.complex64}


def _kinds(value: Any, into: set[type]) -> set[type]:
    if isinstance(value, (list, tuple)):
        for part in value:
            _kinds(part, into)
    else:
        into.add(type(value))
    return into


def _python_dtype(value: Any, kinds: set[type] | None = None) -> Any:
    """The default dtype of a Python scalar or nested list of them (whose ``kinds``, if
    known): of the widest kind there, as NumPy's (``[1, 2.5]`` is float, ``[1, 2j]``
    complex); None for others."""
    kinds = _kinds(value, set()) if kinds is None else kinds
    if not kinds or not kinds <= python_kinds.keys():
        return None
    for kind in (complex, float, int, bool):
        if kind in kinds:
            return python_kinds[kind]
    return None


def _placed(device: Any, make: Callable[[], Any]) -> Any:
    if device is None:
        return make()
    with tf.device(device):
        return tf.identity(make())


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> Any:
    if stop is None:
        start, stop = 0, start
    if dtype is None:
        floats = any(isinstance(v, float) for v in (start, stop, step))
        dtype = tf.float32 if floats else DEFAULT_INT
    n = max(0, math.ceil((stop - start) / step))

    def make() -> Any:
        steps = tf.range(n, dtype=tf.float64 if dtype.is_floating else tf.int64)
        return tf.cast(start + step * steps, dtype)

    return _placed(device, make)


def asarray(obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None) -> Any:
    if is_tensor(obj):
        if (dtype is None or obj.dtype == dtype) and device is None and not copy:
            return obj
        if copy is False:
            raise ValueError("asarray(copy=False) would need a copy (a new dtype or device)")
        out = obj if dtype is None else tf.cast(obj, dtype)
        return _placed(device, lambda: tf.identity(out))
    if copy is False and not hasattr(obj, "__dlpack__"):
        raise ValueError(f"asarray(copy=False) cannot share the memory of {type(obj)}")
    kinds = _kinds(obj, set()) if isinstance(obj, (list, tuple)) else None
    if kinds is not None and kinds <= python_kinds.keys():
        # (through NumPy: TF takes no lists of mixed kinds, [1, 2j])
        dtype = tf.as_dtype(dtype) if dtype is not None else _python_dtype(obj, kinds)
        if dtype is not None:
            obj = np.asarray(obj, dtype.as_numpy_dtype)
    elif dtype is None and not hasattr(obj, "dtype"):
        dtype = _python_dtype(obj)
    obj = exact(obj, dtype)
    return _placed(device, lambda: tf.convert_to_tensor(obj, dtype=dtype))


def _shape(shape: Any) -> Any:
    return (shape,) if isinstance(shape, int) else tuple(shape)


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    return _placed(device, lambda: tf.zeros(_shape(shape), dtype or tf.float32))


def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    return _placed(device, lambda: tf.ones(_shape(shape), dtype or tf.float32))


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    dtype = dtype or (fill_value.dtype if is_tensor(fill_value) else _python_dtype(fill_value))
    value = cast(fill_value, dtype)
    return _placed(device, lambda: tf.fill(_shape(shape), value))


def _like(fill: Any) -> Any:
    def call(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
        target = dtype or x.dtype
        with tf.device(device or x.device):
            return tf.fill(tf.shape(x), cast(fill, target))

    return call


def full_like(x: Any, /, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    return _like(fill_value)(x, dtype=dtype, device=device)


def eye(
    n_rows: int,
    n_cols: int | None = None,
    /,
    *,
    k: int = 0,
    dtype: Any = None,
    device: Any = None,
) -> Any:
    cols = n_rows if n_cols is None else n_cols
    k = max(-n_rows, min(k, cols))  # (a diagonal past the matrix: no ones, any k)
    on = tf.range(cols)[None, :] - tf.range(n_rows)[:, None] == k
    return _placed(device, lambda: tf.cast(on, dtype or tf.float32))


def linspace(
    start: Any,
    stop: Any,
    /,
    num: int,
    *,
    dtype: Any = None,
    device: Any = None,
    endpoint: bool = True,
) -> Any:
    is_complex = isinstance(start, complex) or isinstance(stop, complex)
    dtype = dtype or (tf.complex64 if is_complex else tf.float32)
    den = max(num - 1, 1) if endpoint else max(num, 1)
    wide = tf.complex128 if dtype.is_complex else tf.float64
    steps = tf.cast(tf.range(num), wide)
    a, b = cast(start, wide), cast(stop, wide)
    values = a + (b - a) * steps / tf.cast(den, wide)
    if endpoint and num > 1:
        values = tf.concat([values[:-1], [b]], 0)  # the end exactly
    return _placed(device, lambda: tf.cast(values, dtype))


def meshgrid(*arrays: Any, indexing: str = "xy") -> Any:
    if not arrays:
        return ()
    return tuple(tf.meshgrid(*arrays, indexing=indexing))


def _band(keep: Callable[[Any], Any]) -> Any:
    def call(x: Any, /, *, k: int = 0) -> Any:
        rows, cols = tf.shape(x)[-2], tf.shape(x)[-1]
        offset = tf.range(cols)[None, :] - tf.range(rows)[:, None]
        return tf.where(keep(offset - k), x, tf.zeros_like(x))

    return call


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
    out = import_dlpack(x, copy)
    return out if device is None else _placed(device, lambda: out)


functions: dict[str, Any] = {
    "arange": arange,
    "asarray": asarray,
    "empty": zeros,
    "empty_like": _like(0),
    "eye": eye,
    "from_dlpack": from_dlpack,
    "full": full,
    "full_like": full_like,
    "linspace": linspace,
    "meshgrid": meshgrid,
    "ones": ones,
    "ones_like": _like(1),
    "zeros": zeros,
    "zeros_like": _like(0),
    "tril": _band(lambda d: d <= 0),
    "triu": _band(lambda d: d >= 0),
}
