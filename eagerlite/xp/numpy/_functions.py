"""NumPy's functions beyond the standard (its own where they behave as documented) and its
functional indexed updates (``at``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..._core.checks import check_pad
from .._at import check_op


def _erf() -> Any:
    """NumPy has no erf: SciPy's if installed (JAX brings it), else Python's, element-wise."""
    try:
        from scipy.special import erf as scipy_erf  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - SciPy comes with JAX
        vectorized = np.vectorize(math.erf, otypes=[np.float64])

        def erf(x: Any, /) -> Any:
            x = np.asarray(x)
            out = vectorized(x)
            return out.astype(x.dtype) if x.dtype.kind == "f" else out

        return erf

    def erf_(x: Any, /) -> Any:
        return scipy_erf(x)

    erf_.__name__ = erf_.__qualname__ = "erf"
    return erf_


def quantile(x: Any, q: Any, /, **kwargs: Any) -> Any:
    return np.quantile(x, np.asarray(q), **kwargs)


def nan_to_num(
    x: Any, /, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None
) -> Any:
    return np.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def topk(x: Any, k: int, /, *, sorted: bool = True) -> tuple[Any, Any]:
    """The ``k`` largest values along the last axis, and their indices."""
    if k == 0:  # (argpartition takes no k of 0)
        return x[..., :0], np.zeros((*x.shape[:-1], 0), np.intp)
    idx = np.argpartition(x, x.shape[-1] - k, axis=-1)[..., -k:]
    if sorted:
        order = np.flip(np.argsort(np.take_along_axis(x, idx, axis=-1), axis=-1), axis=-1)
        idx = np.take_along_axis(idx, order, axis=-1)
    return np.take_along_axis(x, idx, axis=-1), idx


def pad(x: Any, pad_width: Any, /, mode: str = "constant", *, constant_values: Any = 0) -> Any:
    """``x`` padded by ``(before, after)`` per axis, with ``constant_values`` or reflected."""
    check_pad(x.ndim, pad_width, mode)
    pad_: Any = np.pad  # (NumPy's stubs want the mode as a literal)
    if mode == "constant":
        return pad_(x, pad_width, mode, constant_values=constant_values)
    return pad_(x, pad_width, mode)


own_beyond: dict[str, Any] = {
    "split": np.split,
    "swapaxes": np.swapaxes,
    "isclose": np.isclose,
    "median": np.median,
    "outer": np.outer,
    "quantile": quantile,
    "einsum": np.einsum,
    "nan_to_num": nan_to_num,
    "erf": _erf(),
    "topk": topk,
    "pad": pad,
}

_UFUNCS = {"add": np.add, "multiply": np.multiply, "min": np.minimum, "max": np.maximum}


def update(x: Any, index: Any, values: Any, op: str) -> Any:
    """``x`` with ``op`` applied at ``index`` (a copy; every repeated position counts)."""
    check_op(op)
    out = np.array(x, copy=True)
    if op == "set":
        out[index] = values
    else:
        _UFUNCS[op].at(out, index, np.asarray(values).astype(out.dtype, copy=False))
    return out
