"""PyTorch's creation functions, to the standard (``eye`` with any ``k``, empty ranges,
``linspace`` without its endpoint, complex defaults); NumPy arrays are taken as torch can
hold them (copied where torch cannot view their memory or must not write to it)."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> Any:
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if (stop - start) * step <= 0 if step else True:
        return torch.empty(0, dtype=dtype or _range_dtype(start, stop, step), device=device)
    return torch.arange(start, stop, step, dtype=dtype, device=device)


def _range_dtype(*values: Any) -> Any:
    return torch.get_default_dtype() if any(type(v) is float for v in values) else torch.int64


def asarray(obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None) -> Any:
    if isinstance(obj, np.ndarray) and not copy:
        # torch views no negative strides and writes what it views: those, and read-only
        # memory, are copied (C order)
        if any(s < 0 for s in obj.strides) or not obj.flags.writeable:
            if copy is False:
                raise ValueError("asarray(copy=False) cannot share this NumPy array's memory")
            obj = np.array(obj, order="C")
    return torch.asarray(obj, dtype=dtype, device=device, copy=copy)


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
    return torch.empty(shape, dtype=dtype, device=device)


def _like(fn: Any) -> Any:
    def call(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
        return fn(x, dtype=dtype, device=device)

    call.__name__ = call.__qualname__ = fn.__name__
    return call


def _filled(fn: Any) -> Any:
    def call(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
        return fn(shape, dtype=dtype, device=device)

    call.__name__ = call.__qualname__ = fn.__name__
    return call


def eye(
    n_rows: int,
    n_cols: int | None = None,
    /,
    *,
    k: int = 0,
    dtype: Any = None,
    device: Any = None,
) -> Any:
    n_cols = n_rows if n_cols is None else n_cols
    k = max(-n_rows, min(k, n_cols))  # (a diagonal past the matrix: no ones, any k)
    rows = torch.arange(n_rows, device=device)[:, None]
    on = torch.arange(n_cols, device=device)[None, :] - rows == k
    return on.to(dtype or torch.get_default_dtype())


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    if isinstance(shape, int):
        shape = (shape,)
    return torch.full(shape, fill_value, dtype=dtype, device=device)


def full_like(x: Any, /, fill_value: Any, *, dtype: Any = None, device: Any = None) -> Any:
    return torch.full_like(x, fill_value, dtype=dtype, device=device)


def linspace(
    start: Any,
    stop: Any,
    /,
    num: int,
    *,
    dtype: Any = None,
    device: Any = None,
    endpoint: bool = True,
) -> Any:
    if dtype is None and (isinstance(start, complex) or isinstance(stop, complex)):
        wide = torch.get_default_dtype() == torch.float64
        dtype = torch.complex128 if wide else torch.complex64
    if not endpoint:
        return torch.linspace(start, stop, num + 1, dtype=dtype, device=device)[:-1]
    return torch.linspace(start, stop, num, dtype=dtype, device=device)


def meshgrid(*arrays: Any, indexing: str = "xy") -> Any:
    return torch.meshgrid(*arrays, indexing=indexing)


def tril(x: Any, /, *, k: int = 0) -> Any:
    return torch.tril(x, diagonal=k)


def triu(x: Any, /, *, k: int = 0) -> Any:
    return torch.triu(x, diagonal=k)


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
    out = torch.utils.dlpack.from_dlpack(x)
    if device is not None:
        out = out.to(device)
    return out.clone() if copy else out


functions: dict[str, Any] = {
    "arange": arange,
    "asarray": asarray,
    "empty": empty,
    "empty_like": _like(torch.empty_like),
    "eye": eye,
    "from_dlpack": from_dlpack,
    "full": full,
    "full_like": full_like,
    "linspace": linspace,
    "meshgrid": meshgrid,
    "ones": _filled(torch.ones),
    "ones_like": _like(torch.ones_like),
    "zeros": _filled(torch.zeros),
    "zeros_like": _like(torch.zeros_like),
    "tril": tril,
    "triu": triu,
}
