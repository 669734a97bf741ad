"""One module per framework, each defining its Tensor class.

Importing a backend module imports no framework: the class exists first (so that
``isinstance(x, TensorFlowTensor)`` and EagerPy's ``from eagerpy.tensor import ...``
work without TensorFlow), and its module's ``bind()`` imports the framework and
finishes the class the first time a tensor of that framework is seen.  ``bind()`` runs
as a side effect of importing ``_load.<backend>``: ``torch.compile`` executes import
statements for real while it traces, so a first tensor may appear inside compiled code.
"""

from .jax import JAXTensor
from .numpy import NumPyTensor
from .pytorch import PyTorchTensor
from .tensorflow import TensorFlowTensor

__all__ = ["JAXTensor", "NumPyTensor", "PyTorchTensor", "TensorFlowTensor"]
