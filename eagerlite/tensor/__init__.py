"""Layer 3, the Tensor: ``Tensor`` and the class of each framework, at EagerPy's module paths
(``from eagerlite.tensor import PyTorchTensor``).

Importing them imports no framework: a framework's class is bound to it the first time
one of its tensors is seen, and ``isinstance(x, TensorFlowTensor)`` is simply ``False``
where TensorFlow is not installed.
"""

from __future__ import annotations

from .jax import JAXTensor
from .numpy import NumPyTensor
from .pytorch import PyTorchTensor
from .tensor import Tensor, TensorOrScalar, TensorType, istensor
from .tensorflow import TensorFlowTensor

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
