"""Vector norms as functions, ``ep.norms.l2(x)``: each is ``x.norms.l2()`` (EagerPy's module
``eagerpy.norms``; the one implementation is ``eagerlite.tensor._norms``)."""

from __future__ import annotations

from .framework import _tensor
from .tensor.tensor import TensorType
from .types import AxisAxes


def l0(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The number of non-zero entries (in ``x``'s dtype)."""
    return _tensor(x, "norms.l0").norms.l0(axis, keepdims)


def l1(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The sum of absolute values."""
    return _tensor(x, "norms.l1").norms.l1(axis, keepdims)


def l2(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The Euclidean norm; its gradient at zero is zero (not NaN) on every backend."""
    return _tensor(x, "norms.l2").norms.l2(axis, keepdims)


def linf(x: TensorType, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The largest absolute value."""
    return _tensor(x, "norms.linf").norms.linf(axis, keepdims)


def lp(x: TensorType, p: float, axis: AxisAxes | None = None, keepdims: bool = False) -> TensorType:
    """The p-norm ``sum(|x|**p) ** (1/p)``; ``p`` may be 0, 1, 2, ``inf`` or any ``p > 0``."""
    return _tensor(x, "norms.lp").norms.lp(p, axis, keepdims)
