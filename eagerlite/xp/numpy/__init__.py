"""NumPy's namespace: NumPy 2's own functions, and the few it gets wrong redone.

Redone here: ``floor_divide`` at infinities (NumPy follows Python, ``1 // -inf == -1``;
the standard asks ``-0``) and ``expm1`` of complex infinities and NaN; the reductions are
NumPy's ufuncs' ``reduce`` (what ``np.sum`` calls, without its dispatch to subclasses:
eagerlite's arrays are plain ndarrays); the rest of the fixes are shared with JAX
(``_numpylike.fixes``).  ``ndarray``'s own ``//`` operator keeps NumPy's answer: the
Tensor face's ``//`` is this namespace's ``floor_divide``.

Importing this subpackage imports NumPy; ``hooks`` is what ``NumPyTensor`` calls.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..._core import loading
from .. import _beyond, _numpylike
from .._at import at_of
from .._common import CAPABILITIES, Info, floor_divide_of
from .._complex import complex_fixes
from .._namespace import make_namespace
from .._nn import complete as complete_nn
from . import _hooks as hooks
from . import _nn as nn_kernels
from ._functions import own_beyond, update


def _finfo(dtype: Any) -> Any:
    """``np.finfo``, bfloat16 too (NumPy has it from ml_dtypes, whose finfo knows it)."""
    if getattr(dtype, "name", "") == "bfloat16":
        import ml_dtypes

        return ml_dtypes.finfo(dtype)  # type: ignore[no-untyped-call]
    return np.finfo(dtype)


main, linalg, fft = _numpylike.parts(np, np, _finfo)


def _make_complex(re: Any, im: Any) -> Any:
    out = np.empty(np.shape(re), np.result_type(re.dtype, np.complex64))
    out.real, out.imag = re, im
    return out


# (NumPy's complex expm1 misses C99's infinities and NaN, and -0 at zero)
_expm1 = complex_fixes(np, lambda x: np.asarray(x).dtype.kind == "c", _make_complex)["expm1"]


def expm1(x: Any, /) -> Any:
    with np.errstate(invalid="ignore"):
        return _expm1(x)


def _reduction(ufunc: Any, name: str, with_dtype: bool) -> Any:
    reduce = ufunc.reduce
    if with_dtype:

        def call(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
            return reduce(x, axis=axis, dtype=dtype, keepdims=keepdims)

    else:

        def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:  # type: ignore[misc]
            return reduce(x, axis=axis, keepdims=keepdims)

    call.__name__ = call.__qualname__ = name
    return call


main |= {
    "floor_divide": floor_divide_of(np, lambda out: out.dtype.kind in "fc"),
    "expm1": expm1,
    "sum": _reduction(np.add, "sum", True),
    "prod": _reduction(np.multiply, "prod", True),
    "min": _reduction(np.minimum, "min", False),
    "max": _reduction(np.maximum, "max", False),
    "all": _reduction(np.logical_and, "all", False),
    "any": _reduction(np.logical_or, "any", False),
}
_dtypes = {n: np.dtype(n) for n in ("bool", "int8", "int16", "int32", "int64", "uint8")}
_dtypes |= {n: np.dtype(n) for n in ("uint16", "uint32", "uint64", "float32", "float64")}
_dtypes |= {n: np.dtype(n) for n in ("complex64", "complex128")}
_DEFAULTS = {
    "real floating": np.dtype("float64"),
    "complex floating": np.dtype("complex128"),
    "integral": np.dtype("int64"),
    "indexing": np.dtype("int64"),
}
main["__array_namespace_info__"] = Info(
    lambda: _dtypes,
    devices=lambda: ["cpu"],
    default_device=lambda: "cpu",
    defaults=lambda: _DEFAULTS,
    capabilities=CAPABILITIES,
)
main["_near"] = lambda x: {}  # (new arrays next to x: NumPy has one device)

namespace = make_namespace(
    "eagerlite.xp.numpy",
    main,
    linalg=linalg,
    fft=fft,
    array_types=(np.ndarray, np.generic),
    framework="numpy",
)
_beyond.complete(namespace, own_beyond | {"at": at_of(update)}, ints_to_float=False)
nn_kernels.namespace = namespace
complete_nn(namespace, nn_kernels.own_nn)
hooks.namespace = namespace
loading.announce("numpy", namespace, hooks)
