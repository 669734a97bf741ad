"""Vector norms, as functions (``ep.norms.l2(x)``) and through ``x.norms.l2()``."""

from __future__ import annotations

import math
from typing import Generic

from ._support import tensor_argument as _tensor
from .tensor.tensor import TensorType
from .types import AxisAxes


def l0(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The number of non-zero entries (in ``x``'s dtype)."""
    return _tensor(x, "norms.l0").bool().astype(x.dtype).sum(axis=axis, keepdims=keepdims)


def l1(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The sum of absolute values."""
    return _tensor(x, "norms.l1").abs().sum(axis=axis, keepdims=keepdims)


def l2(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The Euclidean norm; its gradient at zero is zero (not NaN) on every backend."""
    return _tensor(x, "norms.l2")._l2_norm(axis, keepdims)


def linf(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The largest absolute value."""
    return _tensor(x, "norms.linf").abs().max(axis=axis, keepdims=keepdims)


def lp(x: TensorType, p: float, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The p-norm ``sum(|x|**p) ** (1/p)``; ``p`` may be 0, 1, 2, ``inf`` or any ``p > 0``."""
    _tensor(x, "norms.lp")
    if p == 0:
        return l0(x, axis, keepdims)
    if p == 1:
        return l1(x, axis, keepdims)
    if p == 2:
        return l2(x, axis, keepdims)
    if p == math.inf:
        return linf(x, axis, keepdims)
    if not p > 0:
        raise ValueError(f"lp needs p > 0 (or p == 0 for l0), got {p!r}")
    return (x.abs() ** p).sum(axis=axis, keepdims=keepdims) ** (1 / p)


class Norms(Generic[TensorType]):
    """The norms of one tensor, as returned by ``x.norms``."""

    __slots__ = ("_x",)

    def __init__(self, x: TensorType) -> None:
        self._x = x

    def l0(self, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
        """See ``eagerlite.norms.l0``."""
        return l0(self._x, axis, keepdims)

    def l1(self, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
        """See ``eagerlite.norms.l1``."""
        return l1(self._x, axis, keepdims)

    def l2(self, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
        """See ``eagerlite.norms.l2``."""
        return self._x._l2_norm(axis, keepdims)  # (what l2() calls, one call sooner)

    def linf(self, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
        """See ``eagerlite.norms.linf``."""
        return linf(self._x, axis, keepdims)

    def lp(self, p: float, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
        """See ``eagerlite.norms.lp``."""
        return lp(self._x, p, axis, keepdims)
