"""The Array API standard's functions as Tensor methods: ``t.std(axis=0)``, ``t.acos()``.

Every function of the standard whose first argument is an array is a method here, with
the standard's keywords (the axis may also be given by position, as in EagerPy's
reductions).  Each calls the framework's native namespace (``eagerlite.xp``), so the
method, the ``ep.`` function and ``xp.`` of both faces are one implementation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Self

from ..xp._common import UniqueAllResult, UniqueCountsResult, UniqueInverseResult
from ._part import Part

if TYPE_CHECKING:
    from ..types import Shape

Scalar = int | float
Axis = int | tuple[int, ...] | None


class Standard(Part):
    """The standard's functions of an array, as methods of ``Tensor``."""

    __slots__ = ()

    def _new(self, name: str, /, *args: Any, **kwargs: Any) -> Self:
        """The native ``name(self.raw, *args, **kwargs)`` as a tensor of this class."""
        return type(self)(getattr(self._xp(), name)(self.raw, *args, **kwargs))

    def _many(self, raws: Sequence[Any]) -> tuple[Self, ...]:
        return tuple(map(type(self), raws))

    # ------------------------------------------------------ elementwise, unary
    def acos(self) -> Self:
        """Element-wise inverse cosine (``arccos``)."""
        return self._new("acos")

    def acosh(self) -> Self:
        """Element-wise inverse hyperbolic cosine (``arccosh``)."""
        return self._new("acosh")

    def asin(self) -> Self:
        """Element-wise inverse sine (``arcsin``)."""
        return self._new("asin")

    def asinh(self) -> Self:
        """Element-wise inverse hyperbolic sine (``arcsinh``)."""
        return self._new("asinh")

    def atan(self) -> Self:
        """Element-wise inverse tangent (``arctan``)."""
        return self._new("atan")

    def atanh(self) -> Self:
        """Element-wise inverse hyperbolic tangent (``arctanh``)."""
        return self._new("atanh")

    def bitwise_invert(self) -> Self:
        """Element-wise bitwise not of integers, logical not of bools (``~t``)."""
        return self._new("bitwise_invert")

    def conj(self) -> Self:
        """Element-wise complex conjugate (real tensors: themselves)."""
        return self._new("conj")

    def expm1(self) -> Self:
        """Element-wise ``exp(x) - 1``, accurate for small ``x``."""
        return self._new("expm1")

    def imag(self) -> Self:
        """The imaginary part of a complex tensor (a real tensor)."""
        return self._new("imag")

    def real(self) -> Self:
        """The real part of a complex tensor (a real tensor)."""
        return self._new("real")

    def isfinite(self) -> Self:
        """Element-wise test for finite values (a bool tensor)."""
        return self._new("isfinite")

    def negative(self) -> Self:
        """Element-wise negation (``-t``)."""
        return self._new("negative")

    def positive(self) -> Self:
        """The tensor itself, element-wise (``+t``)."""
        return self._new("positive")

    def reciprocal(self) -> Self:
        """Element-wise ``1 / x``."""
        return self._new("reciprocal")

    def signbit(self) -> Self:
        """Element-wise test for a set sign bit (true for -0.0 and negative values)."""
        return self._new("signbit")

    def trunc(self) -> Self:
        """Element-wise rounding towards zero."""
        return self._new("trunc")

    # ----------------------------------------------------- elementwise, binary
    def add(self, other: Self | Scalar) -> Self:
        """Element-wise ``self + other``."""
        return self._apply("add", other)

    def subtract(self, other: Self | Scalar) -> Self:
        """Element-wise ``self - other``."""
        return self._apply("subtract", other)

    def multiply(self, other: Self | Scalar) -> Self:
        """Element-wise ``self * other``."""
        return self._apply("multiply", other)

    def divide(self, other: Self | Scalar) -> Self:
        """Element-wise true division ``self / other``."""
        return self._apply("divide", other)

    def floor_divide(self, other: Self | Scalar) -> Self:
        """Element-wise floor division ``self // other``."""
        return self._apply("floor_divide", other)

    def remainder(self, other: Self | Scalar) -> Self:
        """Element-wise remainder ``self % other`` (the sign of ``other``)."""
        return self._apply("remainder", other)

    def atan2(self, other: Self | Scalar) -> Self:
        """Element-wise angle of the point ``(other, self)``: ``atan(self / other)`` by quadrant."""
        return self._apply("atan2", other)

    def copysign(self, other: Self | Scalar) -> Self:
        """Element-wise magnitude of ``self`` with the sign of ``other``."""
        return self._apply("copysign", other)

    def hypot(self, other: Self | Scalar) -> Self:
        """Element-wise ``sqrt(self**2 + other**2)``, without overflow."""
        return self._apply("hypot", other)

    def logaddexp(self, other: Self | Scalar) -> Self:
        """Element-wise ``log(exp(self) + exp(other))``, without overflow."""
        return self._apply("logaddexp", other)

    def nextafter(self, other: Self | Scalar) -> Self:
        """Element-wise next floating-point value after ``self`` towards ``other``."""
        return self._apply("nextafter", other)

    def equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self == other``."""
        return self._apply("equal", other)

    def not_equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self != other``."""
        return self._apply("not_equal", other)

    def greater(self, other: Self | Scalar) -> Self:
        """Element-wise ``self > other``."""
        return self._apply("greater", other)

    def greater_equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self >= other``."""
        return self._apply("greater_equal", other)

    def less(self, other: Self | Scalar) -> Self:
        """Element-wise ``self < other``."""
        return self._apply("less", other)

    def less_equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self <= other``."""
        return self._apply("less_equal", other)

    def logical_xor(self, other: Self | Scalar) -> Self:
        """Element-wise logical exclusive or (a bool tensor)."""
        return self._apply("logical_xor", other)

    def bitwise_and(self, other: Self | Scalar) -> Self:
        """Element-wise bitwise and (``self & other``)."""
        return self._apply("bitwise_and", other)

    def bitwise_or(self, other: Self | Scalar) -> Self:
        """Element-wise bitwise or (``self | other``)."""
        return self._apply("bitwise_or", other)

    def bitwise_xor(self, other: Self | Scalar) -> Self:
        """Element-wise bitwise exclusive or (``self ^ other``)."""
        return self._apply("bitwise_xor", other)

    def bitwise_left_shift(self, other: Self | int) -> Self:
        """Element-wise ``self << other``."""
        return self._apply("bitwise_left_shift", other)

    def bitwise_right_shift(self, other: Self | int) -> Self:
        """Element-wise ``self >> other``."""
        return self._apply("bitwise_right_shift", other)

    # --------------------------------------------------------------- creation
    def empty_like(self, *, dtype: Any = None) -> Self:
        """An uninitialised tensor with this tensor's shape, device and dtype (or ``dtype``)."""
        return self._new("empty_like", dtype=self._native_dtype(dtype))

    def tril(self, k: int = 0) -> Self:
        """The lower triangle of (a batch of) matrices: zeros above diagonal ``k``."""
        return self._new("tril", k=k)

    def triu(self, k: int = 0) -> Self:
        """The upper triangle of (a batch of) matrices: zeros below diagonal ``k``."""
        return self._new("triu", k=k)

    # --------------------------------------------------------- indexing, linalg
    def take(self, indices: Self, axis: int | None = None) -> Self:
        """The values at integer ``indices`` along ``axis`` (of the flattened tensor if None)."""
        return self._new("take", self._operand(indices), axis=axis)

    def matrix_transpose(self) -> Self:
        """The last two axes swapped (``mT``)."""
        return self._new("matrix_transpose")

    def tensordot(self, other: Self, axes: int | tuple[Sequence[int], Sequence[int]] = 2) -> Self:
        """Sum of products over the last ``axes`` axes of ``self`` and the first of ``other``
        (or over the two given sequences of axes)."""
        return self._new("tensordot", self._operand(other), axes=axes)

    def vecdot(self, other: Self, axis: int = -1) -> Self:
        """Dot products of vectors along ``axis`` (conjugating ``self``), broadcasting."""
        return self._new("vecdot", self._operand(other), axis=axis)

    # ------------------------------------------------------------ manipulation
    def broadcast_to(self, shape: Shape) -> Self:
        """The tensor broadcast to ``shape``."""
        return self._new("broadcast_to", tuple(shape))

    def moveaxis(self, source: int | tuple[int, ...], destination: int | tuple[int, ...]) -> Self:
        """Axes ``source`` moved to positions ``destination`` (the others keep their order)."""
        return self._new("moveaxis", source, destination)

    def permute_dims(self, axes: tuple[int, ...]) -> Self:
        """Axes permuted by ``axes`` (``transpose``)."""
        return self._new("permute_dims", tuple(axes))

    def repeat(self, repeats: int | Self, axis: int | None = None) -> Self:
        """Each value repeated ``repeats`` times along ``axis`` (the flattened tensor if None)."""
        return self._new("repeat", self._operand(repeats), axis=axis)

    def roll(self, shift: int | tuple[int, ...], axis: Axis = None) -> Self:
        """Values shifted cyclically by ``shift`` along ``axis`` (the flattened tensor if None)."""
        return self._new("roll", shift, axis=axis)

    def _concat(self, arrays: Sequence[Self], axis: int | None) -> Self:
        """``ep.concat`` of ``arrays`` (this tensor the first)."""
        return type(self)(self._xp().concat(self._unwrap_all(arrays), axis=axis))

    def _broadcast_arrays(self, arrays: Sequence[Self]) -> list[Self]:
        """``ep.broadcast_arrays`` of ``arrays`` (this tensor the first)."""
        return [type(self)(r) for r in self._xp().broadcast_arrays(*self._unwrap_all(arrays))]

    def unstack(self, axis: int = 0) -> tuple[Self, ...]:
        """The slices along ``axis``, as a tuple of tensors."""
        return self._many(self._xp().unstack(self.raw, axis=axis))

    # ---------------------------------------------------------- searching, sets
    def count_nonzero(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """The number of non-zero values along ``axis`` (all axes if None)."""
        return self._new("count_nonzero", axis=axis, keepdims=keepdims)

    def nonzero(self) -> tuple[Self, ...]:
        """The indices of the non-zero values, one tensor per axis."""
        return self._many(self._xp().nonzero(self.raw))

    def searchsorted(self, values: Self, *, side: str = "left", sorter: Self | None = None) -> Self:
        """Where ``values`` would go in this sorted 1-D tensor to keep it sorted."""
        raw_sorter = None if sorter is None else self._operand(sorter)
        return self._new("searchsorted", self._operand(values), side=side, sorter=raw_sorter)

    def isin(self, elements: Self | Scalar, *, invert: bool = False) -> Self:
        """Element-wise test for membership in ``elements`` (a bool tensor)."""
        return self._new("isin", self._operand(elements), invert=invert)

    def unique_values(self) -> Self:
        """The distinct values, sorted (NaNs are all distinct)."""
        return self._new("unique_values")

    def unique_counts(self) -> UniqueCountsResult[Self]:
        """The distinct values and how often each occurs."""
        return UniqueCountsResult(*self._many(self._xp().unique_counts(self.raw)))

    def unique_inverse(self) -> UniqueInverseResult[Self]:
        """The distinct values and, for each value of the tensor, the index of its own."""
        return UniqueInverseResult(*self._many(self._xp().unique_inverse(self.raw)))

    def unique_all(self) -> UniqueAllResult[Self]:
        """The distinct values, the first index of each, the inverse indices and the counts."""
        return UniqueAllResult(*self._many(self._xp().unique_all(self.raw)))

    # -------------------------------------------------------------- statistics
    def std(self, axis: Axis = None, *, correction: float = 0.0, keepdims: bool = False) -> Self:
        """Standard deviation over ``axis`` (all if None); ``correction=1`` for the sample one."""
        return self._new("std", axis=axis, correction=correction, keepdims=keepdims)

    def var(self, axis: Axis = None, *, correction: float = 0.0, keepdims: bool = False) -> Self:
        """Variance over ``axis`` (all if None); ``correction=1`` for the sample variance."""
        return self._new("var", axis=axis, correction=correction, keepdims=keepdims)

    def cumulative_sum(
        self, axis: int | None = None, *, dtype: Any = None, include_initial: bool = False
    ) -> Self:
        """Cumulative sum along ``axis`` (needed for more than one axis), optionally from 0."""
        dtype = None if dtype is None else self._native_dtype(dtype)
        return self._new("cumulative_sum", axis=axis, dtype=dtype, include_initial=include_initial)

    def cumulative_prod(
        self, axis: int | None = None, *, dtype: Any = None, include_initial: bool = False
    ) -> Self:
        """Cumulative product along ``axis`` (needed for more than one axis), optionally from 1."""
        dtype = None if dtype is None else self._native_dtype(dtype)
        return self._new("cumulative_prod", axis=axis, dtype=dtype, include_initial=include_initial)

    def diff(
        self,
        axis: int = -1,
        *,
        n: int = 1,
        prepend: Self | None = None,
        append: Self | None = None,
    ) -> Self:
        """The ``n``-th differences along ``axis`` (with ``prepend``/``append`` joined first)."""
        ends = {"prepend": prepend, "append": append}  # (NumPy reads None as a value)
        given = {k: self._operand(v) for k, v in ends.items() if v is not None}
        return self._new("diff", axis=axis, n=n, **given)
