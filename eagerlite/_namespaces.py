"""Layer 4, dispatch: ``array_namespace``, the Python Array API standard's namespace of arrays.

* for eagerlite Tensors, the *Tensor face*: functions that take and return Tensors of that
  framework (``xp.linspace(0, 1, 5)`` is a ``JAXTensor`` for a ``JAXTensor`` ``x``);
* for native arrays (``numpy.ndarray``, ``torch.Tensor``, ``tf.Tensor``, ``jax.Array``),
  the *native face*: functions that take and return native arrays, for library code
  written as ``xp = array_namespace(x)``.  NumPy's and JAX's own functions are passed
  through wherever they conform; the rest is adapted.

Both faces are made from one native namespace per framework (``eagerlite.xp.<name>``),
loaded the first time the framework is needed (``import eagerlite`` loads none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from ._core import registry
from ._core.errors import type_name
from .tensor import Tensor
from .tensor._face import face_of
from .tensor._wrapper import TENSOR_CLASSES
from .xp import _names
from .xp._namespace import Namespace

if TYPE_CHECKING:
    import jax
    import numpy as np
    import tensorflow as tf
    import torch

    from .tensor import TensorType
    from .xp import ArrayNamespace

_namespaces: dict[type, Namespace] = {}  # the namespace for each array class seen
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
    return f"{type_name(x)} ({_namespaces[type(x)].__name__})"


def _namespace_of(cls: type) -> Namespace:
    ns = _namespaces.get(cls)
    if ns is None:
        if cls in TENSOR_CLASSES or issubclass(cls, Tensor):
            registry.get(cls.framework).load()  # type: ignore[attr-defined]  # (binds it)
            ns = face_of(cls)
        else:
            found = registry.framework_of(cls)
            if found is None:
                raise TypeError(
                    f"array_namespace: {cls.__module__}.{cls.__qualname__} is not an array "
                    f"type eagerlite knows; supported: {registry.supported()}"
                )
            ns = found[0].load().namespace
        _namespaces[cls] = ns
    return ns
