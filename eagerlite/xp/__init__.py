"""The Python Array API standard (2025.12) on NumPy, PyTorch, TensorFlow and JAX.

``array_namespace(x)`` returns the namespace of the standard for ``x``:

* for an eagerlite Tensor, the *Tensor face*: functions that take and return Tensors of
  that framework (``xp.linspace(0, 1, 5)`` is a ``JAXTensor`` for a ``JAXTensor`` ``x``);
* for a native array (``numpy.ndarray``, ``torch.Tensor``, ``tf.Tensor``, ``jax.Array``),
  the *native face*: functions that take and return native arrays, for library code
  written as ``xp = array_namespace(x)``.  NumPy's and JAX's own functions are passed
  through wherever they conform; the rest is adapted.

Both faces are made from one native namespace per framework, built the first time the
framework is needed (``import eagerlite`` imports none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from . import _names
from ._namespace import Namespace, missing, tensor_namespace
from ._protocol import ArrayNamespace, FFTNamespace, LinalgNamespace

if TYPE_CHECKING:
    import jax
    import numpy as np
    import tensorflow as tf
    import torch

    from ..tensor.tensor import Tensor, TensorType

__all__ = [
    "ArrayNamespace",
    "FFTNamespace",
    "LinalgNamespace",
    "Namespace",
    "array_namespace",
    "missing",
    "native_namespace",
]

_namespaces: dict[type, Namespace] = {}  # the namespace for each array class seen
_natives: dict[str, Namespace] = {}  # framework -> its native namespace
_tensor_faces: dict[str, Namespace] = {}  # framework -> its Tensor namespace

_SKIPPED = (int, float, complex, bool, type(None))  # Python scalars do not pick a namespace


Others = int | float | complex | None  # (ignored by array_namespace, beside the arrays)


@overload
def array_namespace(
    x: TensorType, /, *arrays: TensorType | Others, api_version: str | None = None
) -> ArrayNamespace[TensorType]: ...
@overload
def array_namespace(
    x: torch.Tensor, /, *arrays: torch.Tensor | Others, api_version: str | None = None
) -> ArrayNamespace[torch.Tensor]: ...
@overload
def array_namespace(
    x: np.ndarray[Any, Any],
    /,
    *arrays: np.ndarray[Any, Any] | Others,
    api_version: str | None = None,
) -> ArrayNamespace[np.ndarray[Any, Any]]: ...
@overload
def array_namespace(
    x: jax.Array, /, *arrays: jax.Array | Others, api_version: str | None = None
) -> ArrayNamespace[jax.Array]: ...
@overload
def array_namespace(
    x: tf.Tensor | tf.Variable,
    /,
    *arrays: tf.Tensor | tf.Variable | Others,
    api_version: str | None = None,
) -> ArrayNamespace[tf.Tensor]: ...
def array_namespace(*arrays: Any, api_version: str | None = None) -> Any:
    """The Array API namespace of ``arrays`` (Tensors or native arrays of one framework).

    Python scalars and ``None`` among them are ignored.  Arrays of two frameworks, or a
    Tensor and a native array, are a ``TypeError``; ``api_version`` may be any published
    version of the standard (the namespace implements 2025.12, a superset).
    """
    if api_version is None and len(arrays) == 1:  # (the common case: one array seen before)
        try:
            return _namespaces[type(arrays[0])]
        except KeyError:
            pass
    if api_version is not None and api_version not in _names.VERSIONS:
        raise ValueError(
            f"api_version must be one of {', '.join(_names.VERSIONS)} (or None), "
            f"got {api_version!r}"
        )
    found: Namespace | None = None
    first: Any = None
    for x in arrays:
        if isinstance(x, _SKIPPED):
            continue
        ns = _namespace_of(type(x))
        if found is None:
            found, first = ns, x
        elif ns is not found:
            raise TypeError(
                f"array_namespace got arrays of two kinds: a {_kind(first)} and a {_kind(x)}; "
                "pass arrays of one framework, all eagerlite Tensors or all native arrays "
                "(convert with ep.astensor / .raw, or across frameworks with ep.convert)"
            )
    if found is None:
        raise TypeError(
            f"array_namespace needs at least one array, got only {arrays!r}"
            if arrays
            else "array_namespace needs at least one array, got none"
        )
    return found


def _kind(x: Any) -> str:
    ns = _namespaces[type(x)]
    return f"{type(x).__module__}.{type(x).__qualname__} ({ns.__name__})"


def _namespace_of(cls: type) -> Namespace:
    ns = _namespaces.get(cls)
    if ns is None:
        from ..astensor import SUPPORTED, _converter
        from ..tensor.tensor import Tensor

        if issubclass(cls, Tensor):
            ns = tensor_face(cls)
        else:
            converter = _converter(cls)
            if converter is None:
                raise TypeError(
                    f"array_namespace: {cls.__module__}.{cls.__qualname__} is not an array "
                    f"type eagerlite knows; supported: {SUPPORTED}"
                )
            framework = getattr(converter, "framework", "numpy")  # (NumPy scalars: a function)
            ns = native_namespace(framework)
        _namespaces[cls] = ns
    return ns


def native_namespace(framework: str) -> Namespace:
    """The native namespace of ``framework`` ("numpy", "torch", "tensorflow" or "jax")."""
    ns = _natives.get(framework)
    if ns is None:
        ns = _build(framework)
        from . import _beyond

        for name, fn in _beyond.members(ns, framework).items():  # (beyond the standard)
            ns.__dict__.setdefault(name, fn)
        _natives[framework] = ns
    return ns


def tensor_face(cls: type[Tensor[Any]]) -> Namespace:
    """The Tensor namespace of the backend class ``cls`` (or of a subclass of one)."""
    from ..astensor import backend_class

    backend = backend_class(cls.framework)  # (binds the class on first use)
    ns = _tensor_faces.get(backend.framework)
    if ns is None:
        native = native_namespace(backend.framework)
        ns = _tensor_faces[backend.framework] = tensor_namespace(native, backend)
    return ns


# Import statements, not importlib (see eagerlite.astensor): torch.compile runs them.
def _build(framework: str) -> Namespace:
    if framework == "numpy":
        from . import _numpy

        return _numpy.build()
    if framework == "jax":
        from . import _jax

        return _jax.build()
    if framework == "torch":
        from . import _torch

        return _torch.build()
    if framework == "tensorflow":
        from . import _tensorflow

        return _tensorflow.build()
    raise ValueError(f"unknown framework {framework!r}")
