"""Dtype conversion and new tensors made from a tensor: the part of ``Tensor`` that takes dtypes.

Every ``dtype=`` here (and ``astype``) takes eagerlite's neutral dtypes (``ep.float32``),
the framework's own, NumPy's and the names as strings; an unknown one is a ``TypeError``
listing the valid names.  A new tensor has this tensor's framework and device, and its
dtype (``arange``: the framework's default integer dtype; ``linspace``: its default
float, unless this tensor's is floating) unless ``dtype`` says otherwise.
"""

from __future__ import annotations

from typing import Any, Self

from .._core.checks import as_shape
from ..types import ShapeOrScalar
from ._part import Part


class Creation(Part):
    """Conversions and creation methods of ``Tensor`` (new tensors on its device)."""

    __slots__ = ()

    # ------------------------------------------------------------------ dtypes
    def astype(self, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Self:
        """The tensor converted to ``dtype``: ``ep.float32``, the framework's own or a NumPy
        dtype, or a name (``"float64"``).  With ``copy=False`` the tensor itself may be
        returned when nothing changes; ``device`` also moves it there."""
        out = type(self)(self._ns.astype(self.raw, self._native_dtype(dtype), copy=copy))
        return out if device is None else out.to_device(device)

    def float32(self) -> Self:
        """The tensor converted to float32."""
        return type(self)(self._ns.astype(self.raw, self._dtypes["float32"], copy=False))

    def float64(self) -> Self:
        """The tensor converted to float64."""
        return type(self)(self._ns.astype(self.raw, self._dtypes["float64"], copy=False))

    # ---------------------------------------------------------------- creation
    def _placed(self, like: bool = False) -> dict[str, Any]:
        """Keyword arguments placing a new tensor on this tensor's device (``like``: of this
        tensor's shape, so a sharding of it applies too)."""
        return self._hooks.placement(self.raw, like)  # type: ignore[no-any-return]

    def zeros(self, shape: ShapeOrScalar, *, dtype: Any = None) -> Self:
        """Zeros of ``shape``, with this tensor's framework, device and dtype (or ``dtype``)."""
        return self.full(shape, 0, dtype=dtype)

    def ones(self, shape: ShapeOrScalar, *, dtype: Any = None) -> Self:
        """Ones of ``shape``, with this tensor's framework, device and dtype (or ``dtype``)."""
        return self.full(shape, 1, dtype=dtype)

    def full(self, shape: ShapeOrScalar, value: float, *, dtype: Any = None) -> Self:
        """``value`` repeated to ``shape``, with this tensor's framework, device and dtype
        (or ``dtype``)."""
        shape = as_shape(shape)
        native = self._native_dtype(dtype)
        placed = self._placed(shape == self.shape)
        return type(self)(self._ns.full(shape, value, dtype=native, **placed))

    def zeros_like(self, *, dtype: Any = None) -> Self:
        """Zeros with this tensor's shape, device and dtype (or ``dtype``)."""
        return self.full_like(0, dtype=dtype)

    def ones_like(self, *, dtype: Any = None) -> Self:
        """Ones with this tensor's shape, device and dtype (or ``dtype``)."""
        return self.full_like(1, dtype=dtype)

    def full_like(self, fill_value: float, *, dtype: Any = None) -> Self:
        """``fill_value`` with this tensor's shape, device and dtype (or ``dtype``)."""
        native = self._native_dtype(dtype)
        placed = self._placed(like=True)
        return type(self)(self._ns.full_like(self.raw, fill_value, dtype=native, **placed))

    def empty(self, shape: ShapeOrScalar, *, dtype: Any = None) -> Self:
        """An uninitialised tensor of ``shape``, on this tensor's device, with its dtype
        (or ``dtype``)."""
        shape = as_shape(shape)
        placed = self._placed(shape == self.shape)
        return type(self)(self._ns.empty(shape, dtype=self._native_dtype(dtype), **placed))

    def empty_like(self, *, dtype: Any = None) -> Self:
        """An uninitialised tensor with this tensor's shape, device and dtype (or ``dtype``)."""
        native = self._native_dtype(dtype)
        return type(self)(self._ns.empty_like(self.raw, dtype=native, **self._placed(like=True)))

    def arange(self, start: Any, stop: Any = None, step: Any = None, *, dtype: Any = None) -> Self:
        """Evenly spaced values as ``range(start, stop, step)``, on this tensor's device
        (the framework's default integer dtype for integers, or ``dtype``)."""
        native = None if dtype is None else self._native_dtype(dtype)
        step = 1 if step is None else step
        out = self._ns.arange(start, stop, step, dtype=native, **self._placed())
        return type(self)(out)

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
        if dtype is not None:
            native = self._native_dtype(dtype)
        else:
            floating = ("real floating", "complex floating")
            native = self.raw.dtype if self._ns.isdtype(self.raw.dtype, floating) else None
        out = self._ns.linspace(start, stop, num, endpoint=endpoint, dtype=native, **self._placed())
        return type(self)(out)

    def eye(self, n_rows: int, n_cols: int | None = None, *, k: int = 0, dtype: Any = None) -> Self:
        """A matrix with ones on diagonal ``k`` and zeros elsewhere, on this tensor's device,
        with its dtype (or ``dtype``)."""
        native = self._native_dtype(dtype)
        return type(self)(self._ns.eye(n_rows, n_cols, k=k, dtype=native, **self._placed()))

    def tril(self, k: int = 0) -> Self:
        """The lower triangle of (a batch of) matrices: zeros above diagonal ``k``."""
        return type(self)(self._ns.tril(self.raw, k=k))

    def triu(self, k: int = 0) -> Self:
        """The upper triangle of (a batch of) matrices: zeros below diagonal ``k``."""
        return type(self)(self._ns.triu(self.raw, k=k))

    def asarray(self, obj: Any, *, dtype: Any = None, copy: bool | None = None) -> Self:
        """``obj`` (numbers, nested lists, an array of any library supporting DLPack or the
        buffer protocol) as a tensor on this tensor's device; its dtype is ``obj``'s own
        (Python numbers: the framework's defaults) or ``dtype``."""
        native = None if dtype is None else self._native_dtype(dtype)
        if isinstance(obj, Creation):
            obj = obj.raw if obj.framework == self.framework else obj.numpy()
        out = self._ns.asarray(obj, dtype=native, copy=copy, **self._placed())
        return type(self)(out)

    def from_numpy(self, a: Any) -> Self:
        """The NumPy array (or array-like) ``a`` as a tensor of this framework and device."""
        return type(self)(self._ns.asarray(a, **self._placed()))

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
        return type(self)(self._hooks.uniform(self.raw, shape, low, high, key))

    def normal(
        self, shape: ShapeOrScalar, mean: float = 0.0, stddev: float = 1.0, *, key: Any = None
    ) -> Self:
        """Normal random numbers on this tensor's device (dtype and ``key`` as for ``uniform``)."""
        return type(self)(self._hooks.normal(self.raw, shape, mean, stddev, key))

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
