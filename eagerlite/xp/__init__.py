"""Layer 2, the namespaces: one subpackage per framework (``numpy``, ``torch``, ``jax``,
``tensorflow``), the only code that calls into the framework; and the parts they share.

Each subpackage, imported the first time its framework is needed (through
``eagerlite._core.registry``), assembles its framework's *native* namespace of the Python
Array API standard (2025.12) and of the functions beyond it, and a ``hooks`` module: what
the framework's Tensor class needs beyond the namespace (devices, values, indexing,
random numbers, autodiff, conversion).  Shared, written once: the standard's names
(``_names``), result types and the info object (``_common``), promotion
(``_promotion``), complex special values (``_complex``), functions beyond the standard
over any namespace (``_beyond``), functional updates (``_at``), NumPy and JAX's common
part (``_numpylike``), the namespace object (``_namespace``) and its static type
(``_protocol``: ``ArrayNamespace[A]``).
"""

from __future__ import annotations

from ._namespace import Namespace, missing
from ._protocol import ArrayNamespace, FFTNamespace, LinalgNamespace

__all__ = ["ArrayNamespace", "FFTNamespace", "LinalgNamespace", "Namespace", "missing"]
