"""Framework-neutral dtypes: ``ep.float32``, ``ep.int64``, ``ep.bool``, ...

Each is a :class:`DType` that every eagerlite function taking a dtype accepts, on every
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

__all__ = ["NAMES", "DType", "name_of"]

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
