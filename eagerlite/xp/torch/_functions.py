"""PyTorch's functions beyond the standard: its own kernels where they behave as NumPy's
functions do (``torch.nn.functional`` for ``log_sigmoid``, ``pad``)."""

from __future__ import annotations

from typing import Any

import torch
from torch.nn import functional as nnf

from ..._core.checks import axes_of, check_pad
from ._statistics import countable


def logsumexp(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    if axis == ():  # (torch's dim=() means every axis)
        return x
    return torch.logsumexp(x, dim=axes_of(axis, x.ndim), keepdim=keepdims)


def swapaxes(x: Any, axis1: int, axis2: int, /) -> Any:
    return torch.swapaxes(x, axis1, axis2)


def softmax(x: Any, /, *, axis: int = -1) -> Any:
    return torch.softmax(x, dim=axis)


def log_softmax(x: Any, /, *, axis: int = -1) -> Any:
    return torch.log_softmax(x, dim=axis)


def topk(x: Any, k: int, /, *, sorted: bool = True) -> tuple[Any, Any]:
    """The ``k`` largest values along the last axis, and their indices."""
    values, indices = torch.topk(countable(x), k, sorted=sorted)
    return (values.bool() if x.dtype == torch.bool else values), indices


def _reflect_indices(n: int, before: int, after: int) -> list[int]:
    if before >= n or after >= n:
        raise ValueError(f"reflect padding ({before}, {after}) must be shorter than the axis ({n})")
    return [*range(before, 0, -1), *range(n), *range(n - 2, n - 2 - after, -1)]


def pad(x: Any, pad_width: Any, /, mode: str = "constant", *, constant_values: Any = 0) -> Any:
    """``x`` padded by ``(before, after)`` per axis, with ``constant_values`` or reflected."""
    check_pad(x.ndim, pad_width, mode)
    if mode == "constant":
        flat = [p for pair in reversed(pad_width) for p in pair]  # torch: last axis first
        return nnf.pad(x, flat, value=constant_values)
    for axis, (before, after) in enumerate(pad_width):
        if before or after:
            index = _reflect_indices(x.shape[axis], before, after)
            taken = torch.tensor(index, dtype=torch.int64, device=x.device)
            x = x.index_select(axis, taken)
    return x


def crossentropy(logits: Any, labels: Any, /) -> Any:
    """Per-sample cross-entropy of 2-D ``logits`` with integer class ``labels`` (torch's
    kernel; it wants int64 class indices, and int32 ones are common)."""
    target = labels if labels.dtype is torch.int64 else labels.long()
    return nnf.cross_entropy(logits, target, reduction="none")


own_beyond: dict[str, Any] = {
    "_crossentropy": crossentropy,
    "logsumexp": logsumexp,
    "sigmoid": torch.sigmoid,
    "log_sigmoid": nnf.logsigmoid,
    "relu": torch.relu,
    "erf": torch.erf,
    "swapaxes": swapaxes,
    "softmax": softmax,
    "log_softmax": log_softmax,
    "topk": topk,
    "pad": pad,
}
