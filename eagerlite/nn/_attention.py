"""``dropout`` (keyed, as eagerlite's random numbers), ``embedding`` and
``scaled_dot_product_attention``, ``torch.nn.functional``'s signatures."""

from __future__ import annotations

import math
from typing import Any

from .._core.dtypes import is_kind, name_of
from ..tensor.tensor import TensorType
from . import _checks


def dropout(
    input: TensorType, p: float = 0.5, training: bool = True, *, key: Any = None
) -> TensorType:
    """Each element zeroed with probability ``p``, the rest scaled by ``1 / (1 - p)``
    (``training=False``: ``input`` itself). ``key``: as ``ep.uniform``'s (an int seed, a
    JAX key, a TensorFlow seed tensor): the same key drops the same elements, also inside
    compiled functions; without one, the framework's global generator."""
    x = _checks.tensor("dropout", input)
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 <= p <= 1.0:
        raise ValueError(f"nn.dropout: p must be a probability in [0, 1], got {p!r}")
    if not training or p == 0.0:
        return x
    if p == 1.0:
        return x.zeros_like()
    keep = x.uniform(x.shape, key=key) >= p
    return keep.where(x / (1.0 - p), 0.0)


def embedding(input: TensorType, weight: TensorType, padding_idx: int | None = None) -> TensorType:
    """The rows of ``weight`` ``(num_embeddings, dim)`` at the integer indices ``input``:
    shape ``(*input.shape, dim)``. ``padding_idx``: that row gets no gradient."""
    w = _checks.tensor("embedding", weight, "weight")
    if type(input) is not type(w):
        raise TypeError(
            f"nn.embedding needs the indices as a {type(w).__name__} like the weight, got "
            f"{type(input).__name__}"
        )
    if not is_kind(name_of(input.dtype), "integral"):
        raise TypeError(f"nn.embedding needs integer indices, got {name_of(input.dtype)} ones")
    if w.ndim != 2:
        raise ValueError(
            f"nn.embedding needs a 2-D weight (num_embeddings, dim), got shape {tuple(w.shape)}"
        )
    rows = w.shape[0]
    found = input._hooks.extremes(input.raw)  # (None where the values are not known)
    if found is not None and (found[0] < 0 or found[1] >= rows):
        raise IndexError(
            f"nn.embedding: indices must be in [0, {rows}) for {rows} embeddings, got "
            f"indices from {found[0]} to {found[1]}"
        )
    out = w.take(input.reshape(-1), axis=0).reshape((*input.shape, w.shape[1]))
    if padding_idx is None:
        return out
    if not -rows <= padding_idx < rows:
        raise ValueError(
            f"nn.embedding: padding_idx must be in [-{rows}, {rows}), got {padding_idx}"
        )
    padded = (input == padding_idx % rows).expand_dims(-1)  # type: ignore[comparison-overlap]
    return padded.where(out.stop_gradient(), out)


def scaled_dot_product_attention(
    query: TensorType,
    key: TensorType,
    value: TensorType,
    attn_mask: TensorType | None = None,
    dropout_p: float = 0.0,
    is_causal: bool = False,
    scale: float | None = None,
    *,
    dropout_key: Any = None,
) -> TensorType:
    """``softmax(query @ key.T * scale + mask) @ value`` over ``(..., L, E)`` queries,
    ``(..., S, E)`` keys and ``(..., S, Ev)`` values (``scale``: ``1 / sqrt(E)`` by
    default): ``attn_mask`` boolean (False: left out) or added to the scores;
    ``is_causal``: each query sees the keys up to its own position; ``dropout_p``: the
    attention weights dropped out with ``dropout_key`` (as ``dropout``'s ``key``)."""
    q = _checks.tensor("scaled_dot_product_attention", query, "query")
    _checks.same("scaled_dot_product_attention", q, ("key", key), ("value", value))
    if q.ndim < 2 or key.ndim != q.ndim or value.ndim != q.ndim:
        raise ValueError(
            f"nn.scaled_dot_product_attention needs query, key and value of one rank (>= 2), "
            f"got shapes {tuple(q.shape)}, {tuple(key.shape)}, {tuple(value.shape)}"
        )
    if key.shape[-1] != q.shape[-1] or key.shape[-2] != value.shape[-2]:
        raise ValueError(
            f"nn.scaled_dot_product_attention: query (..., L, E), key (..., S, E) and value "
            f"(..., S, Ev) disagree: {tuple(q.shape)}, {tuple(key.shape)}, {tuple(value.shape)}"
        )
    mask = None
    if attn_mask is not None:
        if type(attn_mask) is not type(q):
            raise TypeError(
                f"nn.scaled_dot_product_attention needs attn_mask as a {type(q).__name__}, "
                f"got {type(attn_mask).__name__}"
            )
        if is_causal:
            raise ValueError(
                "nn.scaled_dot_product_attention takes attn_mask or is_causal, not both"
            )
        mask = attn_mask.raw
    if not 0.0 <= dropout_p < 1.0:
        raise ValueError(
            f"nn.scaled_dot_product_attention: dropout_p must be in [0, 1), got {dropout_p}"
        )
    s = 1.0 / math.sqrt(q.shape[-1]) if scale is None else float(scale)
    kernels = q._ns._nn
    if dropout_p == 0.0:
        return type(q)(kernels.attention(q.raw, key.raw, value.raw, mask, is_causal, s))
    weights = type(q)(kernels.attention_weights(q.raw, key.raw, mask, is_causal, s))
    return dropout(weights, dropout_p, key=dropout_key) @ value
