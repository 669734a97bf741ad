"""PyTorch's native namespace: the standard's functions on ``torch.Tensor``.

torch's own function is used unchanged wherever it conforms (most elementwise
functions); the rest translate the standard's signature (``axis``, ``keepdims``,
``correction`` ...) to torch's, and fill the gaps: Python scalars on either side of a
binary function, reductions over several axes, the set functions, ``eye`` with ``k``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from . import _names
from ._common import (
    CAPABILITIES,
    FInfo,
    IInfo,
    Info,
    check_nonempty,
    complex_fixes,
    complex_special_values,
    floor_divide_of,
    in_kind,
)
from ._namespace import Namespace, make_namespace
from ._promotion import result_type_of

# standard name -> torch's, for the functions that conform as they are
_SAME = (
    "abs acos acosh asin asinh atan atanh ceil conj cos cosh exp expm1 floor imag isfinite "
    "isinf isnan log log1p log2 log10 logical_not negative positive real reciprocal "
    "sign signbit sin sinh square sqrt tan tanh trunc moveaxis tile"
).split()
_RENAMED = {"bitwise_invert": "bitwise_not", "broadcast_arrays": "broadcast_tensors"}
_BINARY = {n: n for n in _names.BINARY} | {"equal": "eq"}  # (torch.equal: a Python bool)
# torch's functions whose Python scalar on the right already is the standard's weak scalar
_WEAK_RIGHT = frozenset(
    "add subtract multiply divide equal not_equal greater greater_equal less less_equal "
    "bitwise_and bitwise_or bitwise_xor bitwise_left_shift bitwise_right_shift".split()
)
_PYTHON_SCALARS = frozenset({int, float, bool, complex})


def build() -> Namespace:
    """The native PyTorch namespace (imports torch)."""
    import torch

    Tensor = torch.Tensor  # noqa: N806

    def _scalar(value: Any, like: Any) -> Any:
        """A Python scalar as a tensor of the array's dtype where its kind fits (weak, as
        the standard says: ``float16_tensor * 0.2`` stays float16), else torch's default
        for it.  (Decided in Python: torch.result_type would break a torch.compile graph.)"""
        kind = type(value)
        floating = like.is_floating_point() or like.is_complex()
        fits = (
            (kind is bool and like.dtype == torch.bool)
            or (kind is int and like.dtype != torch.bool)
            or (kind is float and floating)
            or (kind is complex and like.is_complex())
        )
        return torch.as_tensor(value, dtype=like.dtype if fits else None, device=like.device)

    def promoted(x1: Any, x2: Any) -> tuple[Any, Any]:
        """Two tensors in the standard's common dtype where torch would not use it: torch
        lets a 0-d tensor take the other's dtype (``int64 0-d + uint8`` is uint8), and its
        linear algebra takes one dtype only."""
        if x1.dtype is not x2.dtype:
            common = torch.promote_types(x1.dtype, x2.dtype)
            return x1.to(common), x2.to(common)
        return x1, x2

    def _binary(fn: Any) -> Any:
        def call(x1: Any, x2: Any, /) -> Any:
            if not isinstance(x1, Tensor):
                x1 = _scalar(x1, x2)
            elif not isinstance(x2, Tensor):
                x2 = _scalar(x2, x1)
            elif x1.dtype is not x2.dtype and (x1.ndim == 0 or x2.ndim == 0):
                x1, x2 = promoted(x1, x2)
            return fn(x1, x2)

        call.__name__ = call.__qualname__ = fn.__name__
        return call

    def _scalar_right(fn: Any) -> Any:
        """As ``_binary``, but a Python scalar on the right goes to torch as it is: for
        these functions torch treats it as the standard's weak scalar (checked for every
        dtype), and skipping the tensor for it halves the cost of ``xp.add(x, 1.0)``."""
        general = _binary(fn)

        def call(x1: Any, x2: Any, /) -> Any:
            if type(x2) in _PYTHON_SCALARS and isinstance(x1, Tensor):
                return fn(x1, x2)
            return general(x1, x2)

        call.__name__ = call.__qualname__ = fn.__name__
        return call

    main: dict[str, Any] = {n: getattr(torch, n) for n in _SAME}
    main["broadcast_to"] = lambda x, /, shape: torch.broadcast_to(x, shape)
    main |= {n: getattr(torch, t) for n, t in _RENAMED.items()}
    main |= {
        n: (_scalar_right if n in _WEAK_RIGHT else _binary)(getattr(torch, t))
        for n, t in _BINARY.items()
    }
    main |= {n: getattr(torch, n) for n in _names.DTYPES}

    def sign(x: Any, /) -> Any:
        if x.is_complex():
            return torch.sgn(x)
        out = torch.sign(x)  # (torch's sign of NaN is 0)
        return torch.where(torch.isnan(x), x, out) if x.is_floating_point() else out

    def remainder(x1: Any, x2: Any, /) -> Any:
        out = _binary(torch.remainder)(x1, x2)
        if out.is_floating_point():  # a zero takes the divisor's sign, as in Python
            out = torch.where(out == 0, torch.copysign(torch.zeros_like(out), x2), out)
        return out

    floor_divide = _binary(floor_divide_of(torch, lambda out: out.is_floating_point()))

    def imag(x: Any, /) -> Any:  # (torch: only of complex tensors; NumPy: zeros of a real one)
        return torch.imag(x) if x.is_complex() else torch.zeros_like(x)

    def round(x: Any, /) -> Any:  # (torch rounds no complex: each part)
        if x.is_complex():
            return torch.complex(torch.round(x.real), torch.round(x.imag))
        return torch.round(x)

    main |= {"sign": sign, "remainder": remainder, "floor_divide": floor_divide, "imag": imag}
    main["_promoted"] = promoted  # (the Tensor operators promote by it too)
    main["round"] = round
    main |= complex_fixes(torch, lambda x: x.is_complex(), torch.complex)
    # (torch's complex tanh at infinities: the standard's 1 + 0j, not NaN)
    main["tanh"] = complex_special_values(torch, lambda x: x.is_complex(), torch.complex)["tanh"]
    main |= {"e": math.e, "inf": math.inf, "nan": math.nan, "pi": math.pi, "newaxis": None}

    def _axes(axis: Any) -> Any:
        return tuple(axis) if isinstance(axis, (list, tuple)) else axis

    def _reduction(fn: Any, with_dtype: bool = False) -> Any:
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

        return call

    def _without_dtype(fn: Any) -> Any:
        def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
            return fn(x, axis=axis, keepdims=keepdims)

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

        return call

    def _as_bool(fn: Any) -> Any:  # (torch's all and any of uint8 give uint8)
        def call(x: Any, *args: Any) -> Any:
            return fn(x if x.dtype is not torch.uint8 else x != 0, *args)

        return call

    def _arg_extreme(fn: Any) -> Any:
        def call(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
            try:
                if axis is None:
                    out = fn(x.reshape(-1), dim=0)
                    return out.reshape((1,) * x.ndim) if keepdims else out
                return fn(x, dim=axis, keepdim=keepdims)
            except (IndexError, RuntimeError):
                check_nonempty(fn.__name__, x.shape, axis)  # NumPy's error, not torch's
                raise

        return call

    def _nonempty(fn: Any, name: str) -> Any:
        def call(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
            try:
                return fn(x, axis=axis, keepdims=keepdims)
            except (IndexError, RuntimeError):
                check_nonempty(name, x.shape, axis)  # NumPy's error, not torch's
                raise

        return call

    main |= {
        "sum": _reduction(torch.sum, with_dtype=True),
        "prod": _reduction(_prod, with_dtype=True),
        "mean": _without_dtype(_reduction(_mean)),
        "max": _nonempty(_reduction(torch.amax), "maximum"),
        "min": _nonempty(_reduction(torch.amin), "minimum"),
        "std": _statistic(torch.std),
        "var": _statistic(torch.var),
        "all": _without_dtype(_reduction(_as_bool(torch.all))),
        "any": _without_dtype(_reduction(_as_bool(torch.any))),
        "argmax": _arg_extreme(torch.argmax),
        "argmin": _arg_extreme(torch.argmin),
    }

    def _cumulative(fn: Any, initial: int) -> Any:
        def call(
            x: Any,
            /,
            *,
            axis: int | None = None,
            dtype: Any = None,
            include_initial: bool = False,
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

        return call

    main["cumulative_sum"] = _cumulative(torch.cumsum, 0)
    main["cumulative_prod"] = _cumulative(torch.cumprod, 1)

    # ----------------------------------------------------------------- creation
    def arange(
        start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
    ) -> Any:
        if stop is None:
            start, stop = 0, start
        if (stop - start) * step <= 0 if step else True:
            return torch.empty(0, dtype=dtype or _range_dtype(start, stop, step), device=device)
        return torch.arange(start, stop, step, dtype=dtype, device=device)

    def _range_dtype(*values: Any) -> Any:
        return torch.get_default_dtype() if any(type(v) is float for v in values) else torch.int64

    def asarray(
        obj: Any, /, *, dtype: Any = None, device: Any = None, copy: bool | None = None
    ) -> Any:
        return torch.asarray(obj, dtype=dtype, device=device, copy=copy)

    def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
        return torch.empty(shape, dtype=dtype, device=device)

    def _like(fn: Any) -> Any:
        def call(x: Any, /, *, dtype: Any = None, device: Any = None) -> Any:
            return fn(x, dtype=dtype, device=device)

        return call

    def _filled(fn: Any) -> Any:
        def call(shape: Any, *, dtype: Any = None, device: Any = None) -> Any:
            return fn(shape, dtype=dtype, device=device)

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

    main |= {
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

    # --------------------------------------------------------------- data types
    # (torch's uint16, uint32 and uint64 lack most operations: not listed as supported)
    dtypes = {
        n: getattr(torch, n) for n in _names.DTYPES if n not in ("uint16", "uint32", "uint64")
    }
    names = {getattr(torch, n): n for n in (*_names.DTYPES, "float16", "bfloat16")}

    def _dtype(x: Any) -> Any:
        return x if isinstance(x, torch.dtype) else x.dtype

    def astype(x: Any, dtype: Any, /, *, copy: bool = True, device: Any = None) -> Any:
        return x.to(dtype=dtype, device=device, copy=copy)

    def isdtype(dtype: Any, kind: Any) -> bool:
        return in_kind(names.get(dtype, ""), dtype, kind)

    def result_type(*arrays_and_dtypes: Any) -> Any:
        return result_type_of(arrays_and_dtypes, names, _dtype, torch.promote_types)

    def can_cast(from_: Any, to: Any, /) -> bool:
        return bool(result_type(_dtype(from_), to) == to)

    def finfo(type: Any, /) -> FInfo:
        dtype = _dtype(type)
        real = {torch.complex64: torch.float32, torch.complex128: torch.float64}.get(dtype, dtype)
        info = torch.finfo(real)
        return FInfo(info.bits, info.eps, info.max, info.min, info.smallest_normal, real)

    def iinfo(type: Any, /) -> IInfo:
        dtype = _dtype(type)
        info = torch.iinfo(dtype)
        return IInfo(info.bits, info.max, info.min, dtype)

    def clip(x: Any, /, min: Any = None, max: Any = None) -> Any:
        if min is None and max is None:
            return x.clone()
        if isinstance(min, Tensor) != isinstance(max, Tensor) and None not in (min, max):
            # (torch's clamp takes two tensors or two numbers, not one of each)
            min, max = (b if isinstance(b, Tensor) else _scalar(b, x) for b in (min, max))
        out = torch.clamp(x, min, max)
        return out if out.dtype == x.dtype else out.to(x.dtype)  # (no op when dtypes agree)

    main |= {
        "astype": astype,
        "isdtype": isdtype,
        "result_type": result_type,
        "can_cast": can_cast,
        "finfo": finfo,
        "iinfo": iinfo,
        "clip": clip,
    }
    from . import _torch_more

    more_main, linalg, fft = _torch_more.functions(torch, _binary, promoted)
    main |= more_main

    def devices() -> Sequence[Any]:
        found = [torch.device("cpu")]
        if torch.cuda.is_available():
            found += [torch.device("cuda", i) for i in range(torch.cuda.device_count())]
        return found

    def defaults() -> dict[str, Any]:
        real = torch.get_default_dtype()
        complex_ = torch.complex128 if real == torch.float64 else torch.complex64
        return {
            "real floating": real,
            "complex floating": complex_,
            "integral": torch.int64,
            "indexing": torch.int64,
        }

    info = Info(
        dtypes,
        devices=devices,
        default_device=lambda: torch.get_default_device(),
        defaults=defaults(),
        capabilities=CAPABILITIES,
    )
    main["__array_namespace_info__"] = lambda: info
    return make_namespace(
        "eagerlite.xp.torch",
        main,
        linalg=linalg,
        fft=fft,
        array_types=(torch.Tensor,),
        framework="torch",
    )
