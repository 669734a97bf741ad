"""PyTorch's native namespace, continued: manipulation, searching, sets, sorting, linalg, fft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._common import (
    EighResult,
    QRResult,
    SlogdetResult,
    SVDResult,
    UniqueAllResult,
    UniqueCountsResult,
    UniqueInverseResult,
    new_axes,
)


def functions(
    torch: Any, binary: Callable[[Any], Any], promoted: Callable[[Any, Any], tuple[Any, Any]]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The main-namespace functions of this part, and the ``linalg`` and ``fft`` extensions
    (``promoted``: two tensors in their common dtype, which torch's linear algebra needs)."""

    # ------------------------------------------------------------- manipulation
    def broadcast_shapes(*shapes: Any) -> tuple[int, ...]:
        try:
            return tuple(torch.broadcast_shapes(*shapes))
        except RuntimeError as error:
            raise ValueError(f"shapes {shapes} do not broadcast: {error}") from None

    def concat(arrays: Any, /, *, axis: int | None = 0) -> Any:
        if axis is None:
            return torch.cat([a.reshape(-1) for a in arrays])
        return torch.cat(list(arrays), dim=axis)

    def expand_dims(x: Any, /, axis: Any = 0) -> Any:
        for a in new_axes(axis, x.ndim):
            x = torch.unsqueeze(x, a)
        return x

    def flip(x: Any, /, *, axis: Any = None) -> Any:
        dims = tuple(range(x.ndim)) if axis is None else axis
        return torch.flip(x, (dims,) if isinstance(dims, int) else tuple(dims))

    def permute_dims(x: Any, /, axes: Any) -> Any:
        return torch.permute(x, tuple(axes))

    def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Any:
        if isinstance(repeats, torch.Tensor):
            repeats = repeats.to(torch.int64)
        return torch.repeat_interleave(x, repeats, dim=axis)

    def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Any:
        if copy is False:
            return x.view(shape)
        out = torch.reshape(x, shape)
        return out.clone() if copy else out

    def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Any:
        if axis is None:
            return torch.roll(x, shift)
        return torch.roll(x, shift, dims=axis)

    def squeeze(x: Any, /, axis: Any) -> Any:
        axes = (axis,) if isinstance(axis, int) else tuple(axis)
        for a in axes:
            if not -x.ndim <= a < max(x.ndim, 1) or x.shape[a] != 1:
                raise ValueError(f"cannot squeeze axis {a} of shape {tuple(x.shape)}")
        return torch.squeeze(x, axes) if axes else x

    def stack(arrays: Any, /, *, axis: int = 0) -> Any:
        return torch.stack(list(arrays), dim=axis)

    def unstack(x: Any, /, *, axis: int = 0) -> Any:
        return torch.unbind(x, axis)

    # ---------------------------------------------------------------- searching
    def count_nonzero(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        out = torch.count_nonzero(x, dim=axis)
        if keepdims:
            axes = range(x.ndim) if axis is None else (axis,) if isinstance(axis, int) else axis
            shape = [1 if i in {a % x.ndim for a in axes} else n for i, n in enumerate(x.shape)]
            out = out.reshape(shape)
        return out

    def nonzero(x: Any, /) -> Any:
        if x.ndim == 0:
            raise ValueError("nonzero of a 0-d array is not defined")
        return torch.nonzero(x, as_tuple=True)

    def searchsorted(x1: Any, x2: Any, /, *, side: str = "left", sorter: Any = None) -> Any:
        return torch.searchsorted(x1, x2, side=side, sorter=sorter)

    def where(condition: Any, x1: Any, x2: Any, /) -> Any:
        return torch.where(condition, x1, x2)

    # --------------------------------------------------------------------- sets
    def isin(x1: Any, x2: Any, /, *, invert: bool = False) -> Any:
        return torch.isin(x1, x2, invert=invert)

    def _unique(x: Any) -> tuple[Any, Any, Any]:
        if x.is_complex():  # (torch's unique takes no complex: the (real, imag) rows)
            values, inverse, counts = torch.unique(
                torch.view_as_real(x.reshape(-1)), dim=0, return_inverse=True, return_counts=True
            )
            return torch.view_as_complex(values.contiguous()), inverse, counts
        values, inverse, counts = torch.unique(
            x.reshape(-1), sorted=True, return_inverse=True, return_counts=True
        )
        return values, inverse, counts

    def unique_values(x: Any, /) -> Any:
        return _unique(x)[0] if x.is_complex() else torch.unique(x.reshape(-1), sorted=True)

    def unique_counts(x: Any, /) -> Any:
        values, _, counts = _unique(x)
        return UniqueCountsResult(values, counts)

    def unique_inverse(x: Any, /) -> Any:
        values, inverse, _ = _unique(x)
        return UniqueInverseResult(values, inverse.reshape(x.shape))

    def unique_all(x: Any, /) -> Any:
        values, inverse, counts = _unique(x)
        n = inverse.numel()
        positions = torch.arange(n, device=x.device)
        first = torch.full((values.numel(),), n, dtype=torch.int64, device=x.device)
        first = first.scatter_reduce(0, inverse, positions, reduce="amin")
        return UniqueAllResult(values, first, inverse.reshape(x.shape), counts)

    # ------------------------------------------------------------------ sorting
    def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
        return torch.argsort(x, dim=axis, descending=descending, stable=stable)

    def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
        return torch.sort(x, dim=axis, descending=descending, stable=stable).values

    # ---------------------------------------------------------------- utilities
    def diff(
        x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None
    ) -> Any:
        return torch.diff(x, n=n, dim=axis, prepend=prepend, append=append)

    # ----------------------------------------------------------------- indexing
    def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
        if axis is None:
            if x.ndim != 1:
                raise ValueError(f"take needs axis for a {x.ndim}-D array")
            axis = 0
        if not isinstance(indices, torch.Tensor):
            indices = torch.as_tensor(indices, device=x.device)
        flat = indices.reshape(-1).long()
        flat = torch.where(flat < 0, flat + x.shape[axis], flat)  # (from the end, as NumPy)
        return torch.index_select(x, axis, flat).reshape(
            (*x.shape[: axis % x.ndim], *indices.shape, *x.shape[axis % x.ndim + 1 :])
        )

    def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
        return torch.take_along_dim(x, indices, dim=axis)

    # -------------------------------------------------------- linear algebra
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

    main = {
        "broadcast_shapes": broadcast_shapes,
        "concat": concat,
        "expand_dims": expand_dims,
        "flip": flip,
        "permute_dims": permute_dims,
        "repeat": repeat,
        "reshape": reshape,
        "roll": roll,
        "squeeze": squeeze,
        "stack": stack,
        "unstack": unstack,
        "count_nonzero": count_nonzero,
        "nonzero": nonzero,
        "searchsorted": searchsorted,
        "where": where,
        "isin": isin,
        "unique_all": unique_all,
        "unique_counts": unique_counts,
        "unique_inverse": unique_inverse,
        "unique_values": unique_values,
        "argsort": argsort,
        "sort": sort,
        "diff": diff,
        "take": take,
        "take_along_axis": take_along_axis,
        "matrix_transpose": matrix_transpose,
        "tensordot": tensordot,
        "vecdot": vecdot,
    }

    la = torch.linalg

    def matmul(x1: Any, x2: Any, /) -> Any:
        return torch.matmul(*promoted(x1, x2))

    main["matmul"] = matmul

    def cholesky(x: Any, /, *, upper: bool = False) -> Any:
        return la.cholesky(x, upper=upper)

    def cross(x1: Any, x2: Any, /, *, axis: int = -1) -> Any:
        x1, x2 = torch.broadcast_tensors(*promoted(x1, x2))
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
        return la.vector_norm(x, ord, dim=axis, keepdim=keepdims)

    linalg = {
        "cholesky": cholesky,
        "cross": cross,
        "det": la.det,
        "diagonal": diagonal,
        "eig": lambda x, /: _eig(la, x),
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
    return main, linalg, _fft(torch.fft)


def _eig(la: Any, x: Any) -> Any:
    from ._common import EigResult

    return EigResult(*la.eig(x))


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
