"""Layer 4, dispatch: ``astensor``, from a native tensor to its framework's Tensor class.

A native tensor's framework is necessarily imported already, so for an unknown type only
the frameworks present in ``sys.modules`` are looked at (``eagerlite._core.registry``);
the framework's class is bound to it the first time one of its tensors is seen.  The
converter found for each native type is cached, so later calls cost one dict lookup.
(EagerPy's module path ``eagerlite.astensor``: its public names are in ``__all__``.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ._core import registry
from ._core.errors import UnknownTensorTypeError, type_name
from .tensor import Tensor, TensorType, istensor
from .tensor._wrapper import CLASSES, TENSOR_CLASSES

if TYPE_CHECKING:
    import jax
    import numpy as np
    import tensorflow as tf
    import torch

    from .tensor import JAXTensor, NumPyTensor, PyTorchTensor, TensorFlowTensor

Converter = Callable[[Any], Tensor[Any]]

# Keyed by id(type): torch.compile guards on this dict's keys and accepts only literals
# there.  Classes stay alive in _known, so an id is never reused for another class.
_converters: dict[int, Converter] = {}
_known: list[type] = []


def tensor_class(framework: str) -> type[Tensor[Any]]:
    """The Tensor class of ``framework`` (a registry name), its framework loaded."""
    record = registry.get(framework)
    record.load()  # (binds the class)
    cls: type[Tensor[Any]] = CLASSES[record.name]
    return cls


def _resolve(cls: type) -> Converter | None:
    if cls in TENSOR_CLASSES or issubclass(cls, Tensor):
        return _identity
    found = registry.framework_of(cls)
    if found is None:
        return None
    record, _ = found
    tensor_cls = tensor_class(record.name)
    check = getattr(record.load().hooks, "check_wrappable", None)
    if check is None:
        return tensor_cls

    def checked(x: Any) -> Tensor[Any]:
        check(x)
        return tensor_cls(x)

    checked.framework = record.name  # type: ignore[attr-defined]
    return checked


def _identity(x: Any) -> Any:
    return x


def _converter(cls: type) -> Converter | None:
    converter = _converters.get(id(cls))
    if converter is None:
        converter = _resolve(cls)
        if converter is not None:
            _known.append(cls)
            _converters[id(cls)] = converter
    return converter


def _from_sequence(seq: Sequence[Any]) -> Tensor[Any]:
    """Lists and tuples: numbers become a host (NumPy) array, tensors of one framework are
    stacked."""
    tensors = [isinstance(x, (Tensor, list, tuple)) or bool(_converter(type(x))) for x in seq]
    if not any(tensors):
        host = registry.HOST
        array = host.load().namespace.asarray(seq)
        if not host.load().namespace.isdtype(array.dtype, ("bool", "numeric")):
            odd = _first_non_number(seq)
            raise TypeError(
                f"astensor got a {type(seq).__name__} holding {type(odd).__name__} {odd!r:.40}"
                f" ({host.label} made it a {array.dtype} array); expected numbers, bools or "
                "tensors"
            )
        return tensor_class(host.name)(array)
    if not all(tensors):
        number = seq[tensors.index(False)]
        tensor = seq[tensors.index(True)]
        raise TypeError(
            f"astensor got a {type(seq).__name__} mixing numbers ({number!r:.20}) with tensors "
            f"({type_name(tensor)}): make every item a tensor of that framework, or every "
            "item a number"
        )
    items: list[Tensor[Any]] = [astensor(x) for x in seq]
    return items[0]._stack(items)  # raises TypeError if the items mix frameworks


def _first_non_number(seq: Any) -> Any:
    for x in seq:
        found = _first_non_number(x) if isinstance(x, (list, tuple)) else x
        if not isinstance(found, (int, float, complex)):
            return found
    return None


# (TensorFlow last: where its stubs are missing its types are Any, and would match everything)
@overload
def astensor(x: TensorType) -> TensorType: ...
@overload
def astensor(x: torch.Tensor) -> PyTorchTensor: ...
@overload
def astensor(x: np.ndarray[Any, Any] | np.generic[Any]) -> NumPyTensor: ...
@overload
def astensor(x: jax.Array) -> JAXTensor: ...
@overload
def astensor(x: Sequence[float] | Sequence[Sequence[float]]) -> NumPyTensor: ...
@overload
def astensor(x: Sequence[TensorType]) -> TensorType: ...
@overload
def astensor(x: Sequence[torch.Tensor]) -> PyTorchTensor: ...
@overload
def astensor(x: Sequence[jax.Array]) -> JAXTensor: ...
@overload
def astensor(x: Sequence[Any]) -> Tensor[Any]: ...
@overload
def astensor(x: tf.Tensor | tf.Variable) -> TensorFlowTensor: ...


def astensor(x: Any) -> Tensor[Any]:
    """Wrap a native tensor in its framework's Tensor class (a Tensor is returned unchanged).

    ``.raw`` of the result is ``x`` itself, not a copy.  Lists and tuples of numbers
    become NumPy tensors; lists of tensors of one framework are stacked.
    """
    converter = _converters.get(id(type(x))) or _converter(type(x))
    if converter is not None:
        return converter(x)
    if isinstance(x, (list, tuple)) and x:
        return _from_sequence(x)
    hint = ""
    if hasattr(x, "__array__") or hasattr(x, "__dlpack__"):
        hint = " (it has __array__ or __dlpack__: convert it with np.asarray(x) first)"
    raise UnknownTensorTypeError(
        f"cannot convert {type(x).__module__}.{type(x).__qualname__} to an "
        f"eagerlite Tensor{hint}; supported are {registry.supported()}"
    )


@overload
def astensors(*xs: TensorType) -> tuple[TensorType, ...]: ...
@overload
def astensors(*xs: torch.Tensor) -> tuple[PyTorchTensor, ...]: ...
@overload
def astensors(*xs: np.ndarray[Any, Any] | np.generic[Any]) -> tuple[NumPyTensor, ...]: ...
@overload
def astensors(*xs: jax.Array) -> tuple[JAXTensor, ...]: ...
@overload
def astensors(*xs: Sequence[Any]) -> tuple[Tensor[Any], ...]: ...
@overload
def astensors(*xs: tf.Tensor | tf.Variable) -> tuple[TensorFlowTensor, ...]: ...
@overload
def astensors(*xs: object) -> tuple[Tensor[Any], ...]: ...  # mixed kinds


def astensors(*xs: Any) -> tuple[Tensor[Any], ...]:
    """``astensor`` applied to each argument."""
    return tuple(astensor(x) for x in xs)


T = TypeVar("T")
"""The type of the input of ``astensor_`` / ``astensors_``, which ``restore_type`` gives back."""


class RestoreTypeFunc(Generic[T]):
    """``restore_type`` of ``astensor_``: results back in the kind of the input, ``T``.

    If the input was native, a result Tensor becomes its ``.raw``; if it was an eagerlite
    Tensor, results stay Tensors.  Several results come back as a tuple.
    """

    __slots__ = ("_native",)

    def __init__(self, x: T) -> None:
        self._native = not isinstance(x, Tensor)

    @overload
    def __call__(self, x: Tensor[Any], /) -> T: ...
    @overload
    def __call__(self, x: Tensor[Any], y: Tensor[Any], /) -> tuple[T, T]: ...
    @overload
    def __call__(
        self, x: Tensor[Any], y: Tensor[Any], z: Tensor[Any], /, *more: Tensor[Any]
    ) -> tuple[T, ...]: ...
    def __call__(self, *xs: Any) -> Any:
        native = self._native
        out = tuple(x.raw if native and isinstance(x, Tensor) else x for x in xs)
        return out[0] if len(out) == 1 else out


@overload
def astensor_(x: TensorType) -> tuple[TensorType, RestoreTypeFunc[TensorType]]: ...
@overload
def astensor_(x: torch.Tensor) -> tuple[PyTorchTensor, RestoreTypeFunc[torch.Tensor]]: ...
@overload
def astensor_(
    x: np.ndarray[Any, Any],
) -> tuple[NumPyTensor, RestoreTypeFunc[np.ndarray[Any, Any]]]: ...
@overload
def astensor_(x: jax.Array) -> tuple[JAXTensor, RestoreTypeFunc[jax.Array]]: ...
@overload
def astensor_(x: T) -> tuple[Tensor[Any], RestoreTypeFunc[T]]: ...


def astensor_(x: Any) -> tuple[Tensor[Any], RestoreTypeFunc[Any]]:
    """``astensor(x)`` and a ``restore_type`` function mapping results back to ``x``'s kind."""
    return astensor(x), RestoreTypeFunc(x)


@overload
def astensors_(
    x: TensorType, *xs: TensorType
) -> tuple[tuple[TensorType, ...], RestoreTypeFunc[TensorType]]: ...
@overload
def astensors_(
    x: torch.Tensor, *xs: torch.Tensor
) -> tuple[tuple[PyTorchTensor, ...], RestoreTypeFunc[torch.Tensor]]: ...
@overload
def astensors_(
    x: jax.Array, *xs: jax.Array
) -> tuple[tuple[JAXTensor, ...], RestoreTypeFunc[jax.Array]]: ...
@overload
def astensors_(x: T, *xs: Any) -> tuple[tuple[Tensor[Any], ...], RestoreTypeFunc[T]]: ...


def astensors_(x: Any, *xs: Any) -> tuple[tuple[Tensor[Any], ...], RestoreTypeFunc[Any]]:
    """``astensors(x, *xs)`` and a ``restore_type`` function for the kind of ``x``."""
    return astensors(x, *xs), RestoreTypeFunc(x)


def _get_module_name(x: Any) -> str:
    """The top-level module of ``x``'s type (EagerPy had this helper; code uses it)."""
    return type(x).__module__.split(".")[0]


__all__ = [
    "RestoreTypeFunc",
    "T",
    "astensor",
    "astensor_",
    "astensors",
    "astensors_",
    "istensor",
]
