"""Framework-neutral dtypes: ``ep.float32``, ``ep.int64``, ``ep.bool``, ...

Each is a ``DType`` that every eagerlite function taking a dtype accepts, on every
backend (``t.astype(ep.float16)``, ``ep.zeros(t, (3,), dtype=ep.int32)``,
``xp.asarray([1], dtype=ep.int8)`` on the Tensor face).  A tensor's ``.dtype`` stays the
framework's own dtype; ``t.dtype == ep.float32`` compares by name.

Wherever a dtype is expected, eagerlite also takes the framework's own dtypes, NumPy
dtypes and scalar types, the names as strings (``"float64"``) and the Python types
``bool``, ``int``, ``float`` and ``complex`` (NumPy's meaning: 64 bits).  (Layer 5, a
face: the names and kinds themselves are ``eagerlite._core.dtypes``.)
"""

from __future__ import annotations

import builtins
from typing import Any

from ._core import registry
from ._core.dtypes import (
    NAMES,
    DType,
    bfloat16,
    bool,
    complex64,
    complex128,
    float16,
    float32,
    float64,
    in_kind,
    int8,
    int16,
    int32,
    int64,
    name_of,
    uint8,
    uint16,
    uint32,
    uint64,
)
from ._namespaces import array_namespace
from .tensor._wrapper import TENSOR_CLASSES

__all__ = [
    "NAMES",
    "DType",
    "bfloat16",
    "bool",
    "can_cast",
    "complex64",
    "complex128",
    "finfo",
    "float16",
    "float32",
    "float64",
    "iinfo",
    "int8",
    "int16",
    "int32",
    "int64",
    "isdtype",
    "name_of",
    "result_type",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
]


# Framework-neutral: given eagerlite Tensors they ask the Tensors' framework; given only
# dtypes (any spelling) they answer from the names, with NumPy's numbers, as DTypes.
def _tensor_namespace(items: tuple[Any, ...]) -> Any:
    tensors = [x for x in items if type(x) in TENSOR_CLASSES]
    return array_namespace(*tensors) if tensors else None


def _host_dtype(dtype: Any, what: str) -> Any:
    """The host framework's (NumPy's) dtype for ``dtype``: the neutral answers are its."""
    name = name_of(dtype)
    if name is None:
        raise TypeError(f"{what}: {dtype!r} is not a dtype; expected one of {', '.join(NAMES)}")
    return _host().hooks.DTYPES[name]


def _host() -> Any:
    return registry.HOST.load()


def finfo(type: Any, /) -> Any:
    """The limits of a floating-point dtype (or of a Tensor's dtype), as Python floats:
    ``bits``, ``eps``, ``max``, ``min``, ``smallest_normal``, ``dtype``."""
    xp = _tensor_namespace((type,))
    if xp is not None:
        return xp.finfo(type)
    name = name_of(type)
    if not in_kind(name, type, ("real floating", "complex floating")):
        raise TypeError(f"finfo needs a floating-point dtype, got {type!r}")
    info = _host().namespace.finfo(_host_dtype(type, "finfo"))
    return info._replace(dtype=DType(name_of(info.dtype)))  # type: ignore[arg-type]


def iinfo(type: Any, /) -> Any:
    """The limits of an integer dtype (or of a Tensor's dtype), as Python ints:
    ``bits``, ``max``, ``min``, ``dtype``."""
    xp = _tensor_namespace((type,))
    if xp is not None:
        return xp.iinfo(type)
    if not in_kind(name_of(type), type, "integral"):
        raise TypeError(f"iinfo needs an integer dtype, got {type!r}")
    info = _host().namespace.iinfo(_host_dtype(type, "iinfo"))
    return info._replace(dtype=DType(name_of(info.dtype)))  # type: ignore[arg-type]


def isdtype(dtype: Any, kind: str | Any | tuple[Any, ...]) -> builtins.bool:
    """Whether ``dtype`` (any spelling) is of ``kind``: a kind name ("bool", "signed integer",
    "unsigned integer", "integral", "real floating", "complex floating", "numeric"), a dtype,
    or a tuple of them."""
    if isinstance(kind, tuple):
        return any(isdtype(dtype, k) for k in kind)
    name = name_of(dtype)
    if name is None:
        raise TypeError(f"isdtype: {dtype!r} is not a dtype; expected one of {', '.join(NAMES)}")
    return in_kind(name, dtype, kind)


_SCALARS = (builtins.bool, int, float, complex)


def result_type(*arrays_and_dtypes: Any) -> Any:
    """The dtype the standard's promotion gives these Tensors, dtypes and Python scalars
    (with Tensors: their framework's dtype; with dtypes only: an eagerlite DType)."""
    xp = _tensor_namespace(arrays_and_dtypes)
    if xp is not None:
        return xp.result_type(*arrays_and_dtypes)
    if not arrays_and_dtypes:
        raise ValueError("result_type needs at least one dtype")
    items = [
        x if isinstance(x, _SCALARS) else _host_dtype(x, "result_type") for x in arrays_and_dtypes
    ]
    if all(isinstance(x, _SCALARS) for x in items):
        raise ValueError("result_type needs at least one dtype or array, got only Python scalars")
    return DType(name_of(_host().namespace.result_type(*items)))  # type: ignore[arg-type]


def can_cast(from_: Any, to: Any, /) -> builtins.bool:
    """Whether ``from_`` (a dtype or Tensor) casts to ``to`` without losing values, by the
    standard's promotion rules."""
    xp = _tensor_namespace((from_,))
    if xp is not None:
        return builtins.bool(xp.can_cast(from_, xp.__dict__.get(name_of(to) or "", to)))
    source, target = _host_dtype(from_, "can_cast"), _host_dtype(to, "can_cast")
    return builtins.bool(_host().namespace.can_cast(source, target))
