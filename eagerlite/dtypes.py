"""Framework-neutral dtypes: ``ep.float32``, ``ep.int64``, ``ep.bool``, ...

Each is a ``DType`` that every eagerlite function taking a dtype accepts, on every
backend (``t.astype(ep.float16)``, ``ep.zeros(t, (3,), dtype=ep.int32)``,
``xp.asarray([1], dtype=ep.int8)`` on the Tensor face).  A tensor's ``.dtype`` stays the
framework's own dtype; ``t.dtype == ep.float32`` compares by name.

Wherever a dtype is expected, eagerlite also takes the framework's own dtypes, NumPy
dtypes and scalar types, the names as strings (``"float64"``) and the Python types
``bool``, ``int``, ``float`` and ``complex`` (NumPy's meaning: 64 bits).
"""

from __future__ import annotations

import builtins
import sys
from typing import Any, Final

__all__ = ["NAMES", "DType", "can_cast", "finfo", "iinfo", "isdtype", "name_of", "result_type"]

NAMES: Final = (
    "bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 "
    "float16 bfloat16 float32 float64 complex64 complex128"
).split()
_KNOWN = frozenset(NAMES)
_FRAMEWORKS = {"numpy": "NumPy", "torch": "PyTorch", "jax": "JAX", "tensorflow": "TensorFlow"}
_PYTHON = {bool: "bool", int: "int64", float: "float64", complex: "complex128"}


class DType:
    """A dtype by name, the same for every framework (``ep.float32``)."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        if name not in _KNOWN:
            raise ValueError(f"unknown dtype name {name!r}; expected one of {', '.join(NAMES)}")
        object.__setattr__(self, "name", name)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("eagerlite dtypes are immutable")

    def __repr__(self) -> str:
        return f"eagerlite.{self.name}"

    def __str__(self) -> str:
        return self.name

    def __eq__(self, other: object) -> builtins.bool:
        return other is self or name_of(other) == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return DType, (self.name,)

    @property
    def dtype(self) -> Any:
        """The NumPy dtype of this name (so NumPy, JAX and TensorFlow functions take it)."""
        import numpy as np

        if self.name == "bfloat16":
            import ml_dtypes

            return np.dtype(ml_dtypes.bfloat16)
        return np.dtype(self.name)


def name_of(dtype: Any) -> str | None:
    """The standard name of ``dtype`` (any framework's, NumPy's, a name, a Python type),
    or None if it is not a dtype eagerlite knows."""
    if type(dtype) is DType:
        return dtype.name
    if isinstance(dtype, str):
        if dtype in _KNOWN:
            return dtype
        np = sys.modules.get("numpy")  # NumPy spellings: "f4", "float", "double", ...
        if np is not None:
            try:
                name = np.dtype(dtype).name
            except TypeError:
                return None
            return name if name in _KNOWN else None
        return None
    if isinstance(dtype, type) and dtype in _PYTHON:
        return _PYTHON[dtype]
    name = getattr(dtype, "name", None)  # NumPy and TensorFlow dtypes
    if isinstance(name, str) and name in _KNOWN:
        return name
    if isinstance(dtype, type):  # NumPy's (np.float32) and JAX's scalar types, ml_dtypes'
        name = dtype.__name__
        return name if name in _KNOWN and hasattr(dtype, "dtype") else None
    if type(dtype).__module__ == "torch":  # torch.float32
        text = str(dtype)
        return text[6:] if text.startswith("torch.") and text[6:] in _KNOWN else None
    return None


def native(table: dict[str, Any], dtype: Any, framework: str) -> Any:
    """The framework's dtype for ``dtype`` (``table``: name -> that framework's dtype)."""
    if type(dtype) is DType:
        found = table.get(dtype.name)
    else:
        found = table.get(name_of(dtype))  # type: ignore[arg-type]
    if found is None:
        valid = ", ".join(n for n in NAMES if n in table)
        own = _FRAMEWORKS.get(framework, framework)
        kinds = "a NumPy dtype" if own == "NumPy" else f"a {own} or NumPy dtype"
        raise TypeError(
            f"{dtype!r} is not a dtype {own} tensors can have; expected one of {valid} "
            f"(as ep.float32, the string 'float32', or {kinds})"
        )
    return found


def table_of(module: Any, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Name -> dtype for every standard name ``module`` (a framework) has."""
    table = {n: getattr(module, n) for n in NAMES if getattr(module, n, None) is not None}
    return table | (extra or {})


# The dtypes, also at the top level of eagerlite (``ep.float32``).
bool = DType("bool")
int8 = DType("int8")
int16 = DType("int16")
int32 = DType("int32")
int64 = DType("int64")
uint8 = DType("uint8")
uint16 = DType("uint16")
uint32 = DType("uint32")
uint64 = DType("uint64")
float16 = DType("float16")
bfloat16 = DType("bfloat16")
float32 = DType("float32")
float64 = DType("float64")
complex64 = DType("complex64")
complex128 = DType("complex128")


# ------------------------------------------------------------- dtype functions
# Framework-neutral: given eagerlite Tensors they ask the Tensors' framework; given only
# dtypes (any spelling) they answer from the names, with NumPy's numbers, as DTypes.
_KINDS = {
    "bool": ("bool",),
    "signed integer": ("int8", "int16", "int32", "int64"),
    "unsigned integer": ("uint8", "uint16", "uint32", "uint64"),
    "real floating": ("float16", "bfloat16", "float32", "float64"),
    "complex floating": ("complex64", "complex128"),
}
_KINDS["integral"] = _KINDS["signed integer"] + _KINDS["unsigned integer"]
_KINDS["numeric"] = _KINDS["integral"] + _KINDS["real floating"] + _KINDS["complex floating"]


def _tensor_namespace(items: tuple[Any, ...]) -> Any:
    from .tensor.tensor import Tensor

    tensors = [x for x in items if isinstance(x, Tensor)]
    if not tensors:
        return None
    from .xp import array_namespace

    return array_namespace(*tensors)


def _numpy_dtype(dtype: Any, what: str) -> Any:
    name = name_of(dtype)
    if name is None:
        raise TypeError(f"{what}: {dtype!r} is not a dtype; expected one of {', '.join(NAMES)}")
    return DType(name).dtype


def finfo(type: Any, /) -> Any:
    """The limits of a floating-point dtype (or of a Tensor's dtype), as Python floats:
    ``bits``, ``eps``, ``max``, ``min``, ``smallest_normal``, ``dtype``."""
    xp = _tensor_namespace((type,))
    if xp is not None:
        return xp.finfo(type)
    from .xp._common import FInfo

    np_dtype = _numpy_dtype(type, "finfo")
    if np_dtype.kind not in "fcV":
        raise TypeError(f"finfo needs a floating-point dtype, got {type!r}")
    info = _np_finfo(np_dtype)
    return FInfo(
        bits=int(info.bits),
        eps=float(info.eps),
        max=float(info.max),
        min=float(info.min),
        smallest_normal=float(info.smallest_normal),
        dtype=DType(info.dtype.name if info.dtype.name in _KNOWN else "bfloat16"),
    )


def _np_finfo(np_dtype: Any) -> Any:
    if np_dtype.name == "bfloat16":
        import ml_dtypes

        return ml_dtypes.finfo(np_dtype)  # type: ignore[no-untyped-call]
    import numpy as np

    return np.finfo(np_dtype)


def iinfo(type: Any, /) -> Any:
    """The limits of an integer dtype (or of a Tensor's dtype), as Python ints:
    ``bits``, ``max``, ``min``, ``dtype``."""
    xp = _tensor_namespace((type,))
    if xp is not None:
        return xp.iinfo(type)
    import numpy as np

    from .xp._common import IInfo

    np_dtype = _numpy_dtype(type, "iinfo")
    if np_dtype.kind not in "iu":
        raise TypeError(f"iinfo needs an integer dtype, got {type!r}")
    info = np.iinfo(np_dtype)
    return IInfo(
        bits=int(info.bits), max=int(info.max), min=int(info.min), dtype=DType(np_dtype.name)
    )


def isdtype(dtype: Any, kind: str | Any | tuple[Any, ...]) -> builtins.bool:
    """Whether ``dtype`` (any spelling) is of ``kind``: a kind name ("bool", "signed integer",
    "unsigned integer", "integral", "real floating", "complex floating", "numeric"), a dtype,
    or a tuple of them."""
    if isinstance(kind, tuple):
        return any(isdtype(dtype, k) for k in kind)
    name = name_of(dtype)
    if name is None:
        raise TypeError(f"isdtype: {dtype!r} is not a dtype; expected one of {', '.join(NAMES)}")
    if isinstance(kind, str) and kind not in _KNOWN:
        if kind not in _KINDS:
            raise ValueError(f"unknown dtype kind {kind!r}; expected one of {', '.join(_KINDS)}")
        return name in _KINDS[kind]
    return name == name_of(kind)


def result_type(*arrays_and_dtypes: Any) -> Any:
    """The dtype the standard's promotion gives these Tensors, dtypes and Python scalars
    (with Tensors: their framework's dtype; with dtypes only: an eagerlite DType)."""
    xp = _tensor_namespace(arrays_and_dtypes)
    if xp is not None:
        return xp.result_type(*arrays_and_dtypes)
    import numpy as np

    if not arrays_and_dtypes:
        raise ValueError("result_type needs at least one dtype")
    items = [
        x if isinstance(x, (builtins.bool, int, float, complex)) else _numpy_dtype(x, "result_type")
        for x in arrays_and_dtypes
    ]
    if all(isinstance(x, (builtins.bool, int, float, complex)) for x in items):
        raise ValueError("result_type needs at least one dtype or array, got only Python scalars")
    return DType(np.result_type(*items).name)


def can_cast(from_: Any, to: Any, /) -> builtins.bool:
    """Whether ``from_`` (a dtype or Tensor) casts to ``to`` without losing values, by the
    standard's promotion rules."""
    xp = _tensor_namespace((from_,))
    if xp is not None:
        return builtins.bool(xp.can_cast(from_, xp.__dict__.get(name_of(to) or "", to)))
    import numpy as np

    return builtins.bool(np.can_cast(_numpy_dtype(from_, "can_cast"), _numpy_dtype(to, "can_cast")))
