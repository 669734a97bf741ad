"""``ep.numpy``, ``ep.torch``, ``ep.tensorflow``, ``ep.jax``: framework modules that speak Tensors
(EagerPy's module wrappers; a face).

Attribute access imports the framework (only then); functions called through the
wrapper take eagerlite Tensors (unwrapped to ``.raw``) and return eagerlite Tensors
wherever they return a native tensor (NumPy scalars are returned as they are).
Submodules are wrapped too.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from ._core import registry
from ._core.pytree import map_leaves
from .astensor import astensor
from .tensor._wrapper import TENSOR_CLASSES


def _unwrap(x: Any) -> Any:
    return x.raw if type(x) in TENSOR_CLASSES else x


def _wrap(x: Any) -> Any:
    found = registry.framework_of(type(x))
    # NumPy scalars stay scalars: ep.numpy.tanh(3) is what numpy.tanh(3) is (as in EagerPy)
    if found is None or found[1]:
        return x
    return astensor(x)


def _wrap_function(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*map_leaves(_unwrap, args), **map_leaves(_unwrap, kwargs))
        return map_leaves(_wrap, result)

    wrapper.__name__ = getattr(fn, "__name__", "wrapper")
    wrapper.__doc__ = getattr(fn, "__doc__", None)
    wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
    return wrapper


class ModuleWrapper:
    """A lazily imported framework module whose functions take and return Tensors."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def _module(self) -> ModuleType:
        return importlib.import_module(self._name)

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._module(), attr)
        if isinstance(value, ModuleType):
            return ModuleWrapper(value.__name__)
        if callable(value) and not isinstance(value, type):
            return _wrap_function(value)
        return value

    def __dir__(self) -> list[str]:
        return dir(self._module())

    def __repr__(self) -> str:
        return f"<eagerlite wrapper of module {self._name!r}>"


# (EagerPy's names, one per framework of the registry)
numpy = ModuleWrapper(registry.NUMPY.module)
torch = ModuleWrapper(registry.TORCH.module)
tensorflow = ModuleWrapper(registry.TENSORFLOW.module)
jax = ModuleWrapper(registry.JAX.module)
