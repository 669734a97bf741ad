"""``result_type`` by the standard's promotion table, for namespaces that need it written out.

Where the standard has an answer (``eagerlite._core.dtypes.promote_names``) it is used;
between kinds (integers with floats, anything with bool) ``fallback``, the framework's
own rule, decides.  Python scalars are weak: they must fit the arrays' dtype.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .._core.dtypes import promote_names, weak_fits


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
        if not weak_fits(s, names[result]):
            raise TypeError(f"a Python {type(s).__name__} cannot be combined with {result}")
    return result
