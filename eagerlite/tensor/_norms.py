"""Vector norms of a tensor, ``t.norms.l2(axis=-1)``: the one implementation behind
``ep.norms.l2(t)`` and friends."""

from __future__ import annotations

import math
from typing import Any, Generic, TypeVar

from ..types import AxisAxes

T = TypeVar("T")


class Norms(Generic[T]):
    """The norms of one tensor, as returned by ``t.norms``."""

    __slots__ = ("_x",)

    def __init__(self, x: T) -> None:
        self._x: Any = x

    def l0(self, axis: AxisAxes | None = None, keepdims: bool = False) -> T:
        """The number of non-zero entries (in the tensor's dtype)."""
        x = self._x
        return x.astype("bool").astype(x.dtype).sum(axis=axis, keepdims=keepdims)  # type: ignore[no-any-return]

    def l1(self, axis: AxisAxes | None = None, keepdims: bool = False) -> T:
        """The sum of absolute values."""
        return self._x.abs().sum(axis=axis, keepdims=keepdims)  # type: ignore[no-any-return]

    def l2(self, axis: AxisAxes | None = None, keepdims: bool = False) -> T:
        """The Euclidean norm; its gradient at zero is zero (not NaN) on every framework."""
        x = self._x  # (the hook directly: l2 is the hot one)
        return type(x)(x._hooks.l2_norm(x.raw, axis, keepdims))  # type: ignore[no-any-return]

    def linf(self, axis: AxisAxes | None = None, keepdims: bool = False) -> T:
        """The largest absolute value."""
        return self._x.abs().max(axis=axis, keepdims=keepdims)  # type: ignore[no-any-return]

    def lp(self, p: float, axis: AxisAxes | None = None, keepdims: bool = False) -> T:
        """The p-norm ``sum(|x|**p) ** (1/p)``; ``p`` may be 0, 1, 2, ``inf`` or any ``p > 0``."""
        if p == 0:
            return self.l0(axis, keepdims)
        if p == 1:
            return self.l1(axis, keepdims)
        if p == 2:
            return self.l2(axis, keepdims)
        if p == math.inf:
            return self.linf(axis, keepdims)
        if not p > 0:
            raise ValueError(f"lp needs p > 0 (or p == 0 for l0), got {p!r}")
        return (self._x.abs() ** p).sum(axis=axis, keepdims=keepdims) ** (1 / p)  # type: ignore[no-any-return]
