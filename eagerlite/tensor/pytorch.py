"""EagerPy's module path of ``PyTorchTensor`` (defined in ``eagerlite.backends.pytorch``)."""

from ..backends.pytorch import PyTorchTensor

__all__ = ["PyTorchTensor"]
