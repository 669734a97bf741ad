"""What every TensorFlow function here builds on: dtype tests, NumPy's promotion (TF never
promotes: ``int32 + int64`` and ``int_tensor * 1.5`` are errors there), Python scalars
as NumPy takes them, NumPy arrays as TF may take them, and results kept on their inputs'
device.

TF's DTypes are interned, and their ``==`` and hash cost far more (0.3-0.7 us) than ``is``
and ``id``: the hot paths test dtypes by identity.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import numpy as np
import tensorflow as tf


def _ids(*dtypes: Any) -> frozenset[int]:
    return frozenset(id(d) for d in dtypes)


FLOATING = _ids(tf.float16, tf.bfloat16, tf.float32, tf.float64)
COMPLEX = _ids(tf.complex64, tf.complex128)
INEXACT = FLOATING | COMPLEX
UNSIGNED = _ids(tf.uint8, tf.uint16, tf.uint32, tf.uint64)
INTEGRAL = _ids(tf.bool, tf.int8, tf.int16, tf.int32, tf.int64) | UNSIGNED
UNSIGNED_OR_BOOL = UNSIGNED | _ids(tf.bool)
# the id of a small int dtype (or bool) -> its 64-bit dtype
_WIDENED = {id(d): tf.int64 for d in (tf.bool, tf.int8, tf.int16, tf.int32)}
_WIDENED.update({id(d): tf.uint64 for d in (tf.uint8, tf.uint16, tf.uint32)})
TENSOR_TYPES = (tf.Tensor, tf.Variable)
DEFAULT_INT = tf.int64


def is_tensor(value: Any) -> bool:
    """A cheap ``tf.is_tensor`` (that one costs microseconds for a Python scalar)."""
    return isinstance(value, TENSOR_TYPES)


def is_int(raw: Any) -> bool:
    """Whether ``raw`` holds integers or bools."""
    return id(raw.dtype) in INTEGRAL


def is_floating(raw: Any) -> bool:
    return id(raw.dtype) in FLOATING


def as_bool(raw: Any) -> Any:
    dtype = getattr(raw, "dtype", None)
    if dtype is tf.bool:
        return raw
    if dtype is tf.complex64 or dtype is tf.complex128:  # (tf.cast takes the real part)
        return tf.not_equal(raw, tf.zeros((), dtype))
    return tf.cast(host(raw), tf.bool)


def counted(raw: Any) -> Any:
    """Small ints and bools widened to 64 bits, as NumPy's sum, prod and cumsum do them."""
    wide = _WIDENED.get(id(raw.dtype))
    return raw if wide is None else tf.cast(raw, wide)


# TF copies a NumPy array it converts only where the array is not aligned for its own
# Python layer (16 bytes); its kernels want 64 and abort the process otherwise.
ALIGNMENT = 64


def host(value: Any) -> Any:
    """``value`` as TF may take it: a NumPy array in 64-byte aligned, C-contiguous memory
    (a copy where it is not; TF would abort the process on other memory), a Python float
    zero or complex as a NumPy scalar (see ``exact``); anything else as it is."""
    if type(value) is np.ndarray:
        if value.__array_interface__["data"][0] % ALIGNMENT or not value.flags.c_contiguous:
            value = aligned_copy(value)
        return value
    return value


def aligned_copy(a: Any) -> Any:
    """A C-contiguous copy of the NumPy array ``a`` at a 64-byte aligned address."""
    nbytes = max(a.nbytes, 1)
    buffer = np.empty(nbytes + ALIGNMENT, np.uint8)
    start = -buffer.__array_interface__["data"][0] % ALIGNMENT
    out = buffer[start : start + a.nbytes].view(a.dtype).reshape(a.shape)
    out[...] = a
    return out


def exact(value: Any, dtype: Any = None) -> Any:
    """``value`` as a TF op may take it: a Python float zero or complex as a NumPy scalar,
    a NumPy array in aligned memory.

    TF caches the tensors it makes from Python scalars, keyed by value: ``-0.0 == 0.0``, so
    the two share one entry and whichever came first is what both give from then on
    (``tf.constant(0.0)`` then ``tf.constant(-0.0)`` is +0).  NumPy scalars bypass the cache.
    """
    kind = type(value)
    if (kind is float and value == 0) or kind is complex:
        return np.asarray(value, None if dtype is None else tf.as_dtype(dtype).as_numpy_dtype)
    return host(value)


def as_tensor(value: Any, dtype: Any = None) -> Any:
    """``value`` (a tensor, a NumPy array, a number, a list) as a TF tensor."""
    if is_tensor(value):
        return value if dtype is None or value.dtype == dtype else tf.cast(value, dtype)
    return tf.convert_to_tensor(exact(value, dtype), dtype=dtype)


def cast(value: Any, dtype: Any) -> Any:
    """``tf.cast`` that casts a Python number as NumPy does: ``tf.cast(0.1, tf.float64)``
    converts 0.1 to float32 first (digits lost, 1e154 out of range)."""
    if is_tensor(value):
        return tf.cast(value, dtype)
    return tf.constant(np.asarray(host(value), tf.as_dtype(dtype).as_numpy_dtype))


def promote(a: Any, b: Any) -> tuple[Any, Any]:
    """``a`` (a tensor) and ``b`` (a tensor or Python scalar) in the dtype NumPy would pick.

    Python scalars are weak, as in NumPy 2: ``float32_tensor * 1.5`` stays float32.
    """
    dtype = a.dtype
    if is_tensor(b):
        if b.dtype is dtype:
            return a, b
        common = np.result_type(dtype.as_numpy_dtype, b.dtype.as_numpy_dtype)
        return tf.cast(a, common), tf.cast(b, common)
    if type(b) is np.ndarray:
        return promote(a, tf.convert_to_tensor(host(b)))
    kind = type(b)
    if kind is bool and dtype is not tf.bool:  # (NumPy: True is 1 for a number array)
        b, kind = int(b), int
    if (
        (kind is float and id(dtype) not in INEXACT)
        or (kind is int and dtype is tf.bool)
        or (kind is complex and not dtype.is_complex)  # x * 1j: complex, x's precision
    ):
        a = tf.cast(a, np.result_type(dtype.as_numpy_dtype, b))
    return a, exact(b, a.dtype)


def pair(x1: Any, x2: Any) -> tuple[Any, Any]:
    """Both operands as tensors of one dtype (Python scalars take the array's)."""
    if is_tensor(x1):
        a, b = promote(x1, x2)
    elif is_tensor(x2):
        b, a = promote(x2, x1)
    else:
        a, b = promote(tf.convert_to_tensor(exact(x1)), x2)
    if not is_tensor(a):
        a = tf.constant(a, dtype=b.dtype)
    if not is_tensor(b):
        b = tf.constant(b, dtype=a.dtype)
    return a, b


ORDERINGS: set[Any] = {operator.lt, operator.le, operator.gt, operator.ge}
ORDERINGS |= {tf.less, tf.less_equal, tf.greater, tf.greater_equal}
IN_INT8: set[Any] = {operator.floordiv, operator.mod, operator.pow}
IN_INT8 |= {tf.math.floordiv, tf.math.floormod}


def on_bools(op: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """``op`` for bool operands, as NumPy does it: TF's kernels of +, <, //, % and ** take
    no bools (NumPy: + is or, bools compare as 0 and 1, //, % and ** give int8)."""
    if op is operator.add or op is tf.add:
        return tf.logical_or
    if op in ORDERINGS:
        return lambda a, b: op(tf.cast(a, tf.uint8), tf.cast(b, tf.uint8))
    if op in IN_INT8:
        return lambda a, b: op(tf.cast(a, tf.int8), tf.cast(b, tf.int8))
    return op


# ----------------------------------------------------------------- devices
# TF runs an op on its default device (copying the inputs there) unless a device scope is
# open; with more than one device, every function opens one on its first tensor's device
# when that is not the default, so results stay with their inputs.
_default_device = [""]  # the default device's name, found on first use


def elsewhere(device: str) -> bool:
    """Whether ``device`` (a tensor's, '' inside tf.function) is not TF's default device."""
    if not device:
        return False
    if not _default_device[0]:
        _default_device[0] = (tf.constant(0.0) + 0.0).device
    return device != _default_device[0]


# Whether TF has more than one logical device (else results cannot go astray, and nothing
# is paid for keeping them: TF's devices are set once it runs, before its first tensor).
SEVERAL_DEVICES = len(tf.config.list_logical_devices()) > 1


def keeping_device(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, run on the device of its first tensor argument (of a list of them first;
    the second argument's, for a number and a tensor: ``2.0 - t``)."""

    @functools.wraps(fn)
    def on_device(*args: Any, **kwargs: Any) -> Any:
        first: Any = args[0] if args else None
        if type(first) in (list, tuple) and first:  # (concat, stack: a sequence first)
            first = first[0]
        elif not is_tensor(first) and len(args) > 1:
            first = args[1]
        device = first.device if is_tensor(first) else ""
        if device != _default_device[0] and elsewhere(device):
            with tf.device(device):
                return fn(*args, **kwargs)
        return fn(*args, **kwargs)

    on_device.__dict__["device_kept"] = True  # (the framework's function is __wrapped__)
    return on_device


def on_device_of(raw: Any) -> Any:
    """A context placing new tensors on ``raw``'s device."""
    return tf.device(raw.device)
