"""JAX's kernels of ``ep.nn``: ``jax.lax.conv_general_dilated`` (any layout, a transposed
convolution as the convolution of the dilated input, as ``jax.lax.conv_transpose``),
``jax.lax.reduce_window``, ``jax.image.resize`` and ``jax.nn``'s activations."""

from __future__ import annotations

import itertools
import math
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .._namespace import Namespace
from .._nn import attention_over, transposed_as_conv, transposed_pads

namespace: Namespace | None = None  # (set by the package: the namespace of these kernels)

_SPATIAL = {1: "H", 2: "HW", 3: "DHW"}


def _ns() -> Namespace:
    assert namespace is not None  # (set when the namespace is made, before any call)
    return namespace


def _numbers(n: int, last: bool) -> tuple[str, str, str]:
    s = _SPATIAL[n]
    data = f"N{s}C" if last else f"NC{s}"
    return data, f"OI{s}", data


def _bias(y: Any, b: Any, last: bool) -> Any:
    if b is None:
        return y
    return y + (b if last else jnp.reshape(b, (-1,) + (1,) * (y.ndim - 2)))


def conv(
    x: Any, w: Any, b: Any, stride: Any, pads: Any, dilation: Any, groups: int, last: bool
) -> Any:
    y = lax.conv_general_dilated(
        x,
        w,
        window_strides=tuple(stride),
        padding=tuple(pads),
        rhs_dilation=tuple(dilation),
        dimension_numbers=_numbers(w.ndim - 2, last),
        feature_group_count=groups,
    )
    return _bias(y, b, last)


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
    y = lax.conv_general_dilated(
        x,
        transposed_as_conv(w, groups, _ns()),
        window_strides=(1,) * (w.ndim - 2),
        padding=transposed_pads(w.shape, padding, output_padding, dilation),
        lhs_dilation=tuple(stride),
        rhs_dilation=tuple(dilation),
        dimension_numbers=_numbers(w.ndim - 2, last),
        feature_group_count=groups,
    )
    return _bias(y, b, last)


def _window(x: Any, values: Any, fill: int, last: bool) -> tuple[int, ...]:
    """Per-axis window values for ``x``'s rank: ``fill`` on the batch and channel axes."""
    return (fill, *values, fill) if last else (fill, fill, *values)


def _window_pads(pads: Any, last: bool) -> tuple[tuple[int, int], ...]:
    none = (0, 0)
    return (none, *pads, none) if last else (none, none, *pads)


def _dilated_max(x: Any, window: Any, stride: Any, pads: Any, dilation: Any, last: bool) -> Any:
    """The max over the taps of dilated windows, each tap a strided slice (JAX has no
    gradient of ``reduce_window``'s max with window dilation)."""
    config = [(lo, hi, 0) for lo, hi in _window_pads(pads, last)]
    x = lax.pad(x, np.array(-math.inf, x.dtype), config)
    first = 1 if last else 2
    sizes = x.shape[first : first + len(window)]
    outs = [
        (n - d * (k - 1) - 1) // s + 1
        for n, k, s, d in zip(sizes, window, stride, dilation, strict=True)
    ]
    found = None
    for taps in itertools.product(*(range(k) for k in window)):
        start = [0] * x.ndim
        limit = list(x.shape)
        steps = [1] * x.ndim
        for axis, (t, d, s, o) in enumerate(zip(taps, dilation, stride, outs, strict=True)):
            start[first + axis] = t * d
            limit[first + axis] = t * d + (o - 1) * s + 1
            steps[first + axis] = s
        tap = lax.slice(x, start, limit, steps)
        found = tap if found is None else jnp.maximum(found, tap)
    return found


def max_pool(x: Any, window: Any, stride: Any, pads: Any, dilation: Any, last: bool) -> Any:
    if any(d > 1 for d in dilation):
        return _dilated_max(x, window, stride, pads, dilation, last)
    return lax.reduce_window(
        x,
        np.array(-math.inf, x.dtype),  # (a constant: reduce_window's max gradient)
        lax.max,
        _window(x, window, 1, last),
        _window(x, stride, 1, last),
        _window_pads(pads, last),
        window_dilation=_window(x, dilation, 1, last),
    )


def sum_pool(x: Any, window: Any, stride: Any, pads: Any, last: bool) -> Any:
    return lax.reduce_window(
        x,
        np.array(0, x.dtype),
        lax.add,
        _window(x, window, 1, last),
        _window(x, stride, 1, last),
        _window_pads(pads, last),
    )


def resize_linear(x: Any, size: Any, last: bool) -> Any:
    shape = (*x.shape[:1], *size, x.shape[-1]) if last else (*x.shape[:2], *size)
    return jax.image.resize(x, shape, method="linear", antialias=False)


def attention(q: Any, k: Any, v: Any, mask: Any, causal: bool, scale: float) -> Any:
    if (
        q.ndim != 4
        or v.shape[-1] != q.shape[-1]
        or q.dtype == jnp.float64  # (jax.nn's softmax runs in float32: 1e-7 off)
        or (mask is not None and mask.dtype != jnp.bool_)
    ):
        # (jax.nn's kernel: 4-D, values as wide as the queries, boolean masks, float32 or
        # narrower; the generic one otherwise)
        return attention_over(_ns(), q, k, v, mask, causal, scale)
    heads_last = (0, 2, 1, 3)  # (torch's (batch, heads, length, dim) is JAX's BTNH)
    y = jax.nn.dot_product_attention(
        jnp.transpose(q, heads_last),
        jnp.transpose(k, heads_last),
        jnp.transpose(v, heads_last),
        mask=mask,
        scale=scale,
        is_causal=causal,
    )
    return jnp.transpose(y, heads_last)


own_nn: dict[str, Any] = {
    "conv": conv,
    "conv_transpose": conv_transpose,
    "max_pool": max_pool,
    "sum_pool": sum_pool,
    "resize_linear": resize_linear,
    "attention": attention,
    "gelu": lambda x, approximate: jax.nn.gelu(x, approximate=approximate),
    "silu": jax.nn.silu,
    "elu": lambda x, alpha: jax.nn.elu(x, alpha),
    "selu": jax.nn.selu,
    "leaky_relu": lambda x, slope: jax.nn.leaky_relu(x, slope),
    "relu6": jax.nn.relu6,
    "mish": jax.nn.mish,
}
