"""The standard's type promotion, over dtype names, for namespaces that need it written out.

Defined by the standard: within a kind (the wider type wins), signed with unsigned
integers (the smallest signed type holding both), real with complex floating point.
Between kinds (integers with floats, anything with bool) the standard leaves the answer
to the library: ``fallback`` (the framework's own rule) gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

_KIND_BITS = {
    "bool": ("b", 8),
    **{f"int{b}": ("i", b) for b in (8, 16, 32, 64)},
    **{f"uint{b}": ("u", b) for b in (8, 16, 32, 64)},
    **{f"float{b}": ("f", b) for b in (16, 32, 64)},
    "bfloat16": ("f", 16),
    "complex64": ("c", 64),
    "complex128": ("c", 128),
}


def promote_names(a: str, b: str) -> str | None:
    """The standard's result of dtypes ``a`` and ``b`` (names), or None where it has none."""
    if a == b:
        return a
    if {a, b} == {"float16", "bfloat16"}:
        return "float32"
    (ka, ba), (kb, bb) = _KIND_BITS[a], _KIND_BITS[b]
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


def _weak(value: Any, name: str) -> bool:
    """Whether the Python scalar ``value`` takes the array dtype ``name`` as it is."""
    kind = _KIND_BITS[name][0]
    if type(value) is bool:
        return kind == "b"
    if type(value) is int:
        return kind != "b"
    if type(value) is float:
        return kind in "fc"
    return kind == "c"  # complex


def result_type_of(
    items: Iterable[Any],
    names: dict[Any, str],
    dtype_of: Callable[[Any], Any],
    fallback: Callable[[Any, Any], Any],
) -> Any:
    """``result_type`` of arrays, dtypes and Python scalars (names: dtype -> its name)."""
    items = list(items)
    scalars = [x for x in items if isinstance(x, (bool, int, float, complex))]
    dtypes = [dtype_of(x) for x in items if not isinstance(x, (bool, int, float, complex))]
    if not dtypes:
        raise ValueError("result_type needs at least one array or dtype")
    result = dtypes[0]
    by_name = {n: d for d, n in names.items()}
    for d in dtypes[1:]:
        found = promote_names(names[result], names[d])
        result = by_name[found] if found is not None else fallback(result, d)
    for s in scalars:
        if not _weak(s, names[result]):
            raise TypeError(f"a Python {type(s).__name__} cannot be combined with {result}")
    return result
