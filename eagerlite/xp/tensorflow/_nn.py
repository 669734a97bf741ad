"""TensorFlow's kernels of ``ep.nn``: ``tf.nn.convolution``, ``tf.nn.conv_transpose`` and
``tf.nn.pool`` (channels last, TensorFlow's layout on every device; channels-first input is
transposed), and ``tf.nn``'s activations.

Where a kernel lacks an option on the CPU, an exact rewrite calls it: a strided dilated
convolution or pool is the stride-1 one, subsampled; a dilated transposed convolution
takes the kernel with the zeros inserted; a grouped one is one call per group.
"""

from __future__ import annotations

import math
from typing import Any

import tensorflow as tf


def _last(x: Any, last: bool) -> Any:
    return x if last else tf.transpose(x, (0, *range(2, x.ndim), 1))


def _back(y: Any, last: bool) -> Any:
    return y if last else tf.transpose(y, (0, y.ndim - 1, *range(1, y.ndim - 1)))


def _pad(x: Any, pads: Any, value: float = 0.0) -> Any:
    if not any(p for pair in pads for p in pair):
        return x
    return tf.pad(x, [(0, 0), *pads, (0, 0)], constant_values=value)


def _subsample(y: Any, stride: Any) -> Any:
    return y[(slice(None), *(slice(None, None, s) for s in stride))]


def _strided(call: Any, x: Any, stride: Any, dilation: Any) -> Any:
    """``call(x, strides, dilations)``; with strides and dilations both past 1 (which TF's
    kernels refuse), the stride-1 result subsampled."""
    if any(s > 1 for s in stride) and any(d > 1 for d in dilation):
        return _subsample(call(x, (1,) * len(stride), tuple(dilation)), stride)
    return call(x, tuple(stride), tuple(dilation))


def _filters(w: Any) -> Any:
    """torch's ``(out, in, *k)`` weight as TF's ``(*k, in, out)`` filters."""
    return tf.transpose(w, (*range(2, w.ndim), 1, 0))


def conv(
    x: Any, w: Any, b: Any, stride: Any, pads: Any, dilation: Any, groups: int, last: bool
) -> Any:
    filters = _filters(w)

    def call(x: Any, strides: Any, dilations: Any) -> Any:
        if groups > 1 and (w.ndim == 5 or "GPU" not in x.device):
            # (one call per group: Conv3D takes no groups; on the CPU no gradient of grouped)
            xs, fs = tf.split(x, groups, axis=-1), tf.split(filters, groups, axis=-1)
            return tf.concat(
                [call_one(*pair, strides, dilations) for pair in zip(xs, fs, strict=True)], -1
            )
        return call_one(x, filters, strides, dilations)

    def call_one(x: Any, filters: Any, strides: Any, dilations: Any) -> Any:
        if filters.ndim == 5:  # (tf.nn.convolution's Conv3D has no gradient in eager mode,
            # and the CPU's no dilation: the kernel spread with zeros)
            spread = _dilated(filters, dilations)
            return tf.nn.conv3d(x, spread, (1, *strides, 1), "VALID", "NDHWC")
        return tf.nn.convolution(x, filters, strides, "VALID", dilations=dilations)

    y = _strided(call, _pad(_last(x, last), pads), stride, dilation)
    return _back(y if b is None else y + b, last)


def _dilated(w: Any, dilation: Any) -> Any:
    """The kernel ``w`` (``(*k, ...)``) with ``d - 1`` zeros between its taps on each axis."""
    for axis, d in enumerate(dilation):
        if d > 1:
            k = w.shape[axis]
            spread = tf.stack([w, *([tf.zeros_like(w)] * (d - 1))], axis=axis + 1)
            shape = [*w.shape[:axis], k * d, *w.shape[axis + 1 :]]
            w = tf.reshape(spread, shape)[(slice(None),) * axis + (slice(0, d * (k - 1) + 1),)]
    return w


def conv_transpose(
    x: Any,
    w: Any,
    b: Any,
    stride: Any,
    padding: Any,
    output_padding: Any,
    dilation: Any,
    groups: int,
    last: bool,
) -> Any:
    x = _last(x, last)
    n = w.ndim - 2
    # torch's (in, out / g, *k) as TF's (*k, out / g, in), its taps spread by the dilation
    filters = _dilated(tf.transpose(w, (*range(2, w.ndim), 1, 0)), dilation)
    span = filters.shape[:n]
    full = [(size - 1) * s + k for size, s, k in zip(x.shape[1:-1], stride, span, strict=True)]

    def one(x: Any, f: Any) -> Any:
        shape = tf.stack([tf.shape(x)[0], *full, f.shape[-2]])  # (the batch may be unknown)
        return tf.nn.conv_transpose(x, f, shape, tuple(stride), "VALID")

    if groups == 1:
        y = one(x, filters)
    else:
        xs = tf.split(x, groups, axis=-1)
        fs = tf.split(filters, groups, axis=-1)
        y = tf.concat([one(xg, fg) for xg, fg in zip(xs, fs, strict=True)], axis=-1)
    # (beyond the full output nothing reaches: output_padding adds zeros at the end)
    y = _pad(y, [(0, op) for op in output_padding])
    crop = tuple(slice(p, y.shape[1 + i] - p) for i, p in enumerate(padding))
    y = y[(slice(None), *crop)]
    return _back(y if b is None else y + b, last)


def _pool(x: Any, kind: str, window: Any, stride: Any, dilation: Any) -> Any:
    """``tf.nn.pool`` of the padded ``x`` (channels last), where the kernels refuse an
    option, rewritten exactly: 3-D float64 (no CPU kernel) as a 2-D pool of each depth
    slice, then a pool along the depth; strides past the window or with dilation as the
    stride-1 pool, subsampled."""
    n = len(window)
    if n == 3 and x.dtype == tf.float64:
        depth, height, width, channels = x.shape[1:]
        y = _pool(
            tf.reshape(x, (-1, height, width, channels)), kind, window[1:], stride[1:], dilation[1:]
        )
        plane = y.shape[1:3]
        y = tf.reshape(y, (-1, depth, plane[0] * plane[1], channels))
        y = _pool(y, kind, (window[0], 1), (stride[0], 1), (dilation[0], 1))
        return tf.reshape(y, (-1, y.shape[1], *plane, channels))
    subsampled = any(d > 1 for d in dilation) or any(
        s > k for s, k in zip(stride, window, strict=True)
    )
    if subsampled and any(s > 1 for s in stride):
        return _subsample(_pool(x, kind, window, (1,) * n, dilation), stride)
    return tf.nn.pool(
        x, tuple(window), kind, strides=tuple(stride), padding="VALID", dilations=tuple(dilation)
    )


def max_pool(x: Any, window: Any, stride: Any, pads: Any, dilation: Any, last: bool) -> Any:
    y = _pool(_pad(_last(x, last), pads, -math.inf), "MAX", window, stride, dilation)
    return _back(y, last)


def sum_pool(x: Any, window: Any, stride: Any, pads: Any, last: bool) -> Any:
    y = _pool(_pad(_last(x, last), pads), "AVG", window, stride, (1,) * len(window))
    return _back(y * math.prod(window), last)


def elu(x: Any, alpha: float) -> Any:
    if alpha == 1.0:
        return tf.nn.elu(x)
    return tf.where(x > 0, x, alpha * tf.math.expm1(tf.minimum(x, 0)))


def _exact(x: Any) -> bool:
    """float64: TF's activation kernels take float32 constants (1e-8 off): written out."""
    return bool(x.dtype == tf.float64)


def gelu(x: Any, approximate: bool) -> Any:
    if not _exact(x):
        return tf.nn.gelu(x, approximate=approximate)
    if approximate:
        inner = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1.0 + tf.tanh(inner))
    return 0.5 * x * (1.0 + tf.math.erf(x / math.sqrt(2.0)))


def leaky_relu(x: Any, slope: float) -> Any:
    if not _exact(x):
        return tf.nn.leaky_relu(x, slope)
    return tf.where(x > 0, x, x * slope)


own_nn: dict[str, Any] = {
    "conv": conv,
    "conv_transpose": conv_transpose,
    "max_pool": max_pool,
    "sum_pool": sum_pool,
    "gelu": gelu,
    "silu": tf.nn.silu,
    "elu": elu,
    "selu": tf.nn.selu,
    "leaky_relu": leaky_relu,
    "relu6": tf.nn.relu6,
}
