"""EagerPy's module path of ``NumPyTensor`` (defined in ``eagerlite.backends.numpy``)."""

from ..backends.numpy import NumPyTensor

__all__ = ["NumPyTensor"]
