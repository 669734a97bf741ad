"""The wrapping itself: ``.raw``, binding each framework's class to its namespace on first
use, operands and indices of one framework, and the members every array has.

A framework's class (``PyTorchTensor``, ...) exists before its framework is imported (so
``isinstance(x, TensorFlowTensor)`` works without TensorFlow); it is bound the first time
the framework's subpackage is loaded (``eagerlite._core.loading``), which happens when a
first tensor of the framework is wrapped (``astensor``) or made (``PyTorchTensor(raw)``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Self

from .._core import errors, loading, registry
from .._core.dtypes import native as native_dtype

if TYPE_CHECKING:
    import numpy as np

    from ..types import Shape

SCALARS = frozenset({int, float, bool})  # operand types passed on as they are, checked first
TENSOR_CLASSES: set[type] = set()  # every subclass of Tensor (a faster test than isinstance)
CLASSES: dict[str, type] = {}  # framework name -> its Tensor class
# what else is made when a framework's class is bound (its namespace's Tensor face: made
# then, not in the first array_namespace call, which may be inside torch.compile)
WHEN_BOUND: list[Callable[[Any], object]] = []


class Wrapper:
    """A native tensor of one framework, wrapped: ``.raw`` is the native tensor itself."""

    __slots__ = ("raw",)
    __array_ufunc__ = None  # NumPy scalars and arrays defer to our reflected operators

    raw: Any
    framework: ClassVar[str]  # "numpy", "torch", "tensorflow" or "jax"
    _ns: ClassVar[Any]  # the framework's native namespace, once bound
    _hooks: ClassVar[Any]  # its hooks module (devices, values, indexing, autodiff)
    _dtypes: ClassVar[dict[str, Any]] = {}  # dtype name -> the framework's dtype
    _label: ClassVar[str] = ""  # the framework's name as people write it ("PyTorch")
    _framework_class: ClassVar[type[Any]]  # the framework's own class (not a user subclass)
    # the framework's exception types for tensors on different devices (see _check_devices)
    _device_errors: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        TENSOR_CLASSES.add(cls)
        if isinstance(cls.__dict__.get("framework"), str):  # a framework's class: bound to it
            CLASSES[cls.framework] = cls
            cls._own_init = cls.__dict__.get("__init__")  # type: ignore[attr-defined]
            cls.__init__ = _first_init  # type: ignore[method-assign]
            loading.when_loaded(cls.framework, cls._bind)

    @classmethod
    def _bind(cls, loaded: loading.Loaded) -> None:
        """Bind this framework's class to its namespace and hooks (once, when it loads)."""
        hooks = loaded.hooks
        cls._ns, cls._hooks = loaded.namespace, hooks
        cls._dtypes, cls._device_errors = hooks.DTYPES, hooks.DEVICE_ERRORS
        cls._label = registry.get(cls.framework).label
        cls._framework_class = cls
        own = cls.__dict__.get("_own_init")
        if own is not None:
            cls.__init__ = own  # type: ignore[method-assign]
        else:
            del cls.__init__
        del cls._own_init  # type: ignore[attr-defined]
        hooks.bind(cls, Wrapper)  # (the framework learns of every eagerlite Tensor)
        for then in WHEN_BOUND:
            then(cls)

    # ------------------------------------------------------------------ operands
    def _operand(self, other: Any) -> Any:
        """The raw value of ``other`` for a binary op: a Tensor of this framework, or a scalar."""
        kind = type(other)
        if kind is type(self):
            return other.raw
        if kind in SCALARS:
            return other
        if kind in TENSOR_CLASSES:
            if isinstance(other, self._framework_class):
                return other.raw
            raise errors.mixed_frameworks_error(self, other, self.framework, True)
        return self._native_operand(other)

    def _native_operand(self, other: Any) -> Any:
        """A value that is not a Tensor: a native tensor of this framework, a NumPy scalar, a
        number, a list of numbers or None (an optional argument) passes; a native array of
        another framework (a NumPy array next to a torch tensor too) is a mixing error,
        anything else a TypeError (the operators refuse None too)."""
        found = registry.framework_of(type(other))
        if found is not None:
            framework, scalar = found
            if scalar or framework.name == self.framework:
                return other
            raise errors.mixed_frameworks_error(self, other, self.framework, False)
        if other is None or isinstance(other, (complex, list, tuple)):
            return other
        raise errors.not_an_operand_error(self, other)

    def _unwrap_all(self, tensors: Iterable[Any]) -> list[Any]:
        return [self._operand(t) for t in tensors]

    def _many(self, raws: Iterable[Any]) -> tuple[Self, ...]:
        return tuple(map(type(self), raws))

    def _check_devices(self, other: object, error: Exception) -> None:
        """After a framework error: raise DeviceMismatchError if ``other`` is on another device."""
        if type(other) not in TENSOR_CLASSES:
            return
        try:
            devices = self.device, other.device  # type: ignore[attr-defined]
        except Exception:  # traced values have no device; the framework's error stands
            return
        if devices[0] != devices[1]:
            raise errors.device_mismatch_error(type(self).__name__, *devices) from error

    def _native_dtype(self, dtype: Any) -> Any:
        """This framework's dtype for ``dtype`` (``None``: this tensor's dtype)."""
        if dtype is None:
            return self.raw.dtype
        return native_dtype(self._dtypes, dtype, self._label)

    # ------------------------------------------------------------------ indices
    def _index(self, index: Any) -> Any:
        """An index as the native tensor takes it (Tensors unwrapped, checked)."""
        if type(index) is tuple:
            index = tuple([self._index_part(i) for i in index])
        else:
            index = self._index_part(index)
        return self._hooks.check_index(self.raw, index)

    def _index_part(self, part: Any) -> Any:
        kind = type(part)
        if kind is int or part is None or part is Ellipsis:
            return part
        if kind in TENSOR_CLASSES:
            if isinstance(part, self._framework_class) or part.framework == "numpy":
                return self._hooks.index_part(self.raw, part.raw)  # (NumPy: host constants)
            raise errors.mixed_frameworks_error(self, part, self.framework, True)
        if kind is range:
            return self._hooks.index_part(self.raw, list(part))
        if kind is slice:
            if any(type(b) in TENSOR_CLASSES for b in (part.start, part.stop, part.step)):
                # (every framework takes its own 0-d integer arrays as bounds)
                bounds = (part.start, part.stop, part.step)
                return slice(*(b.raw if type(b) in TENSOR_CLASSES else b for b in bounds))
            return part
        if kind is not list and kind is not tuple:
            found = registry.framework_of(kind)
            # (NumPy arrays are host constants, like lists: every framework takes them)
            if found is not None and found[0].name not in (self.framework, "numpy"):
                raise errors.mixed_frameworks_error(self, part, self.framework, False)
        return self._hooks.index_part(self.raw, part)

    def __getitem__(self, index: Any) -> Self:
        return type(self)(self._hooks.getitem(self.raw, self._index(index)))

    def __setitem__(self, key: Any, value: Self | int | float) -> None:
        """``t[key] = value``: on NumPy and torch the array is written in place; on JAX
        and TensorFlow the tensor takes the updated copy (``index_update``)."""
        self.raw = self._hooks.setitem(self.raw, self._index(key), self._operand(value))

    # ------------------------------------------------------------ basic members
    @property
    def dtype(self) -> Any:
        """The native dtype of the tensor (``torch.float32``, ``np.dtype('float32')``, ...)."""
        return self.raw.dtype

    @property
    def shape(self) -> Shape:
        """The shape as a tuple of ints."""
        return tuple(self.raw.shape)

    @property
    def ndim(self) -> int:
        """The number of dimensions."""
        return len(self.raw.shape)

    @property
    def size(self) -> int:
        """The number of elements."""
        n = 1
        for length in self.raw.shape:
            n *= length
        return int(n)

    @property
    def device(self) -> Any:
        """The native device: ``torch.device``, a TF device name, a JAX ``Device`` (or the
        ``Sharding`` of an array spread over several), ``"cpu"`` for NumPy."""
        return self._hooks.device(self.raw, self)

    def to_device(self, device: Any, /, *, stream: Any = None) -> Self:
        """This tensor on ``device`` (the framework's own device object or name); itself
        if it is there already."""
        raw = self._hooks.to_device(self.raw, device, self)
        return self if raw is self.raw else type(self)(raw)

    def numpy(self) -> np.ndarray[Any, Any]:
        """A read-only NumPy array with the values (copied to the CPU if needed)."""
        return self._hooks.to_numpy(self.raw, self)  # type: ignore[no-any-return]

    def item(self) -> int | float | bool:
        """The value of a one-element tensor as a Python number."""
        return self._hooks.item(self.raw, self)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.raw!r})"

    def __format__(self, format_spec: str) -> str:
        return format(self.raw, format_spec)

    def __bool__(self) -> bool:
        return self._hooks.truth(self.raw, self)  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self.raw)

    def __iter__(self) -> Iterator[Self]:
        for i in range(len(self)):
            yield self[i]

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

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        """``np.asarray(t)``: the values as ``numpy()`` gives them (read-only, copied to the
        CPU if needed); ``np.array(t)`` gives a writable copy."""
        a = self.numpy()
        if copy is False and not self._hooks.SHARES_NUMPY_MEMORY:
            raise ValueError(
                f"a NumPy array of a {type(self).__name__} is always a copy (copy=False)"
            )
        if dtype is not None:
            a = a.astype(dtype, copy=False)
        return a.copy() if copy else a

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
        return self._ns._dlpack(self.raw, kwargs)

    def __dlpack_device__(self) -> tuple[Any, int]:
        return self._ns._dlpack_device(self.raw)  # type: ignore[no-any-return]

    __hash__ = None  # type: ignore[assignment]  # tensors are mutable containers of values


def _first_init(self: Wrapper, raw: Any) -> None:
    """The first ``__init__`` of a framework's class: loads the framework (which binds the
    class and gives it its own ``__init__`` back), then initialises ``self``."""
    registry.get(type(self).framework).load()
    type(self).__init__(self, raw)
