"""NumPy's kernels of ``ep.nn``: windows as strided views of the input
(``sliding_window_view``), contracted with ``einsum`` (convolutions) or reduced (pools);
a transposed convolution is the convolution of the input dilated with zeros."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .._namespace import Namespace
from .._nn import transposed_as_conv, transposed_pads

namespace: Namespace | None = None  # (set by the package: the namespace of these kernels)


def _ns() -> Namespace:
    assert namespace is not None  # (set when the namespace is made, before any call)
    return namespace


def _first(x: Any, last: bool) -> Any:
    return np.moveaxis(x, -1, 1) if last else x


def _back(y: Any, last: bool) -> Any:
    return np.moveaxis(y, 1, -1) if last else y


def _pad(x: Any, pads: Any, value: float = 0.0) -> Any:
    """``x`` (channels first) padded by ``(low, high)`` per spatial axis; negative: cropped."""
    if not any(p for pair in pads for p in pair):
        return x
    grow = [(0, 0), (0, 0), *((max(lo, 0), max(hi, 0)) for lo, hi in pads)]
    x = np.pad(x, grow, constant_values=value)
    crop = tuple(slice(-min(lo, 0), x.shape[2 + i] + min(hi, 0)) for i, (lo, hi) in enumerate(pads))
    return x[(slice(None), slice(None), *crop)]


def _windows(x: Any, window: Any, stride: Any, dilation: Any) -> Any:
    """The windows of ``x`` (channels first): ``(N, C, *out, *window)``, a strided view."""
    n = len(window)
    span = [d * (k - 1) + 1 for k, d in zip(window, dilation, strict=True)]
    views = sliding_window_view(x, span, axis=tuple(range(2, 2 + n)))
    steps = (*(slice(None, None, s) for s in stride), *(slice(None, None, d) for d in dilation))
    return views[(slice(None), slice(None), *steps)]


def conv(
    x: Any, w: Any, b: Any, stride: Any, pads: Any, dilation: Any, groups: int, last: bool
) -> Any:
    n = w.ndim - 2
    win = _windows(_pad(_first(x, last), pads), w.shape[2:], stride, dilation)
    batch, channels, *out = win.shape[: 2 + n]
    win = win.reshape(batch, groups, channels // groups, *win.shape[2:])
    wg = w.reshape(groups, w.shape[0] // groups, *w.shape[1:])
    o, k = "ABC"[:n], "DEF"[:n]
    y = np.einsum(f"zgc{o}{k},gfc{k}->zgf{o}", win, wg, optimize=True)
    y = y.reshape(batch, w.shape[0], *out)
    if b is not None:
        y = y + b.reshape(-1, *(1,) * n)
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
    x = _first(x, last)
    spread = np.zeros(
        (*x.shape[:2], *((size - 1) * s + 1 for size, s in zip(x.shape[2:], stride, strict=True))),
        dtype=np.result_type(x, w),
    )
    spread[(slice(None), slice(None), *(slice(None, None, s) for s in stride))] = x
    pads = transposed_pads(w.shape, padding, output_padding, dilation)
    y = conv(
        spread,
        transposed_as_conv(w, groups, _ns()),
        b,
        (1,) * len(stride),
        pads,
        dilation,
        groups,
        False,
    )
    return _back(y, last)


def max_pool(x: Any, window: Any, stride: Any, pads: Any, dilation: Any, last: bool) -> Any:
    win = _windows(_pad(_first(x, last), pads, -math.inf), window, stride, dilation)
    return _back(win.max(axis=tuple(range(-len(window), 0))), last)


def sum_pool(x: Any, window: Any, stride: Any, pads: Any, last: bool) -> Any:
    win = _windows(_pad(_first(x, last), pads), window, stride, (1,) * len(window))
    return _back(win.sum(axis=tuple(range(-len(window), 0))), last)


own_nn: dict[str, Any] = {
    "conv": conv,
    "conv_transpose": conv_transpose,
    "max_pool": max_pool,
    "sum_pool": sum_pool,
}
