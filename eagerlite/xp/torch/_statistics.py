"""PyTorch's reductions, statistics and cumulative functions, to the standard: ``axis``
(an int, a tuple or None, with torch's ``dim=()`` meaning none), ``keepdims``, the
standard's dtypes (a float mean of integers, as NumPy) and NumPy's errors for reductions
without an identity over nothing."""

from __future__ import annotations

from typing import Any

import torch

from ..._core.checks import check_nonempty


def _axes(axis: Any) -> Any:
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def _reduction(fn: Any, name: str, with_dtype: bool = False) -> Any:
    def call(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
        if with_dtype and dtype is not None:
            x = x.to(dtype)  # (and the result too: torch sums int8 to int64)
        if axis is None:
            out = fn(x)
            if keepdims:
                out = out.reshape((1,) * x.ndim)
        elif type(axis) is int:
            out = fn(x, axis, keepdims)  # (positional: torch parses these faster)
        elif axis:
            out = fn(x, tuple(axis), keepdims)
        else:  # over no axis: the values, typed as reduced (torch's dim=() means all)
            out = fn(x.unsqueeze(-1), -1)
        return out if dtype is None or not with_dtype else out.to(dtype)

    call.__name__ = call.__qualname__ = name
    return call


def _without_dtype(fn: Any) -> Any:
    def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        return fn(x, axis=axis, keepdims=keepdims)

    call.__name__ = call.__qualname__ = fn.__name__
    return call


def _prod(x: Any, dim: Any = None, keepdim: bool = False) -> Any:
    if dim is None or isinstance(dim, int):
        return torch.prod(x) if dim is None else torch.prod(x, dim, keepdim)
    for a in sorted((a % x.ndim for a in dim), reverse=True):  # torch: one dim at a time
        x = torch.prod(x, a, keepdim)
    return x


def _mean(x: Any, *args: Any) -> Any:
    if not (x.is_floating_point() or x.is_complex()):  # as NumPy: a float mean
        x = x.to(torch.get_default_dtype())
    return torch.mean(x, *args)


def _statistic(fn: Any) -> Any:
    def call(
        x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False
    ) -> Any:
        axis = _axes(axis)
        if axis == ():  # one value per statistic: its deviation is 0 (NaN for NaN)
            return fn(x[None], dim=0, correction=correction)
        return fn(x, dim=axis, correction=correction, keepdim=keepdims)

    call.__name__ = call.__qualname__ = fn.__name__
    return call


def _as_bool(fn: Any) -> Any:  # (torch's all and any of uint8 give uint8)
    def call(x: Any, *args: Any) -> Any:
        return fn(x if x.dtype is not torch.uint8 else x != 0, *args)

    return call


def countable(raw: Any) -> Any:
    """Bools as uint8, for the torch kernels that take no bools (argmax, topk)."""
    return raw.to(torch.uint8) if raw.dtype == torch.bool else raw


def _arg_extreme(fn: Any, name: str) -> Any:
    def call(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
        try:
            if axis is None:
                out = fn(countable(x).reshape(-1), dim=0)
                return out.reshape((1,) * x.ndim) if keepdims else out
            return fn(countable(x), dim=axis, keepdim=keepdims)
        except (IndexError, RuntimeError):
            check_nonempty(name, x.shape, axis)  # NumPy's error, not torch's
            raise

    call.__name__ = call.__qualname__ = name
    return call


def _nonempty(fn: Any, name: str, error_name: str) -> Any:
    def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
        try:
            return fn(x, axis=axis, keepdims=keepdims)
        except (IndexError, RuntimeError):
            check_nonempty(error_name, x.shape, axis)  # NumPy's error, not torch's
            raise

    call.__name__ = call.__qualname__ = name
    return call


def _cumulative(fn: Any, initial: int, name: str) -> Any:
    def call(
        x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
    ) -> Any:
        if axis is None:
            if x.ndim > 1:
                raise ValueError(f"axis is required for a {x.ndim}-D array")
            axis = 0
        out = fn(x, dim=axis, dtype=dtype)
        if include_initial:
            shape = list(out.shape)
            shape[axis] = 1
            start = torch.full(shape, initial, dtype=out.dtype, device=out.device)
            out = torch.cat([start, out], dim=axis)
        return out

    call.__name__ = call.__qualname__ = name
    return call


functions: dict[str, Any] = {
    "sum": _reduction(torch.sum, "sum", with_dtype=True),
    "prod": _reduction(_prod, "prod", with_dtype=True),
    "mean": _without_dtype(_reduction(_mean, "mean")),
    "max": _nonempty(_reduction(torch.amax, "max"), "max", "maximum"),
    "min": _nonempty(_reduction(torch.amin, "min"), "min", "minimum"),
    "std": _statistic(torch.std),
    "var": _statistic(torch.var),
    "all": _without_dtype(_reduction(_as_bool(torch.all), "all")),
    "any": _without_dtype(_reduction(_as_bool(torch.any), "any")),
    "argmax": _arg_extreme(torch.argmax, "argmax"),
    "argmin": _arg_extreme(torch.argmin, "argmin"),
    "cumulative_sum": _cumulative(torch.cumsum, 0, "cumulative_sum"),
    "cumulative_prod": _cumulative(torch.cumprod, 1, "cumulative_prod"),
}
