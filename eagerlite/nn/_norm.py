"""Normalisations, ``torch.nn.functional``'s signatures; ``batch_norm`` returns its running
statistics instead of updating them in place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from .._core.dtypes import name_of
from ..tensor.tensor import TensorType
from . import _checks

T = TypeVar("T")

_EPS = {"float16": 2.0**-10, "bfloat16": 2.0**-7, "float32": 2.0**-23, "float64": 2.0**-52}


class BatchNorm(NamedTuple, Generic[T]):
    """``batch_norm``'s result: the output, and the running mean and variance (updated in
    training, as given otherwise; None where None was given)."""

    output: T
    running_mean: T | None
    running_var: T | None


def _channel_vectors(function: str, x: Any, channels: int, **vectors: Any) -> None:
    for what, v in vectors.items():
        if v is None:
            continue
        _checks.same(function, x, (what, v))
        if tuple(v.shape) != (channels,):
            raise ValueError(
                f"nn.{function}: {what} must have shape ({channels},) for an input of "
                f"{channels} channels, got {tuple(v.shape)}"
            )


def batch_norm(
    input: TensorType,
    running_mean: TensorType | None,
    running_var: TensorType | None,
    weight: TensorType | None = None,
    bias: TensorType | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
    *,
    data_format: str = "channels_first",
) -> BatchNorm[TensorType]:
    """``(x - mean) / sqrt(var + eps) * weight + bias`` per channel of ``input`` ``(N, C,
    *)`` (channels last: ``(N, *, C)``): in training, with the batch's statistics (the
    biased variance), the running ones returned updated as ``(1 - momentum) * running +
    momentum * batch`` (the unbiased variance); otherwise with the running statistics.
    Returns ``BatchNorm(output, running_mean, running_var)``."""
    x = _checks.tensor("batch_norm", input)
    last = _checks.layout("batch_norm", data_format)
    if x.ndim < 2:
        raise ValueError(f"nn.batch_norm needs an input (N, C, *), got shape {tuple(x.shape)}")
    channels = x.shape[-1] if last else x.shape[1]
    _channel_vectors(
        "batch_norm",
        x,
        channels,
        running_mean=running_mean,
        running_var=running_var,
        weight=weight,
        bias=bias,
    )
    if (running_mean is None) != (running_var is None):
        raise ValueError("nn.batch_norm needs both running_mean and running_var, or neither")
    if not 0.0 <= momentum <= 1.0:
        raise ValueError(f"nn.batch_norm: momentum must be in [0, 1], got {momentum}")
    w = None if weight is None else weight.raw
    b = None if bias is None else bias.raw
    kernel = x._ns._nn.batch_norm
    if not training:
        if running_mean is None or running_var is None:
            raise ValueError("nn.batch_norm needs running statistics when not training")
        y = kernel(x.raw, running_mean.raw, running_var.raw, w, b, eps, last)
        return BatchNorm(type(x)(y), running_mean, running_var)
    count = x.size // channels
    if count <= 1:
        raise ValueError(
            f"nn.batch_norm needs more than one value per channel in training, got an input "
            f"of shape {tuple(x.shape)}"
        )
    y = type(x)(x._ns._nn.batch_norm_train(x.raw, w, b, eps, last))
    if running_mean is None or running_var is None:
        return BatchNorm(y, None, None)
    # the running statistics: no gradient flows into them (as torch's buffers)
    axes = tuple(a for a in range(x.ndim) if a != (x.ndim - 1 if last else 1))
    batch = x.stop_gradient()
    mean, var = batch.mean(axis=axes), batch.var(axis=axes)
    new_mean = running_mean * (1.0 - momentum) + mean * momentum
    new_var = running_var * (1.0 - momentum) + var * (momentum * count / (count - 1))
    return BatchNorm(y, new_mean, new_var)


def _normalized(function: str, x: Any, normalized_shape: Any) -> int:
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else normalized_shape
    if not isinstance(shape, Sequence) or not all(isinstance(s, int) for s in shape):
        raise TypeError(
            f"nn.{function}: normalized_shape must be an int or ints, got {normalized_shape!r}"
        )
    n = len(shape)
    if n == 0 or n > x.ndim or tuple(x.shape[x.ndim - n :]) != tuple(shape):
        raise ValueError(
            f"nn.{function}: normalized_shape {tuple(shape)} must be the last axes of the "
            f"input's shape {tuple(x.shape)}"
        )
    return n


def _affine_shapes(function: str, x: Any, n: int, **params: Any) -> None:
    for what, p in params.items():
        if p is None:
            continue
        _checks.same(function, x, (what, p))
        if tuple(p.shape) != tuple(x.shape[x.ndim - n :]):
            raise ValueError(
                f"nn.{function}: {what} must have the normalized shape "
                f"{tuple(x.shape[x.ndim - n :])}, got {tuple(p.shape)}"
            )


def layer_norm(
    input: TensorType,
    normalized_shape: int | Sequence[int],
    weight: TensorType | None = None,
    bias: TensorType | None = None,
    eps: float = 1e-5,
) -> TensorType:
    """``(x - mean) / sqrt(var + eps) * weight + bias`` over the last axes of ``input``
    (``normalized_shape``: their sizes), the variance biased."""
    x = _checks.tensor("layer_norm", input)
    n = _normalized("layer_norm", x, normalized_shape)
    _affine_shapes("layer_norm", x, n, weight=weight, bias=bias)
    w = None if weight is None else weight.raw
    b = None if bias is None else bias.raw
    return type(x)(x._ns._nn.layer_norm(x.raw, n, w, b, eps))


def rms_norm(
    input: TensorType,
    normalized_shape: int | Sequence[int],
    weight: TensorType | None = None,
    eps: float | None = None,
) -> TensorType:
    """``x / sqrt(mean(x ** 2) + eps) * weight`` over the last axes of ``input``
    (``eps=None``: the machine epsilon of the input's dtype, as torch)."""
    x = _checks.tensor("rms_norm", input)
    n = _normalized("rms_norm", x, normalized_shape)
    _affine_shapes("rms_norm", x, n, weight=weight)
    e = _EPS.get(str(name_of(x.dtype)), 2.0**-23) if eps is None else eps
    w = None if weight is None else weight.raw
    return type(x)(x._ns._nn.rms_norm(x.raw, n, w, e))


def group_norm(
    input: TensorType,
    num_groups: int,
    weight: TensorType | None = None,
    bias: TensorType | None = None,
    eps: float = 1e-5,
    *,
    data_format: str = "channels_first",
) -> TensorType:
    """``input`` ``(N, C, *)`` normalised over each of ``num_groups`` groups of channels
    (and the other axes), then ``* weight + bias`` per channel."""
    x = _checks.tensor("group_norm", input)
    last = _checks.layout("group_norm", data_format)
    if x.ndim < 2:
        raise ValueError(f"nn.group_norm needs an input (N, C, *), got shape {tuple(x.shape)}")
    channels = x.shape[-1] if last else x.shape[1]
    (groups,) = _checks.ints("group_norm", "num_groups", num_groups, 1)
    if channels % groups:
        raise ValueError(f"nn.group_norm: {channels} channels cannot be split into {groups} groups")
    _channel_vectors("group_norm", x, channels, weight=weight, bias=bias)
    w = None if weight is None else weight.raw
    b = None if bias is None else bias.raw
    return type(x)(x._ns._nn.group_norm(x.raw, groups, w, b, eps, last))
