"""PyTorch's elementwise functions and data type functions, to the standard.

torch's own function is used unchanged wherever it conforms (most unary functions); the
binary ones take a Python scalar on either side as the standard's weak scalar, and
promote a 0-d tensor as an array (torch lets it take the other tensor's dtype).
"""

from __future__ import annotations

import math
import operator
from typing import Any

import torch

from ..._core.dtypes import in_kind
from .. import _names
from .._common import FInfo, IInfo, floor_divide_of
from .._complex import complex_fixes, complex_special_values
from .._promotion import result_type_of

Tensor = torch.Tensor
NUMBERS = frozenset({float, int, bool})


def scalar(value: Any, like: Any) -> Any:
    """A Python scalar as a tensor of the array's dtype where its kind fits (weak, as
    the standard says: ``float16_tensor * 0.2`` stays float16), else torch's default
    for it.  (Decided in Python: torch.result_type would break a torch.compile graph.)"""
    kind = type(value)
    floating = like.is_floating_point() or like.is_complex()
    fits = (
        (kind is bool and like.dtype == torch.bool)
        or (kind is int and like.dtype != torch.bool)
        or (kind is float and floating)
        or (kind is complex and like.is_complex())
    )
    return torch.as_tensor(value, dtype=like.dtype if fits else None, device=like.device)


def promoted(x1: Any, x2: Any) -> tuple[Any, Any]:
    """Two tensors in the standard's common dtype where torch would not use it: torch
    lets a 0-d tensor take the other's dtype (``int64 0-d + uint8`` is uint8), and its
    linear algebra takes one dtype only."""
    if x1.dtype is not x2.dtype:
        common = torch.promote_types(x1.dtype, x2.dtype)
        return x1.to(common), x2.to(common)
    return x1, x2


def binary(fn: Any, name: str | None = None) -> Any:
    """``fn`` of two arrays, either a Python scalar, promoted as the standard says."""

    def call(x1: Any, x2: Any, /) -> Any:
        if type(x1) is Tensor and type(x2) is Tensor and x1.dtype is x2.dtype:
            return fn(x1, x2)  # (the common case first: isinstance costs more on torch)
        if not isinstance(x1, Tensor):
            x1 = scalar(x1, x2)
        elif not isinstance(x2, Tensor):
            x2 = scalar(x2, x1)
        elif x1.dtype is not x2.dtype and (x1.ndim == 0 or x2.ndim == 0):
            x1, x2 = promoted(x1, x2)
        return fn(x1, x2)

    call.__name__ = call.__qualname__ = name or fn.__name__
    return call


def _operator(op: Any, name: str) -> Any:
    """The Python operator ``op`` as a binary function: torch's operators take a Python
    scalar on either side as the standard's weak scalar (``float16_tensor * 0.5`` stays
    float16), and under torch.compile they give the graph native code gives; a 0-d tensor
    is promoted as an array (torch lets it take the other tensor's dtype)."""

    def call(x1: Any, x2: Any, /) -> Any:
        if type(x1) is Tensor:  # the common cases first (isinstance costs more on torch)
            kind = type(x2)
            if kind in NUMBERS or (kind is Tensor and x1.dtype is x2.dtype):
                return op(x1, x2)
        elif type(x2) is Tensor and type(x1) in NUMBERS:
            return op(x1, x2)
        if (
            isinstance(x1, Tensor)
            and isinstance(x2, Tensor)
            and x1.dtype is not x2.dtype
            and (x1.ndim == 0 or x2.ndim == 0)
        ):
            x1, x2 = promoted(x1, x2)
        elif not isinstance(x1, Tensor) and not isinstance(x2, Tensor):
            raise TypeError(f"{name} needs at least one tensor, got {x1!r} and {x2!r}")
        return op(x1, x2)

    call.__name__ = call.__qualname__ = name
    # (the Tensor's operators call ``op`` itself in the cases that are ``op`` here: a
    # torch.Tensor and a Python int, float or bool, or two tensors of one dtype)
    call.__dict__["operator"] = (op, Tensor)
    return call


# standard name -> torch's, for the functions that conform as they are
_SAME = (
    "abs acos acosh asin asinh atan atanh ceil conj cos cosh exp expm1 floor isfinite "
    "isinf isnan log log1p log2 log10 logical_not real reciprocal "
    "signbit sin sinh square sqrt tan trunc"
).split()
_RENAMED = {"bitwise_invert": "bitwise_not"}
_BINARY = {n: n for n in _names.BINARY}
# the standard's functions that are Python operators on torch tensors
_OPERATORS = {
    "add": operator.add,
    "subtract": operator.sub,
    "multiply": operator.mul,
    "divide": operator.truediv,
    "equal": operator.eq,
    "not_equal": operator.ne,
    "greater": operator.gt,
    "greater_equal": operator.ge,
    "less": operator.lt,
    "less_equal": operator.le,
    "bitwise_and": operator.and_,
    "bitwise_or": operator.or_,
    "bitwise_xor": operator.xor,
    "bitwise_left_shift": operator.lshift,
    "bitwise_right_shift": operator.rshift,
}
_power = _operator(operator.pow, "pow")


def pow(x1: Any, x2: Any, /) -> Any:
    try:
        return _power(x1, x2)
    except RuntimeError as error:  # (NumPy's error, not torch's)
        if "negative integer powers" in str(error):
            raise ValueError("integers to negative integer powers are not allowed") from None
        raise


def sign(x: Any, /) -> Any:
    if x.is_complex():
        return torch.sgn(x)
    out = torch.sign(x)  # (torch's sign of NaN is 0)
    return torch.where(torch.isnan(x), x, out) if x.is_floating_point() else out


def remainder(x1: Any, x2: Any, /) -> Any:
    out = binary(torch.remainder)(x1, x2)
    if out.is_floating_point():  # a zero takes the divisor's sign, as in Python
        out = torch.where(out == 0, torch.copysign(torch.zeros_like(out), x2), out)
    return out


def imag(x: Any, /) -> Any:  # (torch: only of complex tensors; NumPy: zeros of a real one)
    return torch.imag(x) if x.is_complex() else torch.zeros_like(x)


def round(x: Any, /) -> Any:  # (torch rounds no complex: each part)
    if x.is_complex():
        return torch.complex(torch.round(x.real), torch.round(x.imag))
    return torch.round(x)


# --------------------------------------------------------------- data types
_DTYPE_NAMES = {getattr(torch, n): n for n in (*_names.DTYPES, "float16", "bfloat16")}


def _dtype(x: Any) -> Any:
    return x if isinstance(x, torch.dtype) else x.dtype


def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
    return x.to(dtype=dtype, device=device, copy=copy)


def isdtype(dtype: Any, kind: Any) -> bool:
    return in_kind(_DTYPE_NAMES.get(dtype), dtype, kind)


def result_type(*arrays_and_dtypes: Any) -> Any:
    return result_type_of(arrays_and_dtypes, _DTYPE_NAMES, _dtype, torch.promote_types)


def can_cast(from_: Any, to: Any, /) -> bool:
    return bool(result_type(_dtype(from_), to) == to)


def finfo(type: Any, /) -> FInfo:
    dtype = _dtype(type)
    real = {torch.complex64: torch.float32, torch.complex128: torch.float64}.get(dtype, dtype)
    info = torch.finfo(real)
    return FInfo(info.bits, info.eps, info.max, info.min, info.smallest_normal, real)


def iinfo(type: Any, /) -> IInfo:
    dtype = _dtype(type)
    info = torch.iinfo(dtype)
    return IInfo(info.bits, info.max, info.min, dtype)


def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
    if min is None and max is None:
        return x.clone()
    if isinstance(min, Tensor) != isinstance(max, Tensor) and None not in (min, max):
        # (torch's clamp takes two tensors or two numbers, not one of each)
        min, max = (b if isinstance(b, Tensor) else scalar(b, x) for b in (min, max))
    out = torch.clamp(x, min, max)
    return out if out.dtype == x.dtype else out.to(x.dtype)  # (no op when dtypes agree)


def _is_complex(x: Any) -> bool:
    return bool(x.is_complex())


functions: dict[str, Any] = {n: getattr(torch, n) for n in _SAME}
functions |= {n: getattr(torch, t) for n, t in _RENAMED.items()}
functions |= {
    n: _operator(_OPERATORS[n], n) if n in _OPERATORS else binary(getattr(torch, t), n)
    for n, t in _BINARY.items()
}
functions["pow"] = pow
functions |= {n: getattr(torch, n) for n in _names.DTYPES}
functions |= {
    "negative": operator.neg,  # (as -x: the graph native code gives, under torch.compile)
    "positive": operator.pos,
    "sign": sign,
    "remainder": remainder,
    "floor_divide": binary(floor_divide_of(torch, lambda out: out.is_floating_point())),
    "imag": imag,
    "round": round,
    **complex_fixes(torch, _is_complex, torch.complex),
    # (torch's complex tanh at infinities: the standard's 1 + 0j, not NaN)
    "tanh": complex_special_values(torch, _is_complex, torch.complex)["tanh"],
    "e": math.e,
    "inf": math.inf,
    "nan": math.nan,
    "pi": math.pi,
    "newaxis": None,
    "astype": astype,
    "isdtype": isdtype,
    "result_type": result_type,
    "can_cast": can_cast,
    "finfo": finfo,
    "iinfo": iinfo,
    "clip": clip,
}
