"""What the bridges (``ep.bridge``) share with each framework's part of them: the shapes
and dtypes of tensors (``Spec``), the live bridged functions by number, one lock.

A framework's subpackage implements its side of a bridge in ``_bridge.py``: the *source*
side (run a function of that framework and its vector-Jacobian product: ``run_vjp``,
``infer``) and the *caller* side (a differentiable op of that framework that calls a
function of another: ``call``).  Both work through the ``Call`` object of the bridge
(``eagerlite.bridges``), which converts tensors between the two frameworks.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from typing import Any, NamedTuple

LOCK = threading.RLock()  # for what a bridge creates once: its Calls, its custom ops
BRIDGES: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()  # by number


class Spec(NamedTuple):
    """The shape and dtype (a NumPy-style name such as ``"float32"``) of a tensor."""

    shape: tuple[int, ...]
    dtype: str


def dtype_name(x: Any) -> str:
    dtype = x.dtype
    name = getattr(dtype, "name", None)  # NumPy, JAX and TF dtypes
    return str(name) if name is not None else str(dtype).rpartition(".")[2]


def spec_of(x: Any) -> Spec:
    return Spec(tuple(int(d) for d in x.shape), dtype_name(x))


def is_float(dtype: str) -> bool:
    return dtype.startswith(("float", "bfloat", "complex"))


def scatter(values: Iterable[Any], mask: Iterable[bool]) -> list[Any]:
    """``values`` at the places where ``mask`` is true, ``None`` elsewhere."""
    it = iter(values)
    return [next(it) if m else None for m in mask]
