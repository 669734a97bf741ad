"""The TensorFlow backend: ``TensorFlowTensor`` wraps ``tf.Tensor`` and ``tf.Variable``.

Importing this module imports no framework: ``bind()`` imports TensorFlow (and NumPy)
and finishes the class the first time a TensorFlow tensor is seen (see
``eagerlite.backends``).
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, Self

from .._autodiff import LossFn
from .._support import (
    as_shape,
    equality,
    finish_backend,
    not_an_operand_error,
    parse_device,
    traced_value_error,
    unknown_device_error,
)
from ..dtypes import table_of
from ..tensor.tensor import Scalar, Tensor
from ..types import Axes, AxisAxes, ShapeOrScalar
from ..xp._common import check_nonempty
from ._common import (
    BINARY,
    REDUCTIONS,
    UNARY,
    check_in_bounds,
    check_pad,
    check_squeeze,
    check_tile,
    range_args,
)

if TYPE_CHECKING:
    import numpy as np
    import tensorflow as tf
    from tensorflow.python.eager import record as _record  # type: ignore[attr-defined]


# TF's DTypes are interned, and their == and hash cost far more (0.3-0.7 us) than ``is``
# and ``id``: the hot paths below test dtypes by identity (these sets are made by bind()).
def _ids(*dtypes: Any) -> frozenset[int]:
    return frozenset(id(d) for d in dtypes)


_FLOATING: frozenset[int]  # the ids of the floating-point dtypes
_INEXACT: frozenset[int]  # ... of the floating-point and complex dtypes
_INTEGRAL: frozenset[int]  # ... of the integer dtypes and bool


def _is_int(raw: Any) -> bool:
    """Whether ``raw`` holds integers or bools."""
    return id(raw.dtype) in _INTEGRAL


def _is_floating(raw: Any) -> bool:
    return id(raw.dtype) in _FLOATING


def _as_bool(raw: Any) -> Any:
    dtype = getattr(raw, "dtype", None)
    if dtype is tf.bool:
        return raw
    if dtype is tf.complex64 or dtype is tf.complex128:  # (tf.cast takes the real part)
        return tf.not_equal(raw, tf.zeros((), dtype))
    return tf.cast(raw, tf.bool)


_WIDENED: dict[int, Any]  # the id of a small int dtype (or bool) -> its 64-bit dtype


def _counted(raw: Any) -> Any:
    """Small ints and bools widened to 64 bits, as NumPy's sum, prod and cumsum do them."""
    wide = _WIDENED.get(id(raw.dtype))
    return raw if wide is None else tf.cast(raw, wide)


def _sum(raw: Any, **kwargs: Any) -> Any:
    return tf.reduce_sum(_counted(raw), **kwargs)


def _mean(raw: Any, **kwargs: Any) -> Any:
    # TF's own reduce_mean truncates integer means; NumPy gives a float
    if raw.dtype.is_complex and 0 in raw.shape:  # (TF: 0j; NumPy: 0/0, nan+nanj)
        return tf.reduce_sum(raw, **kwargs) * tf.cast(math.nan, raw.dtype)  # 0 * nan: nan+nanj
    return tf.reduce_mean(tf.cast(raw, tf.float32) if _is_int(raw) else raw, **kwargs)


# the min/max of bools are all/any (TF's reduce_min/max reject bools)
def _min(raw: Any, **kwargs: Any) -> Any:
    check_nonempty("minimum", raw.shape, kwargs.get("axis"))  # (TF's would give +inf)
    return (tf.reduce_all if raw.dtype is tf.bool else tf.reduce_min)(raw, **kwargs)


def _max(raw: Any, **kwargs: Any) -> Any:
    check_nonempty("maximum", raw.shape, kwargs.get("axis"))
    return (tf.reduce_any if raw.dtype is tf.bool else tf.reduce_max)(raw, **kwargs)


_TENSOR_TYPES: tuple[type, ...]  # (tf.Tensor, tf.Variable)


def _is_tensor(value: Any) -> bool:
    """A cheap ``tf.is_tensor`` (that one costs microseconds for a Python scalar)."""
    return isinstance(value, _TENSOR_TYPES)


def _exact(value: Any, dtype: Any = None) -> Any:
    """``value`` as a TF op may take it: a Python float zero or complex as a NumPy scalar.

    TF caches the tensors it makes from Python scalars, keyed by value: ``-0.0 == 0.0``, so
    the two share one entry and whichever came first is what both give from then on
    (``tf.constant(0.0)`` then ``tf.constant(-0.0)`` is +0).  NumPy scalars bypass the cache.
    """
    kind = type(value)
    if (kind is float and value == 0) or kind is complex:
        return np.asarray(value, None if dtype is None else tf.as_dtype(dtype).as_numpy_dtype)
    return value


def _cast(value: Any, dtype: Any) -> Any:
    """``tf.cast`` that casts a Python number as NumPy does: ``tf.cast(0.1, tf.float64)``
    converts 0.1 to float32 first (digits lost, 1e154 out of range)."""
    if _is_tensor(value):
        return tf.cast(value, dtype)
    return tf.constant(np.asarray(value, tf.as_dtype(dtype).as_numpy_dtype))


def _promote(a: Any, b: Any) -> tuple[Any, Any]:
    """``a`` (a tensor) and ``b`` (a tensor or Python scalar) in the dtype NumPy would pick.

    TensorFlow never promotes: ``int_tensor * 1.5`` and ``int32 == int64`` are errors
    there.  Python scalars are weak, as in NumPy 2: ``float32_tensor * 1.5`` stays float32.
    """
    dtype = a.dtype
    if _is_tensor(b):
        if b.dtype is dtype:
            return a, b
        common = np.result_type(dtype.as_numpy_dtype, b.dtype.as_numpy_dtype)
        return tf.cast(a, common), tf.cast(b, common)
    kind = type(b)
    if kind is bool and dtype is not tf.bool:  # (NumPy: True is 1 for a number array)
        b, kind = int(b), int
    if (
        (kind is float and id(dtype) not in _INEXACT)
        or (kind is int and dtype is tf.bool)
        or (kind is complex and not dtype.is_complex)  # x * 1j: complex, x's precision
    ):
        a = tf.cast(a, np.result_type(dtype.as_numpy_dtype, b))
    return a, _exact(b, a.dtype)


def _tensor_like(value: Any, like: Any) -> Any:
    """``value`` as a tensor, a Python scalar taking ``like``'s dtype."""
    return value if _is_tensor(value) else tf.constant(_exact(value, like.dtype), like.dtype)


def _promoting(op: Callable[[Any, Any], Any], reflected: bool) -> Callable[..., Any]:
    """A binary operator that promotes dtypes as NumPy does (see ``_promote``)."""

    def method(self: TensorFlowTensor, other: Any) -> Any:
        a, fn = self.raw, op
        if type(other) is float and other and id(a.dtype) in _INEXACT:  # the common case
            b = other
        else:
            raw = other.raw if type(other) is type(self) else self._operand(other)
            if raw is None:  # (an optional argument elsewhere; no operand of an operator)
                raise not_an_operand_error(self, raw)
            a, b = _promote(a, raw)
            if a.dtype is tf.bool:
                fn = _on_bools(op)
        device = a.device  # (operators keep the device here, not through _keep_device)
        if device != _default_device[0] and device and _elsewhere(device):
            with tf.device(device):
                return type(self)(fn(b, a) if reflected else fn(a, b))
        return type(self)(fn(b, a) if reflected else fn(a, b))

    return method


def _on_bools(op: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """``op`` for bool operands, as NumPy does it: TF's kernels of +, <, //, % and ** take
    no bools (NumPy: + is or, bools compare as 0 and 1, //, % and ** give int8)."""
    if op is operator.add or op is tf.add:
        return tf.logical_or
    if op in _ORDERINGS:
        return lambda a, b: op(tf.cast(a, tf.uint8), tf.cast(b, tf.uint8))
    if op in _IN_INT8:
        return lambda a, b: op(tf.cast(a, tf.int8), tf.cast(b, tf.int8))
    return op


# NumPy's indexing on TF (bound by bind(): _tensorflow_indexing.py imports TF)
_getitem: Callable[[Any, Any], Any]
_extremes: Callable[[Any], tuple[int, int] | None]

_ORDERINGS: set[Any] = {operator.lt, operator.le, operator.gt, operator.ge}  # (+ TF's: bind)
_IN_INT8: set[Any] = {operator.floordiv, operator.mod, operator.pow}


_ARITHMETIC = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "truediv": operator.truediv,
    "floordiv": operator.floordiv,
    "mod": operator.mod,
    "pow": operator.pow,
}
_COMPARISONS = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "eq": operator.eq,
    "ne": operator.ne,
}


def _tile(raw: Any, multiples: Any) -> Any:
    """``tf.tile``, uint16 too (TF's kernel has none: tiled as int16, the same bits)."""
    if raw.dtype is tf.uint16:
        return tf.bitcast(tf.tile(tf.bitcast(raw, tf.int16), multiples), tf.uint16)
    return tf.tile(raw, multiples)


def _take_along_axis(raw: Any, idx: Any, axis: int) -> Any:
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


def _sort_order(raw: Any, axis: int) -> Any:
    """argsort as NumPy's, NaN last (TF's sort leaves NaN and the values around it unsorted)."""
    if not _is_floating(raw):
        if raw.dtype is tf.bool:
            raw = tf.cast(raw, tf.int8)  # (TF sorts no bools)
        return tf.cast(tf.argsort(raw, axis=axis, stable=True), tf.int64)
    nan = tf.math.is_nan(raw)
    # two stable sorts: NaN to the end first, then by value with NaN standing in as +inf
    first = tf.argsort(tf.cast(nan, tf.int8), axis=axis, stable=True)
    key = tf.where(nan, tf.constant(math.inf, raw.dtype), raw)
    second = tf.argsort(_take_along_axis(key, first, axis), axis=axis, stable=True)
    return tf.cast(_take_along_axis(first, second, axis), tf.int64)


def _arg_extreme(fn: Callable[..., Any], raw: Any, axis: int | None) -> Any:
    """argmin/argmax as NumPy's: of the flattened tensor for None, the first NaN if any."""
    check_nonempty("argmin" if "min" in fn.__name__ else "argmax", raw.shape, axis)
    if axis is None:
        raw, axis = tf.reshape(raw, [-1]), 0
    index = fn(raw, axis=axis)
    if not _is_floating(raw):
        return index
    nan = tf.math.is_nan(raw)  # TF's kernels skip NaN
    first_nan = tf.argmax(tf.cast(nan, tf.int8), axis=axis)
    return tf.where(tf.reduce_any(nan, axis=axis), first_nan, index)


# One algorithm everywhere: TF's default ("auto_select") picks another one under XLA
# (jit_compile=True), which would give the same key other numbers there.
_ALG: Final = "philox"


def _tf_seed(key: Any) -> Any:
    """A stateless-op seed (shape [2]) from an int or a seed tensor."""
    return [int(key), 0] if isinstance(key, int) else key


class TensorFlowTensor(Tensor["tf.Tensor"]):
    """A ``tf.Tensor`` (eager or symbolic, as inside ``tf.function``) or a ``tf.Variable``."""

    __slots__ = ()
    framework = "tensorflow"
    raw: tf.Tensor
    dtype: tf.DType  # (for type checkers: Tensor.dtype returns raw.dtype)

    def _device(self) -> Any:
        """A context placing new tensors on this tensor's device."""
        return tf.device(self.raw.device)

    @staticmethod
    def _device_kept(fn: Any) -> Any:
        @functools.wraps(fn)
        def on_device(*args: Any, **kwargs: Any) -> Any:
            first: Any = args[0] if args else None
            if type(first) in (list, tuple) and first:  # (concat, stack: a sequence first)
                first = first[0]
            device = first.device if _is_tensor(first) else ""
            if device != _default_device[0] and device and _elsewhere(device):
                with tf.device(device):
                    return fn(*args, **kwargs)
            return fn(*args, **kwargs)

        return on_device

    def numpy(self) -> np.ndarray[Any, Any]:
        try:  # (.numpy(), not np.array(raw): TF's __array__ fails on a 0-d bfloat16 tensor)
            a = np.array(self.raw.numpy())
        except (AttributeError, NotImplementedError) as error:  # symbolic, in tf.function
            raise traced_value_error(self, "numpy() or item()", "tf.function") from error
        a.flags.writeable = False
        return a

    @property
    def device(self) -> str:
        return str(self.raw.device)

    def to_device(self, device: Any, /, *, stream: Any = None) -> Self:
        if str(device) == "" == self.device:  # (inside tf.function: t.to_device(t.device))
            return self
        with tf.device(_device_named(self, str(device))):
            return type(self)(tf.identity(self.raw))

    def __bool__(self) -> bool:
        try:
            return bool(self.raw)
        except tf.errors.OperatorNotAllowedInGraphError as error:
            raise traced_value_error(self, "bool()", "tf.function") from error

    def item(self) -> int | float | bool:
        return self.numpy().item()  # type: ignore[no-any-return]

    def _astype(self, dtype: Any, copy: bool) -> Self:  # (TF tensors are immutable)
        return type(self)(tf.cast(self.raw, dtype))

    def __getitem__(self, index: Any) -> Self:
        return type(self)(_getitem(self.raw, self._index(index)))

    def _values_known(self) -> bool:
        return bool(tf.executing_eagerly())

    def _index(self, index: Any) -> Any:
        """As for every backend, and integers past their axis raise NumPy's IndexError
        (TF's would be an internal error, also in ``index_update`` and ``ep.at``)."""
        index = super()._index(index)
        check_in_bounds(index, self.raw.shape.as_list(), _extremes)
        return index

    def where(self, x: Self | Scalar, y: Self | Scalar) -> Self:
        a, b = self._operand(x), self._operand(y)
        if not _is_tensor(a) and not _is_tensor(b):
            a, b = tf.convert_to_tensor(_exact(a)), tf.convert_to_tensor(_exact(b))
        if _is_tensor(a):
            a, b = _promote(a, b)
        else:
            b, a = _promote(b, a)
        a, b = _tensor_like(a, b), _tensor_like(b, a)
        return type(self)(tf.where(_as_bool(self.raw), a, b))

    def argmin(self, axis: int | None = None) -> Self:
        return type(self)(_arg_extreme(tf.argmin, self.raw, axis))

    def argmax(self, axis: int | None = None) -> Self:
        return type(self)(_arg_extreme(tf.argmax, self.raw, axis))

    def cumsum(self, axis: int | None = None) -> Self:
        if axis is None:
            return type(self)(tf.cumsum(tf.reshape(_counted(self.raw), [-1]), axis=0))
        return type(self)(tf.cumsum(_counted(self.raw), axis=axis))

    def argsort(self, axis: int = -1) -> Self:
        return type(self)(_sort_order(self.raw, axis))

    def sort(self, axis: int = -1) -> Self:
        raw = self.raw
        if raw.dtype is tf.bool:  # (TF sorts no bools)
            return type(self)(tf.cast(tf.sort(tf.cast(raw, tf.int8), axis=axis), tf.bool))
        if not _is_floating(raw):
            return type(self)(tf.sort(raw, axis=axis))
        return type(self)(_take_along_axis(raw, _sort_order(raw, axis), axis))

    def topk(self, k: int, sorted: bool = True) -> tuple[Self, Self]:
        raw = self.raw
        counted = tf.cast(raw, tf.int8) if raw.dtype is tf.bool else raw  # (no bool kernel)
        values, indices = tf.math.top_k(counted, k, sorted=sorted)
        return type(self)(tf.cast(values, raw.dtype)), type(self)(tf.cast(indices, tf.int64))

    def take_along_axis(self, index: Self, axis: int) -> Self:
        return type(self)(_take_along_axis(self.raw, self._operand(index), axis))

    def reshape(self, shape: ShapeOrScalar) -> Self:
        return type(self)(tf.reshape(self.raw, as_shape(shape)))

    def transpose(self, axes: Axes | None = None) -> Self:
        return type(self)(tf.transpose(self.raw, perm=axes))

    def squeeze(self, axis: AxisAxes | None = None) -> Self:
        check_squeeze(self.shape, axis)
        if isinstance(axis, (tuple, list)) and not axis:
            return self  # no axis to squeeze (tf.squeeze would take [] as "all axes")
        return type(self)(tf.squeeze(self.raw, axis=axis))

    def expand_dims(self, axis: int) -> Self:
        return type(self)(tf.expand_dims(self.raw, axis))

    def tile(self, multiples: Axes) -> Self:
        check_tile(self.ndim, multiples)
        return type(self)(_tile(self.raw, multiples))

    def flip(self, axis: AxisAxes | None = None) -> Self:
        if axis is None:
            axis = tuple(range(self.ndim))
        return type(self)(tf.reverse(self.raw, [axis] if isinstance(axis, int) else list(axis)))

    def pad(
        self, paddings: tuple[tuple[int, int], ...], mode: str = "constant", value: float = 0
    ) -> Self:
        check_pad(self.ndim, paddings, mode)
        if mode == "constant":
            return type(self)(tf.pad(self.raw, paddings, "CONSTANT", constant_values=value))
        shape = self.raw.shape.as_list()
        if 0 in shape:  # (TF's MirrorPad refuses length-0 axes; the result is empty too)
            for axis, (n, pads) in enumerate(zip(shape, paddings, strict=True)):
                if n == 0 and any(pads):
                    raise ValueError(f"can't extend empty axis {axis} using mode 'reflect'")
            padded = [(n or 0) + sum(pads) for n, pads in zip(shape, paddings, strict=True)]
            return type(self)(tf.zeros(padded, self.raw.dtype))
        return type(self)(tf.pad(self.raw, paddings, "REFLECT"))

    def meshgrid(self, *tensors: Self, indexing: str = "xy") -> tuple[Self, ...]:
        grids = tf.meshgrid(self.raw, *self._unwrap_all(tensors), indexing=indexing)
        return tuple(type(self)(g) for g in grids)

    def _concatenate(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        return type(self)(tf.concat(self._unwrap_all(tensors), axis=axis))

    def _stack(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        return type(self)(tf.stack(self._unwrap_all(tensors), axis=axis))

    def _full(self, shape: ShapeOrScalar, value: float, dtype: Any) -> Self:
        with self._device():
            cast = np.asarray(value, dtype.as_numpy_dtype)  # cast as NumPy does
            return type(self)(tf.fill(as_shape(shape), tf.constant(cast)))

    def _full_like(self, fill_value: float) -> Self:
        raw = self.raw
        with self._device():
            cast = np.asarray(fill_value, raw.dtype.as_numpy_dtype)  # cast as NumPy does
            return type(self)(tf.fill(tf.shape(raw), tf.constant(cast)))

    def _arange(self, start: int, stop: int | None, step: int | None) -> Self:
        ints = all(isinstance(v, int) for v in (start, stop, step) if v is not None)
        start, stop, step = range_args(start, stop, step)
        with self._device():  # integer ranges are int64, as in NumPy and torch
            raw = tf.range(start, stop, step, dtype=tf.int64 if ints else None)
        return type(self)(raw)

    def from_numpy(self, a: Any) -> Self:
        with self._device():
            return type(self)(tf.identity(tf.convert_to_tensor(a)))

    def _random_dtype(self) -> Any:
        return self.raw.dtype if _is_floating(self.raw) else tf.float32

    def uniform(
        self, shape: ShapeOrScalar, low: float = 0.0, high: float = 1.0, *, key: Any = None
    ) -> Self:
        dtype, shape = self._random_dtype(), as_shape(shape)
        with self._device():
            if key is None:
                return type(self)(tf.random.uniform(shape, low, high, dtype=dtype))
            seed = _tf_seed(key)
            raw = tf.random.stateless_uniform(shape, seed, low, high, dtype=dtype, alg=_ALG)
        return type(self)(raw)

    def normal(
        self, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0, *, key: Any = None
    ) -> Self:
        dtype, shape = self._random_dtype(), as_shape(shape)
        with self._device():
            if key is None:
                return type(self)(tf.random.normal(shape, mean, stddev, dtype=dtype))
            seed = _tf_seed(key)
            raw = tf.random.stateless_normal(shape, seed, mean, stddev, dtype=dtype, alg=_ALG)
        return type(self)(raw)

    def softmax(self, axis: int = -1) -> Self:
        return type(self)(tf.nn.softmax(self.raw, axis=axis))

    def log_softmax(self, axis: int = -1) -> Self:
        return type(self)(tf.nn.log_softmax(self.raw, axis=axis))

    def crossentropy(self, labels: Self) -> Self:
        self._check_crossentropy(labels)
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=self._operand(labels), logits=self.raw
        )
        return type(self)(loss)

    def slogdet(self) -> tuple[Self, Self]:
        sign, logabsdet = tf.linalg.slogdet(self.raw)
        return type(self)(sign), type(self)(logabsdet)

    def inv(self) -> Self:
        return type(self)(tf.linalg.inv(self.raw))

    def _l2_norm(self, axis: AxisAxes | None, keepdims: bool) -> Self:
        raw = self.raw
        if _is_floating(raw) and tf.executing_eagerly() and not _record.could_possibly_record():
            # no GradientTape is open, so nothing can differentiate this: the plain formula
            if axis is None and not keepdims:
                return type(self)(tf.sqrt(tf.reduce_sum(tf.square(raw))))
            return type(self)(tf.sqrt(tf.reduce_sum(tf.square(raw), axis, keepdims)))
        return super()._l2_norm(axis, keepdims)

    def _is_inexact(self) -> bool:
        return id(self.raw.dtype) in _INEXACT

    @classmethod
    def _gradients(cls, fn: LossFn, xs: list[Self]) -> tuple[Self, Any, list[Self]]:
        with tf.GradientTape(watch_accessed_variables=False) as tape:
            # a copy of each x is watched, not x: the tape would give a tensor that f sees
            # twice (passed twice, or also closed over) the gradient of both uses
            raws = [_copy(x.raw) for x in xs]
            sources = raws[0] if len(raws) == 1 else raws  # (one tensor, not [it]: faster)
            tape.watch(sources)
            loss, aux = fn(list(map(cls, raws)))
        device = raws[0].device  # (the gradient ops on the first input's device)
        if device != _default_device[0] and device and _elsewhere(device):
            with tf.device(device):
                found = tape.gradient(loss.raw, sources)
        else:
            found = tape.gradient(loss.raw, sources)
        grads = [found] if len(raws) == 1 else found
        return loss, aux, [cls(_dense(g, r)) for g, r in zip(grads, raws, strict=True)]


def _as_tf_tensor(
    value: Tensor[Any], dtype: Any = None, name: Any = None, as_ref: bool = False
) -> Any:
    """``tf.convert_to_tensor`` of an eagerlite Tensor (see ``bind``)."""
    if isinstance(value, TensorFlowTensor):
        return tf.convert_to_tensor(value.raw, dtype=dtype, name=name)
    raise TypeError(
        f"cannot combine a native tf.Tensor with a {type(value).__name__}: all tensors in one "
        "operation must come from the same framework (convert it first: x.convert('tensorflow'))"
    )


def _device_named(tensor: TensorFlowTensor, name: str) -> str:
    """The logical device ``name`` means (``"/GPU:0"``, ``"cpu:1"``, ``"cuda"``, a full
    name); TF itself would place on the CPU, silently, a device this machine lacks."""
    kind, index = parse_device(name)
    devices: list[str] = [d.name for d in tf.config.list_logical_devices()]
    for device in devices:
        if parse_device(device) == (kind, index if index is not None else 0):
            return device
    raise unknown_device_error(tensor, name, devices)


def _bind_operators(cls: type[TensorFlowTensor], kernels: dict[str, Any]) -> None:
    """TensorFlow's own operators need equal dtypes; these promote first, as NumPy does.
    ``kernels``: the namespace's own ops for ``/``, ``%``, ``**`` and unary ``-`` (TF's
    divide int8 into float32, miss unsigned ints and the sign of a zero remainder)."""
    ops = {**_ARITHMETIC, **_COMPARISONS, **kernels}
    for name in {**_ARITHMETIC, **_COMPARISONS}:
        method = _promoting(ops[name], reflected=False)
        if name in ("eq", "ne"):
            method = equality(method, unequal=name == "ne")
        setattr(cls, f"__{name}__", method)
    for name in _ARITHMETIC:
        setattr(cls, f"__r{name}__", _promoting(ops[name], reflected=True))
    negative = kernels["neg"]

    def neg(self: TensorFlowTensor) -> TensorFlowTensor:
        return type(self)(negative(self.raw))

    cls.__neg__ = neg  # type: ignore[method-assign,assignment]


# TF runs an op on its default device (copying the inputs there) unless a device scope is
# open; every method opens one when the tensor lives elsewhere, so results stay with it.
_default_device = [""]  # the default device's name, found on first use


def _elsewhere(device: str) -> bool:
    """Whether ``device`` (a tensor's, not '') is not TF's default device."""
    if not _default_device[0]:
        _default_device[0] = (tf.constant(0.0) + 0.0).device
    return device != _default_device[0]


def _dense(grad: Any, like: Any) -> Any:
    """A gradient as a dense tensor: zeros for None (unconnected), IndexedSlices densified."""
    if grad is None:
        return tf.zeros_like(like)
    return grad if isinstance(grad, tf.Tensor) else tf.convert_to_tensor(grad)


def _copy(raw: Any) -> Any:
    """An identity op of ``raw`` on its device (a variable's: of its value).  (The raw op:
    ``tf.identity``'s Python layers take twice as long as the op itself.)"""
    device = raw.device
    if device != _default_device[0] and device and _elsewhere(device):
        with tf.device(device):
            return tf.raw_ops.Identity(input=raw)
    return tf.raw_ops.Identity(input=raw)


def _keep_device(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def on_device(self: TensorFlowTensor, *args: Any, **kwargs: Any) -> Any:
        device = self.raw.device  # ('' inside tf.function)
        if device != _default_device[0] and device and _elsewhere(device):
            with tf.device(device):
                return method(self, *args, **kwargs)
        return method(self, *args, **kwargs)

    return on_device


_PRIVATE_OPS = {"__getitem__", "__neg__", "__abs__", "__matmul__", "__rmatmul__"}
_PRIVATE_OPS |= {"_concatenate", "_stack", "_l2_norm", "_astype", "_concat", "_broadcast_arrays"}
_PRIVATE_OPS |= {"_apply", "_apply_reflected", "__pos__", "__invert__"}
_NOT_OPS = {"numpy", "item", "to_device", "value_and_grad_fn", "value_and_grad"}
_NOT_OPS |= {"value_aux_and_grad", "float32", "float64", "bool"}  # (these call other methods)


def _keep_devices(cls: type[TensorFlowTensor]) -> None:
    """Every op of ``cls`` (its own, inherited and table-bound) keeps its input's device."""
    import inspect  # (here: it takes milliseconds to import, too many for `import eagerlite`)

    for name in dir(cls):
        attr = inspect.getattr_static(cls, name)
        is_op = not name.startswith("_") or name in _PRIVATE_OPS
        if is_op and inspect.isfunction(attr) and name not in _NOT_OPS:
            setattr(cls, name, _keep_device(attr))


# EagerPy's names of the ops whose Array API name differs
_STANDARD = {f"arc{name}": f"a{name}" for name in "sin cos tan sinh cosh tanh".split()}


def bind() -> None:
    """Import TensorFlow and finish ``TensorFlowTensor`` (done once, by ``astensor``)."""
    global np, tf, _record, _FLOATING, _INEXACT, _INTEGRAL, _WIDENED, _TENSOR_TYPES
    global _getitem, _extremes
    import numpy as np
    import tensorflow as tf
    from tensorflow.python.eager import record as _record  # type: ignore[attr-defined]

    _FLOATING = _ids(tf.float16, tf.bfloat16, tf.float32, tf.float64)
    _INEXACT = _FLOATING | _ids(tf.complex64, tf.complex128)
    _INTEGRAL = _ids(tf.bool, tf.int8, tf.int16, tf.int32, tf.int64)
    _INTEGRAL |= _ids(tf.uint8, tf.uint16, tf.uint32, tf.uint64)
    _WIDENED = {id(d): tf.int64 for d in (tf.bool, tf.int8, tf.int16, tf.int32)}
    _WIDENED.update({id(d): tf.uint64 for d in (tf.uint8, tf.uint16, tf.uint32)})
    _TENSOR_TYPES = (tf.Tensor, tf.Variable)
    from ._tensorflow_indexing import extremes as _extremes
    from ._tensorflow_indexing import getitem as _getitem

    _ORDERINGS.update((tf.less, tf.less_equal, tf.greater, tf.greater_equal))
    _IN_INT8.update((tf.math.floordiv, tf.math.floormod))
    from ..xp import native_namespace

    xp = native_namespace("tensorflow")  # the Array API functions: one implementation
    tables: dict[str, Any] = {
        "_unary_ops": {name: getattr(xp, _STANDARD.get(name, name)) for name in UNARY}
        | {"stop_gradient": tf.stop_gradient},
        "_binary_ops": {name: getattr(xp, name) for name in BINARY},
        "_reductions": {name: getattr(xp, name) for name in REDUCTIONS},
        "_dtypes": table_of(tf),
    }
    _bind_operators(TensorFlowTensor, xp._operators)
    # TF converts anything with __array__ (every Tensor has one): a TensorFlowTensor is
    # its raw tensor, others are refused, so `tf_tensor * PyTorchTensor` is a mixing error
    tf.register_tensor_conversion_function(Tensor, _as_tf_tensor)
    finish_backend(TensorFlowTensor, tables)
    _keep_devices(TensorFlowTensor)
