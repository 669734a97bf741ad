"""The rest of the Array API standard's array object, for every Tensor class.

Operators the frameworks disagree on (bitwise ones on TensorFlow, ``//`` at infinities
on NumPy) call the framework's native namespace (``eagerlite.xp``), which does them
to the standard once per framework.  In-place operators and ``t[i] = v`` update the
Tensor itself: the wrapper's ``.raw`` is rebound to the new array (NumPy and torch
arrays are written in place by ``t[i] = v``; JAX and TensorFlow arrays are immutable).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar, Self

from ._part import Part

if TYPE_CHECKING:
    from ..xp import ArrayNamespace, Namespace

Scalar = int | float


def _native(framework: str) -> Any:
    from ..xp import native_namespace

    return native_namespace(framework)


class ArrayObject(Part):
    """The standard's array object members that ``Tensor`` adds to EagerPy's API."""

    __slots__ = ()
    _mutable: ClassVar[bool] = False  # NumPy and torch: t[i] = v writes the array itself

    @staticmethod
    def _device_kept(fn: Any) -> Any:
        """``fn``, a native namespace function, as the Tensor face calls it (TensorFlow:
        on its first tensor argument's device)."""
        return fn

    @classmethod
    def _xp(cls) -> Namespace:
        """This framework's native Array API namespace (``eagerlite.xp``)."""
        return _native(cls.framework)  # type: ignore[no-any-return]

    def __array_namespace__(self, /, *, api_version: str | None = None) -> ArrayNamespace[Self]:
        """The Array API namespace of this tensor's class: ``ep.array_namespace(self)``."""
        from ..xp import array_namespace

        me: Any = self  # (a Tensor: this mixin is one of its bases)
        xp: ArrayNamespace[Self] = array_namespace(me, api_version=api_version)
        return xp

    @property
    def mT(self) -> Self:  # noqa: N802 (the standard's name)
        """The matrix transpose: the last two axes swapped (at least 2 dimensions)."""
        return self.matrix_transpose()

    @property
    def size(self) -> int:
        """The number of elements."""
        return math.prod(self.shape)

    # Python numbers from one-element tensors
    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        """``np.asarray(t)``: the values as ``numpy()`` gives them (read-only, copied to the
        CPU if needed); ``np.array(t)`` gives a writable copy."""
        a = self.numpy()
        if copy is False and self.framework == "tensorflow":
            raise ValueError("a NumPy array of a TensorFlow tensor is always a copy")
        if dtype is not None:
            a = a.astype(dtype, copy=False)
        return a.copy() if copy else a

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __complex__(self) -> complex:
        return complex(self.item())

    def __index__(self) -> int:
        value = self.item()
        if type(value) is not int:
            raise TypeError(f"only integer tensors can be used as an index, got {value!r}")
        return value

    # DLPack: the array handed to another library without a copy
    def __dlpack__(
        self,
        /,
        *,
        stream: Any = None,
        max_version: tuple[int, int] | None = None,
        dl_device: tuple[Any, int] | None = None,
        copy: bool | None = None,
    ) -> Any:
        kwargs = {"stream": stream, "max_version": max_version, "dl_device": dl_device}
        kwargs = {k: v for k, v in (kwargs | {"copy": copy}).items() if v is not None}
        return self._xp()._dlpack(self.raw, kwargs)

    def __dlpack_device__(self) -> tuple[Any, int]:
        return self._xp()._dlpack_device(self.raw)  # type: ignore[no-any-return]

    # operators the EagerPy API lacked
    def _apply(self, name: str, other: Any) -> Self:
        return type(self)(getattr(self._xp(), name)(self.raw, self._operand(other)))

    def _apply_reflected(self, name: str, other: Any) -> Self:
        return type(self)(getattr(self._xp(), name)(self._operand(other), self.raw))

    def __pos__(self) -> Self:
        return type(self)(self._xp().positive(self.raw))

    def __invert__(self) -> Self:
        return type(self)(self._xp().bitwise_invert(self.raw))

    def __and__(self, other: Self | Scalar) -> Self:
        return self._apply("bitwise_and", other)

    def __rand__(self, other: Scalar) -> Self:
        return self._apply_reflected("bitwise_and", other)

    def __or__(self, other: Self | Scalar) -> Self:
        return self._apply("bitwise_or", other)

    def __ror__(self, other: Scalar) -> Self:
        return self._apply_reflected("bitwise_or", other)

    def __xor__(self, other: Self | Scalar) -> Self:
        return self._apply("bitwise_xor", other)

    def __rxor__(self, other: Scalar) -> Self:
        return self._apply_reflected("bitwise_xor", other)

    def __lshift__(self, other: Self | int) -> Self:
        return self._apply("bitwise_left_shift", other)

    def __rlshift__(self, other: int) -> Self:
        return self._apply_reflected("bitwise_left_shift", other)

    def __rshift__(self, other: Self | int) -> Self:
        return self._apply("bitwise_right_shift", other)

    def __rrshift__(self, other: int) -> Self:
        return self._apply_reflected("bitwise_right_shift", other)

    # In-place: the tensor itself takes the result (its dtype stays, as the standard asks).
    def _inplace(self, result: Any) -> Self:
        self.raw = result.raw
        return self

    def __iadd__(self, other: Self | Scalar) -> Self:
        return self._inplace(self + other)  # type: ignore[operator]

    def __isub__(self, other: Self | Scalar) -> Self:
        return self._inplace(self - other)  # type: ignore[operator]

    def __imul__(self, other: Self | Scalar) -> Self:
        return self._inplace(self * other)  # type: ignore[operator]

    def __itruediv__(self, other: Self | Scalar) -> Self:
        return self._inplace(self / other)  # type: ignore[operator]

    def __ifloordiv__(self, other: Self | Scalar) -> Self:
        return self._inplace(self // other)  # type: ignore[operator]

    def __imod__(self, other: Self | Scalar) -> Self:
        return self._inplace(self % other)  # type: ignore[operator]

    def __ipow__(self, other: Self | Scalar) -> Self:
        return self._inplace(self**other)  # type: ignore[operator]

    def __imatmul__(self, other: Self) -> Self:
        return self._inplace(self @ other)  # type: ignore[operator]

    def __iand__(self, other: Self | Scalar) -> Self:
        return self._inplace(self & other)

    def __ior__(self, other: Self | Scalar) -> Self:
        return self._inplace(self | other)

    def __ixor__(self, other: Self | Scalar) -> Self:
        return self._inplace(self ^ other)

    def __ilshift__(self, other: Self | int) -> Self:
        return self._inplace(self << other)

    def __irshift__(self, other: Self | int) -> Self:
        return self._inplace(self >> other)

    def __setitem__(self, key: Any, value: Self | Scalar) -> None:
        """``t[key] = value``: on NumPy and torch the array is written in place; on JAX
        and TensorFlow the tensor takes the updated copy (``index_update``)."""
        if self._mutable:
            self.raw[self._index(key)] = self._operand(value)
        else:
            self.raw = self.index_update(key, value).raw
