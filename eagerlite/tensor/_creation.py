"""Dtype conversion and new tensors made from a tensor: the part of ``Tensor`` that takes dtypes.

Every ``dtype=`` here (and ``astype``) takes eagerlite's neutral dtypes (``ep.float32``),
the framework's own, NumPy's and the names as strings (``eagerlite.dtypes``); an
unknown one is a ``TypeError`` listing the valid names.  Without ``dtype`` a new tensor
has this tensor's dtype (``arange``: the framework's default integer dtype).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, Self

from .. import dtypes
from ..types import ShapeOrScalar
from ._part import Part

if TYPE_CHECKING:
    pass


class Creation(Part, ABC):
    """Conversions and creation methods of ``Tensor`` (new tensors on its device)."""

    __slots__ = ()

    def _native_dtype(self, dtype: Any) -> Any:
        """This framework's dtype for ``dtype`` (``None``: this tensor's dtype)."""
        if dtype is None:
            return self.dtype
        return dtypes.native(self._dtypes, dtype, self.framework)

    # ------------------------------------------------------------------ dtypes
    def astype(self, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Self:
        """The tensor converted to ``dtype``: ``ep.float32``, the framework's own or a NumPy
        dtype, or a name (``"float64"``).  With ``copy=False`` the tensor itself may be
        returned when nothing changes; ``device`` also moves it there."""
        result = self._astype(self._native_dtype(dtype), copy)
        if device is not None:
            result = result.to_device(device)
        return result

    @abstractmethod
    def _astype(self, dtype: Any, copy: bool) -> Self:
        """The tensor converted to the framework's ``dtype`` (a copy if ``copy``, where
        arrays are mutable)."""

    # ---------------------------------------------------------------- creation
    def zeros(self, shape: ShapeOrScalar, *, dtype: Any = None) -> Self:
        """Zeros of ``shape``, with this tensor's framework, device and dtype (or ``dtype``)."""
        return self._full(shape, 0, self._native_dtype(dtype))

    def ones(self, shape: ShapeOrScalar, *, dtype: Any = None) -> Self:
        """Ones of ``shape``, with this tensor's framework, device and dtype (or ``dtype``)."""
        return self._full(shape, 1, self._native_dtype(dtype))

    def full(self, shape: ShapeOrScalar, value: float, *, dtype: Any = None) -> Self:
        """``value`` repeated to ``shape``, with this tensor's framework, device and dtype
        (or ``dtype``)."""
        return self._full(shape, value, self._native_dtype(dtype))

    @abstractmethod
    def _full(self, shape: ShapeOrScalar, value: float, dtype: Any) -> Self:
        """``value`` repeated to ``shape`` as the framework's ``dtype``, on this device."""

    def zeros_like(self, *, dtype: Any = None) -> Self:
        """Zeros with this tensor's shape, device and dtype (or ``dtype``)."""
        return self.full_like(0, dtype=dtype)

    def ones_like(self, *, dtype: Any = None) -> Self:
        """Ones with this tensor's shape, device and dtype (or ``dtype``)."""
        return self.full_like(1, dtype=dtype)

    def full_like(self, fill_value: float, *, dtype: Any = None) -> Self:
        """``fill_value`` with this tensor's shape, device and dtype (or ``dtype``)."""
        if dtype is None:
            return self._full_like(fill_value)
        return self._full(self.shape, fill_value, self._native_dtype(dtype))

    @abstractmethod
    def _full_like(self, fill_value: float) -> Self:
        """``fill_value`` with this tensor's shape, dtype and device."""

    @abstractmethod
    def uniform(
        self, shape: ShapeOrScalar, low: float = 0.0, high: float = 1.0, *, key: Any = None
    ) -> Self:
        """Uniform random numbers in ``[low, high)`` on this tensor's device.

        The dtype is this tensor's if it is floating point, else the framework's default float.
        Without ``key`` the framework's global generator is used (seeded by ``ep.seed``).
        With ``key`` (an int seed; on JAX also a key array, on TensorFlow a shape-[2] seed
        tensor) the numbers depend on the key alone: the same key gives the same numbers,
        also inside ``jax.jit`` and ``tf.function`` where the key may be a traced value.
        """

    @abstractmethod
    def normal(
        self, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0, *, key: Any = None
    ) -> Self:
        """Normal random numbers on this tensor's device (dtype and ``key`` as for ``uniform``)."""

    def arange(
        self, start: int, stop: int | None = None, step: int | None = None, *, dtype: Any = None
    ) -> Self:
        """Evenly spaced values as ``range(start, stop, step)``, on this tensor's device
        (the framework's default integer dtype, or ``dtype``)."""
        result = self._arange(start, stop, step)
        return result if dtype is None else result._astype(self._native_dtype(dtype), False)

    @abstractmethod
    def _arange(self, start: int, stop: int | None, step: int | None) -> Self:
        """``range(start, stop, step)`` as an integer tensor on this tensor's device."""

    def _on_device(self, name: str, /, *args: Any, **kwargs: Any) -> Self:
        """The native namespace's creation function ``name``, on this tensor's device."""
        xp = self._xp()
        return type(self)(getattr(xp, name)(*args, device=self.device, **kwargs))

    def _float_dtype(self, dtype: Any) -> Any:
        """``dtype``; else this tensor's if it is floating, else None (the default float)."""
        if dtype is not None:
            return self._native_dtype(dtype)
        floating = ("real floating", "complex floating")
        return self.dtype if self._xp().isdtype(self.dtype, floating) else None

    def linspace(
        self,
        start: float,
        stop: float,
        num: int,
        *,
        endpoint: bool = True,
        dtype: Any = None,
    ) -> Self:
        """``num`` evenly spaced values from ``start`` to ``stop`` (included if ``endpoint``),
        on this tensor's device; the dtype is this tensor's if it is floating, else the
        framework's default float (or ``dtype``)."""
        return self._on_device(
            "linspace", start, stop, num, endpoint=endpoint, dtype=self._float_dtype(dtype)
        )

    def eye(self, n_rows: int, n_cols: int | None = None, *, k: int = 0, dtype: Any = None) -> Self:
        """A matrix with ones on diagonal ``k`` and zeros elsewhere, on this tensor's device,
        with its dtype (or ``dtype``)."""
        return self._on_device("eye", n_rows, n_cols, k=k, dtype=self._native_dtype(dtype))

    def empty(self, shape: ShapeOrScalar, *, dtype: Any = None) -> Self:
        """An uninitialised tensor of ``shape``, on this tensor's device, with its dtype
        (or ``dtype``)."""
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        return self._on_device("empty", shape, dtype=self._native_dtype(dtype))

    def asarray(self, obj: Any, *, dtype: Any = None, copy: bool | None = None) -> Self:
        """``obj`` (numbers, nested lists, an array of any library supporting DLPack or the
        buffer protocol) as a tensor on this tensor's device; its dtype is ``obj``'s own
        (Python numbers: the framework's defaults) or ``dtype``."""
        native = None if dtype is None else self._native_dtype(dtype)
        if isinstance(obj, Creation):
            obj = obj.raw if obj.framework == self.framework else obj.numpy()
        return self._on_device("asarray", obj, dtype=native, copy=copy)

    def onehot_like(self, indices: Self, *, value: float = 1) -> Self:
        """Zeros like this 2-D tensor, with ``value`` at column ``indices[i]`` of row ``i``."""
        if self.ndim != 2:
            raise ValueError(f"onehot_like needs a 2-D tensor, got shape {self.shape}")
        if indices.ndim != 1 or indices.shape[0] != self.shape[0]:
            raise ValueError(
                f"onehot_like needs one index per row: expected shape ({self.shape[0]},), "
                f"got {indices.shape}"
            )
        self._check_classes(indices, self.shape[1], "onehot_like")
        rows = self.arange(self.shape[0])
        return self.zeros_like().index_update((rows, indices), value)

    @abstractmethod
    def from_numpy(self, a: Any) -> Self:
        """The NumPy array (or array-like) ``a`` as a tensor of this framework and device."""
