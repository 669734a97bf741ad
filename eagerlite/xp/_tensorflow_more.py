"""TensorFlow's native namespace, continued: creation, manipulation, searching, sets,
sorting, statistics, utilities and indexing."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ._common import UniqueAllResult, UniqueCountsResult, UniqueInverseResult, new_axes


def functions(
    tf: Any,
    tb: Any,
    pair: Callable[[Any, Any], tuple[Any, Any]],
    result_type: Callable[..., Any],
    default_int: Any,
) -> dict[str, Any]:
    """These functions of the main namespace (``tb``: the TensorFlow backend module)."""
    import numpy as np

    is_tensor = tb._is_tensor

    python_kinds = {bool: tf.bool, int: default_int, float: tf.float32, complex: tf.complex64}

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

    # ----------------------------------------------------------------- creation
    def arange(
        start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
    ) -> Any:
        if stop is None:
            start, stop = 0, start
        if dtype is None:
            floats = any(isinstance(v, float) for v in (start, stop, step))
            dtype = tf.float32 if floats else default_int
        n = max(0, math.ceil((stop - start) / step))

        def make() -> Any:
            steps = tf.range(n, dtype=tf.float64 if dtype.is_floating else tf.int64)
            return tf.cast(start + step * steps, dtype)

        return _placed(device, make)

    def asarray(
        obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
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
        obj = tb._exact(obj, dtype)
        return _placed(device, lambda: tf.convert_to_tensor(obj, dtype=dtype))

    def _shape(shape: Any) -> Any:
        return (shape,) if isinstance(shape, int) else tuple(shape)

    def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
        return _placed(device, lambda: tf.zeros(_shape(shape), dtype or tf.float32))

    def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
        return _placed(device, lambda: tf.ones(_shape(shape), dtype or tf.float32))

    def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
        dtype = dtype or (fill_value.dtype if is_tensor(fill_value) else _python_dtype(fill_value))
        value = tb._cast(fill_value, dtype)
        return _placed(device, lambda: tf.fill(_shape(shape), value))

    def _like(fill: Any) -> Any:
        def call(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
            target = dtype or x.dtype
            with tf.device(device or x.device):
                return tf.fill(tf.shape(x), tb._cast(fill, target))

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
        a, b = tb._cast(start, wide), tb._cast(stop, wide)
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
        capsule = x.__dlpack__() if hasattr(x, "__dlpack__") else x
        out = tf.experimental.dlpack.from_dlpack(capsule)
        return _placed(device, lambda: out) if device is not None or copy else out

    main: dict[str, Any] = {
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

    # ------------------------------------------------------------- manipulation
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

    def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Any:
        return tf.reshape(x, _shape(shape))

    def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Any:
        if axis is None:
            return tf.reshape(tf.roll(tf.reshape(x, [-1]), shift, 0), tf.shape(x))
        return tf.roll(x, shift, axis)

    def squeeze(x: Any, /, axis: Any) -> Any:
        axes = (axis,) if isinstance(axis, int) else tuple(axis)
        tb.check_squeeze(tuple(x.shape), axes)
        return tf.squeeze(x, axes) if axes else x

    def stack(arrays: Any, /, *, axis: int = 0) -> Any:
        return tf.stack(_common(arrays), axis)

    def tile(x: Any, repetitions: Any, /) -> Any:
        reps = list(repetitions)
        while x.shape.rank < len(reps):
            x = tf.expand_dims(x, 0)
        reps = [1] * (x.shape.rank - len(reps)) + reps
        return tb._tile(x, reps)

    def unstack(x: Any, /, *, axis: int = 0) -> Any:
        return tuple(tf.unstack(x, axis=axis))

    main |= {
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
            out = tb._arg_extreme(fn, x, axis)
            return _keep(out, x, axis) if keepdims else out

        return call

    def count_nonzero(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        axes = None if axis is None else list((axis,) if isinstance(axis, int) else axis)
        return tf.math.count_nonzero(x, axes, keepdims=keepdims, dtype=default_int)

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
        out = tf.searchsorted(a[None], flat, side=side, out_type=default_int)
        return tf.reshape(out, tf.shape(b))

    def where(condition: Any, x1: Any, x2: Any, /) -> Any:
        a, b = pair(x1, x2)
        return tf.where(tb._as_bool(condition), a, b)

    def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
        if not descending:
            return tb._sort_order(x, axis)
        n = tf.cast(tf.shape(x)[axis], tf.int64)
        return n - 1 - tf.reverse(tb._sort_order(tf.reverse(x, [axis]), axis), [axis])

    def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
        return tb._take_along_axis(x, argsort(x, axis=axis, descending=descending), axis)

    main |= {
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
            order = tf.gather(
                order, tf.argsort(tf.gather(tf.math.real(values), order), stable=True)
            )
        else:
            values, index, counts = tf.unique_with_counts(flat, out_idx=tf.int64)
            order = tb._sort_order(values, 0)  # sorted, as the other frameworks give them
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

    main |= {
        "unique_all": unique_all,
        "unique_counts": unique_counts,
        "unique_inverse": unique_inverse,
        "unique_values": unique_values,
        "isin": isin,
    }

    # --------------------------------------------------------------- statistics
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
            x = tb._counted(x) if dtype is None else tf.cast(x, dtype)
            out = fn(x, axis=axis)
            if include_initial:
                shape = tf.tensor_scatter_nd_update(tf.shape(out), [[axis % x.shape.rank]], [1])
                first = tf.fill(shape, tb._cast(initial, out.dtype))
                out = tf.concat([first, out], axis)
            return out

        return call

    def diff(
        x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None
    ) -> Any:
        parts = [p for p in (prepend, x, append) if p is not None]
        if len(parts) > 1:
            x = concat(parts, axis=axis)
        for _ in range(n):
            size = tf.shape(x)[axis]
            x = tf.gather(x, tf.range(1, size), axis=axis) - tf.gather(
                x, tf.range(size - 1), axis=axis
            )
            x = tf.cast(x, parts[0].dtype) if x.dtype != parts[0].dtype else x
        return x

    def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
        if axis is None:
            if x.shape.rank != 1:
                raise ValueError(f"take needs axis for a {x.shape.rank}-D array")
            axis = 0
        indices = tf.convert_to_tensor(indices)
        size = tf.shape(x, out_type=indices.dtype)[axis]
        indices = tf.where(indices < 0, indices + size, indices)  # (from the end, as NumPy)
        return tf.gather(x, indices, axis=axis)

    def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
        return tb._take_along_axis(x, indices, axis)

    sum_ = _reduce(tb._sum, with_dtype=True)
    main |= {
        "sum": sum_,
        "prod": _reduce(lambda x, **kw: tf.reduce_prod(tb._counted(x), **kw), with_dtype=True),
        "mean": _without_dtype(_reduce(tb._mean)),
        "max": _without_dtype(_reduce(tb._max)),
        "min": _without_dtype(_reduce(tb._min)),
        "all": _without_dtype(_reduce(lambda x, **kw: tf.reduce_all(tb._as_bool(x), **kw))),
        "any": _without_dtype(_reduce(lambda x, **kw: tf.reduce_any(tb._as_bool(x), **kw))),
        "std": std,
        "var": var,
        "cumulative_sum": _cumulative(tf.cumsum, 0),
        "cumulative_prod": _cumulative(tf.math.cumprod, 1),
        "diff": diff,
        "take": take,
        "take_along_axis": take_along_axis,
    }
    return main
