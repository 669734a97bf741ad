"""``astensor``: from a native tensor to its backend's Tensor class, without importing frameworks.

A native tensor's framework is necessarily imported already, so for an unknown type
we only look at frameworks present in ``sys.modules``; the backend class is bound to
its framework (see ``eagerlite.backends``) the first time one of its tensors is
seen.  The converter found for each native type is cached, so later calls cost one
dict lookup.  (EagerPy's module path ``eagerlite.astensor``: its public names are
in ``__all__``.)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ._support import UnknownTensorTypeError
from .tensor.tensor import Tensor, TensorType, istensor

if TYPE_CHECKING:
    import jax
    import numpy as np
    import tensorflow as tf
    import torch

    from .backends.jax import JAXTensor
    from .backends.numpy import NumPyTensor
    from .backends.pytorch import PyTorchTensor
    from .backends.tensorflow import TensorFlowTensor

Converter = Callable[[Any], Tensor[Any]]

SUPPORTED = (
    "numpy.ndarray (and NumPy scalars), torch.Tensor, tf.Tensor, tf.Variable, jax.Array "
    "(and JAX tracers), eagerlite Tensors, and lists or tuples of these or of numbers"
)

# Keyed by id(type): torch.compile guards on this dict's keys and accepts only literals
# there.  Classes stay alive in _known, so an id is never reused for another class.
_converters: dict[int, Converter] = {}
_known: list[type] = []


def backend_class(framework: str) -> type[Tensor[Any]]:
    """The Tensor class of ``framework`` (a key of ``BACKENDS``), importing it on first use."""
    return BACKENDS[framework]()


# Import statements, not importlib: torch.compile executes these while it traces (a backend
# may first be needed inside a compiled function), while it refuses importlib.import_module.
# Importing _load.<backend> binds the class to its framework, once.
def _load_numpy() -> type[Tensor[Any]]:
    from .backends._load import numpy as _  # noqa: F401
    from .backends.numpy import NumPyTensor

    return NumPyTensor


def _load_torch() -> type[Tensor[Any]]:
    from .backends._load import pytorch as _  # noqa: F401
    from .backends.pytorch import PyTorchTensor

    return PyTorchTensor


def _load_jax() -> type[Tensor[Any]]:
    from .backends._load import jax as _  # noqa: F401
    from .backends.jax import JAXTensor

    return JAXTensor


def _load_tensorflow() -> type[Tensor[Any]]:
    from .backends._load import tensorflow as _  # noqa: F401
    from .backends.tensorflow import TensorFlowTensor

    return TensorFlowTensor


# framework module name -> its backend class, loaded on first use (the order of checks)
BACKENDS = {
    "numpy": _load_numpy,
    "torch": _load_torch,
    "jax": _load_jax,
    "tensorflow": _load_tensorflow,
}


def _native_classes(framework: str, module: Any) -> tuple[type, ...]:
    if framework == "numpy":
        return (module.ndarray,)
    if framework == "torch":
        return (module.Tensor,)
    if framework == "jax":
        return (module.Array, module.core.Tracer)
    return (module.Tensor, module.Variable)  # tf.Variable is not a tf.Tensor subclass


def _resolve(cls: type) -> Converter | None:
    if issubclass(cls, Tensor):
        return _identity
    for framework in BACKENDS:
        module = sys.modules.get(framework)
        if module is None:
            continue  # an instance of a framework's class implies the framework is imported
        if issubclass(cls, _native_classes(framework, module)):
            return backend_class(framework)
        if framework == "numpy" and issubclass(cls, module.generic):
            return _numpy_scalar
    return None


def _identity(x: Any) -> Any:
    return x


def _numpy_scalar(x: Any) -> Tensor[Any]:
    return backend_class("numpy")(sys.modules["numpy"].asarray(x))


def _from_sequence(seq: Sequence[Any]) -> Tensor[Any]:
    """Lists and tuples: numbers become a NumPy array, tensors of one framework are stacked."""
    tensors = [isinstance(x, (Tensor, list, tuple)) or bool(_converter(type(x))) for x in seq]
    if not any(tensors):
        import numpy as np

        array = np.asarray(seq)
        if array.dtype.kind not in "biufc":
            odd = _first_non_number(seq)
            raise TypeError(
                f"astensor got a {type(seq).__name__} holding {type(odd).__name__} {odd!r:.40}"
                f" (NumPy made it a {array.dtype} array); expected numbers, bools or tensors"
            )
        return backend_class("numpy")(array)
    if not all(tensors):
        number = seq[tensors.index(False)]
        tensor = seq[tensors.index(True)]
        raise TypeError(
            f"astensor got a {type(seq).__name__} mixing numbers ({number!r:.20}) with tensors "
            f"({type(tensor).__module__}.{type(tensor).__qualname__}): make every item a tensor "
            "of that framework, or every item a number"
        )
    items: list[Tensor[Any]] = [astensor(x) for x in seq]
    return items[0]._stack(items)  # raises TypeError if the items mix frameworks


def _first_non_number(seq: Any) -> Any:
    for x in seq:
        found = _first_non_number(x) if isinstance(x, (list, tuple)) else x
        if not isinstance(found, (int, float, complex)):
            return found
    return None


def _converter(cls: type) -> Converter | None:
    converter = _converters.get(id(cls))
    if converter is None:
        converter = _resolve(cls)
        if converter is not None:
            _known.append(cls)
            _converters[id(cls)] = converter
    return converter


def native_framework(value: Any) -> str | None:
    """The framework of a native array (``"numpy scalar"`` for a NumPy scalar), or None for a
    value of no framework."""
    converter = _converter(type(value))
    if converter is None:
        return None
    return "numpy scalar" if converter is _numpy_scalar else str(converter.framework)  # type: ignore[attr-defined]


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
    """Wrap a native tensor in its backend's Tensor class (a Tensor is returned unchanged).

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
        f"eagerlite Tensor{hint}; supported are {SUPPORTED}"
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
