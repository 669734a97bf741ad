"""NumPy's indexing on TensorFlow tensors: advanced indexing (integer and boolean arrays)
on top of ``tf.gather_nd``, and the bounds of concrete index arrays.

"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

from ._base import host, is_tensor


def _is_advanced(part: Any) -> bool:
    return isinstance(part, (list, np.ndarray)) or is_tensor(part)


def _advanced_getitem(raw: Any, index: Any) -> Any:
    """NumPy's advanced indexing (integer and boolean arrays) on top of ``tf.gather_nd``."""
    parts = list(index) if isinstance(index, tuple) else [index]
    parts = [
        tf.convert_to_tensor(host(p)) if isinstance(p, (list, np.ndarray)) else p for p in parts
    ]
    if len(parts) == 1 and parts[0].dtype is tf.bool and parts[0].shape.rank:
        mask, axes = parts[0].shape.as_list(), raw.shape.as_list()
        if mask == axes[: len(mask)]:
            return tf.boolean_mask(raw, parts[0])
        if len(mask) > len(axes) or any(m not in (a, 0) for m, a in zip(mask, axes, strict=False)):
            raise IndexError(f"a boolean index of shape {mask} for a tensor of shape {axes}")
        # (NumPy takes a length-0 mask axis against any length: below, its nonzero() arrays)
    expanded: list[Any] = []
    for p in parts:  # a boolean mask stands for its nonzero() index arrays
        if is_tensor(p) and p.dtype is tf.bool and p.shape.rank:
            expanded.extend(tf.unstack(tf.where(p), axis=-1))
        else:
            expanded.append(p)
    # None and a 0-d mask add an axis (of length one; a False mask then takes none of it)
    rank = raw.shape.rank + sum(p is None or _is_scalar_mask(p) for p in expanded)
    if any(p is Ellipsis for p in expanded):
        at = expanded.index(Ellipsis)
        expanded[at : at + 1] = [slice(None)] * (rank - len(expanded) + 1)
    expanded += [slice(None)] * (rank - len(expanded))
    for i, p in enumerate(expanded):
        if p is None:  # newaxis: a new axis of length one, taken whole
            raw, expanded[i] = tf.expand_dims(raw, i), slice(None)
        elif _is_scalar_mask(p):  # index array [0] (True) or [] (False) into the new axis
            taken = tf.zeros(tf.cast(p, tf.int32)[None], tf.int64)
            raw, expanded[i] = tf.expand_dims(raw, i), taken
    # slices keep their axes: apply them first, then gather the index-array axes
    raw = raw[tuple(p if isinstance(p, slice) else slice(None) for p in expanded)]
    advanced = [i for i, p in enumerate(expanded) if not isinstance(p, slice)]
    sizes = tf.shape(raw, out_type=tf.int64)
    arrays = []
    for i in advanced:
        a = tf.cast(expanded[i], tf.int64)
        arrays.append(tf.where(a < 0, a + sizes[i], a))
    zero = sum((tf.zeros_like(a) for a in arrays[1:]), tf.zeros_like(arrays[0]))  # broadcast
    arrays = [a + zero for a in arrays]
    rest = [i for i in range(raw.shape.rank) if i not in advanced]
    out = tf.gather_nd(tf.transpose(raw, advanced + rest), tf.stack(arrays, axis=-1))
    first, k = advanced[0], zero.shape.rank
    if advanced == list(range(first, first + len(advanced))) and first > 0:
        # adjacent index arrays: NumPy puts their axes where the first one was
        perm = [*range(k, k + first), *range(k), *range(k + first, out.shape.rank)]
        out = tf.transpose(out, perm)
    return out


def _is_scalar_mask(part: Any) -> bool:
    return is_tensor(part) and part.dtype is tf.bool and part.shape.rank == 0


def getitem(raw: Any, index: Any) -> Any:
    """``raw[index]`` with NumPy's indexing: integer and boolean arrays, 0-d masks, index
    tensors of any integer dtype, tensors of more than 8 dimensions."""
    parts = index if isinstance(index, tuple) else (index,)
    scalars = False  # (0-d integer tensors, slice bounds too: TF takes int32 or int64 only)
    for p in parts:
        if _is_advanced(p):
            if not is_tensor(p) or p.shape.rank or p.dtype is tf.bool:
                return _advanced_getitem(raw, index)
            scalars = True
        elif type(p) is slice and (is_tensor(p.start) or is_tensor(p.stop) or is_tensor(p.step)):
            scalars = True
    if scalars:
        return raw[tuple(map(_int64, parts))]
    try:
        return raw[index]
    except (tf.errors.UnimplementedError, tf.errors.InvalidArgumentError):
        # TF slices at most 8 dimensions (past 31 its masks overflow): an element of a larger
        # tensor from its flat position
        dims = raw.shape.as_list()
        if (
            len(dims) > 8
            and len(parts) == len(dims)
            and None not in dims
            and all(type(p) is int and -d <= p < d for p, d in zip(parts, dims, strict=True))
        ):
            flat = np.ravel_multi_index([p % d for p, d in zip(parts, dims, strict=True)], dims)
            return tf.reshape(raw, [-1])[int(flat)]
        raise


def _int64(part: Any) -> Any:
    if is_tensor(part):
        return tf.cast(part, tf.int64)
    if type(part) is slice:
        return slice(_int64(part.start), _int64(part.stop), _int64(part.step))
    return part


def extremes(part: Any) -> tuple[int, int] | None:
    """The smallest and largest value of a concrete, non-empty integer index array."""
    if is_tensor(part):
        if not tf.executing_eagerly() or not part.dtype.is_integer:
            return None
        part = part.numpy()
    elif not isinstance(part, np.ndarray) or part.dtype.kind not in "iu":
        return None
    return (int(part.min()), int(part.max())) if part.size else None
