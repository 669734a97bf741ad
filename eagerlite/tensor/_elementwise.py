"""Elementwise functions as Tensor methods: EagerPy's names (``arcsin``) and the standard's
(``asin``), each calling the framework's namespace function of the operation.

Binary methods take a Tensor of the same framework, a native tensor of it or a Python
number (``t.minimum(0)``); the number is weak, as the standard says (``float16 * 0.5`` is
float16).
"""

from __future__ import annotations

from typing import Any, Self

from ._part import Part

Scalar = int | float | complex


class Elementwise(Part):
    """The elementwise functions of ``Tensor``."""

    __slots__ = ()

    # ------------------------------------------------------------------ unary
    def abs(self) -> Self:
        """Element-wise absolute value."""
        return type(self)(self._ns.abs(self.raw))

    def sign(self) -> Self:
        """Element-wise sign (-1, 0 or 1; NaN for NaN; ``x / |x|`` for complex)."""
        return type(self)(self._ns.sign(self.raw))

    def sqrt(self) -> Self:
        """Element-wise square root."""
        return type(self)(self._ns.sqrt(self.raw))

    def square(self) -> Self:
        """Element-wise square."""
        return type(self)(self._ns.square(self.raw))

    def exp(self) -> Self:
        """Element-wise exponential."""
        return type(self)(self._ns.exp(self.raw))

    def expm1(self) -> Self:
        """Element-wise ``exp(x) - 1``, accurate for small ``x``."""
        return type(self)(self._ns.expm1(self.raw))

    def log(self) -> Self:
        """Element-wise natural logarithm."""
        return type(self)(self._ns.log(self.raw))

    def log2(self) -> Self:
        """Element-wise base-2 logarithm."""
        return type(self)(self._ns.log2(self.raw))

    def log10(self) -> Self:
        """Element-wise base-10 logarithm."""
        return type(self)(self._ns.log10(self.raw))

    def log1p(self) -> Self:
        """Element-wise ``log(1 + x)``, accurate for small ``x``."""
        return type(self)(self._ns.log1p(self.raw))

    def sin(self) -> Self:
        """Element-wise sine."""
        return type(self)(self._ns.sin(self.raw))

    def cos(self) -> Self:
        """Element-wise cosine."""
        return type(self)(self._ns.cos(self.raw))

    def tan(self) -> Self:
        """Element-wise tangent."""
        return type(self)(self._ns.tan(self.raw))

    def arcsin(self) -> Self:
        """Element-wise inverse sine (the standard's ``asin``)."""
        return type(self)(self._ns.asin(self.raw))

    def arccos(self) -> Self:
        """Element-wise inverse cosine (the standard's ``acos``)."""
        return type(self)(self._ns.acos(self.raw))

    def arctan(self) -> Self:
        """Element-wise inverse tangent (the standard's ``atan``)."""
        return type(self)(self._ns.atan(self.raw))

    def asin(self) -> Self:
        """Element-wise inverse sine (``arcsin``)."""
        return type(self)(self._ns.asin(self.raw))

    def acos(self) -> Self:
        """Element-wise inverse cosine (``arccos``)."""
        return type(self)(self._ns.acos(self.raw))

    def atan(self) -> Self:
        """Element-wise inverse tangent (``arctan``)."""
        return type(self)(self._ns.atan(self.raw))

    def sinh(self) -> Self:
        """Element-wise hyperbolic sine."""
        return type(self)(self._ns.sinh(self.raw))

    def cosh(self) -> Self:
        """Element-wise hyperbolic cosine."""
        return type(self)(self._ns.cosh(self.raw))

    def tanh(self) -> Self:
        """Element-wise hyperbolic tangent."""
        return type(self)(self._ns.tanh(self.raw))

    def arcsinh(self) -> Self:
        """Element-wise inverse hyperbolic sine (the standard's ``asinh``)."""
        return type(self)(self._ns.asinh(self.raw))

    def arccosh(self) -> Self:
        """Element-wise inverse hyperbolic cosine (the standard's ``acosh``)."""
        return type(self)(self._ns.acosh(self.raw))

    def arctanh(self) -> Self:
        """Element-wise inverse hyperbolic tangent (the standard's ``atanh``)."""
        return type(self)(self._ns.atanh(self.raw))

    def asinh(self) -> Self:
        """Element-wise inverse hyperbolic sine (``arcsinh``)."""
        return type(self)(self._ns.asinh(self.raw))

    def acosh(self) -> Self:
        """Element-wise inverse hyperbolic cosine (``arccosh``)."""
        return type(self)(self._ns.acosh(self.raw))

    def atanh(self) -> Self:
        """Element-wise inverse hyperbolic tangent (``arctanh``)."""
        return type(self)(self._ns.atanh(self.raw))

    def round(self, decimals: int = 0) -> Self:
        """Element-wise rounding to ``decimals`` decimal places (NumPy's ``decimals``; to
        the nearest integer by default), halves to even as NumPy rounds them.

        As NumPy computes it: floats are scaled by ``10**decimals``, rounded and scaled
        back; integers are unchanged for ``decimals >= 0`` and rounded to a multiple of
        ``10**-decimals`` (halves to the even multiple) for negative ``decimals``."""
        ns, raw = self._ns, self.raw
        if type(decimals) is not int:
            raise TypeError(f"round: decimals must be an int, got {decimals!r}")
        if decimals == 0:
            return type(self)(ns.round(raw))
        if not ns.isdtype(raw.dtype, ("real floating", "complex floating")):
            if decimals > 0 or raw.dtype == ns.bool:
                return type(self)(raw if raw.dtype == ns.bool else ns.multiply(raw, 1))
            step = 10**-decimals
            base = ns.multiply(ns.floor_divide(raw, step), step)
            twice = ns.multiply(ns.subtract(raw, base), 2)
            odd = ns.equal(ns.remainder(ns.floor_divide(raw, step), 2), 1)
            up = ns.logical_or(twice > step, ns.logical_and(twice == step, odd))
            return type(self)(ns.where(up, ns.add(base, step), base))
        scale = 10.0**decimals
        return type(self)(ns.divide(ns.round(ns.multiply(raw, scale)), scale))

    def ceil(self) -> Self:
        """Element-wise ceiling."""
        return type(self)(self._ns.ceil(self.raw))

    def floor(self) -> Self:
        """Element-wise floor."""
        return type(self)(self._ns.floor(self.raw))

    def trunc(self) -> Self:
        """Element-wise rounding towards zero."""
        return type(self)(self._ns.trunc(self.raw))

    def isnan(self) -> Self:
        """Element-wise test for NaN (a bool tensor)."""
        return type(self)(self._ns.isnan(self.raw))

    def isinf(self) -> Self:
        """Element-wise test for positive or negative infinity (a bool tensor)."""
        return type(self)(self._ns.isinf(self.raw))

    def isfinite(self) -> Self:
        """Element-wise test for finite values (a bool tensor)."""
        return type(self)(self._ns.isfinite(self.raw))

    def signbit(self) -> Self:
        """Element-wise test for a set sign bit (true for -0.0 and negative values)."""
        return type(self)(self._ns.signbit(self.raw))

    def logical_not(self) -> Self:
        """Element-wise logical not (a bool tensor)."""
        return type(self)(self._ns.logical_not(self.raw))

    def bitwise_invert(self) -> Self:
        """Element-wise bitwise not of integers, logical not of bools (``~t``)."""
        return type(self)(self._ns.bitwise_invert(self.raw))

    def conj(self) -> Self:
        """Element-wise complex conjugate (real tensors: themselves)."""
        return type(self)(self._ns.conj(self.raw))

    def real(self) -> Self:
        """The real part of a complex tensor (a real tensor)."""
        return type(self)(self._ns.real(self.raw))

    def imag(self) -> Self:
        """The imaginary part of a complex tensor (a real tensor; zeros for a real one)."""
        return type(self)(self._ns.imag(self.raw))

    def negative(self) -> Self:
        """Element-wise negation (``-t``)."""
        return type(self)(self._ns.negative(self.raw))

    def positive(self) -> Self:
        """The tensor itself, element-wise (``+t``)."""
        return type(self)(self._ns.positive(self.raw))

    def reciprocal(self) -> Self:
        """Element-wise ``1 / x``."""
        return type(self)(self._ns.reciprocal(self.raw))

    # ----------------------------------------------------------------- binary
    def add(self, other: Self | Scalar) -> Self:
        """Element-wise ``self + other``."""
        return self._binary(self._ns.add, other)

    def subtract(self, other: Self | Scalar) -> Self:
        """Element-wise ``self - other``."""
        return self._binary(self._ns.subtract, other)

    def multiply(self, other: Self | Scalar) -> Self:
        """Element-wise ``self * other``."""
        return self._binary(self._ns.multiply, other)

    def divide(self, other: Self | Scalar) -> Self:
        """Element-wise true division ``self / other``."""
        return self._binary(self._ns.divide, other)

    def floor_divide(self, other: Self | Scalar) -> Self:
        """Element-wise floor division ``self // other``."""
        return self._binary(self._ns.floor_divide, other)

    def remainder(self, other: Self | Scalar) -> Self:
        """Element-wise remainder ``self % other`` (the sign of ``other``)."""
        return self._binary(self._ns.remainder, other)

    def pow(self, exponent: Self | Scalar) -> Self:
        """Element-wise power ``self ** exponent``."""
        return self._binary(self._ns.pow, exponent)

    def minimum(self, other: Self | Scalar) -> Self:
        """Element-wise minimum of this tensor and ``other`` (broadcasting; NaN wins)."""
        return self._binary(self._ns.minimum, other)

    def maximum(self, other: Self | Scalar) -> Self:
        """Element-wise maximum of this tensor and ``other`` (broadcasting; NaN wins)."""
        return self._binary(self._ns.maximum, other)

    def atan2(self, other: Self | Scalar) -> Self:
        """Element-wise angle of the point ``(other, self)``: ``atan(self / other)`` in its
        quadrant."""
        return self._binary(self._ns.atan2, other)

    def copysign(self, other: Self | Scalar) -> Self:
        """Element-wise ``|self|`` with the sign of ``other``."""
        return self._binary(self._ns.copysign, other)

    def hypot(self, other: Self | Scalar) -> Self:
        """Element-wise ``sqrt(self**2 + other**2)``, without overflow."""
        return self._binary(self._ns.hypot, other)

    def logaddexp(self, other: Self | Scalar) -> Self:
        """Element-wise ``log(exp(self) + exp(other))``, without overflow."""
        return self._binary(self._ns.logaddexp, other)

    def nextafter(self, other: Self | Scalar) -> Self:
        """Element-wise next floating-point value after ``self`` towards ``other``."""
        return self._binary(self._ns.nextafter, other)

    def equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self == other``."""
        return self._binary(self._ns.equal, other)

    def not_equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self != other``."""
        return self._binary(self._ns.not_equal, other)

    def greater(self, other: Self | Scalar) -> Self:
        """Element-wise ``self > other``."""
        return self._binary(self._ns.greater, other)

    def greater_equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self >= other``."""
        return self._binary(self._ns.greater_equal, other)

    def less(self, other: Self | Scalar) -> Self:
        """Element-wise ``self < other``."""
        return self._binary(self._ns.less, other)

    def less_equal(self, other: Self | Scalar) -> Self:
        """Element-wise ``self <= other``."""
        return self._binary(self._ns.less_equal, other)

    def logical_and(self, other: Self | Scalar) -> Self:
        """Element-wise logical and (a bool tensor)."""
        return self._binary(self._ns.logical_and, other)

    def logical_or(self, other: Self | Scalar) -> Self:
        """Element-wise logical or (a bool tensor)."""
        return self._binary(self._ns.logical_or, other)

    def logical_xor(self, other: Self | Scalar) -> Self:
        """Element-wise logical exclusive or (a bool tensor)."""
        return self._binary(self._ns.logical_xor, other)

    def bitwise_and(self, other: Self | Scalar) -> Self:
        """Element-wise bitwise and (``self & other``)."""
        return self._binary(self._ns.bitwise_and, other)

    def bitwise_or(self, other: Self | Scalar) -> Self:
        """Element-wise bitwise or (``self | other``)."""
        return self._binary(self._ns.bitwise_or, other)

    def bitwise_xor(self, other: Self | Scalar) -> Self:
        """Element-wise bitwise exclusive or (``self ^ other``)."""
        return self._binary(self._ns.bitwise_xor, other)

    def bitwise_left_shift(self, other: Self | int) -> Self:
        """Element-wise ``self << other``."""
        return self._binary(self._ns.bitwise_left_shift, other)

    def bitwise_right_shift(self, other: Self | int) -> Self:
        """Element-wise ``self >> other``."""
        return self._binary(self._ns.bitwise_right_shift, other)

    def _reflected(self, name: str, other: Self | Scalar) -> Self:
        """``other`` (a number, or a native tensor of this framework) op this tensor, by the
        namespace function ``name`` (``ep.subtract(1, t)``)."""
        return type(self)(getattr(self._ns, name)(self._operand(other), self.raw))

    def _binary(self, fn: Any, other: Any) -> Self:
        """``fn(self, other)`` (a namespace function); tensors on two devices are the clear
        ``DeviceMismatchError``, the framework's own error its cause."""
        raw = self._operand(other)
        try:
            return type(self)(fn(self.raw, raw))
        except self._device_errors as error:
            self._check_devices(other, error)
            raise
