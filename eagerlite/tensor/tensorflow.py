"""EagerPy's module path of ``TensorFlowTensor`` (defined in ``eagerlite.backends``)."""

from ..backends.tensorflow import TensorFlowTensor

__all__ = ["TensorFlowTensor"]
