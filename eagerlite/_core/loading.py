"""What has been loaded: each framework's subpackage announces its namespace and hooks when
it is imported, and whoever waits for a framework (its Tensor class) is called then.

The announcement happens inside the import, which torch.compile executes for real when a
first tensor of a framework appears inside compiled code: so a Tensor class is bound to
its framework there too, without a class being changed in traced code (which TorchDynamo
refuses).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Loaded(NamedTuple):
    """A framework's native namespace and the hooks module its Tensor class calls."""

    namespace: Any
    hooks: Any


LOADED: dict[str, Loaded] = {}
_waiting: dict[str, list[Callable[[Loaded], None]]] = {}


def announce(framework: str, namespace: Any, hooks: Any) -> None:
    """Called once by each framework's subpackage, at the end of its import."""
    loaded = LOADED[framework] = Loaded(namespace, hooks)
    for callback in _waiting.pop(framework, []):
        callback(loaded)


def when_loaded(framework: str, callback: Callable[[Loaded], None]) -> None:
    """``callback(loaded)`` once ``framework`` is loaded: now, if it is already."""
    loaded = LOADED.get(framework)
    if loaded is not None:
        callback(loaded)
    else:
        _waiting.setdefault(framework, []).append(callback)
