"""Keyed parameter initialisers, ``torch.nn.init``'s rules (fans of torch's weight layout
``(out, in, *kernel)``, gains): each returns a new Tensor of ``shape`` of the framework,
device and dtype of the floating ``like``, from the random numbers of ``key`` (as
``ep.uniform``'s: an int seed, a JAX key, a TensorFlow seed tensor), so one key gives one
set of parameters, also inside compiled functions.  A parameter pytree is a dict of them::

    params = {
        "w": ep.nn.init.kaiming_uniform(x, (16, 8), key=1, a=math.sqrt(5)),
        "b": ep.nn.init.zeros(x, (16,)),
    }
"""

from __future__ import annotations

import math
from typing import Any

from ..tensor.tensor import TensorType
from ._checks import tensor as _checked

__all__ = [
    "calculate_gain",
    "kaiming_normal",
    "kaiming_uniform",
    "normal",
    "ones",
    "uniform",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]

_LINEAR = (
    "linear",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "sigmoid",
)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The recommended gain for ``nonlinearity`` (``torch.nn.init.calculate_gain``):
    1 for linear layers and sigmoid, 5/3 for tanh, sqrt(2) for relu, ``sqrt(2 / (1 +
    slope ** 2))`` for leaky_relu (``param``: the slope, 0.01 by default), 3/4 for selu."""
    if nonlinearity in _LINEAR:
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3.0
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        if isinstance(slope, bool) or not isinstance(slope, (int, float)):
            raise TypeError(f"calculate_gain: the slope must be a number, got {slope!r}")
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4.0
    raise ValueError(f"calculate_gain: unknown nonlinearity {nonlinearity!r}")


def _like(like: TensorType, what: str) -> TensorType:
    return _checked(f"init.{what}", like, "like")


def _shape(shape: Any) -> tuple[int, ...]:
    dims = (shape,) if isinstance(shape, int) else tuple(shape)
    if not all(isinstance(d, int) and d >= 0 for d in dims):
        raise ValueError(f"init: shape must be non-negative ints, got {shape!r}")
    return dims


def _fans(shape: tuple[int, ...], what: str) -> tuple[int, int]:
    if len(shape) < 2:
        raise ValueError(f"init.{what} needs a shape of 2 or more axes (out, in, ...), got {shape}")
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def _fan(shape: tuple[int, ...], mode: str, what: str) -> int:
    fan_in, fan_out = _fans(shape, what)
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"init.{what}: mode must be 'fan_in' or 'fan_out', got {mode!r}")
    return fan_in if mode == "fan_in" else fan_out


def uniform(
    like: TensorType, shape: Any, *, key: Any, a: float = 0.0, b: float = 1.0
) -> TensorType:
    """Uniform in ``[a, b)``."""
    return _like(like, "uniform").uniform(_shape(shape), a, b, key=key)


def normal(
    like: TensorType, shape: Any, *, key: Any, mean: float = 0.0, std: float = 1.0
) -> TensorType:
    """Normal with ``mean`` and ``std``."""
    return _like(like, "normal").normal(_shape(shape), mean, std, key=key)


def zeros(like: TensorType, shape: Any) -> TensorType:
    """Zeros."""
    return _like(like, "zeros").zeros(_shape(shape))


def ones(like: TensorType, shape: Any) -> TensorType:
    """Ones."""
    return _like(like, "ones").ones(_shape(shape))


def kaiming_uniform(
    like: TensorType,
    shape: Any,
    *,
    key: Any,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
) -> TensorType:
    """He's uniform initialisation: in ``[-bound, bound)``, ``bound = gain * sqrt(3 /
    fan)`` (``torch.nn.Linear`` and the convolutions use ``a=sqrt(5)``)."""
    dims, like = _shape(shape), _like(like, "kaiming_uniform")
    std = calculate_gain(nonlinearity, a) / math.sqrt(_fan(dims, mode, "kaiming_uniform"))
    bound = math.sqrt(3.0) * std
    return like.uniform(dims, -bound, bound, key=key)


def kaiming_normal(
    like: TensorType,
    shape: Any,
    *,
    key: Any,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
) -> TensorType:
    """He's normal initialisation: standard deviation ``gain / sqrt(fan)``."""
    dims, like = _shape(shape), _like(like, "kaiming_normal")
    std = calculate_gain(nonlinearity, a) / math.sqrt(_fan(dims, mode, "kaiming_normal"))
    return like.normal(dims, 0.0, std, key=key)


def xavier_uniform(like: TensorType, shape: Any, *, key: Any, gain: float = 1.0) -> TensorType:
    """Glorot's uniform initialisation: ``bound = gain * sqrt(6 / (fan_in + fan_out))``."""
    dims, like = _shape(shape), _like(like, "xavier_uniform")
    fan_in, fan_out = _fans(dims, "xavier_uniform")
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return like.uniform(dims, -bound, bound, key=key)


def xavier_normal(like: TensorType, shape: Any, *, key: Any, gain: float = 1.0) -> TensorType:
    """Glorot's normal initialisation: standard deviation ``gain * sqrt(2 / (fan_in +
    fan_out))``."""
    dims, like = _shape(shape), _like(like, "xavier_normal")
    fan_in, fan_out = _fans(dims, "xavier_normal")
    return like.normal(dims, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)), key=key)
