"""EagerPy's module path of :class:`JAXTensor` (defined in ``eagerlite.backends.jax``)."""

from ..backends.jax import JAXTensor

__all__ = ["JAXTensor"]
