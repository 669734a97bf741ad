"""PyTorch's linear algebra (the main namespace's and the ``linalg`` extension) and FFTs, to
the standard: operands promoted to one dtype (torch's kernels take one), tuples of axes,
named tuple results, integer ``vecdot``."""

from __future__ import annotations

from typing import Any

import torch

from ..._core.checks import check_matmul
from .._common import EighResult, EigResult, QRResult, SlogdetResult, SVDResult
from ._elementwise import promoted


def matrix_transpose(x: Any, /) -> Any:
    if x.ndim < 2:
        raise ValueError(f"matrix_transpose needs at least 2 dimensions, got {x.ndim}")
    return x.mT


def tensordot(x1: Any, x2: Any, /, *, axes: Any = 2) -> Any:
    x1, x2 = promoted(x1, x2)
    if not isinstance(axes, int):  # (torch takes lists of axes, not tuples)
        axes = [list(axes[0]), list(axes[1])]
    return torch.tensordot(x1, x2, dims=axes)


def vecdot(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    if x1.shape[axis] != x2.shape[axis]:  # (torch would broadcast a length of 1)
        raise ValueError(f"vecdot: axis {axis} differs in {x1.shape} and {x2.shape}")
    x1, x2 = promoted(x1, x2)
    if x1.is_floating_point() or x1.is_complex():
        return torch.linalg.vecdot(x1, x2, dim=axis)
    product = x1 * x2  # (torch's vecdot takes no integers)
    return product.sum(axis, dtype=product.dtype)


la = torch.linalg


def matmul(x1: Any, x2: Any, /) -> Any:
    try:
        return torch.matmul(*promoted(x1, x2))
    except RuntimeError:
        check_matmul(x1.shape, x2.shape)  # NumPy's error, not torch's
        raise


def cholesky(x: Any, /, *, upper: bool = False) -> Any:
    return la.cholesky(x, upper=upper)


def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
    x1, x2 = torch.broadcast_tensors(*promoted(x1, x2))  # type: ignore[no-untyped-call]
    return la.cross(x1, x2, dim=axis)


def diagonal(x: Any, /, *, offset: int = 0) -> Any:
    return torch.diagonal(x, offset, -2, -1)


def eigh(x: Any, /) -> Any:
    return EighResult(*la.eigh(x))


def matrix_norm(x: Any, /, *, keepdims: bool = False, ord: Any = "fro") -> Any:
    return la.matrix_norm(x, ord=ord, keepdim=keepdims)


def matrix_rank(x: Any, /, *, rtol: Any = None) -> Any:
    return la.matrix_rank(x, rtol=rtol)


def pinv(x: Any, /, *, rtol: Any = None) -> Any:
    return la.pinv(x, rtol=rtol)


def qr(x: Any, /, *, mode: str = "reduced") -> Any:
    return QRResult(*la.qr(x, mode=mode))


def slogdet(x: Any, /) -> Any:
    return SlogdetResult(*la.slogdet(x))


def svd(x: Any, /, *, full_matrices: bool = True) -> Any:
    return SVDResult(*la.svd(x, full_matrices=full_matrices))


def trace(x: Any, /, *, offset: int = 0, dtype: Any = None) -> Any:
    d = torch.diagonal(x, offset, -2, -1)
    if dtype is None and not (x.is_floating_point() or x.is_complex()):
        dtype = torch.int64  # the default integer, as sum()
    return d.sum(-1, dtype=dtype)


def vector_norm(x: Any, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2) -> Any:
    if axis is None and not keepdims and ord == 2:
        return la.vector_norm(x)  # (torch parses no keywords: 0.5 us less)
    return la.vector_norm(x, ord, dim=axis, keepdim=keepdims)


def eig(x: Any, /) -> Any:
    return EigResult(*la.eig(x))


functions: dict[str, Any] = {
    "matmul": matmul,
    "matrix_transpose": matrix_transpose,
    "tensordot": tensordot,
    "vecdot": vecdot,
}
linalg: dict[str, Any] = {
    "cholesky": cholesky,
    "cross": cross,
    "det": la.det,
    "diagonal": diagonal,
    "eig": eig,
    "eigh": eigh,
    "eigvals": la.eigvals,
    "eigvalsh": la.eigvalsh,
    "inv": la.inv,
    "matmul": matmul,
    "matrix_norm": matrix_norm,
    "matrix_power": la.matrix_power,
    "matrix_rank": matrix_rank,
    "matrix_transpose": matrix_transpose,
    "outer": torch.outer,
    "pinv": pinv,
    "qr": qr,
    "slogdet": slogdet,
    "solve": lambda x1, x2, /: la.solve(*promoted(x1, x2)),
    "svd": svd,
    "svdvals": la.svdvals,
    "tensordot": tensordot,
    "trace": trace,
    "vecdot": vecdot,
    "vector_norm": vector_norm,
}


def _fft(fft: Any) -> dict[str, Any]:
    def one(fn: Any) -> Any:
        def call(x: Any, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> Any:
            return fn(x, n=n, dim=axis, norm=norm)

        call.__name__ = call.__qualname__ = fn.__name__
        return call

    def many(fn: Any) -> Any:
        def call(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
            return fn(x, s=s, dim=axes, norm=norm)

        call.__name__ = call.__qualname__ = fn.__name__
        return call

    def freq(fn: Any) -> Any:
        def call(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> Any:
            return fn(n, d, dtype=dtype, device=device)

        call.__name__ = call.__qualname__ = fn.__name__
        return call

    def shift(fn: Any) -> Any:
        def call(x: Any, /, *, axes: Any = None) -> Any:
            return fn(x, dim=axes)

        call.__name__ = call.__qualname__ = fn.__name__
        return call

    out = {n: one(getattr(fft, n)) for n in "fft ifft rfft irfft hfft ihfft".split()}
    out |= {n: many(getattr(fft, n)) for n in "fftn ifftn rfftn irfftn".split()}
    out |= {n: freq(getattr(fft, n)) for n in ("fftfreq", "rfftfreq")}
    out |= {n: shift(getattr(fft, n)) for n in ("fftshift", "ifftshift")}
    return out


fft = _fft(torch.fft)
