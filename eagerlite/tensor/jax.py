"""``JAXTensor`` wraps ``jax.Array`` and JAX tracers (EagerPy's module path)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .tensor import Tensor

if TYPE_CHECKING:
    import jax
    import numpy as np


class JAXTensor(Tensor["jax.Array"]):
    """A ``jax.Array``; works on tracers too, so it can be used inside ``jax.jit``/``jax.grad``."""

    __slots__ = ()
    framework = "jax"
    raw: jax.Array

    if TYPE_CHECKING:

        @property
        def dtype(self) -> np.dtype[Any]: ...
        @property
        def device(self) -> jax.Device | jax.sharding.Sharding: ...


__all__ = ["JAXTensor"]
