"""What the NumPy and JAX namespaces share: their own functions, where they conform.

``members(xp)`` collects the standard's names from ``numpy`` or ``jax.numpy`` as they
are (no wrapper in between); ``fixes(xp)`` are the few functions both get wrong the same
way, written once over ``xp``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .._core.checks import check_squeeze
from . import _names
from ._common import EigResult, FInfo, IInfo


def members(xp: ModuleType) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The standard's names found in ``xp``, ``xp.linalg`` and ``xp.fft``, unchanged."""
    names = (*_names.FUNCTIONS, *_names.DTYPES, *_names.CONSTANTS)
    main = {n: getattr(xp, n) for n in names if hasattr(xp, n)}
    linalg = {n: getattr(xp.linalg, n) for n in _names.LINALG if hasattr(xp.linalg, n)}
    fft = {n: getattr(xp.fft, n) for n in _names.FFT if hasattr(xp.fft, n)}
    return main, linalg, fft


def parts(xp: ModuleType, np: ModuleType, info_of: Any = None) -> tuple[dict[str, Any], ...]:
    """The main, ``linalg`` and ``fft`` members of ``xp``: its own, with ``fixes`` applied
    (``info_of``: the framework's ``finfo``, if not ``xp.finfo``)."""
    own, fixed = members(xp), fixes(xp, np, info_of or xp.finfo)
    return tuple(a | b for a, b in zip(own, fixed, strict=True))


def fixes(
    xp: ModuleType, np: ModuleType, info_of: Any
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Functions of ``xp`` (numpy or jax.numpy) redone to the standard (``np``: numpy;
    ``info_of``: ``finfo`` of a dtype)."""

    def _dtype_of(x: Any) -> Any:
        """The dtype of an array, or ``x`` itself (a dtype or scalar type: those have
        ``dtype`` and ``shape`` attributes too)."""
        return x if isinstance(x, (type, np.dtype)) else x.dtype

    def finfo(type: Any, /) -> FInfo:
        info = info_of(_dtype_of(type))
        return FInfo(
            bits=int(info.bits),
            eps=float(info.eps),
            max=float(info.max),
            min=float(info.min),
            smallest_normal=float(info.smallest_normal),
            dtype=info.dtype,
        )

    def iinfo(type: Any, /) -> IInfo:
        info = xp.iinfo(_dtype_of(type))
        return IInfo(bits=int(info.bits), max=int(info.max), min=int(info.min), dtype=info.dtype)

    def squeeze(x: Any, /, axis: Any = None) -> Any:  # (the same errors on every framework)
        check_squeeze(x.shape, axis)
        return xp.squeeze(x, axis=axis)

    def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
        if min is None and max is None:
            return xp.asarray(x, copy=True)
        out = xp.clip(x, min, max)
        return out if out.dtype == x.dtype else out.astype(x.dtype)

    def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
        if descending:
            return xp.flip(xp.sort(xp.flip(x, axis=axis), axis=axis, stable=stable), axis=axis)
        return xp.sort(x, axis=axis, stable=stable)

    def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
        if not descending:
            return xp.argsort(x, axis=axis, stable=stable)
        # descending and stable: sort the reversed array, then map back the positions
        n = x.shape[axis]
        return (
            n - 1 - xp.flip(xp.argsort(xp.flip(x, axis=axis), axis=axis, stable=stable), axis=axis)
        )

    def eig(x: Any, /) -> Any:
        w, v = xp.linalg.eig(x)
        complex_ = _complex_for(x.dtype)
        return EigResult(w.astype(complex_), v.astype(complex_))

    def eigvals(x: Any, /) -> Any:
        return xp.linalg.eigvals(x).astype(_complex_for(x.dtype))

    def _complex_for(dtype: Any) -> Any:
        return xp.complex64 if dtype in (xp.float32, xp.complex64) else xp.complex128

    def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
        out = xp.fft.fftfreq(n, d=d, device=device)
        return out if dtype is None else out.astype(dtype)

    def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
        out = xp.fft.rfftfreq(n, d=d, device=device)
        return out if dtype is None else out.astype(dtype)

    main = {"finfo": finfo, "iinfo": iinfo, "clip": clip, "sort": sort, "argsort": argsort}
    main["squeeze"] = squeeze
    return main, {"eig": eig, "eigvals": eigvals}, {"fftfreq": fftfreq, "rfftfreq": rfftfreq}
