"""The argument checks every ``ep.nn`` function shares: Tensors of one framework, floating
input, ``torch.nn.functional``'s int-or-tuple arguments, the layout, the reductions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from .._core import registry
from .._core.dtypes import is_kind, name_of
from .._core.errors import not_a_tensor_error
from ..tensor._wrapper import TENSOR_CLASSES

T = TypeVar("T")

LAYOUTS = ("channels_first", "channels_last")
REDUCTIONS = ("none", "mean", "sum")


def tensor(function: str, x: T, what: str = "input") -> T:
    """``x``, checked to be an eagerlite Tensor of floating point."""
    if type(x) not in TENSOR_CLASSES:
        native = registry.framework_of(type(x)) is not None
        raise not_a_tensor_error(f"nn.{function}", x, native)
    name = name_of(x.dtype)  # type: ignore[attr-defined]
    if not is_kind(name, "real floating"):
        raise TypeError(f"nn.{function} needs a floating-point {what}, got dtype {name}")
    return x


def same(function: str, x: Any, *others: tuple[str, Any]) -> None:
    """Each ``(name, t)`` of ``others`` (None: absent) is a floating Tensor of ``x``'s class."""
    for what, t in others:
        if t is None:
            continue
        if type(t) is not type(x):
            raise TypeError(
                f"nn.{function} needs {what} as a {type(x).__name__} like the input, got "
                f"{type(t).__name__}"
            )
        tensor(function, t, what)


def ints(function: str, what: str, value: Any, n: int, low: int = 1) -> tuple[int, ...]:
    """An int or a sequence of ``n`` ints (each ``>= low``), as a tuple of ``n``."""
    values = (value,) * n if isinstance(value, int) else value
    if (
        not isinstance(values, Sequence)
        or len(values) != n
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    ):
        raise TypeError(f"nn.{function}: {what} must be an int or {n} ints, got {value!r}")
    if any(v < low for v in values):
        raise ValueError(f"nn.{function}: {what} must be >= {low}, got {value!r}")
    return tuple(values)


def layout(function: str, data_format: str) -> bool:
    """``data_format`` checked; True for channels last."""
    if data_format not in LAYOUTS:
        raise ValueError(
            f"nn.{function}: data_format must be 'channels_first' or 'channels_last', got "
            f"{data_format!r}"
        )
    return data_format == "channels_last"


def spatial(function: str, x: Any, n: int, last: bool) -> tuple[int, tuple[int, ...]]:
    """``x`` of rank ``n + 2`` (batch, channels, ``n`` spatial axes): its channels and sizes."""
    if x.ndim != n + 2:
        layout = f"(N, {'L, ' if n == 1 else 'H, W, ' if n == 2 else 'D, H, W, '}C)"
        if not last:
            layout = f"(N, C, {'L' if n == 1 else 'H, W' if n == 2 else 'D, H, W'})"
        raise ValueError(
            f"nn.{function} needs a {n + 2}-D input {layout}, got shape {tuple(x.shape)}"
        )
    shape = tuple(x.shape)
    if last:
        return shape[-1], shape[1:-1]
    return shape[1], shape[2:]


def reduced(function: str, loss: Any, reduction: str) -> Any:
    """``loss`` reduced as ``reduction`` says."""
    if reduction == "none":
        return loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    raise ValueError(f"nn.{function}: reduction must be one of {REDUCTIONS}, got {reduction!r}")
