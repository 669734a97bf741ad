"""NumPy's native namespace: NumPy 2's own functions, and the few it gets wrong redone.

Redone here: ``floor_divide`` at infinities (NumPy follows Python, ``1 // -inf == -1``;
the standard asks ``-0``) and ``expm1`` of complex infinities and NaN; the rest of the
fixes are shared with JAX (``_numpylike.fixes``).  ``ndarray``'s own ``//`` operator is
NumPy's and keeps NumPy's answer: the Tensor face's ``//`` is ours and conforms.
"""

from __future__ import annotations

from typing import Any

from . import _numpylike
from ._common import CAPABILITIES, Info, complex_fixes, floor_divide_of
from ._namespace import Namespace, make_namespace


def build() -> Namespace:
    """The native NumPy namespace (imports NumPy)."""
    import numpy as np

    main, linalg, fft = _numpylike.parts(np, np)

    def make_complex(re: Any, im: Any) -> Any:
        out = np.empty(np.shape(re), np.result_type(re.dtype, np.complex64))
        out.real, out.imag = re, im
        return out

    # (NumPy's complex expm1 misses C99's infinities and NaN, and -0 at zero)
    fixed = complex_fixes(np, lambda x: np.asarray(x).dtype.kind == "c", make_complex)["expm1"]

    def expm1(x: Any, /) -> Any:
        with np.errstate(invalid="ignore"):
            return fixed(x)

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
