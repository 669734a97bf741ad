"""PyTorch's manipulation, searching, set, sorting and indexing functions, to the standard."""

from __future__ import annotations

from typing import Any

import torch

from ..._core.checks import check_squeeze, new_axes
from .._common import UniqueAllResult, UniqueCountsResult, UniqueInverseResult
from ._elementwise import promoted
from ._statistics import countable

Tensor = torch.Tensor


def broadcast_to(x: Any, /, shape: Any) -> Any:
    return torch.broadcast_to(x, shape)


def broadcast_shapes(*shapes: Any) -> tuple[int, ...]:
    try:
        return tuple(torch.broadcast_shapes(*shapes))  # type: ignore[no-untyped-call]
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


def squeeze(x: Any, /, axis: Any = None) -> Any:
    if axis is None:  # (NumPy's: every axis of length one)
        return torch.squeeze(x)
    check_squeeze(x.shape, axis)  # (torch would skip an axis whose length is not one)
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
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
    if condition.dtype is not torch.bool:
        condition = condition != 0
    if isinstance(x1, Tensor) and isinstance(x2, Tensor) and x1.dtype is not x2.dtype:
        x1, x2 = promoted(x1, x2)  # (torch.where lets a 0-d one take the other's dtype)
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
    return torch.argsort(countable(x), dim=axis, descending=descending, stable=stable)


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    return torch.sort(x, dim=axis, descending=descending, stable=stable).values


# ---------------------------------------------------------------- utilities
def diff(x: Any, /, *, axis: int = -1, n: int = 1, prepend: Any = None, append: Any = None) -> Any:
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
    if indices.dtype is not torch.int64:  # (torch takes int64 indices only; int32 is common)
        indices = indices.long()
    return torch.take_along_dim(x, indices, dim=axis)


# -------------------------------------------------------- linear algebra
functions: dict[str, Any] = {
    "moveaxis": torch.movedim,  # (torch's own, where they conform; torch.moveaxis, its
    # alias, has no batching rule for torch.func.vmap)
    "tile": torch.tile,
    "broadcast_arrays": torch.broadcast_tensors,
    "broadcast_to": broadcast_to,
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
}
