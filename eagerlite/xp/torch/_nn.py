"""PyTorch's kernels of ``ep.nn``: ``torch.nn.functional`` (channels-first; a
channels-last ``x`` is viewed as channels-first, which torch's kernels take as it is)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
from torch.nn import functional as nnf

_CONV = {1: nnf.conv1d, 2: nnf.conv2d, 3: nnf.conv3d}
_CONV_T = {1: nnf.conv_transpose1d, 2: nnf.conv_transpose2d, 3: nnf.conv_transpose3d}
_MAX = {1: nnf.max_pool1d, 2: nnf.max_pool2d, 3: nnf.max_pool3d}
_AVG = {2: nnf.avg_pool2d, 3: nnf.avg_pool3d}
_ADAPTIVE: dict[int, Callable[..., Any]] = {
    1: nnf.adaptive_avg_pool1d,
    2: nnf.adaptive_avg_pool2d,
    3: nnf.adaptive_avg_pool3d,
}
_LINEAR = {1: "linear", 2: "bilinear", 3: "trilinear"}


def _first(x: Any, last: bool) -> Any:
    return torch.movedim(x, -1, 1) if last else x


def _back(y: Any, last: bool) -> Any:
    return torch.movedim(y, 1, -1) if last else y


def _flat(pads: Any) -> list[int]:
    """``(low, high)`` pairs per axis as ``nnf.pad`` takes them (last axis first)."""
    return [p for pair in reversed(pads) for p in pair]


def conv(
    x: Any, w: Any, b: Any, stride: Any, pads: Any, dilation: Any, groups: int, last: bool
) -> Any:
    x = _first(x, last)
    if all(lo == hi for lo, hi in pads):
        padding = tuple(lo for lo, _ in pads)
    else:
        x, padding = nnf.pad(x, _flat(pads)), (0,) * len(pads)
    y = _CONV[w.ndim - 2](x, w, b, stride, padding, dilation, groups)
    return _back(y, last)


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
    fn = _CONV_T[w.ndim - 2]
    y = fn(_first(x, last), w, b, stride, padding, output_padding, groups, dilation)
    return _back(y, last)


def max_pool(x: Any, window: Any, stride: Any, pads: Any, dilation: Any, last: bool) -> Any:
    x = _first(x, last)
    if all(lo == hi and 2 * lo <= k for (lo, hi), k in zip(pads, window, strict=True)):
        padding = tuple(lo for lo, _ in pads)  # (torch pads with -inf itself)
    else:
        x, padding = nnf.pad(x, _flat(pads), value=-math.inf), (0,) * len(pads)
    return _back(_MAX[len(window)](x, window, stride, padding, dilation), last)


def sum_pool(x: Any, window: Any, stride: Any, pads: Any, last: bool) -> Any:
    x = _first(x, last)
    if any(p for pair in pads for p in pair):
        x = nnf.pad(x, _flat(pads))
    if len(window) == 1:  # (avg_pool1d takes no divisor)
        return _back(nnf.avg_pool1d(x, window, stride) * window[0], last)
    return _back(_AVG[len(window)](x, window, stride, divisor_override=1), last)


def resize_linear(x: Any, size: Any, last: bool) -> Any:
    y = nnf.interpolate(_first(x, last), size=list(size), mode=_LINEAR[len(size)])
    return _back(y, last)


def resize_nearest(x: Any, size: Any, last: bool) -> Any:
    return _back(nnf.interpolate(_first(x, last), size=list(size), mode="nearest"), last)


def adaptive_avg_pool(x: Any, size: Any, last: bool) -> Any:
    return _back(_ADAPTIVE[len(size)](_first(x, last), list(size)), last)


def layer_norm(x: Any, n: int, w: Any, b: Any, eps: float) -> Any:
    return nnf.layer_norm(x, x.shape[x.ndim - n :], w, b, eps)


def rms_norm(x: Any, n: int, w: Any, eps: float) -> Any:
    return nnf.rms_norm(x, x.shape[x.ndim - n :], w, eps)


def group_norm(x: Any, groups: int, w: Any, b: Any, eps: float, last: bool) -> Any:
    return _back(nnf.group_norm(_first(x, last), groups, w, b, eps), last)


def batch_norm(x: Any, mean: Any, var: Any, w: Any, b: Any, eps: float, last: bool) -> Any:
    y = nnf.batch_norm(_first(x, last), mean, var, w, b, False, 0.0, eps)
    return _back(y, last)


def batch_norm_train(x: Any, w: Any, b: Any, eps: float, last: bool) -> Any:
    y = nnf.batch_norm(_first(x, last), None, None, w, b, True, 0.0, eps)
    return _back(y, last)


def attention(q: Any, k: Any, v: Any, mask: Any, causal: bool, scale: float) -> Any:
    return nnf.scaled_dot_product_attention(
        q, k, v, attn_mask=mask, dropout_p=0.0, is_causal=causal, scale=scale
    )


def linear(x: Any, w: Any, b: Any) -> Any:
    return nnf.linear(x, w, b)


own_nn: dict[str, Any] = {
    "conv": conv,
    "conv_transpose": conv_transpose,
    "max_pool": max_pool,
    "sum_pool": sum_pool,
    "resize_linear": resize_linear,
    "resize_nearest": resize_nearest,
    "adaptive_avg_pool": adaptive_avg_pool,
    "layer_norm": layer_norm,
    "rms_norm": rms_norm,
    "group_norm": group_norm,
    "batch_norm": batch_norm,
    "batch_norm_train": batch_norm_train,
    "attention": attention,
    "linear": linear,
    "gelu": lambda x, approximate: nnf.gelu(x, approximate="tanh" if approximate else "none"),
    "silu": nnf.silu,
    "elu": lambda x, alpha: nnf.elu(x, alpha),
    "selu": nnf.selu,
    "leaky_relu": lambda x, slope: nnf.leaky_relu(x, slope),
    "hardtanh": lambda x, low, high: nnf.hardtanh(x, low, high),
    "relu6": nnf.relu6,
    "mish": nnf.mish,
}
