"""TensorFlow's elementwise functions and data type functions, to the standard.

Every function promotes as the standard says (``_base.promote``), takes Python scalars
on either side, and is built from TF ops only, so it works inside ``tf.function`` too.
The complex special values TF's kernels miss are corrected as for JAX.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np
import tensorflow as tf

from ..._core.dtypes import in_kind
from .. import _names
from .._common import FInfo, IInfo
from .._complex import complex_fixes, complex_special_values
from .._promotion import result_type_of
from ._base import (
    COMPLEX,
    FLOATING,
    IN_INT8,
    INEXACT,
    UNSIGNED,
    UNSIGNED_OR_BOOL,
    as_bool,
    cast,
    is_int,
    is_tensor,
    on_bools,
    pair,
)

inexact_ids = INEXACT


def _float(x: Any) -> bool:
    return bool(x.dtype.is_floating)


# (the common case: a float tensor and a Python number, which TF converts to its dtype)
number = frozenset({float, int})


def binary(fn: Any) -> Any:
    def call(x1: Any, x2: Any, /) -> Any:
        # (a zero through pair: see _base.exact)
        if type(x2) in number and x2 and is_tensor(x1) and id(x1.dtype) in inexact_ids:
            return fn(x1, x2)
        a, b = pair(x1, x2)
        return (on_bools(fn) if a.dtype is tf.bool else fn)(a, b)

    return call


def over(raw: Any, divisor: float) -> Any:
    """``raw / divisor``; a complex ``raw`` part by part (as a complex division, -inf+0j
    over a number would give -inf+nanj)."""
    if raw.dtype.is_complex:
        real, imag = tf.math.real(raw) / divisor, tf.math.imag(raw) / divisor
        return tf.complex(real, imag)
    return raw / divisor


def log(raw: Any) -> Any:
    """``tf.math.log``; of a complex number with |z| from its larger part (TF's own gives
    NaN or -inf where |z|**2 underflows: log(1e-160j) in complex128)."""
    if not raw.dtype.is_complex:
        return tf.math.log(raw)
    re, im = tf.abs(tf.math.real(raw)), tf.abs(tf.math.imag(raw))
    big, small = tf.maximum(re, im), tf.minimum(re, im)
    ratio = tf.where(big == small, tf.ones_like(big), small / big)  # (0/0 and inf/inf: 1)
    modulus = tf.math.log(big) + 0.5 * tf.math.log1p(ratio * ratio)
    nan = tf.math.is_nan(re) | tf.math.is_nan(im)  # (TF's own for NaN parts)
    return tf.where(nan, tf.math.log(raw), tf.complex(modulus, tf.math.angle(raw)))


def float_input(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``fn`` for float-only TF kernels: ints and bools first become NumPy's float for them."""

    def call(raw: Any) -> Any:
        if is_int(raw):  # sqrt(int32) is float64 in NumPy, sqrt(int8) float16
            raw = tf.cast(raw, np.promote_types(raw.dtype.as_numpy_dtype, np.float16))
        return fn(raw)

    return call


def float_functions() -> dict[str, Callable[[Any], Any]]:
    """The unary ops that TF implements for floating-point tensors only."""
    return {
        "sqrt": tf.sqrt,
        "exp": tf.exp,
        "log": log,
        "log2": lambda x: over(log(x), math.log(2.0)),
        "log10": lambda x: over(log(x), math.log(10.0)),
        "log1p": tf.math.log1p,
        "sin": tf.sin,
        "cos": tf.cos,
        "tan": tf.tan,
        "arcsin": tf.asin,
        "arccos": tf.acos,
        "arctan": tf.atan,
        "sinh": tf.sinh,
        "cosh": tf.cosh,
        "tanh": tf.tanh,
        "arcsinh": tf.asinh,
        "arccosh": tf.acosh,
        "arctanh": tf.atanh,
    }


def on_floats(fn: Any) -> Any:
    return float_input(fn)


def _unsigned(x: Any) -> bool:
    return bool(x.dtype.is_unsigned)


unsigned_or_bool = UNSIGNED_OR_BOOL


def abs(x: Any, /) -> Any:
    return tf.identity(x) if id(x.dtype) in unsigned_or_bool else tf.abs(x)


def negative(x: Any, /) -> Any:  # (TF negates no unsigned ints: 0 - x wraps around)
    return tf.zeros_like(x) - x if _unsigned(x) else tf.negative(x)


def sign(x: Any, /) -> Any:
    return tf.cast(x > 0, x.dtype) if _unsigned(x) else tf.sign(x)


# The kernels of pow, remainder and divide take operands of one dtype (or a tensor and a
# Python number): the Tensor face's **, % and / run them too (backends.tensorflow.bind)
unsigned_ids = UNSIGNED


def number_first(a: Any, b: Any) -> Any:
    """A Python number ``a`` before the tensor ``b`` in ``b``'s dtype (in a graph, TF
    would make it float32 or int32 and refuse the pair)."""
    return a if is_tensor(a) else tf.constant(a, b.dtype)


# the dtypes whose ``x**2`` is ``x * x`` (not bools: NumPy's bool**2 is an int8)
SQUARED = frozenset(id(d) for d in (tf.float16, tf.bfloat16, tf.float32, tf.float64))
SQUARED |= frozenset(id(d) for d in (tf.complex64, tf.complex128, tf.int8, tf.int16))
SQUARED |= frozenset(id(d) for d in (tf.int32, tf.int64, tf.uint8, tf.uint16, tf.uint32))
SQUARED |= frozenset(id(d) for d in (tf.uint64,))


def pow_kernel(a: Any, b: Any) -> Any:
    dtype = (a if is_tensor(a) else b).dtype
    if id(dtype) in unsigned_ids:  # (TF's pow takes no unsigned ints: in int64, wrapped)
        return tf.cast(tf.pow(tf.cast(a, tf.int64), tf.cast(b, tf.int64)), dtype)
    return tf.pow(number_first(a, b), b)


def floormod_kernel(a: Any, b: Any) -> Any:
    out = tf.math.floormod(number_first(a, b), b)
    if id(out.dtype) in FLOATING:  # a zero takes the divisor's sign (TF: the dividend's)
        out = tf.where(out == 0, copysign(tf.zeros_like(out), b), out)
    return out


def pow(x1: Any, x2: Any, /) -> Any:
    kind = type(x2)
    if (kind is int or kind is float) and x2 == 2 and is_tensor(x1):
        squared = SQUARED if kind is int else INEXACT  # (int ** 2.0 is a float)
        if id(x1.dtype) in squared:
            return tf.math.square(x1)  # (x * x, as NumPy's x**2: a third of tf.pow's time)
    a, b = pair(x1, x2)
    return (on_bools(pow_kernel) if a.dtype is tf.bool else pow_kernel)(a, b)


def signbit(x: Any, /) -> Any:
    if not _float(x):
        return x < 0 if x.dtype != tf.bool else tf.zeros_like(x, tf.bool)
    bits = {16: tf.int16, 32: tf.int32, 64: tf.int64}[x.dtype.size * 8]
    return tf.bitcast(x, bits) < 0


def trunc(x: Any, /) -> Any:
    if not _float(x):
        return x
    return tf.where(x < 0, tf.math.ceil(x), tf.math.floor(x))


def bitwise_invert(x: Any, /) -> Any:
    return tf.logical_not(x) if x.dtype == tf.bool else tf.bitwise.invert(x)


def _bitwise(ints: Any, bools: Any) -> Any:
    def call(x1: Any, x2: Any, /) -> Any:
        a, b = pair(x1, x2)
        return bools(a, b) if a.dtype == tf.bool else ints(a, b)

    return call


def _extreme(fn: Any) -> Any:
    def call(x1: Any, x2: Any, /) -> Any:
        a, b = pair(x1, x2)
        out = fn(a, b)
        if _float(a):  # NaN wins, on either side
            out = tf.where(tf.math.is_nan(a), a, tf.where(tf.math.is_nan(b), b, out))
        return out

    return call


def copysign(x1: Any, x2: Any, /) -> Any:
    a, b = pair(x1, x2)
    return tf.where(signbit(b), -tf.abs(a), tf.abs(a))


def hypot(x1: Any, x2: Any, /) -> Any:
    a, b = tf.abs(pair(x1, x2)[0]), tf.abs(pair(x1, x2)[1])
    big, small = tf.maximum(a, b), tf.minimum(a, b)
    ratio = tf.math.divide_no_nan(small, big)
    out = big * tf.sqrt(1 + ratio * ratio)
    out = tf.where(tf.math.is_nan(a) | tf.math.is_nan(b), a + b, out)
    return tf.where(tf.math.is_inf(a) | tf.math.is_inf(b), tf.constant(math.inf, a.dtype), out)


def logaddexp(x1: Any, x2: Any, /) -> Any:
    a, b = pair(x1, x2)
    big = tf.maximum(a, b)
    out = big + tf.math.log1p(tf.exp(-tf.abs(a - b)))
    return tf.where(a == b, a + math.log(2.0), out)  # (both infinite: a - b is NaN)


def divide_kernel(a: Any, b: Any) -> Any:  # (integers and bools: in float64, as NumPy)
    if id((a if is_tensor(a) else b).dtype) not in inexact_ids:
        a, b = tf.cast(a, tf.float64), tf.cast(b, tf.float64)
    return a / b


def divide(x1: Any, x2: Any, /) -> Any:
    return divide_kernel(*pair(x1, x2))


def _shift(fn: Any, left: bool) -> Any:
    def call(x1: Any, x2: Any, /) -> Any:
        a, b = pair(x1, x2)
        out = fn(a, b)  # (TF's kernel: undefined from the width on; NumPy's: all shifted)
        past = b >= a.dtype.size * 8
        spilled = tf.zeros_like(a) if left or a.dtype.is_unsigned else -tf.cast(a < 0, a.dtype)
        return tf.where(past, spilled, out)

    return call


def _on_parts(test: Any, join: Any, ints: bool) -> Any:
    """A test of floats (``tf.math.is_nan``...) on every dtype: TF's take no complex."""

    def call(x: Any, /) -> Any:
        if _float(x):
            return test(x)
        if x.dtype.is_complex:
            return join(test(tf.math.real(x)), test(tf.math.imag(x)))
        return tf.fill(tf.shape(x), ints)

    return call


def round(x: Any, /) -> Any:  # (TF's CPU kernel rounds no complex: each part)
    if x.dtype.is_complex:
        return tf.complex(tf.round(tf.math.real(x)), tf.round(tf.math.imag(x)))
    return tf.round(x) if _float(x) else x


unary = float_functions()
functions: dict[str, Any] = {
    "abs": abs,
    "acos": on_floats(tf.acos),
    "acosh": on_floats(tf.acosh),
    "asin": on_floats(tf.asin),
    "asinh": on_floats(tf.asinh),
    "atan": on_floats(tf.atan),
    "atanh": on_floats(tf.atanh),
    "bitwise_invert": bitwise_invert,
    "ceil": lambda x, /: x if not _float(x) else tf.math.ceil(x),
    "conj": lambda x, /: tf.math.conj(x),
    "cos": on_floats(tf.cos),
    "cosh": on_floats(tf.cosh),
    "exp": on_floats(tf.exp),
    "expm1": on_floats(tf.math.expm1),
    "floor": lambda x, /: x if not _float(x) else tf.math.floor(x),
    "imag": lambda x, /: tf.math.imag(x),
    "isfinite": _on_parts(tf.math.is_finite, tf.logical_and, True),
    "isinf": _on_parts(tf.math.is_inf, tf.logical_or, False),
    "isnan": _on_parts(tf.math.is_nan, tf.logical_or, False),
    "log": on_floats(log),
    "log1p": on_floats(tf.math.log1p),
    "log2": on_floats(unary["log2"]),
    "log10": on_floats(unary["log10"]),
    "logical_not": lambda x, /: tf.logical_not(as_bool(x)),
    "negative": negative,
    "positive": lambda x, /: tf.identity(x),
    "real": lambda x, /: tf.math.real(x),
    "reciprocal": on_floats(tf.math.reciprocal),
    "round": round,
    "sign": sign,
    "signbit": signbit,
    "sin": on_floats(tf.sin),
    "sinh": on_floats(tf.sinh),
    "square": tf.square,
    "sqrt": on_floats(tf.sqrt),
    "tan": on_floats(tf.tan),
    "tanh": on_floats(tf.tanh),
    "trunc": trunc,
    # binary
    "add": binary(tf.add),
    "atan2": binary(tf.atan2),
    "bitwise_and": _bitwise(tf.bitwise.bitwise_and, tf.logical_and),
    "bitwise_or": _bitwise(tf.bitwise.bitwise_or, tf.logical_or),
    "bitwise_xor": _bitwise(tf.bitwise.bitwise_xor, tf.math.logical_xor),
    "bitwise_left_shift": _shift(tf.bitwise.left_shift, left=True),
    "bitwise_right_shift": _shift(tf.bitwise.right_shift, left=False),
    "copysign": copysign,
    "divide": divide,
    "equal": binary(tf.equal),
    "floor_divide": binary(tf.math.floordiv),
    "greater": binary(tf.greater),
    "greater_equal": binary(tf.greater_equal),
    "hypot": hypot,
    "less": binary(tf.less),
    "less_equal": binary(tf.less_equal),
    "logaddexp": logaddexp,
    "logical_and": binary(lambda a, b: tf.logical_and(as_bool(a), as_bool(b))),
    "logical_or": binary(lambda a, b: tf.logical_or(as_bool(a), as_bool(b))),
    "logical_xor": binary(lambda a, b: tf.math.logical_xor(as_bool(a), as_bool(b))),
    "maximum": _extreme(tf.maximum),
    "minimum": _extreme(tf.minimum),
    "multiply": binary(tf.multiply),
    "nextafter": binary(tf.math.nextafter),
    "not_equal": binary(tf.not_equal),
    "pow": pow,
    "remainder": binary(floormod_kernel),
    "subtract": binary(tf.subtract),
}
functions |= {n: getattr(tf, n) for n in _names.DTYPES}
functions |= {"e": math.e, "inf": math.inf, "nan": math.nan, "pi": math.pi, "newaxis": None}

# --------------------------------------------------------------- data types
NAMES = {getattr(tf, n): n for n in (*_names.DTYPES, "float16", "bfloat16")}


def _dtype(x: Any) -> Any:
    return x if isinstance(x, tf.DType) else x.dtype


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
    if device is not None:
        with tf.device(device):
            return tf.identity(tf.cast(x, dtype))
    if x.dtype == dtype and not copy:
        return x
    return tf.identity(tf.cast(x, dtype))


def _numpy_promote(a: Any, b: Any) -> Any:  # between kinds: NumPy's answer
    return tf.as_dtype(np.result_type(a.as_numpy_dtype, b.as_numpy_dtype))


def result_type(*arrays_and_dtypes: Any) -> Any:
    return result_type_of(arrays_and_dtypes, NAMES, _dtype, _numpy_promote)


def can_cast(from_: Any, to: Any, /) -> bool:
    return bool(result_type(_dtype(from_), to) == to)


def finfo(type: Any, /) -> FInfo:
    dtype = _dtype(type)
    real = dtype.real_dtype
    info = np.finfo(real.as_numpy_dtype)
    return FInfo(
        int(info.bits),
        float(info.eps),
        float(info.max),
        float(info.min),
        float(info.smallest_normal),
        real,
    )


def iinfo(type: Any, /) -> IInfo:
    dtype = _dtype(type)
    info = np.iinfo(dtype.as_numpy_dtype)
    return IInfo(int(info.bits), int(info.max), int(info.min), dtype)


def isdtype(dtype: Any, kind: Any) -> bool:
    return in_kind(NAMES.get(dtype), dtype, kind)


def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
    out = x
    for bound, outside in ((min, tf.less), (max, tf.greater)):
        if bound is not None:
            bound = cast(bound, x.dtype)  # (0.2 straight to x's dtype, as NumPy)
            out = tf.where(outside(out, bound), bound, out)  # (NaN stays NaN)
    return tf.identity(out)


IN_INT8.update((floormod_kernel, pow_kernel))  # (bools: as NumPy, see _base.on_bools)

functions |= {
    "astype": astype,
    "result_type": result_type,
    "can_cast": can_cast,
    "finfo": finfo,
    "iinfo": iinfo,
    "isdtype": isdtype,
    "clip": clip,
}

# the complex special values TF's kernels miss, corrected as for JAX (names as NumPy's)
_own = {n: functions[n] for n in "acosh asinh atanh cosh exp log sinh sqrt tanh".split()}
_ops = SimpleNamespace(
    **_own,
    expm1=functions["expm1"],
    log1p=functions["log1p"],
    acos=functions["acos"],
    where=tf.where,
    isfinite=functions["isfinite"],
    isinf=functions["isinf"],
    isnan=functions["isnan"],
    real=tf.math.real,
    imag=tf.math.imag,
    zeros_like=tf.zeros_like,
    copysign=functions["copysign"],
    sign=functions["sign"],
    cos=tf.math.cos,
    sin=tf.math.sin,
)


def _is_complex(x: Any) -> bool:  # (by dtype id: these run for every op on a tensor)
    return id(x.dtype) in COMPLEX


functions |= complex_special_values(_ops, _is_complex, tf.complex)
_ops.log = functions["log"]  # (log1p's infinities are log's, corrected just above)
functions |= complex_fixes(_ops, _is_complex, tf.complex)
