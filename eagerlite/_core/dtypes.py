"""The dtypes by name: the standard's names, their kinds (one table), and ``DType``.

``ep.float32`` and friends are ``DType`` objects, the same for every framework; each
framework's namespace maps a name to its own dtype.  Wherever eagerlite takes a dtype it
also takes the framework's own, NumPy's dtypes and scalar types, names as strings
(``"float64"``, NumPy spellings such as ``"f8"``) and the Python types ``bool``, ``int``,
``float`` and ``complex`` (NumPy's meaning: 64 bits).  ``name_of`` reads all of these.
"""

from __future__ import annotations

import builtins
import sys
from typing import Any, Final

# name -> (kind, bits): the one table of the dtypes eagerlite knows.  Kinds as NumPy's
# letters: b(ool), i(nteger), u(nsigned), f(loating), c(omplex).
TABLE: Final[dict[str, tuple[str, int]]] = {
    "bool": ("b", 8),
    "int8": ("i", 8),
    "int16": ("i", 16),
    "int32": ("i", 32),
    "int64": ("i", 64),
    "uint8": ("u", 8),
    "uint16": ("u", 16),
    "uint32": ("u", 32),
    "uint64": ("u", 64),
    "float16": ("f", 16),
    "bfloat16": ("f", 16),
    "float32": ("f", 32),
    "float64": ("f", 64),
    "complex64": ("c", 64),
    "complex128": ("c", 128),
}
NAMES: Final = tuple(TABLE)
# the standard's kinds (``isdtype``), as the names in each
_LETTERS = {
    "bool": "b",
    "signed integer": "i",
    "unsigned integer": "u",
    "integral": "iu",
    "real floating": "f",
    "complex floating": "c",
    "numeric": "iufc",
}
KINDS: Final[dict[str, tuple[str, ...]]] = {
    kind: tuple(n for n, (k, _) in TABLE.items() if k in letters)
    for kind, letters in _LETTERS.items()
}
# Python's types as dtypes (NumPy's meaning)
_PYTHON = {bool: "bool", int: "int64", float: "float64", complex: "complex128"}


class DType:
    """A dtype by name, the same for every framework (``ep.float32``)."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        if name not in TABLE:
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
        if dtype in TABLE:
            return dtype
        np = sys.modules.get("numpy")  # NumPy spellings: "f4", "float", "double", ...
        if np is not None:
            try:
                name = np.dtype(dtype).name
            except TypeError:
                return None
            return name if name in TABLE else None
        return None
    if isinstance(dtype, type) and dtype in _PYTHON:
        return _PYTHON[dtype]
    name = getattr(dtype, "name", None)  # NumPy and TensorFlow dtypes
    if isinstance(name, str) and name in TABLE:
        return name
    if isinstance(dtype, type):  # NumPy's (np.float32) and JAX's scalar types, ml_dtypes'
        name = dtype.__name__
        return name if name in TABLE and hasattr(dtype, "dtype") else None
    # a dtype printed as its module and name (torch.float32)
    prefix, _, last = str(dtype).rpartition(".")
    if last in TABLE and prefix == type(dtype).__module__.partition(".")[0]:
        return last
    return None


def is_kind(name: str | None, kind: str) -> builtins.bool:
    """Whether the dtype called ``name`` is of the standard's ``kind`` (a kind name)."""
    letters = _LETTERS.get(kind)
    if letters is None:
        raise ValueError(f"unknown dtype kind {kind!r}; expected one of {', '.join(_LETTERS)}")
    return name is not None and TABLE[name][0] in letters


def in_kind(name: str | None, dtype: Any, kind: Any) -> builtins.bool:
    """``isdtype``: whether ``dtype`` (called ``name``) is of ``kind``: a kind name, a
    dtype (of any spelling), or a tuple of them."""
    if isinstance(kind, tuple):
        return any(in_kind(name, dtype, k) for k in kind)
    if isinstance(kind, str) and kind not in TABLE:
        return is_kind(name, kind)
    return name is not None and name == name_of(kind)


def native(table: dict[str, Any], dtype: Any, label: str) -> Any:
    """The framework's dtype for ``dtype`` (``table``: name -> that framework's dtype;
    ``label``: the framework's name, for the error)."""
    found = table.get(dtype.name if type(dtype) is DType else name_of(dtype))  # type: ignore[arg-type]
    if found is None:
        valid = ", ".join(n for n in NAMES if n in table)
        kinds = "a NumPy dtype" if label == "NumPy" else f"a {label} or NumPy dtype"
        raise TypeError(
            f"{dtype!r} is not a dtype {label} tensors can have; expected one of {valid} "
            f"(as ep.float32, the string 'float32', or {kinds})"
        )
    return found


def promote_names(a: str, b: str) -> str | None:
    """The standard's result of dtypes ``a`` and ``b`` (names), or None where it has none.

    Defined by the standard: within a kind (the wider type wins), signed with unsigned
    integers (the smallest signed type holding both), real with complex floating point.
    Between kinds (integers with floats, anything with bool) the standard leaves the
    answer to the library.
    """
    if a == b:
        return a
    if {a, b} == {"float16", "bfloat16"}:
        return "float32"
    (ka, ba), (kb, bb) = TABLE[a], TABLE[b]
    if ka == kb:
        return a if ba >= bb else b
    if {ka, kb} == {"i", "u"}:
        signed, unsigned = (ba, bb) if ka == "i" else (bb, ba)
        if signed > unsigned:
            return f"int{signed}"
        return f"int{2 * unsigned}" if unsigned < 64 else None
    if {ka, kb} == {"f", "c"}:
        real, complex_ = (ba, bb) if ka == "f" else (bb, ba)
        return "complex128" if max(2 * real, complex_) > 64 else "complex64"
    return None


def weak_fits(value: Any, name: str) -> builtins.bool:
    """Whether the Python scalar ``value`` takes the array dtype ``name`` as it is (the
    standard's weak scalars: an int with any number, a float with floats, ...)."""
    kind = TABLE[name][0]
    if type(value) is builtins.bool:  # (``bool`` is the DType here)
        return kind == "b"
    if type(value) is int:
        return kind != "b"
    if type(value) is float:
        return kind in "fc"
    return kind == "c"  # complex


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
