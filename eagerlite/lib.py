"""Functions written once on top of the Tensor API (EagerPy's ``eagerpy.lib``; a face)."""

from __future__ import annotations

from .framework import _tensor
from .tensor.tensor import TensorType


def kl_div_with_logits(
    logits_p: TensorType, logits_q: TensorType, axis: int = -1, keepdims: bool = False
) -> TensorType:
    """KL divergence ``KL(p || q)`` of the distributions ``softmax(logits_*)`` along ``axis``."""
    log_p = _tensor(logits_p, "kl_div_with_logits").log_softmax(axis=axis)
    log_q = logits_q.log_softmax(axis=axis)
    return (log_p.exp() * (log_p - log_q)).sum(axis=axis, keepdims=keepdims)


__all__ = ["kl_div_with_logits"]
