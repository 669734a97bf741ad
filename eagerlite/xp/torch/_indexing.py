"""NumPy's indexing on torch tensors: reversed slices (torch slices only forwards), masks
with a length-0 axis against any length, narrow integer index arrays, lists of lists; and
the functional updates of ``at``."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .._at import check_op

# integer dtypes torch takes no index arrays of (uint8 too: torch reads a uint8 index as a
# mask, NumPy as integers)
_NARROW_INTS = {torch.int8, torch.int16, torch.uint8, torch.uint16, torch.uint32, torch.uint64}


def index_part(raw: Any, part: Any) -> Any:
    # torch reads a list of lists as a tuple of indices (NumPy < 1.23 did); NumPy 2 as an array
    if isinstance(part, list) and part and isinstance(part[0], list):
        return torch.as_tensor(part, device=raw.device)
    if isinstance(part, torch.Tensor) and part.dtype in _NARROW_INTS:
        return part.long()  # (torch indexes with int32/int64, bool and uint8 only)
    return part


def is_reversing(part: Any) -> bool:
    return type(part) is slice and part.step is not None and part.step < 0


def _index_axes(ndim: int, parts: list[Any]) -> list[int]:
    """The input axis each index part starts at (None adds an axis, a mask uses several)."""

    def used(part: Any) -> int:
        if part is None or part is Ellipsis:
            return 0
        if isinstance(part, (torch.Tensor, np.ndarray)) and part.dtype in (torch.bool, np.bool_):
            return int(part.ndim)
        return 1

    axes, axis = [], 0
    for i, part in enumerate(parts):
        if part is Ellipsis:
            axis = ndim - sum(used(p) for p in parts[i + 1 :])
        axes.append(axis)
        axis += used(part)
    return axes


def without_negative_steps(raw: torch.Tensor, index: Any) -> tuple[torch.Tensor, Any]:
    """torch slices only forwards: gather reversed slices first, leaving full slices."""
    parts = list(index) if isinstance(index, tuple) else [index]
    for part, axis in zip(parts, _index_axes(raw.ndim, parts), strict=True):
        if is_reversing(part):
            positions = list(range(raw.shape[axis]))[part]
            taken = torch.tensor(positions, dtype=torch.int64, device=raw.device)
            raw = raw.index_select(axis, taken)
    return raw, tuple(slice(None) if is_reversing(p) else p for p in parts)


def _empty_mask(part: Any) -> bool:
    return isinstance(part, torch.Tensor) and part.dtype is torch.bool and 0 in part.shape


def getitem(raw: Any, index: Any) -> Any:
    if type(index) is int or (type(index) is slice and not is_reversing(index)):
        return raw[index]
    if is_reversing(index) or (type(index) is tuple and any(is_reversing(p) for p in index)):
        raw, index = without_negative_steps(raw, index)
        return raw[index]
    try:
        return raw[index]
    except IndexError:
        # NumPy takes a mask with a length-0 axis against any length (its nonzero() index
        # arrays are empty); torch wants the lengths equal
        parts = index if type(index) is tuple else (index,)
        if not any(_empty_mask(p) for p in parts):
            raise
        expanded = [
            q for p in parts for q in (torch.nonzero(p, as_tuple=True) if _empty_mask(p) else [p])
        ]
        return raw[tuple(expanded)]


_REDUCE = {"add": "sum", "multiply": "prod", "min": "amin", "max": "amax"}


def update(x: Any, index: Any, values: Any, op: str) -> Any:
    """``x`` with ``op`` applied at ``index`` (a new tensor, differentiable; every
    repeated position counts)."""
    check_op(op)
    parts = index if type(index) is tuple else (index,)
    reversing = any(is_reversing(p) for p in parts)
    if op == "set" and not reversing:
        out = x.clone()  # clone keeps the autograd graph; x stays untouched
        out[index] = values
        return out
    # the flat positions the index names (repeats kept), then one scatter
    positions = torch.arange(x.numel(), device=x.device).reshape(x.shape)
    if reversing:  # (torch slices only forwards)
        positions, index = without_negative_steps(positions, index)
    positions = positions[index]
    v = torch.as_tensor(values, dtype=x.dtype, device=x.device).broadcast_to(positions.shape)
    if op == "set":
        flat = x.reshape(-1).index_put((positions.reshape(-1),), v.reshape(-1))
    else:
        flat = x.reshape(-1).scatter_reduce(
            0, positions.reshape(-1), v.reshape(-1), _REDUCE[op], include_self=True
        )
    return flat.reshape(x.shape)
