"""Reductions, statistics, searching, sorting and sets as Tensor methods.

The axis may be given by position or as ``axis=``, an int, a tuple of ints or None (all
axes); ``keepdims`` keeps the reduced axes with length one.  EagerPy's forms keep working
(``t.sum(1, True)``, ``t.argmax()`` of the flattened tensor, ``t.cumsum()`` of the
flattened tensor, ``t.clip(min_, max_)``).
"""

from __future__ import annotations

from typing import Any, Self

from ..xp._common import UniqueAllResult, UniqueCountsResult, UniqueInverseResult
from ._part import Part

Scalar = int | float
Axis = int | tuple[int, ...] | None


class Reductions(Part):
    """The reductions, statistics, searching, sorting and set functions of ``Tensor``."""

    __slots__ = ()

    # -------------------------------------------------------------- reductions
    def sum(self, axis: Axis = None, keepdims: bool = False, *, dtype: Any = None) -> Self:
        """Sum over ``axis`` (all axes if None); small integers sum in the default integer."""
        if dtype is None:
            return type(self)(self._ns.sum(self.raw, axis=axis, keepdims=keepdims))
        dtype = self._native_dtype(dtype)
        return type(self)(self._ns.sum(self.raw, axis=axis, keepdims=keepdims, dtype=dtype))

    def prod(self, axis: Axis = None, keepdims: bool = False, *, dtype: Any = None) -> Self:
        """Product over ``axis`` (all axes if None)."""
        native = None if dtype is None else self._native_dtype(dtype)
        return type(self)(self._ns.prod(self.raw, axis=axis, keepdims=keepdims, dtype=native))

    def mean(self, axis: Axis = None, keepdims: bool = False, *, dtype: Any = None) -> Self:
        """Arithmetic mean over ``axis`` (all axes if None); integers give a float result.
        ``dtype`` (NumPy's): the dtype computed in and returned."""
        if dtype is None:
            return type(self)(self._ns.mean(self.raw, axis=axis, keepdims=keepdims))
        ns, native = self._ns, self._native_dtype(dtype)
        out = ns.mean(ns.astype(self.raw, native), axis=axis, keepdims=keepdims)
        return type(self)(out if out.dtype == native else ns.astype(out, native))

    def min(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Minimum over ``axis`` (all axes if None); NaN if a NaN is among the values."""
        return type(self)(self._ns.min(self.raw, axis=axis, keepdims=keepdims))

    def max(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Maximum over ``axis`` (all axes if None); NaN if a NaN is among the values."""
        return type(self)(self._ns.max(self.raw, axis=axis, keepdims=keepdims))

    def all(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Whether all values along ``axis`` are true (all axes if None)."""
        return type(self)(self._ns.all(self.raw, axis=axis, keepdims=keepdims))

    def any(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Whether any value along ``axis`` is true (all axes if None)."""
        return type(self)(self._ns.any(self.raw, axis=axis, keepdims=keepdims))

    def std(
        self,
        axis: Axis = None,
        *,
        correction: float = 0.0,
        keepdims: bool = False,
        ddof: float | None = None,
    ) -> Self:
        """Standard deviation over ``axis`` (all if None); ``correction=1`` (the standard's
        name) or ``ddof=1`` (NumPy's) for the sample one."""
        correction = _correction(correction, ddof, "std")
        out = self._ns.std(self.raw, axis=axis, correction=correction, keepdims=keepdims)
        return type(self)(out)

    def var(
        self,
        axis: Axis = None,
        *,
        correction: float = 0.0,
        keepdims: bool = False,
        ddof: float | None = None,
    ) -> Self:
        """Variance over ``axis`` (all if None); ``correction=1`` or ``ddof=1`` for the
        sample variance."""
        correction = _correction(correction, ddof, "var")
        out = self._ns.var(self.raw, axis=axis, correction=correction, keepdims=keepdims)
        return type(self)(out)

    def count_nonzero(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """The number of non-zero values along ``axis`` (all axes if None)."""
        return type(self)(self._ns.count_nonzero(self.raw, axis=axis, keepdims=keepdims))

    def cumsum(self, axis: int | None = None) -> Self:
        """Cumulative sum along ``axis`` (of the flattened tensor if None)."""
        raw = self.raw
        if axis is None:
            raw, axis = self._ns.reshape(raw, (-1,)), 0
        return type(self)(self._ns.cumulative_sum(raw, axis=axis))

    def cumulative_sum(
        self, axis: int | None = None, *, dtype: Any = None, include_initial: bool = False
    ) -> Self:
        """Cumulative sum along ``axis`` (needed for more than one axis), optionally from 0."""
        native = None if dtype is None else self._native_dtype(dtype)
        out = self._ns.cumulative_sum(
            self.raw, axis=axis, dtype=native, include_initial=include_initial
        )
        return type(self)(out)

    def cumulative_prod(
        self, axis: int | None = None, *, dtype: Any = None, include_initial: bool = False
    ) -> Self:
        """Cumulative product along ``axis`` (needed for more than one axis), optionally from 1."""
        native = None if dtype is None else self._native_dtype(dtype)
        out = self._ns.cumulative_prod(
            self.raw, axis=axis, dtype=native, include_initial=include_initial
        )
        return type(self)(out)

    # --------------------------------------------------------------- searching
    def argmin(self, axis: int | None = None, keepdims: bool = False) -> Self:
        """Index of the minimum along ``axis`` (of the flattened tensor if None)."""
        return type(self)(self._ns.argmin(self.raw, axis=axis, keepdims=keepdims))

    def argmax(self, axis: int | None = None, keepdims: bool = False) -> Self:
        """Index of the maximum along ``axis`` (of the flattened tensor if None)."""
        return type(self)(self._ns.argmax(self.raw, axis=axis, keepdims=keepdims))

    def where(self, x: Self | Scalar, y: Self | Scalar) -> Self:
        """Where this (bool) tensor is true take ``x``, else ``y`` (broadcasting)."""
        return type(self)(self._ns.where(self.raw, self._operand(x), self._operand(y)))

    def nonzero(self) -> tuple[Self, ...]:
        """The indices of the non-zero values, one tensor per axis."""
        return self._many(self._ns.nonzero(self.raw))

    def searchsorted(self, values: Self, *, side: str = "left", sorter: Self | None = None) -> Self:
        """Where ``values`` would go in this sorted 1-D tensor to keep it sorted."""
        raw_sorter = None if sorter is None else self._operand(sorter)
        out = self._ns.searchsorted(self.raw, self._operand(values), side=side, sorter=raw_sorter)
        return type(self)(out)

    def clip(
        self,
        min: Self | float | None = None,
        max: Self | float | None = None,
        *,
        min_: Self | float | None = None,
        max_: Self | float | None = None,
    ) -> Self:
        """Values limited to ``[min, max]``: numbers or tensors (broadcasting), or None for no
        bound on that side; the dtype stays this tensor's.  (``min_`` and ``max_`` are
        EagerPy's names of the bounds.)"""
        low = min if min_ is None else min_
        high = max if max_ is None else max_
        return type(self)(self._ns.clip(self.raw, self._operand(low), self._operand(high)))

    # ----------------------------------------------------------------- sorting
    def sort(
        self,
        axis: int = -1,
        *,
        descending: bool = False,
        stable: bool = True,
        kind: str | None = None,
    ) -> Self:
        """The tensor sorted along ``axis`` (NaN last), ascending unless ``descending``;
        stable (equal values keep their order), which satisfies every NumPy ``kind``."""
        _check_kind(kind)
        out = self._ns.sort(self.raw, axis=axis, descending=descending, stable=stable)
        return type(self)(out)

    def argsort(
        self,
        axis: int = -1,
        *,
        descending: bool = False,
        stable: bool = True,
        kind: str | None = None,
    ) -> Self:
        """Indices that sort the tensor along ``axis`` (stable, as ``sort``)."""
        _check_kind(kind)
        out = self._ns.argsort(self.raw, axis=axis, descending=descending, stable=stable)
        return type(self)(out)

    def topk(self, k: int, sorted: bool = True) -> tuple[Self, Self]:
        """The ``k`` largest values along the last axis and their indices."""
        values, indices = self._ns.topk(self.raw, k, sorted=sorted)
        return type(self)(values), type(self)(indices)

    # -------------------------------------------------------------------- sets
    def isin(self, elements: Self | Scalar, *, invert: bool = False) -> Self:
        """Element-wise test for membership in ``elements`` (a bool tensor)."""
        return type(self)(self._ns.isin(self.raw, self._operand(elements), invert=invert))

    def unique_values(self) -> Self:
        """The distinct values, sorted (NaNs are all distinct)."""
        return type(self)(self._ns.unique_values(self.raw))

    def unique_counts(self) -> UniqueCountsResult[Self]:
        """The distinct values and how often each occurs."""
        return UniqueCountsResult(*self._many(self._ns.unique_counts(self.raw)))

    def unique_inverse(self) -> UniqueInverseResult[Self]:
        """The distinct values and, for each value of the tensor, the index of its own."""
        return UniqueInverseResult(*self._many(self._ns.unique_inverse(self.raw)))

    def unique_all(self) -> UniqueAllResult[Self]:
        """The distinct values, the first index of each, the inverse indices and the counts."""
        return UniqueAllResult(*self._many(self._ns.unique_all(self.raw)))


def _correction(correction: float, ddof: float | None, name: str) -> float:
    """The degrees of freedom removed: the standard's ``correction`` or NumPy's ``ddof``."""
    if ddof is None:
        return correction
    if correction != 0.0:
        raise ValueError(f"{name} takes correction or ddof (the same), not both")
    return ddof


_KINDS = (None, "quicksort", "mergesort", "heapsort", "stable")


def _check_kind(kind: str | None) -> None:
    if kind not in _KINDS:
        raise ValueError(f"sort kind must be one of {_KINDS[1:]} (or None), got {kind!r}")
