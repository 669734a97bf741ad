"""TensorFlow's functions beyond the standard (its own kernels where they behave as NumPy's
functions do) and its functional indexed updates (``at``)."""

from __future__ import annotations

from typing import Any

import tensorflow as tf

from ..._core.checks import axes_of, check_pad
from .._at import check_op
from ._base import cast
from ._indexing import getitem


def logsumexp(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    return tf.reduce_logsumexp(x, axis=axes_of(axis, x.shape.rank), keepdims=keepdims)


def softmax(x: Any, /, *, axis: int = -1) -> Any:
    return tf.nn.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int = -1) -> Any:
    return tf.nn.log_softmax(x, axis=axis)


def topk(x: Any, k: int, /, *, sorted: bool = True) -> tuple[Any, Any]:
    """The ``k`` largest values along the last axis, and their indices (int64)."""
    counted = tf.cast(x, tf.int8) if x.dtype is tf.bool else x  # (no bool kernel)
    values, indices = tf.math.top_k(counted, k, sorted=sorted)
    return tf.cast(values, x.dtype), tf.cast(indices, tf.int64)


def pad(x: Any, pad_width: Any, /, mode: str = "constant", *, constant_values: Any = 0) -> Any:
    """``x`` padded by ``(before, after)`` per axis, with ``constant_values`` or reflected."""
    check_pad(x.shape.rank, pad_width, mode)
    if mode == "constant":
        return tf.pad(x, pad_width, "CONSTANT", constant_values=cast(constant_values, x.dtype))
    shape = x.shape.as_list()
    if 0 in shape:  # (TF's MirrorPad refuses length-0 axes; the result is empty too)
        for axis, (n, pads) in enumerate(zip(shape, pad_width, strict=True)):
            if n == 0 and any(pads):
                raise ValueError(f"can't extend empty axis {axis} using mode 'reflect'")
        padded = [(n or 0) + sum(pads) for n, pads in zip(shape, pad_width, strict=True)]
        return tf.zeros(padded, x.dtype)
    return tf.pad(x, pad_width, "REFLECT")


def crossentropy(logits: Any, labels: Any, /) -> Any:
    """Per-sample cross-entropy of 2-D ``logits`` with integer class ``labels`` (TF's kernel)."""
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)


own_beyond: dict[str, Any] = {
    "_crossentropy": crossentropy,
    "logsumexp": logsumexp,
    "sigmoid": tf.math.sigmoid,
    "log_sigmoid": tf.math.log_sigmoid,
    "relu": tf.nn.relu,
    "softplus": tf.math.softplus,
    "erf": tf.math.erf,
    "softmax": softmax,
    "log_softmax": log_softmax,
    "topk": topk,
    "pad": pad,
}

_SCATTER = {
    "set": tf.tensor_scatter_nd_update,
    "add": tf.tensor_scatter_nd_add,
    "min": tf.tensor_scatter_nd_min,
    "max": tf.tensor_scatter_nd_max,
}


def update(x: Any, index: Any, values: Any, op: str) -> Any:
    """``x`` with ``op`` applied at ``index`` (a new tensor, on ``x``'s device; every
    repeated position counts)."""
    check_op(op)
    with tf.device(x.device):  # new tensors on x's device
        # (int32 shapes and positions where they fit: tf.vectorized_map joins them to its
        # int32 batch indices, and cannot join int64 ones)
        shape = tf.shape(x)
        small = (x.shape.num_elements() or 2**31) < 2**31
        n = tf.size(x, tf.int32 if small else tf.int64)
        positions = getitem(tf.reshape(tf.range(n), shape), index)
        new = tf.broadcast_to(cast(values, x.dtype), tf.shape(positions))
        flat, where = tf.reshape(x, [-1]), tf.reshape(positions, [-1])
        if op == "multiply":
            factors = tf.math.unsorted_segment_prod(tf.reshape(new, [-1]), where, n)
            out = flat * factors
        else:
            out = _SCATTER[op](flat, where[:, None], tf.reshape(new, [-1]))
        return tf.reshape(out, shape)
