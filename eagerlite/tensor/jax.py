"""EagerPy's module path of ``JAXTensor`` (defined in ``eagerlite.backends.jax``)."""

from ..backends.jax import JAXTensor

__all__ = ["JAXTensor"]
