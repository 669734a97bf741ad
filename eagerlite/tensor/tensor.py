"""The abstract ``Tensor``: the one API every backend implements.

Everything a user calls is declared (and documented) here.  Backends supply the
framework-specific parts in one of two ways:

* *tables*: a backend class lists native functions in ``_unary_ops``
  (``fn(raw) -> raw``), ``_binary_ops`` (``fn(raw, other) -> raw``) and
  ``_reductions`` (``fn(raw, axis=..., keepdims=...) -> raw``), made when the class is
  bound to its framework (``bind()`` in its module).  The methods here look the
  function up by name; binding additionally makes each entry a specialised method of
  the backend class (same behaviour, less overhead);
* ordinary method overrides, where the frameworks really differ.

Methods that are the same for every framework (operators, ``flatten``, norms,
``value_and_grad`` on top of one autodiff hook, ...) are written once, here.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    Literal,
    Self,
    TypeVar,
    overload,
)

from .._autodiff import Differentiable
from .._support import (
    SCALARS,
    TENSOR_CLASSES,
    bind_op_tables,
    load_on_first_use,
    mixed_backends_error,
    not_an_operand_error,
)
from ..types import Axes, AxisAxes, Shape, ShapeOrScalar
from ._array_object import ArrayObject
from ._beyond import Beyond
from ._creation import Creation
from ._standard import Standard

if TYPE_CHECKING:
    import numpy as np

    from ..backends.jax import JAXTensor
    from ..backends.numpy import NumPyTensor
    from ..backends.pytorch import PyTorchTensor
    from ..backends.tensorflow import TensorFlowTensor

RawT = TypeVar("RawT")
Scalar = int | float


class Tensor(Differentiable, ArrayObject, Creation, Standard, Beyond, ABC, Generic[RawT]):
    """A native tensor of one framework, wrapped: ``.raw`` is the native tensor itself.

    All methods return a tensor of the same class; creation methods (``zeros``,
    ``uniform``, ...) use this tensor's framework, dtype (where it applies) and device.
    """

    __slots__ = ("raw",)
    __array_ufunc__ = None  # NumPy scalars and arrays defer to our reflected operators

    raw: RawT
    framework: ClassVar[str]  # "numpy", "torch", "tensorflow" or "jax"
    _unary_ops: ClassVar[dict[str, Callable[[Any], Any]]] = {}
    _binary_ops: ClassVar[dict[str, Callable[[Any, Any], Any]]] = {}
    _reductions: ClassVar[dict[str, Callable[..., Any]]] = {}
    _dtypes: ClassVar[dict[str, Any]] = {}
    _operators: ClassVar[dict[str, Callable[[Any, Any], Any]]] = {}  # (see bind_op_tables)
    _backend_class: ClassVar[type[Tensor[Any]]]  # see _backend()
    # the framework's exception types for tensors on different devices (see check_devices)
    _device_errors: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(self, raw: RawT) -> None:
        self.raw = raw

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        TENSOR_CLASSES.add(cls)
        if "framework" in cls.__dict__:  # a backend class: it exists before its framework
            load_on_first_use(cls)  # is imported, and is bound to it on first use
        bind_op_tables(Tensor, cls)  # (the tables of a subclass of a bound backend class)

    # ------------------------------------------------------------------ helpers
    def _operand(self, other: Any) -> Any:
        """The raw value of ``other`` for a binary op: a Tensor of this backend, or a scalar."""
        kind = type(other)
        if kind is type(self):
            return other.raw
        if kind in SCALARS:
            return other
        if isinstance(other, Tensor):
            if isinstance(other, self._backend()) or isinstance(self, other._backend()):
                return other.raw
            raise mixed_backends_error(self, other)
        return self._native_operand(other)

    def _native_operand(self, other: Any) -> Any:
        """A value that is not a Tensor: a native tensor of this framework, a NumPy scalar, a
        number, a list of numbers or None (an optional argument) passes; a native array of
        another framework (a NumPy array next to a torch tensor too) is a mixing error,
        anything else a TypeError (the operators refuse None too)."""
        from ..astensor import native_framework

        framework = native_framework(other)
        if framework in (self.framework, "numpy scalar"):
            return other
        if framework is not None:
            raise mixed_backends_error(self, other)
        if other is None or isinstance(other, (complex, list, tuple)):
            return other
        raise not_an_operand_error(self, other)

    @classmethod
    def _backend(cls) -> type[Tensor[Any]]:
        """The backend class this class derives from (the one that defines the op tables).

        An attribute set when the backend is bound, not a search of the classes'
        ``__dict__``: under torch.compile the binding may happen in the traced code, and
        TorchDynamo gives up on a class ``__dict__`` read after it changed.
        """
        return cls._backend_class

    # The table-driven ops.  ``__init_subclass__`` gives each backend class a
    # specialised copy of these (same semantics, one dict lookup less per call).
    def _unary(self, name: str) -> Self:
        return type(self)(self._unary_ops[name](self.raw))

    def _binary(self, name: str, other: Any) -> Self:
        return type(self)(self._binary_ops[name](self.raw, self._operand(other)))

    def _reduce(self, name: str, axis: AxisAxes | None, keepdims: bool) -> Self:
        return type(self)(self._reductions[name](self.raw, axis=axis, keepdims=keepdims))

    def _unwrap_all(self, tensors: Iterable[Any]) -> list[Any]:
        return [self._operand(t) for t in tensors]

    # ------------------------------------------------------------ basic members
    @property
    def dtype(self) -> Any:
        """The native dtype of the tensor (``torch.float32``, ``np.dtype('float32')``, ...)."""
        raw: Any = self.raw  # every framework's tensors have .dtype and .shape
        return raw.dtype

    @property
    def shape(self) -> Shape:
        """The shape as a tuple of ints."""
        raw: Any = self.raw
        return tuple(raw.shape)

    @property
    @abstractmethod
    def device(self) -> Any:
        """The native device: ``torch.device``, a TF device name, a JAX ``Device`` (or the
        ``Sharding`` of an array spread over several), ``"cpu"`` for NumPy."""

    @abstractmethod
    def to_device(self, device: Any, /, *, stream: Any = None) -> Self:
        """This tensor on ``device`` (the framework's own device object or name)."""

    @overload
    def convert(self, to: Literal["torch", "pytorch"]) -> PyTorchTensor: ...
    @overload
    def convert(self, to: Literal["tensorflow", "tf"]) -> TensorFlowTensor: ...
    @overload
    def convert(self, to: Literal["jax"]) -> JAXTensor: ...
    @overload
    def convert(self, to: Literal["numpy"]) -> NumPyTensor: ...
    def convert(self, to: str) -> Tensor[Any]:
        """This tensor in framework ``to``, sharing memory where possible (see ``ep.convert``)."""
        from ..bridges import convert

        result: Tensor[Any] = convert(self, to)  # type: ignore[call-overload]
        return result

    @property
    def ndim(self) -> int:
        """The number of dimensions."""
        return len(self.shape)

    @property
    def T(self) -> Self:  # noqa: N802 (NumPy's name)
        """The tensor with its axes reversed."""
        return self.transpose()

    @property
    def norms(self) -> Norms[Self]:
        """Norms of this tensor: ``t.norms.l2(axis=-1)``, ``l0``, ``l1``, ``linf``, ``lp``."""
        return Norms(self)

    @abstractmethod
    def numpy(self) -> np.ndarray[Any, Any]:
        """A read-only NumPy array with the values (copied to the CPU if needed)."""

    @abstractmethod
    def item(self) -> int | float | bool:
        """The value of a one-element tensor as a Python number."""

    def float32(self) -> Self:
        """The tensor converted to float32."""
        return self._astype(self._dtypes["float32"], False)

    def float64(self) -> Self:
        """The tensor converted to float64."""
        return self._astype(self._dtypes["float64"], False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.raw!r})"

    def __format__(self, format_spec: str) -> str:
        return format(self.raw, format_spec)

    def __bool__(self) -> bool:
        return bool(self.raw)

    def __len__(self) -> int:
        return len(self.raw)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Self]:
        for i in range(len(self)):
            yield self[i]

    def __getitem__(self, index: Any) -> Self:
        if type(index) is not int and type(index) is not slice:
            index = self._index(index)
        return type(self)(self.raw[index])  # type: ignore[index]

    def _index(self, index: Any) -> Any:
        """Convert an index to one the native tensor accepts (unwraps Tensors)."""
        if isinstance(index, tuple):
            return tuple(self._index_part(i) for i in index)
        return self._index_part(index)

    def _index_part(self, part: Any) -> Any:
        if isinstance(part, Tensor):
            if isinstance(part, self._backend()) or part.framework == "numpy":
                return part.raw  # (NumPy index arrays are host constants, like lists)
            raise mixed_backends_error(self, part)
        if type(part) is int or part is None or part is Ellipsis:
            return part
        if isinstance(part, range):
            return list(part)
        if type(part) is slice and (
            isinstance(part.start, Tensor)
            or isinstance(part.stop, Tensor)
            or isinstance(part.step, Tensor)
        ):  # (every framework takes its own 0-d integer arrays as bounds)
            bounds = (part.start, part.stop, part.step)
            return slice(*(b.raw if isinstance(b, Tensor) else b for b in bounds))
        if type(part) is not slice and not isinstance(part, (list, tuple)):
            from ..astensor import native_framework

            # (NumPy arrays are host constants, like lists: every framework takes them)
            if native_framework(part) not in (None, self.framework, "numpy", "numpy scalar"):
                raise mixed_backends_error(self, part)
        return part

    # --------------------------------------------------------------- operators
    # Every framework implements Python's operators on its native tensors, so the
    # operators are written once; ``_operand`` unwraps and checks the other side.
    # Like the op tables, the binary ones are bound into each backend class as copies
    # that also name both devices when the framework rejects a device mix (_support.py).
    def __neg__(self) -> Self:
        return type(self)(-self.raw)  # type: ignore[operator]

    def __abs__(self) -> Self:
        return self.abs()

    def __add__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw + self._operand(other))

    def __radd__(self, other: Scalar) -> Self:
        return type(self)(self._operand(other) + self.raw)

    def __sub__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw - self._operand(other))

    def __rsub__(self, other: Scalar) -> Self:
        return type(self)(self._operand(other) - self.raw)

    def __mul__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw * self._operand(other))

    def __rmul__(self, other: Scalar) -> Self:
        return type(self)(self._operand(other) * self.raw)

    def __truediv__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw / self._operand(other))

    def __rtruediv__(self, other: Scalar) -> Self:
        return type(self)(self._operand(other) / self.raw)

    def __floordiv__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw // self._operand(other))

    def __rfloordiv__(self, other: Scalar) -> Self:
        return type(self)(self._operand(other) // self.raw)

    def __mod__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw % self._operand(other))

    def __rmod__(self, other: Scalar) -> Self:
        return type(self)(self._operand(other) % self.raw)

    def __pow__(self, exponent: Self | Scalar) -> Self:
        return type(self)(self.raw ** self._operand(exponent))

    def __rpow__(self, other: Scalar) -> Self:
        return type(self)(self._operand(other) ** self.raw)

    def __matmul__(self, other: Self) -> Self:
        return self.matmul(other)

    def __rmatmul__(self, other: Self) -> Self:
        return type(self)(self._operand(other) @ self.raw)

    def __lt__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw < self._operand(other))

    def __le__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw <= self._operand(other))

    def __gt__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw > self._operand(other))

    def __ge__(self, other: Self | Scalar) -> Self:
        return type(self)(self.raw >= self._operand(other))

    # (as bound into a backend class, == and != give NumPy's answer for a value that is no
    # operand, None or a str: unequal to every element; see _support.equality)
    def __eq__(self, other: Self | Scalar) -> Self:  # type: ignore[override]
        return type(self)(self.raw == self._operand(other))

    def __ne__(self, other: Self | Scalar) -> Self:  # type: ignore[override]
        return type(self)(self.raw != self._operand(other))

    __hash__ = None  # type: ignore[assignment]  # tensors are mutable containers of values

    # ------------------------------------------------------- elementwise, unary
    def abs(self) -> Self:
        """Element-wise absolute value."""
        return self._unary("abs")

    def sign(self) -> Self:
        """Element-wise sign (-1, 0 or 1)."""
        return self._unary("sign")

    def sqrt(self) -> Self:
        """Element-wise square root."""
        return self._unary("sqrt")

    def square(self) -> Self:
        """Element-wise square."""
        return self._unary("square")

    def exp(self) -> Self:
        """Element-wise exponential."""
        return self._unary("exp")

    def log(self) -> Self:
        """Element-wise natural logarithm."""
        return self._unary("log")

    def log2(self) -> Self:
        """Element-wise base-2 logarithm."""
        return self._unary("log2")

    def log10(self) -> Self:
        """Element-wise base-10 logarithm."""
        return self._unary("log10")

    def log1p(self) -> Self:
        """Element-wise ``log(1 + x)``, accurate for small ``x``."""
        return self._unary("log1p")

    def sin(self) -> Self:
        """Element-wise sine."""
        return self._unary("sin")

    def cos(self) -> Self:
        """Element-wise cosine."""
        return self._unary("cos")

    def tan(self) -> Self:
        """Element-wise tangent."""
        return self._unary("tan")

    def arcsin(self) -> Self:
        """Element-wise inverse sine."""
        return self._unary("arcsin")

    def arccos(self) -> Self:
        """Element-wise inverse cosine."""
        return self._unary("arccos")

    def arctan(self) -> Self:
        """Element-wise inverse tangent."""
        return self._unary("arctan")

    def sinh(self) -> Self:
        """Element-wise hyperbolic sine."""
        return self._unary("sinh")

    def cosh(self) -> Self:
        """Element-wise hyperbolic cosine."""
        return self._unary("cosh")

    def tanh(self) -> Self:
        """Element-wise hyperbolic tangent."""
        return self._unary("tanh")

    def arcsinh(self) -> Self:
        """Element-wise inverse hyperbolic sine."""
        return self._unary("arcsinh")

    def arccosh(self) -> Self:
        """Element-wise inverse hyperbolic cosine."""
        return self._unary("arccosh")

    def arctanh(self) -> Self:
        """Element-wise inverse hyperbolic tangent."""
        return self._unary("arctanh")

    def round(self) -> Self:
        """Element-wise rounding to the nearest integer, halves to even (as NumPy)."""
        return self._unary("round")

    def ceil(self) -> Self:
        """Element-wise ceiling."""
        return self._unary("ceil")

    def floor(self) -> Self:
        """Element-wise floor."""
        return self._unary("floor")

    def isnan(self) -> Self:
        """Element-wise test for NaN (a bool tensor)."""
        return self._unary("isnan")

    def isinf(self) -> Self:
        """Element-wise test for positive or negative infinity (a bool tensor)."""
        return self._unary("isinf")

    def logical_not(self) -> Self:
        """Element-wise logical not (a bool tensor)."""
        return self._unary("logical_not")

    def stop_gradient(self) -> Self:
        """The same values, a constant for autodiff: no gradient flows back through it
        (``detach`` in torch, ``tf.stop_gradient``, ``jax.lax.stop_gradient``; NumPy: itself)."""
        return self._unary("stop_gradient")

    # ------------------------------------------------------ elementwise, binary
    def minimum(self, other: Self | Scalar) -> Self:
        """Element-wise minimum of this tensor and ``other`` (broadcasting)."""
        return self._binary("minimum", other)

    def maximum(self, other: Self | Scalar) -> Self:
        """Element-wise maximum of this tensor and ``other`` (broadcasting)."""
        return self._binary("maximum", other)

    def logical_and(self, other: Self | Scalar) -> Self:
        """Element-wise logical and (a bool tensor)."""
        return self._binary("logical_and", other)

    def logical_or(self, other: Self | Scalar) -> Self:
        """Element-wise logical or (a bool tensor)."""
        return self._binary("logical_or", other)

    def pow(self, exponent: Self | Scalar) -> Self:
        """Element-wise power ``self ** exponent``."""
        return self.__pow__(exponent)

    def matmul(self, other: Self) -> Self:
        """Matrix product of two tensors of at least 2 dimensions (batched over leading axes)."""
        if self.ndim < 2 or other.ndim < 2:
            raise ValueError(
                f"matmul expects tensors with at least 2 dimensions, got shapes "
                f"{self.shape} and {other.shape}"
            )
        return type(self)(self.raw @ self._operand(other))

    @abstractmethod
    def where(self, x: Self | Scalar, y: Self | Scalar) -> Self:
        """Where this (bool) tensor is true take ``x``, else ``y`` (broadcasting)."""

    def clip(self, min_: Self | float | None = None, max_: Self | float | None = None) -> Self:
        """Values limited to ``[min_, max_]``: numbers or tensors (broadcasting), or None
        for no bound on that side; the dtype stays this tensor's."""
        return self._new("clip", self._operand(min_), self._operand(max_))

    # -------------------------------------------------------------- reductions
    def sum(self, axis: AxisAxes | None = None, keepdims: bool = False) -> Self:
        """Sum over ``axis`` (all axes if None)."""
        return self._reduce("sum", axis, keepdims)

    def prod(self, axis: AxisAxes | None = None, keepdims: bool = False) -> Self:
        """Product over ``axis`` (all axes if None)."""
        return self._reduce("prod", axis, keepdims)

    def mean(self, axis: AxisAxes | None = None, keepdims: bool = False) -> Self:
        """Arithmetic mean over ``axis`` (all axes if None); integers give a float result."""
        return self._reduce("mean", axis, keepdims)

    def min(self, axis: AxisAxes | None = None, keepdims: bool = False) -> Self:
        """Minimum over ``axis`` (all axes if None)."""
        return self._reduce("min", axis, keepdims)

    def max(self, axis: AxisAxes | None = None, keepdims: bool = False) -> Self:
        """Maximum over ``axis`` (all axes if None)."""
        return self._reduce("max", axis, keepdims)

    def all(self, axis: AxisAxes | None = None, keepdims: bool = False) -> Self:
        """Whether all values along ``axis`` are true (all axes if None)."""
        return self._reduce("all", axis, keepdims)

    def any(self, axis: AxisAxes | None = None, keepdims: bool = False) -> Self:
        """Whether any value along ``axis`` is true (all axes if None)."""
        return self._reduce("any", axis, keepdims)

    @abstractmethod
    def argmin(self, axis: int | None = None) -> Self:
        """Index of the minimum along ``axis`` (of the flattened tensor if None)."""

    @abstractmethod
    def argmax(self, axis: int | None = None) -> Self:
        """Index of the maximum along ``axis`` (of the flattened tensor if None)."""

    @abstractmethod
    def cumsum(self, axis: int | None = None) -> Self:
        """Cumulative sum along ``axis`` (of the flattened tensor if None)."""

    # ---------------------------------------------------------------- sorting
    @abstractmethod
    def argsort(self, axis: int = -1) -> Self:
        """Indices that sort the tensor along ``axis``."""

    @abstractmethod
    def sort(self, axis: int = -1) -> Self:
        """The tensor sorted along ``axis``."""

    @abstractmethod
    def topk(self, k: int, sorted: bool = True) -> tuple[Self, Self]:
        """The ``k`` largest values along the last axis and their indices."""

    @abstractmethod
    def take_along_axis(self, index: Self, axis: int) -> Self:
        """Values picked along ``axis`` by an integer ``index`` tensor of the same rank."""

    # ------------------------------------------------------------------ shape
    @abstractmethod
    def reshape(self, shape: ShapeOrScalar) -> Self:
        """The values with a new ``shape`` (one entry may be -1)."""

    def flatten(self, start: int = 0, end: int = -1) -> Self:
        """Axes ``start`` to ``end`` (inclusive) merged into one."""
        shape = self.shape
        start %= max(len(shape), 1)
        end %= max(len(shape), 1)
        if not shape:
            return self.reshape((1,))
        merged = math.prod(shape[start : end + 1])  # (not -1: a length-0 axis elsewhere)
        return self.reshape((*shape[:start], merged, *shape[end + 1 :]))

    @abstractmethod
    def transpose(self, axes: Axes | None = None) -> Self:
        """Axes permuted by ``axes`` (reversed if None)."""

    @abstractmethod
    def squeeze(self, axis: AxisAxes | None = None) -> Self:
        """Axes of length one removed (only ``axis``, if given; it must have length one)."""

    @abstractmethod
    def expand_dims(self, axis: int) -> Self:
        """A new axis of length one inserted at position ``axis``."""

    @abstractmethod
    def tile(self, multiples: Axes) -> Self:
        """The tensor repeated ``multiples[i]`` times along axis ``i`` (one entry per axis)."""

    @abstractmethod
    def flip(self, axis: AxisAxes | None = None) -> Self:
        """The order of values reversed along ``axis`` (all axes if None)."""

    @abstractmethod
    def pad(
        self,
        paddings: tuple[tuple[int, int], ...],
        mode: str = "constant",
        value: float = 0,
    ) -> Self:
        """Padded by ``(before, after)`` per axis; ``mode`` is ``"constant"`` or ``"reflect"``."""

    @abstractmethod
    def meshgrid(self, *tensors: Self, indexing: str = "xy") -> tuple[Self, ...]:
        """Coordinate grids from this and the other 1-D tensors (``indexing`` "xy" or "ij")."""

    @abstractmethod
    def _concatenate(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        """``tensors`` joined along an existing axis (``self`` only picks the backend)."""

    @abstractmethod
    def _stack(self, tensors: Iterable[Self], axis: int = 0) -> Self:
        """``tensors`` joined along a new axis (``self`` only picks the backend)."""

    # ------------------------------------------------------------------ other
    def softmax(self, axis: int = -1) -> Self:
        """Softmax along ``axis`` (numerically stable)."""
        e = (self - self._shift(axis)).exp()
        return e / e.sum(axis=axis, keepdims=True)

    def log_softmax(self, axis: int = -1) -> Self:
        """Logarithm of the softmax along ``axis`` (numerically stable)."""
        shifted = self - self._shift(axis)
        return shifted - shifted.exp().sum(axis=axis, keepdims=True).log()

    def _shift(self, axis: int) -> Self:
        """The max along ``axis`` (kept), which softmax subtracts; 0 along an empty axis."""
        if self.shape[axis] == 0:  # (a max of nothing raises; the result is empty anyway)
            return self.sum(axis=axis, keepdims=True)
        return self.max(axis=axis, keepdims=True)

    def _values_known(self) -> bool:
        """Whether the values can be read now: not while traced, compiled or on ``meta``."""
        return True

    def _check_classes(self, labels: Self, classes: int, what: str) -> None:
        """``labels`` are class indices: integers in ``[0, classes)`` (the range is checked
        where their values are known: not inside a traced or compiled function)."""
        from ..dtypes import isdtype, name_of

        if not isdtype(labels.dtype, "integral"):
            raise TypeError(
                f"{what} needs integer class labels, got {name_of(labels.dtype)} ones"
                f" (convert them with .astype(ep.int64) if they hold whole numbers)"
            )
        if labels.shape[0] and labels._values_known():
            if (labels < 0).logical_or(labels >= classes).any().item():
                low, high = labels.min().item(), labels.max().item()
                raise ValueError(
                    f"{what} needs labels in [0, {classes}) for {classes} classes, got labels "
                    f"from {low} to {high}"
                )

    def crossentropy(self, labels: Self) -> Self:
        """Per-sample cross-entropy of these 2-D logits with integer class ``labels``."""
        self._check_crossentropy(labels)
        logp = self.log_softmax(axis=-1)
        return -logp.take_along_axis(labels.expand_dims(-1), axis=-1).squeeze(-1)

    def _check_crossentropy(self, labels: Self) -> None:
        if self.ndim != 2:
            raise ValueError(f"crossentropy expects 2-D logits (batch, classes), got {self.shape}")
        if labels.ndim != 1 or labels.shape[0] != self.shape[0]:
            raise ValueError(
                f"crossentropy expects 1-D labels of length {self.shape[0]}, got {labels.shape}"
            )
        self._check_classes(labels, self.shape[1], "crossentropy")

    @abstractmethod
    def slogdet(self) -> tuple[Self, Self]:
        """Sign and natural log of the absolute determinant of (a batch of) square matrices."""

    @abstractmethod
    def inv(self) -> Self:
        """Inverse of (a batch of) square matrices."""

    def index_update(self, indices: Any, values: Self | Scalar) -> Self:
        """A copy with ``copy[indices] = values``; the tensor itself is unchanged."""
        update = self._xp().at.update  # (one implementation: ``ep.at(t, indices).set``)
        return type(self)(update(self.raw, self._index(indices), self._operand(values), "set"))

    def _l2_norm(self, axis: AxisAxes | None, keepdims: bool) -> Self:
        # sqrt has an infinite slope at 0; guard it so the gradient of ||0|| is 0, not NaN.
        s = self.square().sum(axis=axis, keepdims=keepdims)
        positive = s > 0
        return positive.where(positive.where(s, 1).sqrt(), 0)

    # Defined last: inside the class body, the name ``bool`` means this method from here on.
    def bool(self) -> Self:
        """The tensor converted to bool."""
        return self._astype(self._dtypes["bool"], False)


TensorType = TypeVar("TensorType", bound=Tensor[Any])
"""A type variable for "some concrete Tensor class" in user code and our functions."""

TensorOrScalar = Tensor[Any] | int | float
"""A Tensor or a Python number (EagerPy's name)."""


def istensor(x: Any) -> bool:
    """Whether ``x`` is an eagerlite Tensor."""
    return isinstance(x, Tensor)


from ..norms import Norms  # noqa: E402  (norms.py needs TensorType, defined above)
