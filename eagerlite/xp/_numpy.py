"""NumPy's native namespace: NumPy 2's own functions, and the few it gets wrong redone.

Redone here: ``floor_divide`` at infinities (NumPy follows Python, ``1 // -inf == -1``;
the standard asks ``-0``) and ``expm1`` of complex infinities and NaN; the rest of the
fixes are shared with JAX (``_numpylike.fixes``).  ``ndarray``'s own ``//`` operator is
NumPy's and keeps NumPy's answer: the Tensor face's ``//`` is ours and conforms.
"""

from __future__ import annotations

from typing import Any

from . import _numpylike
from ._common import CAPABILITIES, Info, floor_divide_of
from ._namespace import Namespace, make_namespace


def build() -> Namespace:
    """The native NumPy namespace (imports NumPy)."""
    import numpy as np

    main, linalg, fft = _numpylike.parts(np, np)

    def expm1(x: Any, /) -> Any:
        out = np.expm1(x)
        if out.dtype.kind == "c":  # NumPy's complex expm1 misses C99's infinities and NaN
            bad = ~np.isfinite(x)
            if bad.any():
                with np.errstate(invalid="ignore"):
                    out = np.where(bad, np.exp(x) - 1, out)
            zero = x == 0  # and gives expm1(-0 + 0j) a real part of -0, not +0
            if zero.any():
                out = np.array(out, copy=True)
                out.real[zero] = 0.0
        return out

    floor_divide = floor_divide_of(np, lambda out: out.dtype.kind in "fc")
    main |= {"floor_divide": floor_divide, "expm1": expm1}
    dtypes = {n: np.dtype(n) for n in ("bool", "int8", "int16", "int32", "int64", "uint8")}
    dtypes |= {n: np.dtype(n) for n in ("uint16", "uint32", "uint64", "float32", "float64")}
    dtypes |= {n: np.dtype(n) for n in ("complex64", "complex128")}
    info = Info(
        dtypes,
        devices=lambda: ["cpu"],
        default_device=lambda: "cpu",
        defaults={
            "real floating": np.dtype("float64"),
            "complex floating": np.dtype("complex128"),
            "integral": np.dtype("int64"),
            "indexing": np.dtype("int64"),
        },
        capabilities=CAPABILITIES,
    )
    main["__array_namespace_info__"] = lambda: info
    return make_namespace(
        "eagerlite.xp.numpy",
        main,
        linalg=linalg,
        fft=fft,
        array_types=(np.ndarray, np.generic),
        framework="numpy",
    )
