"""Shape manipulation and indexing as Tensor methods, with NumPy's call forms beside
EagerPy's: ``t.reshape(-1, 1)`` and ``t.reshape((-1, 1))``, ``t.transpose(1, 0)`` and
``t.transpose((1, 0))``, ``t.tile(2)`` (fewer repetitions than axes: the leading ones
repeated once)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Self, overload

from .._core.checks import as_shape, shape_arguments
from ..types import Axes, AxisAxes, Shape, ShapeOrScalar
from ._part import Part

Axis = int | tuple[int, ...] | None


class Manipulation(Part):
    """The shape manipulation and indexing functions of ``Tensor``."""

    __slots__ = ()

    @overload
    def reshape(self, shape: ShapeOrScalar, /, *, copy: bool | None = None) -> Self: ...
    @overload
    def reshape(self, *shape: int, copy: bool | None = None) -> Self: ...
    @overload
    def reshape(self, *, shape: ShapeOrScalar, copy: bool | None = None) -> Self: ...
    def reshape(self, *args: Any, shape: Any = None, copy: bool | None = None) -> Self:
        """The values with a new shape (one entry may be -1): ``t.reshape((2, 3))``,
        ``t.reshape(2, 3)`` or ``t.reshape(6)``."""
        new = as_shape(shape if shape is not None else shape_arguments(args, "reshape"))
        if copy is None:
            return type(self)(self._ns.reshape(self.raw, new))
        return type(self)(self._ns.reshape(self.raw, new, copy=copy))

    def flatten(self, start: int = 0, end: int = -1) -> Self:
        """Axes ``start`` to ``end`` (inclusive) merged into one."""
        shape = self.shape
        if not shape:
            return self.reshape((1,))
        start %= len(shape)
        end %= len(shape)
        merged = math.prod(shape[start : end + 1])  # (not -1: a length-0 axis elsewhere)
        return self.reshape((*shape[:start], merged, *shape[end + 1 :]))

    @overload
    def transpose(self, axes: Axes | None = None, /) -> Self: ...
    @overload
    def transpose(self, *axes: int) -> Self: ...
    @overload
    def transpose(self, *, axes: Axes | None) -> Self: ...
    def transpose(self, *args: Any, axes: Any = None) -> Self:
        """Axes permuted by ``axes`` (reversed if None): ``t.transpose((1, 0))`` or
        ``t.transpose(1, 0)``."""
        if args and not (len(args) == 1 and args[0] is None):
            axes = shape_arguments(args, "transpose")
        if axes is None:
            axes = tuple(range(self.ndim - 1, -1, -1))
        return type(self)(self._ns.permute_dims(self.raw, as_shape(axes)))

    @property
    def T(self) -> Self:  # noqa: N802 (NumPy's name)
        """The tensor with its axes reversed."""
        return self.transpose()

    @overload
    def permute_dims(self, axes: Axes, /) -> Self: ...
    @overload
    def permute_dims(self, *axes: int) -> Self: ...
    def permute_dims(self, *axes: Any) -> Self:
        """Axes permuted by ``axes`` (``transpose``): ``t.permute_dims((1, 0))`` or
        ``t.permute_dims(1, 0)``."""
        order = as_shape(shape_arguments(axes, "permute_dims"))
        return type(self)(self._ns.permute_dims(self.raw, order))

    def squeeze(self, axis: AxisAxes | None = None) -> Self:
        """Axes of length one removed (only ``axis``, if given; it must have length one)."""
        return type(self)(self._ns.squeeze(self.raw, axis=axis))

    def expand_dims(self, axis: int | tuple[int, ...] = 0) -> Self:
        """A new axis of length one inserted at position ``axis`` (or several)."""
        return type(self)(self._ns.expand_dims(self.raw, axis=axis))

    def tile(self, multiples: int | Sequence[int]) -> Self:
        """The tensor repeated ``multiples[i]`` times along axis ``i`` (as NumPy's ``tile``:
        with fewer entries than axes, the leading axes are repeated once)."""
        reps = (multiples,) if isinstance(multiples, int) else tuple(multiples)
        return type(self)(self._ns.tile(self.raw, reps))

    def flip(self, axis: AxisAxes | None = None) -> Self:
        """The order of values reversed along ``axis`` (all axes if None)."""
        return type(self)(self._ns.flip(self.raw, axis=axis))

    def pad(
        self, paddings: Sequence[tuple[int, int]], mode: str = "constant", value: float = 0
    ) -> Self:
        """Padded by ``(before, after)`` per axis; ``mode`` is ``"constant"`` (with ``value``)
        or ``"reflect"``."""
        out = self._ns.pad(self.raw, tuple(map(tuple, paddings)), mode, constant_values=value)
        return type(self)(out)

    def meshgrid(self, *tensors: Self, indexing: str = "xy") -> tuple[Self, ...]:
        """Coordinate grids from this and the other 1-D tensors (``indexing`` "xy" or "ij")."""
        return self._many(
            self._ns.meshgrid(self.raw, *self._unwrap_all(tensors), indexing=indexing)
        )

    def broadcast_to(self, shape: Shape) -> Self:
        """The tensor broadcast to ``shape``."""
        return type(self)(self._ns.broadcast_to(self.raw, tuple(shape)))

    def moveaxis(self, source: int | tuple[int, ...], destination: int | tuple[int, ...]) -> Self:
        """Axes ``source`` moved to positions ``destination`` (the others keep their order)."""
        return type(self)(self._ns.moveaxis(self.raw, source, destination))

    def swapaxes(self, axis1: int, axis2: int) -> Self:
        """Axes ``axis1`` and ``axis2`` swapped."""
        return type(self)(self._ns.swapaxes(self.raw, axis1, axis2))

    def repeat(self, repeats: int | Self, axis: int | None = None) -> Self:
        """Each value repeated ``repeats`` times along ``axis`` (the flattened tensor if None)."""
        return type(self)(self._ns.repeat(self.raw, self._operand(repeats), axis=axis))

    def roll(self, shift: int | tuple[int, ...], axis: Axis = None) -> Self:
        """Values shifted cyclically by ``shift`` along ``axis`` (the flattened tensor if None)."""
        return type(self)(self._ns.roll(self.raw, shift, axis=axis))

    def unstack(self, axis: int = 0) -> tuple[Self, ...]:
        """The slices along ``axis``, as a tuple of tensors."""
        return self._many(self._ns.unstack(self.raw, axis=axis))

    def split(
        self, indices_or_sections: int | list[int] | tuple[int, ...], axis: int = 0
    ) -> list[Self]:
        """The tensor cut along ``axis`` into that many equal parts, or at those indices."""
        return list(self._many(self._ns.split(self.raw, indices_or_sections, axis=axis)))

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
        return type(self)(self._ns.diff(self.raw, axis=axis, n=n, **given))

    # ---------------------------------------------------------------- indexing
    def take(self, indices: Self, axis: int | None = None) -> Self:
        """The values at integer ``indices`` along ``axis`` (the flattened tensor if None)."""
        return type(self)(self._ns.take(self.raw, self._operand(indices), axis=axis))

    def take_along_axis(self, indices: Self, axis: int = -1) -> Self:
        """Values picked along ``axis`` by an integer ``indices`` tensor of the same rank."""
        out = self._ns.take_along_axis(self.raw, self._operand(indices), axis=axis)
        return type(self)(out)

    # ----------------------------------------------- of several tensors (ep.concat, ...)
    def _concat(self, tensors: Iterable[Self], axis: int | None = 0) -> Self:
        """``tensors`` (this tensor the first) joined along an existing axis."""
        return type(self)(self._ns.concat(self._unwrap_all(tensors), axis=axis))

    def _stack(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        """``tensors`` (this tensor the first) joined along a new axis."""
        return type(self)(self._ns.stack(self._unwrap_all(tensors), axis=axis))

    def _broadcast_arrays(self, tensors: Iterable[Self]) -> list[Self]:
        """``tensors`` (this tensor the first) broadcast to one shape."""
        return list(self._many(self._ns.broadcast_arrays(*self._unwrap_all(tensors))))
