"""``linear`` and the convolutions, ``torch.nn.functional``'s signatures: weights in
torch's layout (``(out, in / groups, *kernel)``; transposed: ``(in, out / groups,
*kernel)``) whatever the ``data_format`` of the input."""

from __future__ import annotations

import math
from typing import Any

from ..tensor.tensor import TensorType
from . import _checks

Padding = int | tuple[int, ...] | str
IntOrTuple = int | tuple[int, ...]


def linear(input: TensorType, weight: TensorType, bias: TensorType | None = None) -> TensorType:
    """``input @ weight.T + bias``: ``weight`` is ``(out_features, in_features)``, ``bias``
    ``(out_features,)``; ``input`` is ``(*, in_features)``."""
    x = _checks.tensor("linear", input)
    _checks.same("linear", x, ("weight", weight), ("bias", bias))
    if weight.ndim != 2 or (x.ndim and x.shape[-1] != weight.shape[1]):
        raise ValueError(
            f"nn.linear: an input of shape {tuple(x.shape)} needs a weight of shape "
            f"(out_features, {x.shape[-1] if x.ndim else '?'}), got {tuple(weight.shape)}"
        )
    if bias is not None and tuple(bias.shape) != (weight.shape[0],):
        raise ValueError(
            f"nn.linear: bias must have shape ({weight.shape[0]},), got {tuple(bias.shape)}"
        )
    b = None if bias is None else bias.raw
    return type(x)(x._ns._nn.linear(x.raw, weight.raw, b))


def _same_pads(
    sizes: tuple[int, ...], kernel: tuple[int, ...], stride: tuple[int, ...], dilation: Any
) -> list[tuple[int, int]]:
    """``"same"``: the output ``ceil(size / stride)`` long, the extra padding at the end
    (torch's choice for stride 1, TensorFlow's for every stride)."""
    pads = []
    for size, k, s, d in zip(sizes, kernel, stride, dilation, strict=True):
        total = max((math.ceil(size / s) - 1) * s + d * (k - 1) + 1 - size, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def resolve_padding(
    function: str,
    padding: Padding,
    sizes: tuple[int, ...],
    kernel: tuple[int, ...],
    stride: tuple[int, ...],
    dilation: tuple[int, ...],
) -> list[tuple[int, int]]:
    """``padding`` (ints, ``"same"`` or ``"valid"``) as ``(low, high)`` pairs."""
    if padding == "same":
        return _same_pads(sizes, kernel, stride, dilation)
    if padding == "valid":
        return [(0, 0)] * len(sizes)
    if isinstance(padding, str):
        raise ValueError(
            f"nn.{function}: padding must be 'same', 'valid', an int or {len(sizes)} ints, "
            f"got {padding!r}"
        )
    return [(p, p) for p in _checks.ints(function, "padding", padding, len(sizes), low=0)]


def output_sizes(
    function: str,
    sizes: tuple[int, ...],
    kernel: tuple[int, ...],
    stride: tuple[int, ...],
    pads: list[tuple[int, int]],
    dilation: tuple[int, ...],
) -> tuple[int, ...]:
    """The output's spatial sizes; a ValueError where the (dilated) kernel does not fit."""
    out = []
    for size, k, s, (lo, hi), d in zip(sizes, kernel, stride, pads, dilation, strict=True):
        span = d * (k - 1) + 1
        if size + lo + hi < span:
            raise ValueError(
                f"nn.{function}: the kernel (size {k}, dilation {d}: spans {span}) is larger "
                f"than the padded input (size {size} + padding {lo + hi}); input sizes "
                f"{sizes}, kernel {kernel}"
            )
        out.append((size + lo + hi - span) // s + 1)
    return tuple(out)


def _conv(
    n: int,
    input: Any,
    weight: Any,
    bias: Any,
    stride: IntOrTuple,
    padding: Padding,
    dilation: IntOrTuple,
    groups: int,
    data_format: str,
) -> Any:
    name = f"conv{n}d"
    x = _checks.tensor(name, input)
    _checks.same(name, x, ("weight", weight), ("bias", bias))
    last = _checks.layout(name, data_format)
    channels, sizes = _checks.spatial(name, x, n, last)
    (groups,) = _checks.ints(name, "groups", groups, 1)
    if weight.ndim != n + 2:
        raise ValueError(
            f"nn.{name} needs a {n + 2}-D weight (out_channels, in_channels / groups, "
            f"*kernel), got shape {tuple(weight.shape)}"
        )
    out_channels, per_group, *kernel_list = weight.shape
    kernel = tuple(kernel_list)
    if channels % groups or out_channels % groups or per_group * groups != channels:
        raise ValueError(
            f"nn.{name}: an input of {channels} channels in {groups} group(s) needs a weight "
            f"of shape (out_channels divisible by {groups}, {channels // groups or '?'}, "
            f"*kernel), got {tuple(weight.shape)}"
        )
    if bias is not None and tuple(bias.shape) != (out_channels,):
        raise ValueError(f"nn.{name}: bias must have shape ({out_channels},), got {bias.shape}")
    strides = _checks.ints(name, "stride", stride, n)
    dilations = _checks.ints(name, "dilation", dilation, n)
    pads = resolve_padding(name, padding, sizes, kernel, strides, dilations)
    output_sizes(name, sizes, kernel, strides, pads, dilations)
    b = None if bias is None else bias.raw
    y = x._ns._nn.conv(x.raw, weight.raw, b, strides, pads, dilations, groups, last)
    return type(x)(y)


def conv1d(
    input: TensorType,
    weight: TensorType,
    bias: TensorType | None = None,
    stride: IntOrTuple = 1,
    padding: Padding = 0,
    dilation: IntOrTuple = 1,
    groups: int = 1,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """1-D convolution (cross-correlation, as every framework's) of ``input`` ``(N, C, L)``
    (``data_format="channels_last"``: ``(N, L, C)``) with ``weight`` ``(out, C / groups,
    k)``. ``padding``: zeros on both sides, ``"valid"`` (none) or ``"same"`` (output
    ``ceil(L / stride)`` long, the odd one at the end)."""
    return _conv(1, input, weight, bias, stride, padding, dilation, groups, data_format)  # type: ignore[no-any-return]


def conv2d(
    input: TensorType,
    weight: TensorType,
    bias: TensorType | None = None,
    stride: IntOrTuple = 1,
    padding: Padding = 0,
    dilation: IntOrTuple = 1,
    groups: int = 1,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """2-D convolution of ``input`` ``(N, C, H, W)`` (channels last: ``(N, H, W, C)``) with
    ``weight`` ``(out, C / groups, kh, kw)``; the arguments as ``conv1d``'s."""
    return _conv(2, input, weight, bias, stride, padding, dilation, groups, data_format)  # type: ignore[no-any-return]


def conv3d(
    input: TensorType,
    weight: TensorType,
    bias: TensorType | None = None,
    stride: IntOrTuple = 1,
    padding: Padding = 0,
    dilation: IntOrTuple = 1,
    groups: int = 1,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """3-D convolution of ``input`` ``(N, C, D, H, W)`` (channels last: ``(N, D, H, W,
    C)``) with ``weight`` ``(out, C / groups, kd, kh, kw)``; the arguments as ``conv1d``'s."""
    return _conv(3, input, weight, bias, stride, padding, dilation, groups, data_format)  # type: ignore[no-any-return]


def _conv_transpose(
    n: int,
    input: Any,
    weight: Any,
    bias: Any,
    stride: IntOrTuple,
    padding: IntOrTuple,
    output_padding: IntOrTuple,
    groups: int,
    dilation: IntOrTuple,
    data_format: str,
) -> Any:
    name = f"conv_transpose{n}d"
    x = _checks.tensor(name, input)
    _checks.same(name, x, ("weight", weight), ("bias", bias))
    last = _checks.layout(name, data_format)
    channels, sizes = _checks.spatial(name, x, n, last)
    (groups,) = _checks.ints(name, "groups", groups, 1)
    if weight.ndim != n + 2 or weight.shape[0] != channels or channels % groups:
        raise ValueError(
            f"nn.{name}: an input of {channels} channels in {groups} group(s) needs a "
            f"{n + 2}-D weight ({channels}, out_channels / groups, *kernel), got shape "
            f"{tuple(weight.shape)}"
        )
    out_channels = weight.shape[1] * groups
    if bias is not None and tuple(bias.shape) != (out_channels,):
        raise ValueError(f"nn.{name}: bias must have shape ({out_channels},), got {bias.shape}")
    kernel = tuple(weight.shape[2:])
    strides = _checks.ints(name, "stride", stride, n)
    dilations = _checks.ints(name, "dilation", dilation, n)
    pads = _checks.ints(name, "padding", padding, n, low=0)
    extra = _checks.ints(name, "output_padding", output_padding, n, low=0)
    for op, s, d in zip(extra, strides, dilations, strict=True):
        if op >= max(s, d):
            raise ValueError(
                f"nn.{name}: output_padding ({output_padding}) must be smaller than the "
                f"stride ({stride}) or the dilation ({dilation})"
            )
    for size, k, s, p, op, d in zip(sizes, kernel, strides, pads, extra, dilations, strict=True):
        if (size - 1) * s - 2 * p + d * (k - 1) + op + 1 < 1:
            raise ValueError(
                f"nn.{name}: padding {padding} leaves no output for input sizes {sizes}, "
                f"kernel {kernel}, stride {stride}"
            )
    b = None if bias is None else bias.raw
    y = x._ns._nn.conv_transpose(
        x.raw, weight.raw, b, strides, pads, extra, dilations, groups, last
    )
    return type(x)(y)


def conv_transpose1d(
    input: TensorType,
    weight: TensorType,
    bias: TensorType | None = None,
    stride: IntOrTuple = 1,
    padding: IntOrTuple = 0,
    output_padding: IntOrTuple = 0,
    groups: int = 1,
    dilation: IntOrTuple = 1,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """1-D transposed convolution (the gradient of ``conv1d`` with respect to its input)
    of ``input`` ``(N, C, L)`` with ``weight`` ``(C, out / groups, k)``: the output is
    ``(L - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1`` long."""
    return _conv_transpose(  # type: ignore[no-any-return]
        1, input, weight, bias, stride, padding, output_padding, groups, dilation, data_format
    )


def conv_transpose2d(
    input: TensorType,
    weight: TensorType,
    bias: TensorType | None = None,
    stride: IntOrTuple = 1,
    padding: IntOrTuple = 0,
    output_padding: IntOrTuple = 0,
    groups: int = 1,
    dilation: IntOrTuple = 1,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """2-D transposed convolution of ``input`` ``(N, C, H, W)`` with ``weight`` ``(C, out
    / groups, kh, kw)``; the arguments as ``conv_transpose1d``'s."""
    return _conv_transpose(  # type: ignore[no-any-return]
        2, input, weight, bias, stride, padding, output_padding, groups, dilation, data_format
    )


def conv_transpose3d(
    input: TensorType,
    weight: TensorType,
    bias: TensorType | None = None,
    stride: IntOrTuple = 1,
    padding: IntOrTuple = 0,
    output_padding: IntOrTuple = 0,
    groups: int = 1,
    dilation: IntOrTuple = 1,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """3-D transposed convolution of ``input`` ``(N, C, D, H, W)`` with ``weight`` ``(C,
    out / groups, kd, kh, kw)``; the arguments as ``conv_transpose1d``'s."""
    return _conv_transpose(  # type: ignore[no-any-return]
        3, input, weight, bias, stride, padding, output_padding, groups, dilation, data_format
    )
