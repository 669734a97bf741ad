"""What NumPy and JAX share: one implementation over a NumPy-compatible namespace.

Once bound (``finish_numpy_like``), ``NumPyTensor._np`` is ``numpy`` and
``JAXTensor._np`` is ``jax.numpy``; each overrides only what really differs
(random numbers, functional updates, autodiff, devices).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Self

from .._support import as_shape, finish_backend
from ..dtypes import table_of
from ..tensor.tensor import Scalar, Tensor
from ..types import Axes, AxisAxes, ShapeOrScalar
from ._common import BINARY, REDUCTIONS, UNARY, check_pad, check_squeeze, check_tile

if TYPE_CHECKING:
    import numpy as np

# NumPy's np.sum etc. are Python wrappers (dispatch to subclasses and __array_function__)
# around the ufuncs' reduce; eagerlite's raw NumPy arrays are always plain ndarrays, so the
# NumPy backend calls the ufuncs directly: the same results and dtypes, about 1 us faster.
UFUNC_REDUCTIONS = {
    "sum": "add",
    "prod": "multiply",
    "min": "minimum",
    "max": "maximum",
    "all": "logical_and",
    "any": "logical_or",
}


def _ufunc_reduction(ufunc: Any) -> Any:
    def reduce(raw: Any, axis: AxisAxes | None = None, keepdims: bool = False) -> Any:
        return ufunc.reduce(raw, axis=axis, keepdims=keepdims)

    return reduce


def numpy_like_tables(xp: ModuleType) -> dict[str, dict[str, Any]]:
    """The op tables of a NumPy-compatible namespace (all names are NumPy's own)."""
    reductions = {name: getattr(xp, name) for name in REDUCTIONS}
    if xp.__name__ == "numpy":
        for name, ufunc in UFUNC_REDUCTIONS.items():
            reductions[name] = _ufunc_reduction(getattr(xp, ufunc))
    return {
        "_unary_ops": {name: getattr(xp, name) for name in UNARY},
        "_binary_ops": {name: getattr(xp, name) for name in BINARY},
        "_reductions": reductions,
        "_dtypes": table_of(xp, _bfloat16(xp)),
    }


def _bfloat16(xp: ModuleType) -> dict[str, Any]:
    """NumPy's bfloat16 comes from ml_dtypes (installed with JAX and TensorFlow), if present."""
    if hasattr(xp, "bfloat16"):
        return {}
    try:
        import ml_dtypes
    except ImportError:  # pragma: no cover - then NumPy tensors have no bfloat16
        return {}
    return {"bfloat16": ml_dtypes.bfloat16}


def finish_numpy_like(
    cls: type[NumPyLikeTensor],
    xp: ModuleType,
    unary: dict[str, Any],
    reductions: tuple[str, ...] = (),
) -> None:
    """Bind a NumPy-like backend class to its namespace ``xp`` (and its own ``unary`` ops;
    the ``reductions`` named are its Array API namespace's, where ``xp``'s are wrong)."""
    from ..xp import native_namespace

    cls._np = xp
    tables = numpy_like_tables(xp)
    tables["_unary_ops"] |= unary
    standard = native_namespace(cls.framework)
    tables["_reductions"] |= {name: getattr(standard, name) for name in reductions}
    # the operators that NumPy's own get wrong, from the Array API namespace
    xp = native_namespace(cls.framework)  # (// and % as the standard says, at zeros too)
    tables["_operators"] = {"floordiv": xp.floor_divide, "mod": xp.remainder, "pow": xp.pow}
    finish_backend(cls, tables)


class NumPyLikeTensor(Tensor[Any]):
    """Shared implementation for backends whose namespace follows NumPy (``_np``)."""

    __slots__ = ()
    _np: ClassVar[ModuleType]
    dtype: np.dtype[Any]  # (for type checkers: Tensor.dtype returns raw.dtype)

    def _placement(self, like: bool = False) -> dict[str, Any]:
        """Keyword arguments placing a new array on this tensor's device (none for NumPy).

        ``like``: the new array has this tensor's shape, so a sharding of it applies too.
        """
        return {}

    def _is_inexact(self) -> bool:
        return bool(self._np.issubdtype(self.raw.dtype, self._np.inexact))

    @property
    def ndim(self) -> int:
        return int(self.raw.ndim)

    def _astype(self, dtype: Any, copy: bool) -> Self:
        return type(self)(self.raw.astype(dtype, copy=copy))

    def item(self) -> int | float | bool:
        return self.raw.item()  # type: ignore[no-any-return]

    def where(self, x: Self | Scalar, y: Self | Scalar) -> Self:
        return type(self)(self._np.where(self.raw, self._operand(x), self._operand(y)))

    def argmin(self, axis: int | None = None) -> Self:
        return type(self)(self._np.argmin(self.raw, axis=axis))

    def argmax(self, axis: int | None = None) -> Self:
        return type(self)(self._np.argmax(self.raw, axis=axis))

    def cumsum(self, axis: int | None = None) -> Self:
        return type(self)(self._np.cumsum(self.raw, axis=axis))

    def argsort(self, axis: int = -1) -> Self:
        return type(self)(self._np.argsort(self.raw, axis=axis))

    def sort(self, axis: int = -1) -> Self:
        return type(self)(self._np.sort(self.raw, axis=axis))

    def take_along_axis(self, index: Self, axis: int) -> Self:
        return type(self)(self._np.take_along_axis(self.raw, self._operand(index), axis=axis))

    def reshape(self, shape: ShapeOrScalar) -> Self:
        return type(self)(self.raw.reshape(as_shape(shape)))

    def transpose(self, axes: Axes | None = None) -> Self:
        return type(self)(self._np.transpose(self.raw, axes))

    def squeeze(self, axis: AxisAxes | None = None) -> Self:
        check_squeeze(self.shape, axis)
        return type(self)(self._np.squeeze(self.raw, axis=axis))

    def expand_dims(self, axis: int) -> Self:
        return type(self)(self._np.expand_dims(self.raw, axis))

    def tile(self, multiples: Axes) -> Self:
        check_tile(self.ndim, multiples)
        return type(self)(self._np.tile(self.raw, multiples))

    def flip(self, axis: AxisAxes | None = None) -> Self:
        return type(self)(self._np.flip(self.raw, axis=axis))

    def pad(
        self, paddings: tuple[tuple[int, int], ...], mode: str = "constant", value: float = 0
    ) -> Self:
        check_pad(self.ndim, paddings, mode)
        if mode == "constant":
            return type(self)(self._np.pad(self.raw, paddings, mode, constant_values=value))
        return type(self)(self._np.pad(self.raw, paddings, mode))

    def meshgrid(self, *tensors: Self, indexing: str = "xy") -> tuple[Self, ...]:
        grids = self._np.meshgrid(self.raw, *self._unwrap_all(tensors), indexing=indexing)
        return tuple(type(self)(g) for g in grids)

    def _concatenate(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        return type(self)(self._np.concatenate(self._unwrap_all(tensors), axis=axis))

    def _stack(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        return type(self)(self._np.stack(self._unwrap_all(tensors), axis=axis))

    def _full(self, shape: ShapeOrScalar, value: float, dtype: Any) -> Self:
        shape = as_shape(shape)
        placement = self._placement(shape == self.shape)  # same shape: a sharding applies (JAX)
        raw = self._np.full(shape, value, dtype=dtype, **placement)
        return type(self)(raw)

    def _full_like(self, fill_value: float) -> Self:
        return type(self)(self._np.full_like(self.raw, fill_value, **self._placement(like=True)))

    def _arange(self, start: int, stop: int | None, step: int | None) -> Self:
        return type(self)(self._np.arange(start, stop, step, **self._placement()))

    def from_numpy(self, a: Any) -> Self:
        return type(self)(self._np.asarray(a, **self._placement()))

    def _random_result(self, raw: Any) -> Self:
        """Random floats cast to this tensor's dtype if it is floating point."""
        if self._np.issubdtype(self.raw.dtype, self._np.floating):
            raw = raw.astype(self.raw.dtype)
        return type(self)(raw)

    def slogdet(self) -> tuple[Self, Self]:
        sign, logabsdet = self._np.linalg.slogdet(self.raw)
        return type(self)(sign), type(self)(logabsdet)

    def inv(self) -> Self:
        return type(self)(self._np.linalg.inv(self.raw))
