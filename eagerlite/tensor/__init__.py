"""The Tensor classes, at EagerPy's module paths (``from eagerlite.tensor import PyTorchTensor``).

Importing them imports no framework: a backend class is bound to its framework the first
time one of its tensors is seen, and ``isinstance(x, TensorFlowTensor)`` is simply
``False`` where TensorFlow is not installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .tensor import Tensor, TensorOrScalar, TensorType, istensor

if TYPE_CHECKING:
    from ..backends.jax import JAXTensor
    from ..backends.numpy import NumPyTensor
    from ..backends.pytorch import PyTorchTensor
    from ..backends.tensorflow import TensorFlowTensor


def __getattr__(name: str) -> Any:
    # (looked up here, not imported above: the backend modules import .tensor themselves)
    if name in _BACKENDS:
        from .. import backends

        return getattr(backends, name)
    raise AttributeError(f"module 'eagerlite.tensor' has no attribute {name!r}")


_BACKENDS = ("JAXTensor", "NumPyTensor", "PyTorchTensor", "TensorFlowTensor")

__all__ = [
    "JAXTensor",
    "NumPyTensor",
    "PyTorchTensor",
    "Tensor",
    "TensorFlowTensor",
    "TensorOrScalar",
    "TensorType",
    "istensor",
]
