"""Pooling and resizing, ``torch.nn.functional``'s signatures and semantics (``ceil_mode``,
``count_include_pad``, adaptive bins, ``interpolate``'s source coordinates)."""

from __future__ import annotations

import math
from array import array
from typing import Any

from ..tensor.tensor import TensorType
from . import _checks
from ._conv import IntOrTuple, output_sizes


def _pool_pads(
    function: str,
    sizes: tuple[int, ...],
    kernel: tuple[int, ...],
    stride: tuple[int, ...],
    padding: tuple[int, ...],
    dilation: tuple[int, ...],
    ceil_mode: bool,
) -> list[tuple[int, int]]:
    """``(low, high)`` padding: ``padding`` on both sides, and in ``ceil_mode`` what the
    last window (which must start inside the input or its left padding) reaches beyond."""
    pads = []
    for size, k, s, p, d in zip(sizes, kernel, stride, padding, dilation, strict=True):
        if 2 * p > k:
            raise ValueError(
                f"nn.{function}: padding ({p}) must be at most half the kernel size ({k})"
            )
        span = d * (k - 1) + 1
        reach = size + 2 * p - span
        if reach < 0:
            output_sizes(function, sizes, kernel, stride, [(p, p)] * len(sizes), dilation)
        out = (-(-reach // s) if ceil_mode else reach // s) + 1
        if ceil_mode and (out - 1) * s >= size + p:
            out -= 1
        pads.append((p, p + max((out - 1) * s + span - (size + 2 * p), 0)))
    return pads


def _pool_args(
    function: str,
    n: int,
    input: Any,
    kernel_size: Any,
    stride: Any,
    padding: Any,
    dilation: Any,
    data_format: str,
) -> tuple[
    Any, bool, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]
]:
    x = _checks.tensor(function, input)
    last = _checks.layout(function, data_format)
    _, sizes = _checks.spatial(function, x, n, last)
    kernel = _checks.ints(function, "kernel_size", kernel_size, n)
    strides = kernel if stride is None else _checks.ints(function, "stride", stride, n)
    padding_ = _checks.ints(function, "padding", padding, n, low=0)
    dilation_ = _checks.ints(function, "dilation", dilation, n)
    return x, last, sizes, kernel, strides, padding_, dilation_


def _max_pool(
    n: int,
    input: Any,
    kernel_size: Any,
    stride: Any,
    padding: Any,
    dilation: Any,
    ceil_mode: bool,
    data_format: str,
) -> Any:
    name = f"max_pool{n}d"
    x, last, sizes, kernel, strides, padding_, dilation_ = _pool_args(
        name, n, input, kernel_size, stride, padding, dilation, data_format
    )
    pads = _pool_pads(name, sizes, kernel, strides, padding_, dilation_, ceil_mode)
    return type(x)(x._ns._nn.max_pool(x.raw, kernel, strides, pads, dilation_, last))


def _counts(size: int, k: int, s: int, p: int, out: int, include_pad: bool) -> list[int]:
    """How many of each window's places torch's ``avg_pool`` divides by, along one axis."""
    counts = []
    for i in range(out):
        start, end = i * s - p, min(i * s - p + k, size + p)
        if not include_pad:
            start, end = max(start, 0), min(end, size)
        counts.append(end - start)
    return counts


def _avg_pool(
    n: int,
    input: Any,
    kernel_size: Any,
    stride: Any,
    padding: Any,
    ceil_mode: bool,
    count_include_pad: bool,
    divisor_override: int | None,
    data_format: str,
) -> Any:
    name = f"avg_pool{n}d"
    x, last, sizes, kernel, strides, padding_, _ = _pool_args(
        name, n, input, kernel_size, stride, padding, 1, data_format
    )
    pads = _pool_pads(name, sizes, kernel, strides, padding_, (1,) * n, ceil_mode)
    summed = type(x)(x._ns._nn.sum_pool(x.raw, kernel, strides, pads, last))
    if divisor_override is not None:
        (override,) = _checks.ints(name, "divisor_override", divisor_override, 1)
        return summed / override
    outs = summed.shape[1:-1] if last else summed.shape[2:]
    divisor: Any = None
    for axis, (size, k, s, p, out) in enumerate(
        zip(sizes, kernel, strides, padding_, outs, strict=True)
    ):
        counts = _counts(size, k, s, p, out, count_include_pad)
        if len(set(counts)) == 1:  # (the same everywhere: a number)
            c: Any = counts[0]
        else:
            shape = [1] * n
            shape[axis] = out
            c = x.asarray(counts, dtype=x.dtype).reshape(shape)
        divisor = c if divisor is None else divisor * c
    if not isinstance(divisor, int) and last:
        divisor = divisor[..., None]
    return summed / divisor


def max_pool1d(
    input: TensorType,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """The maximum over windows of ``kernel_size`` (default ``stride``: the kernel size) of
    ``input`` ``(N, C, L)`` (channels last: ``(N, L, C)``), padded with ``-inf`` by
    ``padding`` (at most half the kernel) on both sides; ``ceil_mode``: the output rounded
    up, with a last window over what is left."""
    return _max_pool(1, input, kernel_size, stride, padding, dilation, ceil_mode, data_format)  # type: ignore[no-any-return]


def max_pool2d(
    input: TensorType,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """2-D max pooling of ``input`` ``(N, C, H, W)``; the arguments as ``max_pool1d``'s."""
    return _max_pool(2, input, kernel_size, stride, padding, dilation, ceil_mode, data_format)  # type: ignore[no-any-return]


def max_pool3d(
    input: TensorType,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    dilation: IntOrTuple = 1,
    ceil_mode: bool = False,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """3-D max pooling of ``input`` ``(N, C, D, H, W)``; the arguments as ``max_pool1d``'s."""
    return _max_pool(3, input, kernel_size, stride, padding, dilation, ceil_mode, data_format)  # type: ignore[no-any-return]


def avg_pool1d(
    input: TensorType,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """The mean over windows of ``input`` ``(N, C, L)``, padded with zeros by ``padding``;
    ``count_include_pad``: the padding counts in the divisor; ``divisor_override``: this
    divisor instead."""
    return _avg_pool(  # type: ignore[no-any-return]
        1,
        input,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
        data_format,
    )


def avg_pool2d(
    input: TensorType,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """2-D average pooling of ``input`` ``(N, C, H, W)``; the arguments as ``avg_pool1d``'s."""
    return _avg_pool(  # type: ignore[no-any-return]
        2,
        input,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
        data_format,
    )


def avg_pool3d(
    input: TensorType,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None = None,
    padding: IntOrTuple = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """3-D average pooling of ``input`` ``(N, C, D, H, W)``; the arguments as ``avg_pool1d``'s."""
    return _avg_pool(  # type: ignore[no-any-return]
        3,
        input,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
        data_format,
    )


def _bins(size: int, out: int) -> list[tuple[int, int]]:
    """torch's adaptive bins: ``[floor(i * size / out), ceil((i + 1) * size / out))``."""
    return [((i * size) // out, -(-((i + 1) * size) // out)) for i in range(out)]


def _along(x: Any, axis: int, matrix: list[list[float]]) -> Any:
    """``x`` with ``matrix`` (``out x in``) applied along ``axis``."""
    m = x.asarray(matrix, dtype=x.dtype)
    return (x.moveaxis(axis, -1) @ m.T).moveaxis(-1, axis)


def _adaptive(n: int, input: Any, output_size: Any, data_format: str) -> Any:
    name = f"adaptive_avg_pool{n}d"
    x = _checks.tensor(name, input)
    last = _checks.layout(name, data_format)
    _, sizes = _checks.spatial(name, x, n, last)
    if isinstance(output_size, int) or output_size is None:
        output_size = (output_size,) * n
    if not isinstance(output_size, (tuple, list)) or len(output_size) != n:
        raise TypeError(f"nn.{name}: output_size must be an int or {n} ints, got {output_size!r}")
    out = tuple(s if o is None else o for o, s in zip(output_size, sizes, strict=True))
    _checks.ints(name, "output_size", out, n)
    kernel = x._ns._nn.adaptive_avg_pool
    if kernel is not None:
        return type(x)(kernel(x.raw, out, last))
    first = 1 if last else 2
    for axis, (size, o) in enumerate(zip(sizes, out, strict=True)):
        if size == o:
            continue
        matrix = [[0.0] * size for _ in range(o)]
        for i, (start, end) in enumerate(_bins(size, o)):
            matrix[i][start:end] = [1.0 / (end - start)] * (end - start)
        x = _along(x, first + axis, matrix)
    return x


def adaptive_avg_pool1d(
    input: TensorType,
    output_size: int | tuple[int | None, ...] | None,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """The mean over ``output_size`` bins of ``input`` ``(N, C, L)``, bin ``i`` from
    ``floor(i * L / out)`` to ``ceil((i + 1) * L / out)`` (torch's bins)."""
    return _adaptive(1, input, output_size, data_format)  # type: ignore[no-any-return]


def adaptive_avg_pool2d(
    input: TensorType,
    output_size: int | tuple[int | None, ...] | None,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """Adaptive 2-D average pooling of ``input`` ``(N, C, H, W)`` to ``output_size``
    (``None`` in it: that axis kept); bins as ``adaptive_avg_pool1d``'s."""
    return _adaptive(2, input, output_size, data_format)  # type: ignore[no-any-return]


def adaptive_avg_pool3d(
    input: TensorType,
    output_size: int | tuple[int | None, ...] | None,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """Adaptive 3-D average pooling of ``input`` ``(N, C, D, H, W)``; as
    ``adaptive_avg_pool2d``."""
    return _adaptive(3, input, output_size, data_format)  # type: ignore[no-any-return]


_LINEAR_MODES = {"linear": 1, "bilinear": 2, "trilinear": 3}
_MODES = ("nearest", "nearest-exact", *_LINEAR_MODES)


def _f32(v: float) -> float:
    """``v`` rounded to float32 (torch computes nearest neighbours' indices in float32)."""
    return array("f", [v])[0]


def interpolate(
    input: TensorType,
    size: int | tuple[int, ...] | None = None,
    scale_factor: float | tuple[float, ...] | None = None,
    mode: str = "nearest",
    align_corners: bool | None = None,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """``input`` ``(N, C, *spatial)`` resized to ``size`` or by ``scale_factor`` (the output
    ``floor(size * scale_factor)``), as ``torch.nn.functional.interpolate``: ``mode``
    ``"nearest"`` (source ``floor(i * scale)``), ``"nearest-exact"`` (``floor((i + 0.5) *
    scale)``), ``"linear"``/``"bilinear"``/``"trilinear"`` for 1/2/3 spatial axes
    (half-pixel centres; ``align_corners=True``: the corners' centres aligned)."""
    x = _checks.tensor("interpolate", input)
    last = _checks.layout("interpolate", data_format)
    n = x.ndim - 2
    if n not in (1, 2, 3):
        raise ValueError(
            f"nn.interpolate needs a 3-D, 4-D or 5-D input (N, C, *spatial), got shape "
            f"{tuple(x.shape)}"
        )
    _, sizes = _checks.spatial("interpolate", x, n, last)
    if mode not in _MODES:
        raise ValueError(f"nn.interpolate: mode must be one of {_MODES}, got {mode!r}")
    linear = mode in _LINEAR_MODES
    if linear and _LINEAR_MODES[mode] != n:
        raise ValueError(
            f"nn.interpolate: mode {mode!r} needs {_LINEAR_MODES[mode]} spatial axes, got an "
            f"input of shape {tuple(x.shape)}"
        )
    if align_corners is not None and not linear:
        raise ValueError(f"nn.interpolate: align_corners applies to linear modes, not {mode!r}")
    if (size is None) == (scale_factor is None):
        raise ValueError("nn.interpolate needs either size or scale_factor (one of them)")
    if size is not None:
        out = _checks.ints("interpolate", "size", size, n)
        scales = [s / o for s, o in zip(sizes, out, strict=True)]
    else:
        factors = (scale_factor,) * n if isinstance(scale_factor, (int, float)) else scale_factor
        if (
            not isinstance(factors, (tuple, list))
            or len(factors) != n
            or any(not isinstance(f, (int, float)) or f <= 0 for f in factors)
        ):
            raise ValueError(
                f"nn.interpolate: scale_factor must be a positive number or {n} of them, got "
                f"{scale_factor!r}"
            )
        out = tuple(math.floor(s * f) for s, f in zip(sizes, factors, strict=True))
        _checks.ints("interpolate", "the output size", out, n)
        scales = [1.0 / f for f in factors]
    ratio = all(abs(sc - s / o) < 1e-12 for sc, s, o in zip(scales, sizes, out, strict=True))
    kernel = x._ns._nn.resize_linear if linear else x._ns._nn.resize_nearest
    if kernel is not None and ratio and not align_corners and (linear or mode == "nearest"):
        return type(x)(kernel(x.raw, out, last))
    first = 1 if last else 2
    for axis, (size_, o, scale) in enumerate(zip(sizes, out, scales, strict=True)):
        x = _resize_axis(x, first + axis, size_, o, scale, mode, bool(align_corners))
    return x


def _resize_axis(
    x: Any, axis: int, size: int, out: int, scale: float, mode: str, align_corners: bool
) -> Any:
    """``x`` resized along ``axis`` from ``size`` to ``out``: gathered, and interpolated."""
    if mode == "nearest":
        index = [min(math.floor(_f32(i * _f32(scale))), size - 1) for i in range(out)]
        return x.take(x.asarray(index), axis=axis)
    if mode == "nearest-exact":
        index = [min(math.floor((i + 0.5) * scale), size - 1) for i in range(out)]
        return x.take(x.asarray(index), axis=axis)
    if align_corners:
        step = (size - 1) / (out - 1) if out > 1 else 0.0
        source = [i * step for i in range(out)]
    else:
        source = [max((i + 0.5) * scale - 0.5, 0.0) for i in range(out)]
    low = [min(int(s), size - 1) for s in source]
    high = [min(i + 1, size - 1) for i in low]
    weight = [s - i for s, i in zip(source, low, strict=True)]
    shape = [1] * x.ndim
    shape[axis] = out
    w = x.asarray(weight, dtype=x.dtype).reshape(shape)
    a = x.take(x.asarray(low), axis=axis)
    b = x.take(x.asarray(high), axis=axis)
    return a + (b - a) * w
